/*
 * User-memory access for the sim's user processes: process_vm_readv and
 * process_vm_writev on a process stopped in its glue.  Any failure or partial
 * copy is -EFAULT, as a bad user pointer is in the QEMU build; nothing here
 * can crash on a bad address.  The host needs ptrace access to the target
 * (same uid, or an ancestor under Yama ptrace_scope 1): user processes are
 * children of the sim, fork children included (the sim is their subreaper).
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <sys/uio.h>

#include "uproc_internal.h"

/* Common checks; 1 when there is something to copy, 0 for len 0, <0 error. */
static int copy_check(const uproc_t *p, const void *local, uint64_t user_addr, size_t len)
{
	if (!p || p->host_pid <= 0 || p->dead)
		return -ESRCH;
	if (!p->awaiting_reply)
		return -EBUSY; /* a running process's memory is not ours to touch */
	if (len == 0)
		return 0;
	if (!local || len > (size_t)SSIZE_MAX || user_addr + len < user_addr)
		return -EFAULT;
	return 1;
}

int uproc_copy_from_user(const uproc_t *p, void *dst, uint64_t user_addr, size_t len)
{
	int r = copy_check(p, dst, user_addr, len);
	if (r <= 0)
		return r;
	struct iovec local = {.iov_base = dst, .iov_len = len};
	struct iovec remote = {.iov_base = (void *)(uintptr_t)user_addr, .iov_len = len};
	ssize_t n = process_vm_readv(p->host_pid, &local, 1, &remote, 1, 0);
	return n == (ssize_t)len ? 0 : -EFAULT;
}

int uproc_copy_to_user(const uproc_t *p, uint64_t user_addr, const void *src, size_t len)
{
	int r = copy_check(p, src, user_addr, len);
	if (r <= 0)
		return r;
	struct iovec local = {.iov_base = (void *)src, .iov_len = len};
	struct iovec remote = {.iov_base = (void *)(uintptr_t)user_addr, .iov_len = len};
	ssize_t n = process_vm_writev(p->host_pid, &local, 1, &remote, 1, 0);
	return n == (ssize_t)len ? 0 : -EFAULT;
}
