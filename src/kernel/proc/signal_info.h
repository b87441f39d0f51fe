/*
 * Building siginfo records (spec/signals.md SIG-050..054): kill, SIGCHLD and
 * CPU faults.  Each builder zeroes the whole 128 bytes first, so no kernel
 * memory ever leaks into a frame.
 */
#ifndef AEGIS_KERNEL_PROC_SIGNAL_INFO_H
#define AEGIS_KERNEL_PROC_SIGNAL_INFO_H

#include <stdint.h>

#include <aegis/signal.h>

/* kill(2) from a process: SI_USER with the sender's pid and real uid.  0 or -EINVAL (bad sig). */
int signal_info_kill(aegis_siginfo_t *info, int sig, int32_t sender_pid, uint32_t sender_uid);

/* A signal the kernel sends on its own (SIGPIPE, SIGXFSZ, ...): SI_KERNEL.  0 or -EINVAL. */
int signal_info_kernel(aegis_siginfo_t *info, int sig);

/*
 * SIGCHLD for a child's state change.  cld_code is AEGIS_CLD_EXITED (status =
 * exit code), _KILLED/_DUMPED (status = the signal), _STOPPED (the stop
 * signal) or _CONTINUED (SIGCONT); utime/stime in clock ticks.  0 or -EINVAL
 * for another code.
 */
int signal_info_chld(aegis_siginfo_t *info, int cld_code, int32_t pid, uint32_t uid, int32_t status,
                     int64_t utime, int64_t stime);

/*
 * A fault signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) with its si_code
 * and si_addr.  0 or -EINVAL for another signal.
 */
int signal_info_fault(aegis_siginfo_t *info, int sig, int code, uint64_t addr);

#endif
