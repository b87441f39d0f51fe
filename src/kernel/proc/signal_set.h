/*
 * Signal sets and signal numbers (spec/signals.md SIG-001..004).
 *
 * A set is an aegis_sigset_t (64 bits, bit n-1 for signal n), a plain value
 * the process embeds.  Functions taking a signal number ignore numbers outside
 * 1..AEGIS_NSIG (add/del change nothing, has is false), so a bad number can
 * never shift out of range.
 */
#ifndef AEGIS_KERNEL_PROC_SIGNAL_SET_H
#define AEGIS_KERNEL_PROC_SIGNAL_SET_H

#include <stdbool.h>

#include <aegis/signal.h>

/* The empty set and the set of every signal. */
#define SIGNAL_SET_EMPTY ((aegis_sigset_t)0)
#define SIGNAL_SET_FULL (~(aegis_sigset_t)0)

/* The two signals that can be neither caught, ignored nor blocked. */
#define SIGNAL_SET_UNBLOCKABLE (signal_set_bit(SIGKILL) | signal_set_bit(SIGSTOP))

/* True for 1..AEGIS_NSIG. */
bool signal_is_valid(int sig);
/* True for SIGKILL and SIGSTOP. */
bool signal_is_unblockable(int sig);
/* True for the real-time signals AEGIS_SIGRTMIN..AEGIS_SIGRTMAX. */
bool signal_is_realtime(int sig);

/* The one-bit set of sig; the empty set for an invalid number. */
aegis_sigset_t signal_set_bit(int sig);

void signal_set_add(aegis_sigset_t *set, int sig);
void signal_set_del(aegis_sigset_t *set, int sig);
bool signal_set_has(aegis_sigset_t set, int sig);
aegis_sigset_t signal_set_or(aegis_sigset_t a, aegis_sigset_t b);
/* Members of a that are not in b. */
aegis_sigset_t signal_set_andnot(aegis_sigset_t a, aegis_sigset_t b);
/* The lowest-numbered signal in set, 0 when it is empty. */
int signal_set_first(aegis_sigset_t set);
/* set without SIGKILL and SIGSTOP: what any mask given by a program becomes. */
aegis_sigset_t signal_set_sanitize_mask(aegis_sigset_t set);

#endif
