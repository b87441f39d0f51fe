/*
 * The calls that change the namespace and attributes (spec/filesystems.md
 * FS-016..FS-025, FS-200): mkdir, mknod (FIFOs), rmdir, unlink, symlink, link, rename, chmod,
 * chown, truncate and the sync family, on the VFS of fs/vfs_ops.h.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/path.h"
#include "fs/mount.h"
#include "fs/vfs_ops.h"
#include "mm/kheap.h"
#include "proc/cred.h"
#include "proc/proc_cap.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"
#include "syscall/user_path.h"

#define MODIFY_AT_REMOVEDIR 0x200
#define MODIFY_RENAME_NOREPLACE 0x1u
#define MODIFY_RENAME_FLAGS 0x7u /* RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT */
#define MODIFY_PERM_BITS 07777u

/* Every call here that changes a name, a mode, a size or a time needs VFS_WRITE(W) first (CAP-110). */
static int modify_gate(const process_t *p)
{
	return proc_cap_require(p, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE);
}

/* Make name at dirfd + path as what (permission bits already through the umask). */
static int64_t modify_make(process_t *p, int dirfd, uint64_t upath, vnode_create_t *what)
{
	char name[PATH_NAME_MAX + 1];
	dentry_t *dir;
	int r = modify_gate(p);
	if (r == 0)
		r = user_path_parent(p, dirfd, upath, true, &dir, name);
	if (r != 0)
		return r;
	dentry_t *made = NULL;
	r = vfs_create(p, dir, name, what, &made);
	dentry_put(made);
	dentry_put(dir);
	return r;
}

static int64_t modify_mkdir(process_t *p, int dirfd, uint64_t upath, uint32_t mode)
{
	vnode_create_t what = { .mode = AEGIS_S_IFDIR | (mode & 0777u & ~p->umask) };
	return modify_make(p, dirfd, upath, &what);
}

SYSCALL_HANDLER(mkdir)
{
	return modify_mkdir(p, AEGIS_AT_FDCWD, args->a[0], (uint32_t)args->a[1]);
}

SYSCALL_HANDLER(mkdirat)
{
	return modify_mkdir(p, (int)args->a[0], args->a[1], (uint32_t)args->a[2]);
}

/* mknod, mknodat: FIFOs only (FS-200); any other kind is -EPERM, as for an unprivileged Linux caller. */
static int64_t modify_mknod(process_t *p, int dirfd, uint64_t upath, uint32_t mode)
{
	if ((mode & VNODE_MODE_TYPE) != AEGIS_S_IFIFO)
		return -EPERM;
	vnode_create_t what = { .mode = AEGIS_S_IFIFO | (mode & 0777u & ~p->umask) };
	return modify_make(p, dirfd, upath, &what);
}

SYSCALL_HANDLER(mknod)
{
	return modify_mknod(p, AEGIS_AT_FDCWD, args->a[0], (uint32_t)args->a[1]);
}

SYSCALL_HANDLER(mknodat)
{
	return modify_mknod(p, (int)args->a[0], args->a[1], (uint32_t)args->a[2]);
}

static int64_t modify_remove(process_t *p, int dirfd, uint64_t upath, bool is_dir)
{
	char name[PATH_NAME_MAX + 1];
	dentry_t *dir;
	int r = modify_gate(p);
	if (r == 0)
		r = user_path_parent(p, dirfd, upath, false, &dir, name);
	if (r != 0)
		return r;
	r = vfs_remove(p, dir, name, is_dir);
	dentry_put(dir);
	return r;
}

SYSCALL_HANDLER(rmdir)
{
	return modify_remove(p, AEGIS_AT_FDCWD, args->a[0], true);
}

SYSCALL_HANDLER(unlink)
{
	return modify_remove(p, AEGIS_AT_FDCWD, args->a[0], false);
}

SYSCALL_HANDLER(unlinkat)
{
	if (args->a[2] & ~(uint64_t)MODIFY_AT_REMOVEDIR)
		return -EINVAL;
	return modify_remove(p, (int)args->a[0], args->a[1], (args->a[2] & MODIFY_AT_REMOVEDIR) != 0);
}

/* symlink(target, linkpath): an empty target is -ENOENT. */
static int64_t modify_symlink(process_t *p, uint64_t utarget, int dirfd, uint64_t ulink)
{
	char *target;
	int r = modify_gate(p);
	if (r == 0)
		r = user_path_copy(p, utarget, &target);
	if (r != 0)
		return r;
	size_t len = kstrlen(target);
	vnode_create_t what = { .mode = AEGIS_S_IFLNK | 0777u, .target = target, .target_len = len };
	int64_t result = len == 0 ? -ENOENT : modify_make(p, dirfd, ulink, &what);
	kfree(target);
	return result;
}

SYSCALL_HANDLER(symlink)
{
	return modify_symlink(p, args->a[0], AEGIS_AT_FDCWD, args->a[1]);
}

SYSCALL_HANDLER(symlinkat)
{
	return modify_symlink(p, args->a[0], (int)args->a[1], args->a[2]);
}

static int64_t modify_link(process_t *p, int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, unsigned flags)
{
	dentry_t *old;
	int r = modify_gate(p);
	if (r == 0)
		r = user_path_resolve(p, olddirfd, uold, flags, &old);
	if (r != 0)
		return r;
	char name[PATH_NAME_MAX + 1];
	dentry_t *dir;
	r = user_path_parent(p, newdirfd, unew, true, &dir, name);
	if (r == 0) {
		r = vfs_link(p, old, dir, name);
		dentry_put(dir);
	}
	dentry_put(old);
	return r;
}

SYSCALL_HANDLER(link)
{
	return modify_link(p, AEGIS_AT_FDCWD, args->a[0], AEGIS_AT_FDCWD, args->a[1], VFS_NOFOLLOW);
}

SYSCALL_HANDLER(linkat)
{
	uint64_t flags = args->a[4];
	if (flags & ~(uint64_t)(AEGIS_AT_SYMLINK_FOLLOW | AEGIS_AT_EMPTY_PATH))
		return -EINVAL;
	unsigned walk = (flags & AEGIS_AT_SYMLINK_FOLLOW) ? 0u : VFS_NOFOLLOW;
	if (flags & AEGIS_AT_EMPTY_PATH)
		walk |= VFS_EMPTY_PATH;
	return modify_link(p, (int)args->a[0], args->a[1], (int)args->a[2], args->a[3], walk);
}

static int64_t modify_rename(process_t *p, int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, uint64_t flags)
{
	if (flags & ~(uint64_t)MODIFY_RENAME_FLAGS)
		return -EINVAL;
	if (flags & ~(uint64_t)MODIFY_RENAME_NOREPLACE)
		return -EINVAL; /* RENAME_EXCHANGE and RENAME_WHITEOUT are not supported */
	int gate = modify_gate(p);
	if (gate != 0)
		return gate;
	char *names = kmalloc(2u * (PATH_NAME_MAX + 1u));
	if (!names)
		return -ENOMEM;
	char *old_name = names, *new_name = names + PATH_NAME_MAX + 1u;
	dentry_t *old_dir, *new_dir;
	int r = user_path_parent(p, olddirfd, uold, false, &old_dir, old_name);
	if (r == 0) {
		r = user_path_parent(p, newdirfd, unew, true, &new_dir, new_name);
		if (r == 0) {
			r = vfs_rename(p, old_dir, old_name, new_dir, new_name, (flags & MODIFY_RENAME_NOREPLACE) != 0);
			dentry_put(new_dir);
		}
		dentry_put(old_dir);
	}
	kfree(names);
	return r;
}

SYSCALL_HANDLER(rename)
{
	return modify_rename(p, AEGIS_AT_FDCWD, args->a[0], AEGIS_AT_FDCWD, args->a[1], 0);
}

SYSCALL_HANDLER(renameat)
{
	return modify_rename(p, (int)args->a[0], args->a[1], (int)args->a[2], args->a[3], 0);
}

SYSCALL_HANDLER(renameat2)
{
	return modify_rename(p, (int)args->a[0], args->a[1], (int)args->a[2], args->a[3], args->a[4]);
}

/* chmod or chown on the file at dirfd + path. */
static int64_t modify_attr(process_t *p, int dirfd, uint64_t upath, unsigned walk, bool is_chmod, uint32_t mode,
			   uint32_t uid, uint32_t gid)
{
	dentry_t *d;
	int r = is_chmod ? modify_gate(p) : 0;
	if (r == 0)
		r = user_path_resolve(p, dirfd, upath, walk, &d);
	if (r != 0)
		return r;
	r = is_chmod ? vfs_chmod(p, d->node, mode) : vfs_chown(p, d->node, uid, gid);
	dentry_put(d);
	return r;
}

SYSCALL_HANDLER(chmod)
{
	return modify_attr(p, AEGIS_AT_FDCWD, args->a[0], 0, true, (uint32_t)args->a[1], 0, 0);
}

SYSCALL_HANDLER(fchmodat)
{
	return modify_attr(p, (int)args->a[0], args->a[1], 0, true, (uint32_t)args->a[2], 0, 0);
}

SYSCALL_HANDLER(chown)
{
	return modify_attr(p, AEGIS_AT_FDCWD, args->a[0], 0, false, 0, (uint32_t)args->a[1], (uint32_t)args->a[2]);
}

SYSCALL_HANDLER(lchown)
{
	return modify_attr(p, AEGIS_AT_FDCWD, args->a[0], VFS_NOFOLLOW, false, 0, (uint32_t)args->a[1],
			   (uint32_t)args->a[2]);
}

SYSCALL_HANDLER(fchownat)
{
	if (args->a[4] & ~(uint64_t)(AEGIS_AT_SYMLINK_NOFOLLOW | AEGIS_AT_EMPTY_PATH))
		return -EINVAL;
	unsigned walk = (args->a[4] & AEGIS_AT_SYMLINK_NOFOLLOW) ? VFS_NOFOLLOW : 0u;
	if (args->a[4] & AEGIS_AT_EMPTY_PATH)
		walk |= VFS_EMPTY_PATH;
	return modify_attr(p, (int)args->a[0], args->a[1], walk, false, 0, (uint32_t)args->a[2], (uint32_t)args->a[3]);
}

/* The node of an open file for fchmod and fchown: pipes and sockets have none to change. */
static int modify_fd_node(process_t *p, int fd, vnode_t **out)
{
	file_t *f = fdtable_get(&p->fds, fd);
	if (!f)
		return -EBADF;
	if (!f->node)
		return -EINVAL;
	*out = f->node;
	return 0;
}

SYSCALL_HANDLER(fchmod)
{
	vnode_t *n;
	int r = modify_gate(p);
	if (r == 0)
		r = modify_fd_node(p, (int)args->a[0], &n);
	return r != 0 ? r : vfs_chmod(p, n, (uint32_t)args->a[1]);
}

SYSCALL_HANDLER(fchown)
{
	vnode_t *n;
	int r = modify_fd_node(p, (int)args->a[0], &n);
	return r != 0 ? r : vfs_chown(p, n, (uint32_t)args->a[1], (uint32_t)args->a[2]);
}

SYSCALL_HANDLER(truncate)
{
	if ((int64_t)args->a[1] < 0)
		return -EINVAL;
	dentry_t *d;
	int r = modify_gate(p);
	if (r == 0)
		r = user_path_resolve(p, AEGIS_AT_FDCWD, args->a[0], 0, &d);
	if (r != 0)
		return r;
	r = vfs_truncate_node(p, d->node, args->a[1], true);
	dentry_put(d);
	return r;
}

/* ftruncate needs a regular file open for writing. */
SYSCALL_HANDLER(ftruncate)
{
	int gate = modify_gate(p);
	if (gate != 0)
		return gate;
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	if ((int64_t)args->a[1] < 0 || !f->node || !vnode_is_regular(f->node))
		return -EINVAL;
	if ((f->flags & AEGIS_O_ACCMODE) == AEGIS_O_RDONLY)
		return -EINVAL;
	return vfs_truncate_node(p, f->node, args->a[1], false);
}

SYSCALL_HANDLER(sync)
{
	(void)p;
	(void)args;
	vfs_sync_all();
	return 0; /* sync(2) reports nothing, as POSIX says */
}

/* fsync, fdatasync: the file's pending writes; pipes and the console cannot be synced. */
static int64_t modify_fsync(process_t *p, int fd)
{
	file_t *f = fdtable_get(&p->fds, fd);
	if (!f)
		return -EBADF;
	return f->node ? vfs_fsync(f->node) : -EINVAL;
}

SYSCALL_HANDLER(fsync)
{
	return modify_fsync(p, (int)args->a[0]);
}

SYSCALL_HANDLER(fdatasync)
{
	return modify_fsync(p, (int)args->a[0]);
}
