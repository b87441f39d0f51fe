/*
 * The system-call glue for one area. Processes: creation, exec, exit, waiting, groups and limits.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_fork(void)
{
	return glue_syscall6(SYS_fork, 0, 0, 0, 0, 0, 0);
}

long sys_clone(unsigned long flags, void *stack, int *parent_tid, int *child_tid, unsigned long tls)
{
	return glue_syscall6(SYS_clone, (long)flags, GLUE_PTR(stack), GLUE_PTR(parent_tid), GLUE_PTR(child_tid), (long)tls, 0);
}

long sys_execve(const char *path, char *const *argv, char *const *envp)
{
	return glue_syscall6(SYS_execve, GLUE_PTR(path), GLUE_PTR(argv), GLUE_PTR(envp), 0, 0, 0);
}

long sys_wait4(int pid, int *status, int options, aegis_rusage_t *rusage)
{
	return glue_syscall6(SYS_wait4, (long)pid, GLUE_PTR(status), (long)options, GLUE_PTR(rusage), 0, 0);
}

long sys_getpid(void)
{
	return glue_syscall6(SYS_getpid, 0, 0, 0, 0, 0, 0);
}

long sys_getppid(void)
{
	return glue_syscall6(SYS_getppid, 0, 0, 0, 0, 0, 0);
}

long sys_gettid(void)
{
	return glue_syscall6(SYS_gettid, 0, 0, 0, 0, 0, 0);
}

long sys_sched_yield(void)
{
	return glue_syscall6(SYS_sched_yield, 0, 0, 0, 0, 0, 0);
}

long sys_set_tid_address(int *tidptr)
{
	return glue_syscall6(SYS_set_tid_address, GLUE_PTR(tidptr), 0, 0, 0, 0, 0);
}

long sys_set_robust_list(void *head, size_t len)
{
	return glue_syscall6(SYS_set_robust_list, GLUE_PTR(head), (long)len, 0, 0, 0, 0);
}

long sys_futex(uint32_t *uaddr, int op, uint32_t val, const aegis_timespec_t *timeout, uint32_t *uaddr2, uint32_t val3)
{
	return glue_syscall6(SYS_futex, GLUE_PTR(uaddr), (long)op, (long)val, GLUE_PTR(timeout), GLUE_PTR(uaddr2), (long)val3);
}

long sys_arch_prctl(int code, unsigned long addr)
{
	return glue_syscall6(SYS_arch_prctl, (long)code, (long)addr, 0, 0, 0, 0);
}

long sys_setpgid(int pid, int pgid)
{
	return glue_syscall6(SYS_setpgid, (long)pid, (long)pgid, 0, 0, 0, 0);
}

long sys_getpgrp(void)
{
	return glue_syscall6(SYS_getpgrp, 0, 0, 0, 0, 0, 0);
}

long sys_getpgid(int pid)
{
	return glue_syscall6(SYS_getpgid, (long)pid, 0, 0, 0, 0, 0);
}

long sys_setsid(void)
{
	return glue_syscall6(SYS_setsid, 0, 0, 0, 0, 0, 0);
}

long sys_getsid(int pid)
{
	return glue_syscall6(SYS_getsid, (long)pid, 0, 0, 0, 0, 0);
}

long sys_getrlimit(int resource, aegis_rlimit_t *rlim)
{
	return glue_syscall6(SYS_getrlimit, (long)resource, GLUE_PTR(rlim), 0, 0, 0, 0);
}

long sys_setrlimit(int resource, const aegis_rlimit_t *rlim)
{
	return glue_syscall6(SYS_setrlimit, (long)resource, GLUE_PTR(rlim), 0, 0, 0, 0);
}

long sys_prlimit64(int pid, int resource, const aegis_rlimit_t *new_limit, aegis_rlimit_t *old_limit)
{
	return glue_syscall6(SYS_prlimit64, (long)pid, (long)resource, GLUE_PTR(new_limit), GLUE_PTR(old_limit), 0, 0);
}
