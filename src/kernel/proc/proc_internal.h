/*
 * Functions shared by the process-management files (proc/, syscall/); not
 * for the rest of the kernel.
 */
#ifndef AEGIS_KERNEL_PROC_INTERNAL_H
#define AEGIS_KERNEL_PROC_INTERNAL_H

#include <stdbool.h>

#include "proc/process.h"

/* Give every child of p to PID 1, which hears of each zombie among them as of its own exit (PROC-056). */
void proc_reparent_children(process_t *p);
/* A child has exited: SIGCHLD for parent and its waiters woken, or the child reaped at once (no zombies asked). */
void proc_notify_parent(process_t *parent, process_t *child);

/* Is there a process whose process group is pgid? */
bool proc_group_exists(int pgid);

/* Is there a process group pgid in session sid? */
bool proc_group_in_session(int pgid, int sid);

/* The node name uname reports (AEGIS_DEFAULT_HOSTNAME until sethostname sets one). */
const char *proc_hostname(void);

/* The longest node name sethostname takes (Linux's __NEW_UTS_LEN). */
#define PROC_HOSTNAME_MAX 64

/* Make name[0..len) the node name; the caller has checked len <= PROC_HOSTNAME_MAX. */
void proc_hostname_set(const char *name, size_t len);

/*
 * Mark a signal pending for p with its siginfo (info->si_signo names it) and
 * wake p if it sleeps interruptibly.  Default actions are applied when p
 * next returns towards user mode.
 */
void proc_signal_post(process_t *p, const aegis_siginfo_t *info);
/* proc_signal_post with a kernel-sent siginfo (SI_KERNEL). */
void proc_signal_send(process_t *p, int sig);

/* Apply what is pending for the running process p before it returns to user mode (may not return). */
void proc_signal_deliver(process_t *p);

/*
 * A fault: info's signal is delivered even if blocked or ignored (it is
 * unblocked and its action reset, as Linux does).
 */
void proc_signal_force(process_t *p, const aegis_siginfo_t *info);

/* Build a frame (or a sim call) and point p at the handler of info's signal: 0, or < 0 when the stack cannot take it. */
int proc_signal_run_handler(process_t *p, const aegis_siginfo_t *info);

/*
 * rt_sigsuspend, ppoll and pselect6: the user's mask at umask (size bytes)
 * is in force until the next return to user mode; the mask from before goes
 * into a handler's frame, or back in place when no handler runs.  0, -EFAULT
 * or -EINVAL (size), with nothing changed on failure.
 */
int proc_signal_mask_swap(process_t *p, uint64_t umask, size_t size);

/* The kernel signals every process of group pgid (the terminal's Ctrl-C); PID 1 keeps its protection. */
void proc_signal_group(int pgid, int sig);

/* kill(pid, sig) from sender with POSIX targeting and the rules of CAP-112: 0, -ESRCH, -ENOCAP, -EINVAL. */
int proc_kill(process_t *sender, int pid, int sig);
/* tgkill(tgid > 0, tid, sig), or tkill when tgid is -1: SI_TKILL; 0, -ESRCH, -ENOCAP, -EINVAL. */
int proc_kill_thread(process_t *sender, int tgid, int tid, int sig);

/* PID 1 exited with status: end a test=init run, otherwise stop the kernel. */
__attribute__((noreturn)) void proc_init_exited(int status);

/* PID 1's first program, run from its own task: 0 or -errno (exec rules as execve). */
int proc_exec_initial(process_t *p, const char *path);

/* Create PID 1 (see proc_init.c): 0 or -errno; prints its markers. */
int proc_spawn_init(void);

/* Is a signal pending and not blocked for p (an interruptible sleep should end)? */
bool proc_signal_pending(const process_t *p);

#endif
