/*
 * The default-action table of signal(7) and the delivery decision
 * (spec/signals.md SIG-020..024).
 */
#include <stdbool.h>
#include <stdint.h>

#include "proc/signal_default.h"
#include "proc/signal_set.h"

/* Defaults of the standard signals, indexed by number (0 unused). */
static const uint8_t signal_default_table[AEGIS_SIGSTD_MAX + 1] = {
	[SIGHUP] = SIGNAL_DEFAULT_TERM,    [SIGINT] = SIGNAL_DEFAULT_TERM,
	[SIGQUIT] = SIGNAL_DEFAULT_CORE,   [SIGILL] = SIGNAL_DEFAULT_CORE,
	[SIGTRAP] = SIGNAL_DEFAULT_CORE,   [SIGABRT] = SIGNAL_DEFAULT_CORE,
	[SIGBUS] = SIGNAL_DEFAULT_CORE,    [SIGFPE] = SIGNAL_DEFAULT_CORE,
	[SIGKILL] = SIGNAL_DEFAULT_TERM,   [SIGUSR1] = SIGNAL_DEFAULT_TERM,
	[SIGSEGV] = SIGNAL_DEFAULT_CORE,   [SIGUSR2] = SIGNAL_DEFAULT_TERM,
	[SIGPIPE] = SIGNAL_DEFAULT_TERM,   [SIGALRM] = SIGNAL_DEFAULT_TERM,
	[SIGTERM] = SIGNAL_DEFAULT_TERM,   [SIGSTKFLT] = SIGNAL_DEFAULT_TERM,
	[SIGCHLD] = SIGNAL_DEFAULT_IGN,    [SIGCONT] = SIGNAL_DEFAULT_CONT,
	[SIGSTOP] = SIGNAL_DEFAULT_STOP,   [SIGTSTP] = SIGNAL_DEFAULT_STOP,
	[SIGTTIN] = SIGNAL_DEFAULT_STOP,   [SIGTTOU] = SIGNAL_DEFAULT_STOP,
	[SIGURG] = SIGNAL_DEFAULT_IGN,     [SIGXCPU] = SIGNAL_DEFAULT_CORE,
	[SIGXFSZ] = SIGNAL_DEFAULT_CORE,   [SIGVTALRM] = SIGNAL_DEFAULT_TERM,
	[SIGPROF] = SIGNAL_DEFAULT_TERM,   [SIGWINCH] = SIGNAL_DEFAULT_IGN,
	[SIGPOLL] = SIGNAL_DEFAULT_TERM,   [SIGPWR] = SIGNAL_DEFAULT_TERM,
	[SIGSYS] = SIGNAL_DEFAULT_CORE,
};

signal_default_t signal_default_action(int sig)
{
	if (!signal_is_valid(sig))
		return (signal_default_t)0;
	if (signal_is_realtime(sig))
		return SIGNAL_DEFAULT_TERM;
	return (signal_default_t)signal_default_table[sig];
}

bool signal_default_ignores(int sig)
{
	signal_default_t d = signal_default_action(sig);
	return d == SIGNAL_DEFAULT_IGN || d == SIGNAL_DEFAULT_CONT;
}

bool signal_is_stop(int sig)
{
	return signal_default_action(sig) == SIGNAL_DEFAULT_STOP;
}

int signal_pick(aegis_sigset_t pending, aegis_sigset_t blocked)
{
	aegis_sigset_t ready = signal_set_andnot(pending, signal_set_sanitize_mask(blocked));
	if (signal_set_has(ready, SIGKILL))
		return SIGKILL;
	return signal_set_first(ready);
}

signal_delivery_t signal_decide(const signal_actions_t *actions, int sig)
{
	if (!signal_is_valid(sig))
		return SIGNAL_DELIVER_NONE;
	uint64_t handler = actions->act[sig - 1].handler;
	if (handler == AEGIS_SIG_IGN)
		return SIGNAL_DELIVER_IGNORE;
	if (handler != AEGIS_SIG_DFL)
		return SIGNAL_DELIVER_HANDLER;
	switch (signal_default_action(sig)) {
	case SIGNAL_DEFAULT_TERM:
		return SIGNAL_DELIVER_TERMINATE;
	case SIGNAL_DEFAULT_CORE:
		return SIGNAL_DELIVER_CORE;
	case SIGNAL_DEFAULT_STOP:
		return SIGNAL_DELIVER_STOP;
	case SIGNAL_DEFAULT_CONT:
		return SIGNAL_DELIVER_CONTINUE;
	case SIGNAL_DEFAULT_IGN:
	default:
		return SIGNAL_DELIVER_IGNORE;
	}
}
