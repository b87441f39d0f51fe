/*
 * The system-call glue for one area. Signals.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_rt_sigaction(int sig, const aegis_sigaction_t *act, aegis_sigaction_t *oldact, size_t sigsetsize)
{
	return glue_syscall6(SYS_rt_sigaction, (long)sig, GLUE_PTR(act), GLUE_PTR(oldact), (long)sigsetsize, 0, 0);
}

long sys_rt_sigprocmask(int how, const aegis_sigset_t *set, aegis_sigset_t *oldset, size_t sigsetsize)
{
	return glue_syscall6(SYS_rt_sigprocmask, (long)how, GLUE_PTR(set), GLUE_PTR(oldset), (long)sigsetsize, 0, 0);
}

long sys_rt_sigreturn(void)
{
	return glue_syscall6(SYS_rt_sigreturn, 0, 0, 0, 0, 0, 0);
}

long sys_rt_sigsuspend(const aegis_sigset_t *mask, size_t sigsetsize)
{
	return glue_syscall6(SYS_rt_sigsuspend, GLUE_PTR(mask), (long)sigsetsize, 0, 0, 0, 0);
}

long sys_rt_sigpending(aegis_sigset_t *set, size_t sigsetsize)
{
	return glue_syscall6(SYS_rt_sigpending, GLUE_PTR(set), (long)sigsetsize, 0, 0, 0, 0);
}

long sys_pause(void)
{
	return glue_syscall6(SYS_pause, 0, 0, 0, 0, 0, 0);
}

long sys_sigaltstack(const aegis_stack_t *ss, aegis_stack_t *old)
{
	return glue_syscall6(SYS_sigaltstack, GLUE_PTR(ss), GLUE_PTR(old), 0, 0, 0, 0);
}

long sys_kill(int pid, int sig)
{
	return glue_syscall6(SYS_kill, (long)pid, (long)sig, 0, 0, 0, 0);
}

long sys_tgkill(int tgid, int tid, int sig)
{
	return glue_syscall6(SYS_tgkill, (long)tgid, (long)tid, (long)sig, 0, 0, 0);
}

long sys_tkill(int tid, int sig)
{
	return glue_syscall6(SYS_tkill, (long)tid, (long)sig, 0, 0, 0, 0);
}
