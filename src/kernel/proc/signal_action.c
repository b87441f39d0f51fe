/*
 * The disposition table (spec/signals.md SIG-010..019): rt_sigaction's rules,
 * fork and exec, handler entry, and the SIGCHLD flags of a parent.
 */
#include <stdbool.h>
#include <stddef.h>

#include <aegis/errno.h>

#include "core/kstring.h"
#include "proc/signal_action.h"
#include "proc/signal_default.h"
#include "proc/signal_set.h"

void signal_actions_init(signal_actions_t *actions)
{
	kmemset(actions, 0, sizeof(*actions));
}

void signal_actions_fork(signal_actions_t *dst, const signal_actions_t *src)
{
	kmemcpy(dst, src, sizeof(*dst));
}

void signal_actions_exec(signal_actions_t *actions)
{
	for (size_t i = 0; i < AEGIS_NSIG; i++) {
		aegis_kernel_sigaction_t *a = &actions->act[i];
		if (a->handler != AEGIS_SIG_IGN)
			a->handler = AEGIS_SIG_DFL;
		a->flags = 0;
		a->restorer = 0;
		a->mask = SIGNAL_SET_EMPTY;
	}
}

const aegis_kernel_sigaction_t *signal_action_get(const signal_actions_t *actions, int sig)
{
	if (!signal_is_valid(sig))
		return NULL;
	return &actions->act[sig - 1];
}

static bool signal_handler_ignores(uint64_t handler, int sig)
{
	return handler == AEGIS_SIG_IGN || (handler == AEGIS_SIG_DFL && signal_default_ignores(sig));
}

bool signal_action_ignores(const signal_actions_t *actions, int sig)
{
	const aegis_kernel_sigaction_t *a = signal_action_get(actions, sig);
	return a != NULL && signal_handler_ignores(a->handler, sig);
}

int signal_action_set(signal_actions_t *actions, int sig, const aegis_kernel_sigaction_t *act,
                      aegis_kernel_sigaction_t *oldact, size_t sigsetsize, aegis_sigset_t *pending)
{
	if (sigsetsize != AEGIS_SIGSET_SIZE || !signal_is_valid(sig))
		return -EINVAL;
	if (act != NULL && signal_is_unblockable(sig))
		return -EINVAL;
	aegis_kernel_sigaction_t *slot = &actions->act[sig - 1];
	/* Read the new action before writing the old one: they may alias. */
	aegis_kernel_sigaction_t next;
	if (act != NULL) {
		next.handler = act->handler;
		next.flags = act->flags & SIGNAL_SA_KNOWN;
		next.restorer = act->restorer;
		next.mask = signal_set_sanitize_mask(act->mask);
	}
	if (oldact != NULL)
		*oldact = *slot;
	if (act == NULL)
		return 0;
	*slot = next;
	if (pending != NULL && signal_handler_ignores(next.handler, sig))
		signal_set_del(pending, sig);
	return 0;
}

int signal_action_enter(signal_actions_t *actions, int sig, aegis_sigset_t *blocked,
                        aegis_kernel_sigaction_t *used)
{
	if (!signal_is_valid(sig))
		return -EINVAL;
	aegis_kernel_sigaction_t *slot = &actions->act[sig - 1];
	if (slot->handler == AEGIS_SIG_DFL || slot->handler == AEGIS_SIG_IGN)
		return -EINVAL;
	*used = *slot;
	aegis_sigset_t add = slot->mask;
	if ((slot->flags & SA_NODEFER) == 0)
		add |= signal_set_bit(sig);
	*blocked = signal_set_sanitize_mask(*blocked | add);
	if (slot->flags & SA_RESETHAND)
		slot->handler = AEGIS_SIG_DFL; /* as Linux: flags and mask stay */
	return 0;
}

bool signal_chld_wanted(const signal_actions_t *parent, int cld_code)
{
	if (cld_code != AEGIS_CLD_STOPPED && cld_code != AEGIS_CLD_CONTINUED)
		return true;
	return (parent->act[SIGCHLD - 1].flags & SA_NOCLDSTOP) == 0;
}

bool signal_chld_autoreap(const signal_actions_t *parent)
{
	const aegis_kernel_sigaction_t *a = &parent->act[SIGCHLD - 1];
	return a->handler == AEGIS_SIG_IGN || (a->flags & SA_NOCLDWAIT) != 0;
}
