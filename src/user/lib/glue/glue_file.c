/*
 * The system-call glue for one area. Descriptors: reading, writing, opening and duplicating.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_read(int fd, void *buf, size_t count)
{
	return glue_syscall6(SYS_read, (long)fd, GLUE_PTR(buf), (long)count, 0, 0, 0);
}

long sys_write(int fd, const void *buf, size_t count)
{
	return glue_syscall6(SYS_write, (long)fd, GLUE_PTR(buf), (long)count, 0, 0, 0);
}

long sys_open(const char *path, int flags, uint32_t mode)
{
	return glue_syscall6(SYS_open, GLUE_PTR(path), (long)flags, (long)mode, 0, 0, 0);
}

long sys_openat(int dirfd, const char *path, int flags, uint32_t mode)
{
	return glue_syscall6(SYS_openat, (long)dirfd, GLUE_PTR(path), (long)flags, (long)mode, 0, 0);
}

long sys_close(int fd)
{
	return glue_syscall6(SYS_close, (long)fd, 0, 0, 0, 0, 0);
}

long sys_lseek(int fd, int64_t offset, int whence)
{
	return glue_syscall6(SYS_lseek, (long)fd, (long)offset, (long)whence, 0, 0, 0);
}

long sys_pread64(int fd, void *buf, size_t count, int64_t offset)
{
	return glue_syscall6(SYS_pread64, (long)fd, GLUE_PTR(buf), (long)count, (long)offset, 0, 0);
}

long sys_pwrite64(int fd, const void *buf, size_t count, int64_t offset)
{
	return glue_syscall6(SYS_pwrite64, (long)fd, GLUE_PTR(buf), (long)count, (long)offset, 0, 0);
}

long sys_readv(int fd, const aegis_iovec_t *iov, int iovcnt)
{
	return glue_syscall6(SYS_readv, (long)fd, GLUE_PTR(iov), (long)iovcnt, 0, 0, 0);
}

long sys_writev(int fd, const aegis_iovec_t *iov, int iovcnt)
{
	return glue_syscall6(SYS_writev, (long)fd, GLUE_PTR(iov), (long)iovcnt, 0, 0, 0);
}

long sys_ioctl(int fd, unsigned long request, unsigned long arg)
{
	return glue_syscall6(SYS_ioctl, (long)fd, (long)request, (long)arg, 0, 0, 0);
}

long sys_fcntl(int fd, int cmd, unsigned long arg)
{
	return glue_syscall6(SYS_fcntl, (long)fd, (long)cmd, (long)arg, 0, 0, 0);
}

long sys_dup(int fd)
{
	return glue_syscall6(SYS_dup, (long)fd, 0, 0, 0, 0, 0);
}

long sys_dup2(int oldfd, int newfd)
{
	return glue_syscall6(SYS_dup2, (long)oldfd, (long)newfd, 0, 0, 0, 0);
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	return glue_syscall6(SYS_dup3, (long)oldfd, (long)newfd, (long)flags, 0, 0, 0);
}

long sys_pipe(int *fds)
{
	return glue_syscall6(SYS_pipe, GLUE_PTR(fds), 0, 0, 0, 0, 0);
}

long sys_pipe2(int *fds, int flags)
{
	return glue_syscall6(SYS_pipe2, GLUE_PTR(fds), (long)flags, 0, 0, 0, 0);
}

long sys_fsync(int fd)
{
	return glue_syscall6(SYS_fsync, (long)fd, 0, 0, 0, 0, 0);
}

long sys_fdatasync(int fd)
{
	return glue_syscall6(SYS_fdatasync, (long)fd, 0, 0, 0, 0, 0);
}

long sys_truncate(const char *path, int64_t length)
{
	return glue_syscall6(SYS_truncate, GLUE_PTR(path), (long)length, 0, 0, 0, 0);
}

long sys_ftruncate(int fd, int64_t length)
{
	return glue_syscall6(SYS_ftruncate, (long)fd, (long)length, 0, 0, 0, 0);
}

long sys_sync(void)
{
	return glue_syscall6(SYS_sync, 0, 0, 0, 0, 0, 0);
}

long sys_memfd_create(const char *name, unsigned int flags)
{
	return glue_syscall6(SYS_memfd_create, GLUE_PTR(name), (long)flags, 0, 0, 0, 0);
}
