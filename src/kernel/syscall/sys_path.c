/*
 * Calls about names rather than open files (spec/filesystems.md FS-001..):
 * getcwd, chdir, fchdir, readlink, readlinkat, access and faccessat.
 */
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/path.h"
#include "fs/vfs.h"
#include "mm/kheap.h"
#include "proc/cred.h"
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

SYSCALL_HANDLER(getcwd)
{
	vnode_t *cwd;
	int r = vfs_start_node(p, AEGIS_AT_FDCWD, &cwd);
	if (r != 0)
		return r;
	size_t need = cwd->path_len + 1u;
	if (args->a[1] < need)
		return -ERANGE;
	if (copy_to_user(p, args->a[0], cwd->path, need) != 0)
		return -EFAULT;
	return (int64_t)need;
}

static int64_t pathcall_set_cwd(process_t *p, vnode_t *node)
{
	if (!vnode_is_dir(node))
		return -ENOTDIR;
	int r = vfs_may_search(p, node);
	if (r != 0)
		return r;
	p->cwd = node;
	return 0;
}

SYSCALL_HANDLER(chdir)
{
	vnode_t *node;
	int r = user_path_resolve(p, AEGIS_AT_FDCWD, args->a[0], 0, &node);
	return r != 0 ? r : pathcall_set_cwd(p, node);
}

SYSCALL_HANDLER(fchdir)
{
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	if (!f->node)
		return -ENOTDIR;
	return pathcall_set_cwd(p, f->node);
}

static int64_t pathcall_readlink(process_t *p, int dirfd, uint64_t upath, uint64_t ubuf, uint64_t size)
{
	if ((int64_t)size <= 0)
		return -EINVAL;
	vnode_t *node;
	int r = user_path_resolve(p, dirfd, upath, VFS_NOFOLLOW, &node);
	if (r != 0)
		return r;
	if (!vnode_is_symlink(node) || !node->ops->readlink)
		return -EINVAL;
	char *target = kmalloc(PATH_PATH_MAX);
	if (!target)
		return -ENOMEM;
	long len = node->ops->readlink(node, target, PATH_PATH_MAX);
	if (len >= 0) {
		/* readlink cuts to the buffer and adds no NUL, as on Linux. */
		size_t n = (size_t)len < PATH_PATH_MAX ? (size_t)len : PATH_PATH_MAX;
		if (n > size)
			n = (size_t)size;
		len = copy_to_user(p, ubuf, target, n) != 0 ? -EFAULT : (long)n;
	}
	kfree(target);
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
	vnode_t *node;
	int r = user_path_resolve(p, dirfd, upath, (atflags & AEGIS_AT_SYMLINK_NOFOLLOW) ? VFS_NOFOLLOW : 0u, &node);
	if (r != 0 || mode == 0)
		return r;
	cred_t who = p->cred;
	if (!(atflags & AEGIS_AT_EACCESS)) {
		who.euid = p->cred.ruid;
		who.egid = p->cred.rgid;
	}
	if ((mode & CRED_ACCESS_W) && !node->ops->open_device)
		return -EROFS;
	return cred_dac_check(&who, node->uid, node->gid, node->mode, mode, vnode_is_dir(node)) == 0 ? 0 : -EACCES;
}

SYSCALL_HANDLER(access)
{
	return pathcall_access(p, AEGIS_AT_FDCWD, args->a[0], (uint32_t)args->a[1], 0);
}

SYSCALL_HANDLER(faccessat)
{
	return pathcall_access(p, (int)args->a[0], args->a[1], (uint32_t)args->a[2], 0);
}
