/*
 * wait4: collect a child's exit status.  pid > 0 waits for that child, -1
 * for any, 0 for any in the caller's process group, < -1 for any in group
 * -pid.  WNOHANG returns 0 when children exist but none has exited.  A
 * zombie stays a zombie if its status cannot be copied out (-EFAULT).
 */
#include <aegis/errno.h>
#include <aegis/linux_abi.h>

#include "core/kstring.h"
#include "proc/proc_internal.h"
#include "proc/usercopy.h"
#include "proc/signal_restart.h"
#include "syscall/handlers.h"

#define WNOHANG 0x1u
#define WUNTRACED 0x2u
#define WCONTINUED 0x8u
#define WNOTHREAD 0x20000000u
#define WALL 0x40000000u
#define WCLONE 0x80000000u
#define WAIT4_OPTIONS (WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WALL | WCLONE)

static bool wait_matches(const process_t *parent, const process_t *child, int pid)
{
	if (pid > 0)
		return child->pid == pid;
	if (pid == -1)
		return true;
	int group = pid == 0 ? parent->pgid : -pid;
	return child->pgid == group;
}

SYSCALL_HANDLER(wait4)
{
	int pid = (int)args->a[0];
	uint64_t status_addr = args->a[1];
	uint32_t options = (uint32_t)args->a[2];
	uint64_t rusage_addr = args->a[3];
	if (options & ~WAIT4_OPTIONS)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH; /* -INT_MIN is not a group */
	for (;;) {
		bool any = false;
		for (process_t *c = p->first_child; c; c = c->next_sibling) {
			if (!wait_matches(p, c, pid))
				continue;
			any = true;
			if (c->state != PROC_ZOMBIE)
				continue;
			int status = c->exit_status;
			if (status_addr && copy_to_user(p, status_addr, &status, sizeof(status)) != 0)
				return -EFAULT;
			if (rusage_addr) {
				aegis_rusage_t usage;
				kmemset(&usage, 0, sizeof(usage));
				if (copy_to_user(p, rusage_addr, &usage, sizeof(usage)) != 0)
					return -EFAULT;
			}
			int child_pid = c->pid;
			proc_reap(c);
			return child_pid;
		}
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (proc_signal_pending(p))
			return -SIGNAL_ERESTARTSYS; /* -EINTR, or run again after the signal (SA_RESTART) */
		/*
		 * Woken or interrupted, look again: a child's exit both wakes us and
		 * sends SIGCHLD, and its status comes before the interruption, as on Linux.
		 */
		(void)sched_sleep(&p->child_waiters, SCHED_NO_DEADLINE);
	}
}
