/*
 * Signal sets and numbers (spec/signals.md SIG-001..004): bit operations on
 * aegis_sigset_t that refuse out-of-range signal numbers.
 */
#include <stdbool.h>

#include "proc/signal_set.h"

bool signal_is_valid(int sig)
{
	return sig >= 1 && sig <= AEGIS_NSIG;
}

bool signal_is_unblockable(int sig)
{
	return sig == SIGKILL || sig == SIGSTOP;
}

bool signal_is_realtime(int sig)
{
	return sig >= AEGIS_SIGRTMIN && sig <= AEGIS_SIGRTMAX;
}

aegis_sigset_t signal_set_bit(int sig)
{
	if (!signal_is_valid(sig))
		return SIGNAL_SET_EMPTY;
	return (aegis_sigset_t)1 << (unsigned)(sig - 1);
}

void signal_set_add(aegis_sigset_t *set, int sig)
{
	*set |= signal_set_bit(sig);
}

void signal_set_del(aegis_sigset_t *set, int sig)
{
	*set &= ~signal_set_bit(sig);
}

bool signal_set_has(aegis_sigset_t set, int sig)
{
	return (set & signal_set_bit(sig)) != 0;
}

aegis_sigset_t signal_set_or(aegis_sigset_t a, aegis_sigset_t b)
{
	return a | b;
}

aegis_sigset_t signal_set_andnot(aegis_sigset_t a, aegis_sigset_t b)
{
	return a & ~b;
}

int signal_set_first(aegis_sigset_t set)
{
	if (set == SIGNAL_SET_EMPTY)
		return 0;
	return __builtin_ctzll(set) + 1;
}

aegis_sigset_t signal_set_sanitize_mask(aegis_sigset_t set)
{
	return set & ~SIGNAL_SET_UNBLOCKABLE;
}
