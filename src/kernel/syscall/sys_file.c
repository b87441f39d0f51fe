/*
 * Opening and inspecting files (spec/filesystems.md FS-001..): open,
 * openat, lseek, pread64, fstat, stat, lstat, newfstatat, getdents64, fcntl
 * and ioctl, over the namespace of fs/vfs.h.
 */
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/path.h"
#include "fs/vfs.h"
#include "fs/vfs_file.h"
#include "mm/kheap.h"
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

static int64_t file_open_at(process_t *p, int dirfd, uint64_t upath, uint32_t flags)
{
	flags &= FILE_OPEN_FLAGS_KNOWN; /* other bits are ignored, as Linux's open does */
	if ((flags & AEGIS_O_TMPFILE) == AEGIS_O_TMPFILE || (flags & AEGIS_O_PATH))
		return -EOPNOTSUPP;
	vnode_t *node;
	int r = user_path_resolve(p, dirfd, upath, (flags & AEGIS_O_NOFOLLOW) ? VFS_NOFOLLOW : 0u, &node);
	if (r == -ENOENT && (flags & AEGIS_O_CREAT))
		return -EROFS; /* creating files needs a writable file system */
	if (r != 0)
		return r;
	if ((flags & AEGIS_O_CREAT) && (flags & AEGIS_O_EXCL))
		return -EEXIST;
	file_t *f;
	r = vfs_open(p, node, flags, &f);
	if (r != 0)
		return r;
	int fd = fdtable_install(&p->fds, f, 0, (flags & AEGIS_O_CLOEXEC) != 0);
	if (fd < 0)
		file_release(f);
	return fd;
}

SYSCALL_HANDLER(open)
{
	return file_open_at(p, AEGIS_AT_FDCWD, args->a[0], (uint32_t)args->a[1]);
}

SYSCALL_HANDLER(openat)
{
	return file_open_at(p, (int)args->a[0], args->a[1], (uint32_t)args->a[2]);
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

SYSCALL_HANDLER(pread64)
{
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	if (!f->node || f->node->ops->open_device)
		return -ESPIPE;
	if ((f->flags & AEGIS_O_ACCMODE) == AEGIS_O_WRONLY)
		return -EBADF;
	if ((int64_t)args->a[3] < 0)
		return -EINVAL;
	size_t len = args->a[2] < FILE_PREAD_MAX ? (size_t)args->a[2] : FILE_PREAD_MAX;
	if (vnode_is_dir(f->node))
		return -EISDIR;
	if (!f->node->ops->read)
		return -EINVAL;
	uint8_t *buf = kmalloc(len ? len : 1u);
	if (!buf)
		return -ENOMEM;
	int64_t got = f->node->ops->read(f->node, args->a[3], buf, len);
	if (got > 0 && copy_to_user(p, args->a[1], buf, (size_t)got) != 0)
		got = -EFAULT;
	kfree(buf);
	return got;
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
				vnode_t *cwd;
				int r = vfs_start_node(p, dirfd, &cwd);
				if (r != 0)
					return r;
				vnode_stat(cwd, &st);
			} else {
				file_t *f = fdtable_get(&p->fds, dirfd);
				if (!f)
					return -EBADF;
				file_stat_open(f, &st);
			}
			return file_put_stat(p, ust, &st);
		}
	}
	vnode_t *node;
	int r = user_path_resolve(p, dirfd, upath, (atflags & AEGIS_AT_SYMLINK_NOFOLLOW) ? VFS_NOFOLLOW : 0u, &node);
	if (r != 0)
		return r;
	vnode_stat(node, &st);
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
		if (arg >= FDTABLE_MAX)
			return -EINVAL;
		file_retain(f);
		int nfd = fdtable_install(&p->fds, f, (int)arg, (int)args->a[1] == AEGIS_F_DUPFD_CLOEXEC);
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
