/*
 * The system-call glue for one area. Paths, metadata and directories.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_stat(const char *path, aegis_stat_t *st)
{
	return glue_syscall6(SYS_stat, GLUE_PTR(path), GLUE_PTR(st), 0, 0, 0, 0);
}

long sys_lstat(const char *path, aegis_stat_t *st)
{
	return glue_syscall6(SYS_lstat, GLUE_PTR(path), GLUE_PTR(st), 0, 0, 0, 0);
}

long sys_fstat(int fd, aegis_stat_t *st)
{
	return glue_syscall6(SYS_fstat, (long)fd, GLUE_PTR(st), 0, 0, 0, 0);
}

long sys_newfstatat(int dirfd, const char *path, aegis_stat_t *st, int flags)
{
	return glue_syscall6(SYS_newfstatat, (long)dirfd, GLUE_PTR(path), GLUE_PTR(st), (long)flags, 0, 0);
}

long sys_utimensat(int dirfd, const char *path, const aegis_timespec_t *times, int flags)
{
	return glue_syscall6(SYS_utimensat, (long)dirfd, GLUE_PTR(path), GLUE_PTR(times), (long)flags, 0, 0);
}

long sys_statfs(const char *path, aegis_statfs_t *buf)
{
	return glue_syscall6(SYS_statfs, GLUE_PTR(path), GLUE_PTR(buf), 0, 0, 0, 0);
}

long sys_fstatfs(int fd, aegis_statfs_t *buf)
{
	return glue_syscall6(SYS_fstatfs, (long)fd, GLUE_PTR(buf), 0, 0, 0, 0);
}

long sys_access(const char *path, int mode)
{
	return glue_syscall6(SYS_access, GLUE_PTR(path), (long)mode, 0, 0, 0, 0);
}

long sys_faccessat(int dirfd, const char *path, int mode)
{
	return glue_syscall6(SYS_faccessat, (long)dirfd, GLUE_PTR(path), (long)mode, 0, 0, 0);
}

long sys_getcwd(char *buf, size_t size)
{
	return glue_syscall6(SYS_getcwd, GLUE_PTR(buf), (long)size, 0, 0, 0, 0);
}

long sys_chdir(const char *path)
{
	return glue_syscall6(SYS_chdir, GLUE_PTR(path), 0, 0, 0, 0, 0);
}

long sys_fchdir(int fd)
{
	return glue_syscall6(SYS_fchdir, (long)fd, 0, 0, 0, 0, 0);
}

long sys_rename(const char *oldpath, const char *newpath)
{
	return glue_syscall6(SYS_rename, GLUE_PTR(oldpath), GLUE_PTR(newpath), 0, 0, 0, 0);
}

long sys_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return glue_syscall6(SYS_renameat, (long)olddirfd, GLUE_PTR(oldpath), (long)newdirfd, GLUE_PTR(newpath), 0, 0);
}

long sys_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned flags)
{
	return glue_syscall6(SYS_renameat2, (long)olddirfd, GLUE_PTR(oldpath), (long)newdirfd, GLUE_PTR(newpath),
	                     (long)flags, 0);
}

long sys_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	return glue_syscall6(SYS_linkat, (long)olddirfd, GLUE_PTR(oldpath), (long)newdirfd, GLUE_PTR(newpath),
	                     (long)flags, 0);
}

long sys_mkdir(const char *path, uint32_t mode)
{
	return glue_syscall6(SYS_mkdir, GLUE_PTR(path), (long)mode, 0, 0, 0, 0);
}

long sys_mkdirat(int dirfd, const char *path, uint32_t mode)
{
	return glue_syscall6(SYS_mkdirat, (long)dirfd, GLUE_PTR(path), (long)mode, 0, 0, 0);
}

long sys_mknod(const char *path, uint32_t mode, uint64_t dev)
{
	return glue_syscall6(SYS_mknod, GLUE_PTR(path), (long)mode, (long)dev, 0, 0, 0);
}

long sys_mknodat(int dirfd, const char *path, uint32_t mode, uint64_t dev)
{
	return glue_syscall6(SYS_mknodat, (long)dirfd, GLUE_PTR(path), (long)mode, (long)dev, 0, 0);
}

long sys_rmdir(const char *path)
{
	return glue_syscall6(SYS_rmdir, GLUE_PTR(path), 0, 0, 0, 0, 0);
}

long sys_link(const char *oldpath, const char *newpath)
{
	return glue_syscall6(SYS_link, GLUE_PTR(oldpath), GLUE_PTR(newpath), 0, 0, 0, 0);
}

long sys_unlink(const char *path)
{
	return glue_syscall6(SYS_unlink, GLUE_PTR(path), 0, 0, 0, 0, 0);
}

long sys_unlinkat(int dirfd, const char *path, int flags)
{
	return glue_syscall6(SYS_unlinkat, (long)dirfd, GLUE_PTR(path), (long)flags, 0, 0, 0);
}

long sys_symlink(const char *target, const char *linkpath)
{
	return glue_syscall6(SYS_symlink, GLUE_PTR(target), GLUE_PTR(linkpath), 0, 0, 0, 0);
}

long sys_symlinkat(const char *target, int newdirfd, const char *linkpath)
{
	return glue_syscall6(SYS_symlinkat, GLUE_PTR(target), (long)newdirfd, GLUE_PTR(linkpath), 0, 0, 0);
}

long sys_readlink(const char *path, char *buf, size_t size)
{
	return glue_syscall6(SYS_readlink, GLUE_PTR(path), GLUE_PTR(buf), (long)size, 0, 0, 0);
}

long sys_readlinkat(int dirfd, const char *path, char *buf, size_t size)
{
	return glue_syscall6(SYS_readlinkat, (long)dirfd, GLUE_PTR(path), GLUE_PTR(buf), (long)size, 0, 0);
}

long sys_chmod(const char *path, uint32_t mode)
{
	return glue_syscall6(SYS_chmod, GLUE_PTR(path), (long)mode, 0, 0, 0, 0);
}

long sys_fchmod(int fd, uint32_t mode)
{
	return glue_syscall6(SYS_fchmod, (long)fd, (long)mode, 0, 0, 0, 0);
}

long sys_fchmodat(int dirfd, const char *path, uint32_t mode)
{
	return glue_syscall6(SYS_fchmodat, (long)dirfd, GLUE_PTR(path), (long)mode, 0, 0, 0);
}

long sys_chown(const char *path, uint32_t uid, uint32_t gid)
{
	return glue_syscall6(SYS_chown, GLUE_PTR(path), (long)uid, (long)gid, 0, 0, 0);
}

long sys_fchown(int fd, uint32_t uid, uint32_t gid)
{
	return glue_syscall6(SYS_fchown, (long)fd, (long)uid, (long)gid, 0, 0, 0);
}

long sys_lchown(const char *path, uint32_t uid, uint32_t gid)
{
	return glue_syscall6(SYS_lchown, GLUE_PTR(path), (long)uid, (long)gid, 0, 0, 0);
}

long sys_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags)
{
	return glue_syscall6(SYS_fchownat, (long)dirfd, GLUE_PTR(path), (long)uid, (long)gid, (long)flags, 0);
}

long sys_umask(uint32_t mask)
{
	return glue_syscall6(SYS_umask, (long)mask, 0, 0, 0, 0, 0);
}

long sys_getdents64(int fd, void *buf, size_t count)
{
	return glue_syscall6(SYS_getdents64, (long)fd, GLUE_PTR(buf), (long)count, 0, 0, 0);
}
