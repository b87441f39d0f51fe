/*
 * The program break and anonymous or private mappings: brk, mmap, munmap,
 * mprotect, on the process's address space (mm/uvm.h).  Where the platform
 * runs programs as host processes (sim) their memory is the host's and these
 * calls answer -ENOSYS; host libc allocates without them.
 */
#include <aegis/errno.h>

#include "mm/uvm.h"
#include "proc/proc_limits.h"
#include "syscall/handlers.h"

#define PROT_READ 0x1u
#define PROT_WRITE 0x2u
#define PROT_EXEC 0x4u
#define PROT_KNOWN (PROT_READ | PROT_WRITE | PROT_EXEC)
#define MAP_SHARED 0x01u
#define MAP_PRIVATE 0x02u
#define MAP_FIXED 0x10u
#define MAP_ANONYMOUS 0x20u
#define MAP_NORESERVE 0x4000u
#define MAP_POPULATE 0x8000u
#define MAP_STACK 0x20000u
#define MAP_FIXED_NOREPLACE 0x100000u
/* Accepted and ignored: hints that change nothing about the result here. */
#define MAP_HINTS (MAP_NORESERVE | MAP_POPULATE | MAP_STACK)

SYSCALL_HANDLER(brk)
{
	if (!p->uvm)
		return -ENOSYS;
	uint64_t result = uvm_brk_current(p->uvm);
	uint64_t want = args->a[0];
	if (want > result && proc_check_as(p, want - result) != 0)
		return (int64_t)result; /* RLIMIT_AS (CRED-085): the break stays */
	(void)uvm_brk(p->uvm, want, &result);
	return (int64_t)result; /* Linux: the break after the call, unchanged on failure */
}

SYSCALL_HANDLER(mmap)
{
	if (!p->uvm)
		return -ENOSYS;
	uint64_t addr = args->a[0], len = args->a[1];
	uint32_t prot = (uint32_t)args->a[2], flags = (uint32_t)args->a[3];
	int fd = (int)args->a[4];
	uint64_t offset = args->a[5];
	if (prot & ~PROT_KNOWN)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return fdtable_get(&p->fds, fd) ? -ENODEV : -EBADF; /* file mappings need the VFS */
	if (flags & MAP_SHARED)
		return -EINVAL; /* shared anonymous memory is not supported yet */
	if (proc_check_as(p, len) != 0)
		return -ENOMEM; /* RLIMIT_AS (CRED-085) */
	uint64_t at = 0;
	int r = uvm_map(p->uvm, addr, len, prot, flags & ~MAP_HINTS, NULL, offset, &at);
	return r < 0 ? r : (int64_t)at;
}

SYSCALL_HANDLER(munmap)
{
	if (!p->uvm)
		return -ENOSYS;
	return uvm_unmap(p->uvm, args->a[0], args->a[1]);
}

SYSCALL_HANDLER(mprotect)
{
	if (!p->uvm)
		return -ENOSYS;
	if ((uint32_t)args->a[2] & ~PROT_KNOWN)
		return -EINVAL;
	return uvm_protect(p->uvm, args->a[0], args->a[1], (unsigned)args->a[2]);
}
