/*
 * The system-call glue for one area. Credentials: user and group ids.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_getuid(void)
{
	return glue_syscall6(SYS_getuid, 0, 0, 0, 0, 0, 0);
}

long sys_geteuid(void)
{
	return glue_syscall6(SYS_geteuid, 0, 0, 0, 0, 0, 0);
}

long sys_getgid(void)
{
	return glue_syscall6(SYS_getgid, 0, 0, 0, 0, 0, 0);
}

long sys_getegid(void)
{
	return glue_syscall6(SYS_getegid, 0, 0, 0, 0, 0, 0);
}

long sys_setuid(uint32_t uid)
{
	return glue_syscall6(SYS_setuid, (long)uid, 0, 0, 0, 0, 0);
}

long sys_setgid(uint32_t gid)
{
	return glue_syscall6(SYS_setgid, (long)gid, 0, 0, 0, 0, 0);
}

long sys_setreuid(uint32_t ruid, uint32_t euid)
{
	return glue_syscall6(SYS_setreuid, (long)ruid, (long)euid, 0, 0, 0, 0);
}

long sys_setregid(uint32_t rgid, uint32_t egid)
{
	return glue_syscall6(SYS_setregid, (long)rgid, (long)egid, 0, 0, 0, 0);
}

long sys_setresuid(uint32_t ruid, uint32_t euid, uint32_t suid)
{
	return glue_syscall6(SYS_setresuid, (long)ruid, (long)euid, (long)suid, 0, 0, 0);
}

long sys_setresgid(uint32_t rgid, uint32_t egid, uint32_t sgid)
{
	return glue_syscall6(SYS_setresgid, (long)rgid, (long)egid, (long)sgid, 0, 0, 0);
}

long sys_getresuid(uint32_t *ruid, uint32_t *euid, uint32_t *suid)
{
	return glue_syscall6(SYS_getresuid, GLUE_PTR(ruid), GLUE_PTR(euid), GLUE_PTR(suid), 0, 0, 0);
}

long sys_getresgid(uint32_t *rgid, uint32_t *egid, uint32_t *sgid)
{
	return glue_syscall6(SYS_getresgid, GLUE_PTR(rgid), GLUE_PTR(egid), GLUE_PTR(sgid), 0, 0, 0);
}

long sys_getgroups(int size, uint32_t *list)
{
	return glue_syscall6(SYS_getgroups, (long)size, GLUE_PTR(list), 0, 0, 0, 0);
}

long sys_setgroups(size_t size, const uint32_t *list)
{
	return glue_syscall6(SYS_setgroups, (long)size, GLUE_PTR(list), 0, 0, 0, 0);
}
