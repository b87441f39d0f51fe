/*
 * The system-call glue for one area. The system as a whole: names, randomness and power.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_uname(aegis_utsname_t *buf)
{
	return glue_syscall6(SYS_uname, GLUE_PTR(buf), 0, 0, 0, 0, 0);
}

long sys_sethostname(const char *name, size_t len)
{
	return glue_syscall6(SYS_sethostname, GLUE_PTR(name), (long)len, 0, 0, 0, 0);
}

long sys_getrandom(void *buf, size_t count, unsigned int flags)
{
	return glue_syscall6(SYS_getrandom, GLUE_PTR(buf), (long)count, (long)flags, 0, 0, 0);
}

long sys_sysinfo(aegis_sysinfo_t *info)
{
	return glue_syscall6(SYS_sysinfo, GLUE_PTR(info), 0, 0, 0, 0, 0);
}

long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd, void *arg)
{
	return glue_syscall6(SYS_reboot, (long)magic1, (long)magic2, (long)cmd, GLUE_PTR(arg), 0, 0);
}
