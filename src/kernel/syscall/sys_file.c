/*
 * Opening and inspecting files (spec/filesystems.md FS-001..): open,
 * openat, lseek, pread64, fstat, stat, lstat, newfstatat, getdents64, fcntl
 * and ioctl, over the namespace of fs/vfs.h.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/path.h"
#include "fs/vfs.h"
#include "fs/vfs_file.h"
#include "fs/vfs_guard.h"
#include "fs/vfs_ops.h"
#include "mm/kheap.h"
#include "proc/cred.h"
#include "proc/proc_cap.h"
#include "proc/proc_limits.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"
#include "syscall/user_path.h"

#define FILE_GETDENTS_MAX (64u * 1024u) /* bytes of records one getdents64 call copies */
#define FILE_PREAD_MAX (64u * 1024u)    /* bytes one pread64 moves through the kernel */
#define FILE_OPEN_FLAGS_KNOWN                                                                                      \
	(AEGIS_O_ACCMODE | AEGIS_O_CREAT | AEGIS_O_EXCL | AEGIS_O_NOCTTY | AEGIS_O_TRUNC | AEGIS_O_APPEND |          \
	 AEGIS_O_NONBLOCK | AEGIS_O_SYNC | AEGIS_O_DIRECT | AEGIS_O_LARGEFILE | AEGIS_O_DIRECTORY | AEGIS_O_NOFOLLOW | \
	 AEGIS_O_NOATIME | AEGIS_O_CLOEXEC | AEGIS_O_PATH | AEGIS_O_TMPFILE)
#define FILE_STATUS_SETTABLE (AEGIS_O_APPEND | AEGIS_O_NONBLOCK)
#define FILE_CREATE_PERM 07777u

/*
 * O_CREAT: the name's directory, then the name; a missing one is made as a
 * regular file owned by the caller (FS-020).  A dangling symlink is not
 * followed to create its target (O_CREAT never creates through a link here).
 */
static int file_open_create(process_t *p, int dirfd, uint64_t upath, uint32_t flags, uint32_t mode, dentry_t **out)
{
	char name[PATH_NAME_MAX + 1];
	dentry_t *dir;
	int r = user_path_parent(p, dirfd, upath, true, &dir, name);
	if (r == -EEXIST || r == -EINVAL)
		r = -EISDIR; /* "." or "..": a directory, never a new file */
	if (r != 0)
		return r;
	dentry_t *d = NULL;
	r = vfs_lookup_child(dir, name, kstrlen(name), &d);
	if (r == 0) {
		dentry_put(dir);
		if (flags & AEGIS_O_EXCL)
			return -EEXIST;
		return user_path_resolve(p, dirfd, upath, (flags & AEGIS_O_NOFOLLOW) ? VFS_NOFOLLOW : 0u, out);
	}
	if (r == -ENOENT) {
		/* Missing: made here, unless it would be a guarded file the caller may not open. */
		vnode_create_t what = { .mode = AEGIS_S_IFREG | (mode & FILE_CREATE_PERM & ~p->umask) };
		r = vfs_guard_create(p, dir, name);
		if (r == 0)
			r = vfs_create(p, dir, name, &what, out);
	}
	dentry_put(dir);
	return r;
}

static int64_t file_open_at(process_t *p, int dirfd, uint64_t upath, uint32_t flags, uint32_t mode)
{
	flags &= FILE_OPEN_FLAGS_KNOWN; /* other bits are ignored, as Linux's open does */
	if ((flags & AEGIS_O_TMPFILE) == AEGIS_O_TMPFILE || (flags & AEGIS_O_PATH))
		return -EOPNOTSUPP;
	int r = proc_cap_require(p, CAP_KIND_VFS_OPEN, CAP_RIGHTS_READ);
	if (r != 0)
		return r;
	dentry_t *d;
	if (flags & AEGIS_O_CREAT)
		r = file_open_create(p, dirfd, upath, flags, mode, &d);
	else
		r = user_path_resolve(p, dirfd, upath, (flags & AEGIS_O_NOFOLLOW) ? VFS_NOFOLLOW : 0u, &d);
	if (r != 0)
		return r;
	file_t *f;
	r = vfs_open(p, d, flags, &f);
	dentry_put(d);
	if (r != 0)
		return r;
	int fd = proc_fd_install(p, f, 0, (flags & AEGIS_O_CLOEXEC) != 0);
	if (fd < 0)
		file_release(f);
	return fd;
}

SYSCALL_HANDLER(open)
{
	return file_open_at(p, AEGIS_AT_FDCWD, args->a[0], (uint32_t)args->a[1], (uint32_t)args->a[2]);
}

SYSCALL_HANDLER(openat)
{
	return file_open_at(p, (int)args->a[0], args->a[1], (uint32_t)args->a[2], (uint32_t)args->a[3]);
}

SYSCALL_HANDLER(lseek)
{
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	if (!f->node || f->node->ops->open_device)
		return f->node ? 0 : -ESPIPE; /* devices: seeking is a no-op, as for /dev/null */
	int64_t off = (int64_t)args->a[1];
	int64_t base;
	switch ((int)args->a[2]) {
	case AEGIS_SEEK_SET:
		base = 0;
		break;
	case AEGIS_SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case AEGIS_SEEK_END:
		base = (int64_t)f->node->size;
		break;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return (int64_t)f->pos;
}

/* The open regular file fd for pread64/pwrite64: -EBADF, -ESPIPE (not seekable), -EISDIR. */
static int file_positional(process_t *p, int fd, uint32_t refused_mode, int64_t offset, file_t **out)
{
	file_t *f = fdtable_get(&p->fds, fd);
	if (!f || (f->flags & AEGIS_O_ACCMODE) == refused_mode)
		return -EBADF;
	if (!f->node || f->node->ops->open_device)
		return -ESPIPE;
	if (offset < 0)
		return -EINVAL;
	if (vnode_is_dir(f->node))
		return -EISDIR;
	*out = f;
	return 0;
}

SYSCALL_HANDLER(pread64)
{
	file_t *f;
	int r = proc_cap_require(p, CAP_KIND_VFS_READ, CAP_RIGHTS_READ);
	if (r == 0)
		r = file_positional(p, (int)args->a[0], AEGIS_O_WRONLY, (int64_t)args->a[3], &f);
	if (r != 0)
		return r;
	if (!f->node->ops->read)
		return -EINVAL;
	size_t len = args->a[2] < FILE_PREAD_MAX ? (size_t)args->a[2] : FILE_PREAD_MAX;
	uint8_t *buf = kmalloc(len ? len : 1u);
	if (!buf)
		return -ENOMEM;
	int64_t got = f->node->ops->read(f->node, args->a[3], buf, len);
	if (got > 0 && copy_to_user(p, args->a[1], buf, (size_t)got) != 0)
		got = -EFAULT;
	kfree(buf);
	return got;
}

/* pwrite64 writes at the offset given, never at the end, even with O_APPEND (as POSIX asks). */
SYSCALL_HANDLER(pwrite64)
{
	file_t *f;
	int r = proc_cap_require(p, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE);
	if (r == 0)
		r = file_positional(p, (int)args->a[0], AEGIS_O_RDONLY, (int64_t)args->a[3], &f);
	if (r != 0)
		return r;
	if (!f->node->ops->write)
		return -EROFS;
	size_t len = args->a[2] < FILE_PREAD_MAX ? (size_t)args->a[2] : FILE_PREAD_MAX;
	uint8_t *buf = kmalloc(len ? len : 1u);
	if (!buf)
		return -ENOMEM;
	int64_t put = copy_from_user(p, buf, args->a[1], len) != 0 ? -EFAULT : 0;
	if (put == 0)
		put = proc_clip_write(p, args->a[3], &len);
	if (put == 0)
		put = f->node->ops->write(f->node, args->a[3], buf, len);
	kfree(buf);
	return put;
}

/* fstat of an open file: its node, or what the file says it is. */
static void file_stat_open(file_t *f, aegis_stat_t *st)
{
	if (f->node) {
		vnode_stat(f->node, st);
		return;
	}
	kmemset(st, 0, sizeof(*st));
	if (f->ops->stat)
		f->ops->stat(f, st);
	else
		st->st_mode = AEGIS_S_IFCHR | 0600u;
}

static int64_t file_put_stat(process_t *p, uint64_t ust, const aegis_stat_t *st)
{
	return copy_to_user(p, ust, st, sizeof(*st)) != 0 ? -EFAULT : 0;
}

SYSCALL_HANDLER(fstat)
{
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	aegis_stat_t st;
	file_stat_open(f, &st);
	return file_put_stat(p, args->a[1], &st);
}

static int64_t file_stat_path(process_t *p, int dirfd, uint64_t upath, uint64_t ust, uint32_t atflags)
{
	if (atflags & ~(uint32_t)(AEGIS_AT_SYMLINK_NOFOLLOW | AEGIS_AT_EMPTY_PATH | AEGIS_AT_NO_AUTOMOUNT))
		return -EINVAL;
	aegis_stat_t st;
	if (atflags & AEGIS_AT_EMPTY_PATH) {
		char first = 0;
		if (copy_from_user(p, &first, upath, 1) != 0)
			return -EFAULT;
		if (first == '\0') {
			if (dirfd == AEGIS_AT_FDCWD) {
				dentry_t *cwd = vfs_cwd(p);
				if (!cwd)
					return -ENOENT;
				vnode_stat(cwd->node, &st);
				dentry_put(cwd);
			} else {
				file_t *f = fdtable_get(&p->fds, dirfd);
				if (!f)
					return -EBADF;
				file_stat_open(f, &st);
			}
			return file_put_stat(p, ust, &st);
		}
	}
	dentry_t *d;
	int r = user_path_resolve(p, dirfd, upath, (atflags & AEGIS_AT_SYMLINK_NOFOLLOW) ? VFS_NOFOLLOW : 0u, &d);
	if (r != 0)
		return r;
	vnode_stat(d->node, &st);
	dentry_put(d);
	return file_put_stat(p, ust, &st);
}

SYSCALL_HANDLER(stat)
{
	return file_stat_path(p, AEGIS_AT_FDCWD, args->a[0], args->a[1], 0);
}

SYSCALL_HANDLER(lstat)
{
	return file_stat_path(p, AEGIS_AT_FDCWD, args->a[0], args->a[1], AEGIS_AT_SYMLINK_NOFOLLOW);
}

SYSCALL_HANDLER(newfstatat)
{
	return file_stat_path(p, (int)args->a[0], args->a[1], args->a[2], (uint32_t)args->a[3]);
}

SYSCALL_HANDLER(getdents64)
{
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	size_t len = args->a[2] < FILE_GETDENTS_MAX ? (size_t)args->a[2] : FILE_GETDENTS_MAX;
	uint8_t *buf = kmalloc(len ? len : 1u);
	if (!buf)
		return -ENOMEM;
	int64_t n = vfs_file_getdents(f, buf, len);
	if (n > 0 && copy_to_user(p, args->a[1], buf, (size_t)n) != 0)
		n = -EFAULT;
	kfree(buf);
	return n;
}

SYSCALL_HANDLER(fcntl)
{
	int fd = (int)args->a[0];
	file_t *f = fdtable_get(&p->fds, fd);
	if (!f)
		return -EBADF;
	uint64_t arg = args->a[2];
	switch ((int)args->a[1]) {
	case AEGIS_F_DUPFD:
	case AEGIS_F_DUPFD_CLOEXEC: {
		if (arg >= proc_fd_limit(p))
			return -EINVAL;
		file_retain(f);
		int nfd = proc_fd_install(p, f, (int)arg, (int)args->a[1] == AEGIS_F_DUPFD_CLOEXEC);
		if (nfd < 0)
			file_release(f);
		return nfd;
	}
	case AEGIS_F_GETFD:
		return p->fds.cloexec[fd] ? AEGIS_FD_CLOEXEC : 0;
	case AEGIS_F_SETFD:
		p->fds.cloexec[fd] = (arg & AEGIS_FD_CLOEXEC) != 0;
		return 0;
	case AEGIS_F_GETFL:
		return f->flags;
	case AEGIS_F_SETFL:
		f->flags = (f->flags & ~(uint32_t)FILE_STATUS_SETTABLE) | ((uint32_t)arg & FILE_STATUS_SETTABLE);
		return 0;
	default:
		return -EINVAL;
	}
}

/* Terminal ioctls go to the file (the console); everything else is not a terminal. */
SYSCALL_HANDLER(ioctl)
{
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, p, (uint32_t)args->a[1], args->a[2]);
}
