/*
 * The system-call glue for one area. Memory: mappings and the program break.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)
{
	return glue_syscall6(SYS_mmap, GLUE_PTR(addr), (long)length, (long)prot, (long)flags, (long)fd, (long)offset);
}

long sys_munmap(void *addr, size_t length)
{
	return glue_syscall6(SYS_munmap, GLUE_PTR(addr), (long)length, 0, 0, 0, 0);
}

long sys_mprotect(void *addr, size_t length, int prot)
{
	return glue_syscall6(SYS_mprotect, GLUE_PTR(addr), (long)length, (long)prot, 0, 0, 0);
}

long sys_brk(void *addr)
{
	return glue_syscall6(SYS_brk, GLUE_PTR(addr), 0, 0, 0, 0, 0);
}
