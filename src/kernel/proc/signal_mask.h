/*
 * rt_sigprocmask on a thread's blocked set (spec/signals.md SIG-030..033).
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

#endif
