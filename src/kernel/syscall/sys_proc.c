/*
 * System calls about the calling process itself: IDs, the process group and
 * session, exit, yielding, the FS base (TLS) and uname.
 */
#include <aegis/errno.h>
#include <aegis/linux_abi.h>

#include "core/kstring.h"
#include "core/version.h"
#include "proc/proc_internal.h"
#include "proc/wait_status.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ROBUST_LIST_HEAD_SIZE 24u
#define MACHINE_NAME "x86_64"

SYSCALL_HANDLER(getpid)
{
	(void)args;
	return p->pid;
}

SYSCALL_HANDLER(gettid)
{
	(void)args;
	return p->pid; /* one thread per process: the thread ID is the PID */
}

SYSCALL_HANDLER(getppid)
{
	(void)args;
	return p->parent ? p->parent->pid : 0;
}

SYSCALL_HANDLER(set_tid_address)
{
	p->clear_child_tid = args->a[0];
	return p->pid;
}

SYSCALL_HANDLER(set_robust_list)
{
	if (args->a[1] != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	p->robust_list = args->a[0];
	return 0;
}

SYSCALL_HANDLER(exit)
{
	proc_exit_current(wait_status_exited((int)args->a[0]));
}

SYSCALL_HANDLER(exit_group)
{
	proc_exit_current(wait_status_exited((int)args->a[0]));
}

SYSCALL_HANDLER(sched_yield)
{
	(void)p;
	(void)args;
	sched_yield_cpu();
	return 0;
}

SYSCALL_HANDLER(arch_prctl)
{
	platform_uregs_t *regs = platform_user_regs(p->user);
	switch (args->a[0]) {
	case ARCH_SET_FS:
		if (!user_range_ok(args->a[1], 0))
			return -EPERM; /* Linux: a non-canonical or kernel base is refused */
		regs->fs_base = args->a[1];
		return 0;
	case ARCH_GET_FS:
		return copy_to_user(p, args->a[1], &regs->fs_base, sizeof(regs->fs_base));
	default:
		return -EINVAL;
	}
}

static void uts_put(char *field, const char *text)
{
	size_t n = kstrnlen(text, AEGIS_UTSNAME_LEN - 1);
	kmemcpy(field, text, n);
	field[n] = '\0';
}

SYSCALL_HANDLER(uname)
{
	aegis_utsname_t u;
	kmemset(&u, 0, sizeof(u));
	uts_put(u.sysname, AEGIS_SYSNAME);
	uts_put(u.nodename, proc_hostname());
	uts_put(u.release, AEGIS_RELEASE);
	uts_put(u.version, AEGIS_VERSION_TEXT);
	uts_put(u.machine, MACHINE_NAME);
	uts_put(u.domainname, "(none)");
	return copy_to_user(p, args->a[0], &u, sizeof(u));
}

SYSCALL_HANDLER(getpgrp)
{
	(void)args;
	return p->pgid;
}

SYSCALL_HANDLER(getpgid)
{
	int pid = (int)args->a[0];
	process_t *target = pid == 0 ? p : proc_find(pid);
	if (!target)
		return -ESRCH;
	return target->pgid;
}

SYSCALL_HANDLER(getsid)
{
	int pid = (int)args->a[0];
	process_t *target = pid == 0 ? p : proc_find(pid);
	if (!target)
		return -ESRCH;
	return target->sid;
}

SYSCALL_HANDLER(setsid)
{
	(void)args;
	if (proc_group_exists(p->pid))
		return -EPERM; /* already a group leader (POSIX) */
	p->sid = p->pid;
	p->pgid = p->pid;
	p->ctty_dropped = false; /* the new session has no controlling terminal yet (spec/tty.md TTY-121) */
	return p->pid;
}

SYSCALL_HANDLER(setpgid)
{
	int pid = (int)args->a[0];
	int pgid = (int)args->a[1];
	if (pgid < 0)
		return -EINVAL;
	process_t *target = pid == 0 ? p : proc_find(pid);
	if (!target || (target != p && target->parent != p))
		return -ESRCH;
	if (target->sid != p->sid)
		return -EPERM;
	if (target->sid == target->pid)
		return -EPERM; /* a session leader cannot move */
	if (pgid == 0)
		pgid = target->pid;
	if (pgid != target->pid && !proc_group_in_session(pgid, p->sid))
		return -EPERM;
	target->pgid = pgid;
	return 0;
}
