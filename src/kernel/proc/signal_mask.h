/*
 * rt_sigprocmask, rt_sigpending and rt_sigsuspend on a thread's blocked set
 * (spec/signals.md SIG-030..035).
 */
#ifndef AEGIS_KERNEL_PROC_SIGNAL_MASK_H
#define AEGIS_KERNEL_PROC_SIGNAL_MASK_H

#include <stddef.h>

#include <aegis/signal.h>

/*
 * rt_sigprocmask(how, set, oldset, sigsetsize) on *blocked.  set and oldset
 * may be NULL; *oldset receives the mask before the call.  0, or -EINVAL for
 * a sigsetsize other than AEGIS_SIGSET_SIZE or (with a set) a how other than
 * SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK.  SIGKILL and SIGSTOP never end up
 * blocked.  A refused call changes nothing.
 */
int signal_mask_change(aegis_sigset_t *blocked, int how, const aegis_sigset_t *set, aegis_sigset_t *oldset,
                       size_t sigsetsize);

/*
 * rt_sigpending: the signals that are pending and blocked (Linux reports the
 * pending set restricted to the blocked ones).  sigsetsize as above: 0 with
 * *out, or -EINVAL (Linux allows smaller sizes here; Aegis wants exactly 8).
 */
int signal_mask_pending(aegis_sigset_t pending, aegis_sigset_t blocked, aegis_sigset_t *out, size_t sigsetsize);

/*
 * rt_sigsuspend, first half: *saved receives the current blocked set and
 * *blocked becomes *mask (without SIGKILL/SIGSTOP).  The caller then sleeps
 * until a signal is deliverable and returns -EINTR (Linux: ERESTARTNOHAND).
 * When a handler runs for that signal, the frame's old mask must be *saved,
 * so rt_sigreturn restores the mask from before the call; when none runs,
 * the caller puts *saved back before returning to user mode.  0 or -EINVAL
 * (sigsetsize) with nothing changed.
 */
int signal_mask_suspend(aegis_sigset_t *blocked, const aegis_sigset_t *mask, aegis_sigset_t *saved,
                        size_t sigsetsize);

#endif
