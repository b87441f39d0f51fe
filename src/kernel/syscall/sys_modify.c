/*
 * The calls that would change the namespace, answered as a read-only file
 * system answers them (spec/filesystems.md FS-016..FS-019): every name is
 * resolved and checked first, so a missing file, a wrong type or an
 * existing name gets its own error, and only a change that could otherwise
 * happen fails with -EROFS.  The writable VFS replaces these answers.
 */
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/path.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"
#include "syscall/user_path.h"

#define MODIFY_AT_REMOVEDIR 0x200
#define MODIFY_RENAME_FLAGS 0x7u /* RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT */

/*
 * The node at dirfd + path's last name, not following it: 0 and *node,
 * MODIFY_FREE when the directory exists but the name does not, or -errno.
 */
#define MODIFY_FREE 1
static int modify_child(process_t *p, int dirfd, uint64_t upath, bool create, vnode_t **node)
{
	char name[PATH_NAME_MAX + 1];
	vnode_t *dir;
	int r = user_path_parent(p, dirfd, upath, create, &dir, name);
	if (r != 0)
		return r;
	r = vfs_lookup_child(dir, name, kstrlen(name), node);
	return r == -ENOENT ? MODIFY_FREE : r;
}

/* Making a name: an existing one is -EEXIST, a free one cannot be made here. */
static int64_t modify_create(process_t *p, int dirfd, uint64_t upath)
{
	vnode_t *node;
	int r = modify_child(p, dirfd, upath, true, &node);
	if (r == 0)
		return -EEXIST;
	return r == MODIFY_FREE ? -EROFS : r;
}

/* Removing a name: it must exist and be of the right kind. */
static int64_t modify_remove(process_t *p, int dirfd, uint64_t upath, bool dir_wanted)
{
	vnode_t *node;
	int r = modify_child(p, dirfd, upath, false, &node);
	if (r != 0)
		return r == MODIFY_FREE ? -ENOENT : r;
	if (dir_wanted && !vnode_is_dir(node))
		return -ENOTDIR;
	if (!dir_wanted && vnode_is_dir(node))
		return -EISDIR;
	return -EROFS;
}

/* Changing a file that must exist (following links unless nofollow). */
static int64_t modify_existing(process_t *p, int dirfd, uint64_t upath, bool nofollow)
{
	vnode_t *node;
	int r = user_path_resolve(p, dirfd, upath, nofollow ? VFS_NOFOLLOW : 0u, &node);
	return r != 0 ? r : -EROFS;
}

SYSCALL_HANDLER(mkdir)
{
	return modify_create(p, AEGIS_AT_FDCWD, args->a[0]);
}

SYSCALL_HANDLER(mkdirat)
{
	return modify_create(p, (int)args->a[0], args->a[1]);
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

/* symlink(target, linkpath): an empty target is -ENOENT; then as any new name. */
static int64_t modify_symlink(process_t *p, uint64_t utarget, int dirfd, uint64_t ulink)
{
	char first = 0;
	if (copy_from_user(p, &first, utarget, 1) != 0)
		return -EFAULT;
	if (first == '\0')
		return -ENOENT;
	return modify_create(p, dirfd, ulink);
}

SYSCALL_HANDLER(symlink)
{
	return modify_symlink(p, args->a[0], AEGIS_AT_FDCWD, args->a[1]);
}

SYSCALL_HANDLER(symlinkat)
{
	return modify_symlink(p, args->a[0], (int)args->a[1], args->a[2]);
}

/* rename's new name: its directory must exist; the name itself may. */
static int64_t modify_existing_parent(process_t *p, int dirfd, uint64_t upath)
{
	char name[PATH_NAME_MAX + 1];
	vnode_t *dir;
	int r = user_path_parent(p, dirfd, upath, true, &dir, name);
	return r != 0 ? r : -EROFS;
}

/* link and rename: the old name must exist; link's new name must not, and a directory cannot be linked. */
static int64_t modify_two(process_t *p, int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, bool is_link)
{
	vnode_t *node;
	int r = modify_child(p, olddirfd, uold, false, &node);
	if (r != 0)
		return r == MODIFY_FREE ? -ENOENT : r;
	if (is_link && vnode_is_dir(node))
		return -EPERM;
	return is_link ? modify_create(p, newdirfd, unew) : modify_existing_parent(p, newdirfd, unew);
}

SYSCALL_HANDLER(link)
{
	return modify_two(p, AEGIS_AT_FDCWD, args->a[0], AEGIS_AT_FDCWD, args->a[1], true);
}

SYSCALL_HANDLER(linkat)
{
	if (args->a[4] & ~(uint64_t)(AEGIS_AT_SYMLINK_FOLLOW | AEGIS_AT_EMPTY_PATH))
		return -EINVAL;
	return modify_two(p, (int)args->a[0], args->a[1], (int)args->a[2], args->a[3], true);
}

SYSCALL_HANDLER(rename)
{
	return modify_two(p, AEGIS_AT_FDCWD, args->a[0], AEGIS_AT_FDCWD, args->a[1], false);
}

SYSCALL_HANDLER(renameat)
{
	return modify_two(p, (int)args->a[0], args->a[1], (int)args->a[2], args->a[3], false);
}

SYSCALL_HANDLER(renameat2)
{
	if (args->a[4] & ~(uint64_t)MODIFY_RENAME_FLAGS)
		return -EINVAL;
	return modify_two(p, (int)args->a[0], args->a[1], (int)args->a[2], args->a[3], false);
}

SYSCALL_HANDLER(chmod)
{
	return modify_existing(p, AEGIS_AT_FDCWD, args->a[0], false);
}

SYSCALL_HANDLER(fchmodat)
{
	return modify_existing(p, (int)args->a[0], args->a[1], false);
}

SYSCALL_HANDLER(chown)
{
	return modify_existing(p, AEGIS_AT_FDCWD, args->a[0], false);
}

SYSCALL_HANDLER(lchown)
{
	return modify_existing(p, AEGIS_AT_FDCWD, args->a[0], true);
}

SYSCALL_HANDLER(fchownat)
{
	if (args->a[4] & ~(uint64_t)(AEGIS_AT_SYMLINK_NOFOLLOW | AEGIS_AT_EMPTY_PATH))
		return -EINVAL;
	return modify_existing(p, (int)args->a[0], args->a[1], (args->a[4] & AEGIS_AT_SYMLINK_NOFOLLOW) != 0);
}

/* fchmod, fchown: every file is on a read-only file system in this slice (pipes and the console included). */
static int64_t modify_fd(process_t *p, int fd)
{
	file_t *f = fdtable_get(&p->fds, fd);
	if (!f)
		return -EBADF;
	return -EROFS;
}

SYSCALL_HANDLER(fchmod)
{
	return modify_fd(p, (int)args->a[0]);
}

SYSCALL_HANDLER(fchown)
{
	return modify_fd(p, (int)args->a[0]);
}

SYSCALL_HANDLER(truncate)
{
	if ((int64_t)args->a[1] < 0)
		return -EINVAL;
	vnode_t *node;
	int r = user_path_resolve(p, AEGIS_AT_FDCWD, args->a[0], 0, &node);
	if (r != 0)
		return r;
	if (vnode_is_dir(node))
		return -EISDIR;
	return vnode_is_regular(node) ? -EROFS : -EINVAL;
}

/* ftruncate needs a regular file open for writing, which nothing here can be. */
SYSCALL_HANDLER(ftruncate)
{
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	return -EINVAL;
}

SYSCALL_HANDLER(sync)
{
	(void)p;
	(void)args;
	return 0; /* nothing is written that could be pending */
}

/* fsync, fdatasync: files of the namespace have nothing pending; pipes and the console cannot be synced. */
static int64_t modify_fsync(process_t *p, int fd)
{
	file_t *f = fdtable_get(&p->fds, fd);
	if (!f)
		return -EBADF;
	return f->node ? 0 : -EINVAL;
}

SYSCALL_HANDLER(fsync)
{
	return modify_fsync(p, (int)args->a[0]);
}

SYSCALL_HANDLER(fdatasync)
{
	return modify_fsync(p, (int)args->a[0]);
}
