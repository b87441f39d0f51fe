/*
 * The system-call glue for one area. The Aegis-private calls (360 and up): capabilities, sessions, devices, spawn.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_setfg(int pid)
{
	return glue_syscall6(SYS_setfg, (long)pid, 0, 0, 0, 0, 0);
}

long sys_cap_grant_exec(uint32_t kind, uint32_t rights)
{
	return glue_syscall6(SYS_cap_grant_exec, (long)kind, (long)rights, 0, 0, 0, 0);
}

long sys_cap_query(int pid, cap_slot_t *buf, size_t buflen)
{
	return glue_syscall6(SYS_cap_query, (long)pid, GLUE_PTR(buf), (long)buflen, 0, 0, 0);
}

long sys_cap_grant_runtime(int pid, uint32_t kind, uint32_t rights)
{
	return glue_syscall6(SYS_cap_grant_runtime, (long)pid, (long)kind, (long)rights, 0, 0, 0);
}

long sys_auth_session(void)
{
	return glue_syscall6(SYS_auth_session, 0, 0, 0, 0, 0, 0);
}

long sys_cap_drop(uint32_t kind, uint32_t rights)
{
	return glue_syscall6(SYS_cap_drop, (long)kind, (long)rights, 0, 0, 0, 0);
}

long sys_netcfg(int op, unsigned long a1, unsigned long a2, unsigned long a3)
{
	return glue_syscall6(SYS_netcfg, (long)op, (long)a1, (long)a2, (long)a3, 0, 0);
}

long sys_blkdev_list(aegis_blkdev_entry_t *buf, size_t bytes)
{
	return glue_syscall6(SYS_blkdev_list, GLUE_PTR(buf), (long)bytes, 0, 0, 0, 0);
}

long sys_blkdev_io(const char *dev, uint64_t lba, uint32_t count, void *buf, int write)
{
	return glue_syscall6(SYS_blkdev_io, GLUE_PTR(dev), (long)lba, (long)count, GLUE_PTR(buf), (long)write, 0);
}

long sys_gpt_rescan(const char *dev)
{
	return glue_syscall6(SYS_gpt_rescan, GLUE_PTR(dev), 0, 0, 0, 0, 0);
}

long sys_fb_map(aegis_fb_info_t *info)
{
	return glue_syscall6(SYS_fb_map, GLUE_PTR(info), 0, 0, 0, 0, 0);
}

long sys_spawn(const char *path, char *const *argv, char *const *envp, int stdio_fd, const cap_slot_t *cap_mask)
{
	return glue_syscall6(SYS_spawn, GLUE_PTR(path), GLUE_PTR(argv), GLUE_PTR(envp), (long)stdio_fd, GLUE_PTR(cap_mask), 0);
}
