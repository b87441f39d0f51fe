/*
 * Signal generation (spec/signals.md SIG-025..028): the stop/continue
 * interplay and discarding ignored signals when they arrive.
 */
#include <stdbool.h>

#include <aegis/errno.h>

#include "proc/signal_default.h"
#include "proc/signal_pending.h"
#include "proc/signal_set.h"

/* The four stop signals, removed from pending by SIGCONT. */
#define SIGNAL_STOP_SET                                                                   \
	(signal_set_bit(SIGSTOP) | signal_set_bit(SIGTSTP) | signal_set_bit(SIGTTIN) |    \
	 signal_set_bit(SIGTTOU))

int signal_generate(const signal_actions_t *actions, aegis_sigset_t blocked, aegis_sigset_t *pending, int sig)
{
	if (!signal_is_valid(sig))
		return -EINVAL;
	int result = 0;
	if (sig == SIGCONT) {
		*pending = signal_set_andnot(*pending, SIGNAL_STOP_SET);
		result |= (int)(SIGNAL_GEN_RESUME | SIGNAL_GEN_CONTINUED);
	} else if (signal_is_stop(sig)) {
		signal_set_del(pending, SIGCONT);
	} else if (sig == SIGKILL) {
		result |= (int)SIGNAL_GEN_RESUME;
	}
	bool is_blocked = signal_set_has(signal_set_sanitize_mask(blocked), sig);
	if (!is_blocked && signal_action_ignores(actions, sig))
		return result;
	signal_set_add(pending, sig);
	result |= (int)SIGNAL_GEN_QUEUED;
	if (!is_blocked)
		result |= (int)SIGNAL_GEN_WAKE;
	return result;
}
