/*
 * Calls about names rather than open files (spec/filesystems.md FS-001..):
 * getcwd, chdir, fchdir, readlink, readlinkat, access and faccessat.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/path.h"
#include "fs/vfs.h"
#include "mm/kheap.h"
#include "proc/cred.h"
#include "proc/proc_cap.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"
#include "syscall/user_path.h"

#define PATHCALL_UMASK_BITS 0777u
#define PATHCALL_ACCESS_MODES (CRED_ACCESS_R | CRED_ACCESS_W | CRED_ACCESS_X)

/* umask: the new mask (permission bits only) in force, the old one returned; fork copies it, execve keeps it. */
SYSCALL_HANDLER(umask)
{
	uint32_t old = p->umask;
	p->umask = (uint32_t)args->a[0] & PATHCALL_UMASK_BITS;
	return old;
}

/* getcwd: the working directory's current path (a removed one is -ENOENT, as on Linux). */
SYSCALL_HANDLER(getcwd)
{
	dentry_t *cwd = vfs_cwd(p);
	if (!cwd)
		return -ENOENT;
	char *path = kmalloc(PATH_PATH_MAX);
	long len = path ? dentry_path(cwd, path, PATH_PATH_MAX) : -ENOMEM;
	int64_t r = len;
	if (len >= 0 && cwd->unhashed)
		r = -ENOENT;
	else if (len >= 0 && args->a[1] < (uint64_t)len + 1u)
		r = -ERANGE;
	else if (len >= 0)
		r = copy_to_user(p, args->a[0], path, (size_t)len + 1u) != 0 ? -EFAULT : len + 1;
	kfree(path);
	dentry_put(cwd);
	return r;
}

/* Make d (held by the caller, who gives it up) the working directory. */
static int64_t pathcall_set_cwd(process_t *p, dentry_t *d)
{
	int r = vnode_is_dir(d->node) ? vfs_may_search(p, d->node) : -ENOTDIR;
	if (r != 0) {
		dentry_put(d);
		return r;
	}
	vfs_set_cwd(p, d);
	return 0;
}

SYSCALL_HANDLER(chdir)
{
	dentry_t *d;
	int r = user_path_resolve(p, AEGIS_AT_FDCWD, args->a[0], 0, &d);
	return r != 0 ? r : pathcall_set_cwd(p, d);
}

SYSCALL_HANDLER(fchdir)
{
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	if (!f->dentry)
		return -ENOTDIR;
	dentry_hold(f->dentry);
	return pathcall_set_cwd(p, f->dentry);
}

static int64_t pathcall_readlink(process_t *p, int dirfd, uint64_t upath, uint64_t ubuf, uint64_t size)
{
	if ((int64_t)size <= 0)
		return -EINVAL;
	dentry_t *d;
	int r = proc_cap_require(p, CAP_KIND_VFS_READ, CAP_RIGHTS_READ);
	if (r == 0)
		r = user_path_resolve(p, dirfd, upath, VFS_NOFOLLOW, &d);
	if (r != 0)
		return r;
	vnode_t *node = d->node;
	char *target = NULL;
	if (!vnode_is_symlink(node) || !node->ops->readlink || !(target = kmalloc(PATH_PATH_MAX))) {
		dentry_put(d);
		return target || !vnode_is_symlink(node) || !node->ops->readlink ? -EINVAL : -ENOMEM;
	}
	long len = node->ops->readlink(node, target, PATH_PATH_MAX);
	if (len >= 0) {
		/* readlink cuts to the buffer and adds no NUL, as on Linux. */
		size_t n = (size_t)len < PATH_PATH_MAX ? (size_t)len : PATH_PATH_MAX;
		if (n > size)
			n = (size_t)size;
		len = copy_to_user(p, ubuf, target, n) != 0 ? -EFAULT : (long)n;
	}
	kfree(target);
	dentry_put(d);
	return len;
}

SYSCALL_HANDLER(readlink)
{
	return pathcall_readlink(p, AEGIS_AT_FDCWD, args->a[0], args->a[1], args->a[2]);
}

SYSCALL_HANDLER(readlinkat)
{
	return pathcall_readlink(p, (int)args->a[0], args->a[1], args->a[2], args->a[3]);
}

/* access checks the real IDs (AT_EACCESS: the effective ones); F_OK (0) only asks for existence. */
static int64_t pathcall_access(process_t *p, int dirfd, uint64_t upath, uint32_t mode, uint32_t atflags)
{
	if (mode & ~(uint32_t)PATHCALL_ACCESS_MODES)
		return -EINVAL;
	if (atflags & ~(uint32_t)(AEGIS_AT_EACCESS | AEGIS_AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	dentry_t *d;
	int r = user_path_resolve(p, dirfd, upath, (atflags & AEGIS_AT_SYMLINK_NOFOLLOW) ? VFS_NOFOLLOW : 0u, &d);
	if (r != 0 || mode == 0) {
		if (r == 0)
			dentry_put(d);
		return r;
	}
	vnode_t *node = d->node;
	cred_t who = p->cred;
	if (!(atflags & AEGIS_AT_EACCESS)) {
		who.euid = p->cred.ruid;
		who.egid = p->cred.rgid;
	}
	if ((mode & CRED_ACCESS_W) && !node->ops->open_device && node->sb && node->sb->read_only)
		r = -EROFS;
	else
		r = cred_dac_check(&who, node->uid, node->gid, node->mode, mode, vnode_is_dir(node)) == 0 ? 0 : -EACCES;
	dentry_put(d);
	return r;
}

SYSCALL_HANDLER(access)
{
	return pathcall_access(p, AEGIS_AT_FDCWD, args->a[0], (uint32_t)args->a[1], 0);
}

SYSCALL_HANDLER(faccessat)
{
	return pathcall_access(p, (int)args->a[0], args->a[1], (uint32_t)args->a[2], 0);
}
