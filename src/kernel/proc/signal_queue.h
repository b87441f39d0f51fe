/*
 * A thread's pending signals together with the siginfo each one arrived with
 * (spec/signals.md SIG-090..094), so a SA_SIGINFO handler sees who sent a
 * signal (kill: SI_USER, pid, uid), why a child changed (SIGCHLD) or where
 * a fault happened (si_addr).
 *
 * Design: a set plus one record per signal number.  Only the first
 * SIGNAL_QUEUE_INFO_BYTES of a siginfo are kept: every field Aegis fills ends
 * there (SIGCHLD's si_stime ends at byte 48), and the rest of a siginfo is
 * zero by SIG-050.  64 records of 48 bytes: 3 KiB per thread.  The first
 * instance of a signal wins while it is pending (SIG-027).
 */
#ifndef AEGIS_KERNEL_PROC_SIGNAL_QUEUE_H
#define AEGIS_KERNEL_PROC_SIGNAL_QUEUE_H

#include <stdint.h>

#include <aegis/signal.h>

#include "proc/signal_action.h"

/* Bytes of each siginfo kept: si_signo .. the end of the SIGCHLD member. */
#define SIGNAL_QUEUE_INFO_BYTES 48u

typedef struct {
	aegis_sigset_t set; /* pending signals; the caller may pass &set to signal_action_set */
	uint8_t info[AEGIS_NSIG][SIGNAL_QUEUE_INFO_BYTES]; /* info[n - 1]: signal n's record */
} signal_queue_t;

/* Nothing pending (a new process, and a fork child: pending signals are not inherited). */
void signal_queue_init(signal_queue_t *q);

/*
 * A signal arrives with info (si_signo names it): the rules of
 * signal_generate (SIG-025..027) decide, and when the signal is newly queued
 * its record is kept.  SIGNAL_GEN_* bits, or -EINVAL for a bad si_signo.
 */
int signal_queue_post(signal_queue_t *q, const signal_actions_t *actions, aegis_sigset_t blocked,
                      const aegis_siginfo_t *info);

/*
 * A synchronous fault signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, ...)
 * that the thread cannot escape, as Linux's force_sig_info: when sig is
 * blocked or ignored, its disposition goes back to SIG_DFL and it is
 * unblocked; then it is pending with this record (replacing an older one).
 * 0, or -EINVAL for a bad si_signo.
 */
int signal_queue_force(signal_queue_t *q, signal_actions_t *actions, aegis_sigset_t *blocked,
                       const aegis_siginfo_t *info);

/*
 * Remove pending signal sig and give its full 128-byte siginfo.  A signal
 * that entered the set without a record (set directly by the caller) comes
 * out as SI_KERNEL.  0, or -EINVAL when sig is not pending.
 */
int signal_queue_take(signal_queue_t *q, int sig, aegis_siginfo_t *out);

#endif
