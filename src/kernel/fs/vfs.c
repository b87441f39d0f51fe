/*
 * Path resolution and open over the dentry tree (see vfs.h).  The walker
 * (fs/path.c) borrows dentries; this file supplies its callbacks: ".." is
 * the parent dentry, other names come from the cache or the directory's
 * lookup op, and mounts are crossed both ways.  Results are held; unused
 * dentries are trimmed after each walk.
 */
#include "fs/vfs.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/mount.h"
#include "fs/path.h"
#include "fs/vfs_file.h"
#include "fs/vfs_guard.h"
#include "fs/vfs_ops.h"
#include "ipc/pipe_file.h"
#include "mm/kheap.h"
#include "proc/cred.h"

dentry_t *vfs_root(void)
{
	return vfs_namespace_root();
}

int vfs_may_access(process_t *p, vnode_t *node, uint32_t want)
{
	if (!p)
		return 0;
	return cred_dac_check(&p->cred, node->uid, node->gid, node->mode, want, vnode_is_dir(node)) == 0 ? 0 : -EACCES;
}

int vfs_may_search(process_t *p, vnode_t *dir)
{
	return vfs_may_access(p, dir, CRED_ACCESS_X);
}

int vfs_lookup_child(dentry_t *dir, const char *name, size_t len, dentry_t **out)
{
	if (!vnode_is_dir(dir->node))
		return -ENOTDIR;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = dir->parent ? dir->parent : dir;
		return 0;
	}
	dentry_t *hit = dentry_find_child(dir, name, len);
	bool is_volatile = dir->node->sb && dir->node->sb->volatile_names;
	if (hit && (!is_volatile || hit->mounted)) {
		*out = hit;
		return 0;
	}
	if (!dir->node->ops->lookup)
		return -ENOENT;
	/* Names of a volatile file system (/proc, /dev/pts) are asked again at each walk. */
	vnode_t *n = NULL;
	int r = dir->node->ops->lookup(dir->node, name, len, &n);
	if (hit && (r != 0 || n != hit->node))
		dentry_unhash(hit);
	else if (hit) {
		vnode_put(n);
		*out = hit;
		return 0;
	}
	if (r != 0)
		return r;
	dentry_t *d = dentry_add_child(dir, name, len, n);
	if (!d)
		return -ENOMEM;
	*out = d;
	return 0;
}

static int vfs_cb_lookup(void *ctx, void *dir, const char *name, size_t len, void **out)
{
	(void)ctx;
	dentry_t *d = NULL;
	int r = vfs_lookup_child(dir, name, len, &d);
	if (r == 0)
		*out = d;
	return r;
}

static bool vfs_cb_is_dir(void *ctx, void *d)
{
	(void)ctx;
	return vnode_is_dir(((dentry_t *)d)->node);
}

static bool vfs_cb_is_symlink(void *ctx, void *d)
{
	(void)ctx;
	return vnode_is_symlink(((dentry_t *)d)->node);
}

static long vfs_cb_readlink(void *ctx, void *d, char *buf, size_t cap)
{
	(void)ctx;
	vnode_t *n = ((dentry_t *)d)->node;
	return n->ops->readlink ? n->ops->readlink(n, buf, cap) : -EINVAL;
}

static int vfs_cb_may_search(void *ctx, void *dir)
{
	return vfs_may_search(ctx, ((dentry_t *)dir)->node);
}

static void *vfs_cb_covered(void *ctx, void *d)
{
	(void)ctx;
	return vfs_mount_covering(d);
}

static void *vfs_cb_mountpoint(void *ctx, void *d)
{
	(void)ctx;
	return vfs_mount_point_of(d);
}

dentry_t *vfs_cwd(process_t *p)
{
	dentry_t *d = p && p->cwd ? p->cwd : vfs_root();
	if (d)
		dentry_hold(d);
	return d;
}

void vfs_set_cwd(process_t *p, dentry_t *d)
{
	dentry_t *old = p->cwd;
	p->cwd = d;
	dentry_put(old);
}

int vfs_start_dentry(process_t *p, int dirfd, dentry_t **out)
{
	if (dirfd == AEGIS_AT_FDCWD) {
		*out = vfs_cwd(p);
		return *out ? 0 : -ENOENT;
	}
	file_t *f = p ? fdtable_get(&p->fds, dirfd) : NULL;
	if (!f)
		return -EBADF;
	if (!f->dentry || !vnode_is_dir(f->dentry->node))
		return -ENOTDIR;
	dentry_hold(f->dentry);
	*out = f->dentry;
	return 0;
}

/* The walker over the namespace for p: flags are PATH_* ones; the result stays in res. */
static int vfs_walk(process_t *p, dentry_t *start, const char *path, unsigned flags, path_result_t *res)
{
	dentry_t *root = vfs_root();
	if (!root)
		return -ENOENT;
	path_ops_t ops = {
		.ctx = p,
		.lookup = vfs_cb_lookup,
		.is_dir = vfs_cb_is_dir,
		.is_symlink = vfs_cb_is_symlink,
		.readlink = vfs_cb_readlink,
		.may_search = vfs_cb_may_search,
		.covered = vfs_cb_covered,
		.mountpoint = vfs_cb_mountpoint,
	};
	return path_walk(&ops, start ? start : root, root, path, flags, res);
}

int vfs_resolve(process_t *p, dentry_t *start, const char *path, unsigned flags, dentry_t **out)
{
	path_result_t *res = kmalloc(sizeof(*res));
	if (!res)
		return -ENOMEM;
	unsigned walk = 0;
	if (flags & VFS_NOFOLLOW)
		walk |= PATH_NOFOLLOW;
	if (flags & VFS_EMPTY_PATH)
		walk |= PATH_EMPTY_PATH;
	int r = vfs_walk(p, start, path, walk, res);
	if (r == 0) {
		*out = res->node;
		dentry_hold(*out);
	}
	kfree(res);
	dentry_trim();
	return r;
}

int vfs_resolve_parent(process_t *p, dentry_t *start, const char *path, bool create, dentry_t **dir, char *name)
{
	path_result_t *res = kmalloc(sizeof(*res));
	if (!res)
		return -ENOMEM;
	int r = vfs_walk(p, start, path, PATH_PARENT | (create ? PATH_CREATE : 0u), res);
	if (r == 0) {
		*dir = res->node;
		dentry_hold(*dir);
		kmemcpy(name, res->name, res->name_len);
		name[res->name_len] = '\0';
	}
	kfree(res);
	dentry_trim();
	return r;
}

int vfs_open(process_t *p, dentry_t *d, uint32_t oflags, file_t **out)
{
	vnode_t *node = d->node;
	uint32_t acc = oflags & AEGIS_O_ACCMODE;
	bool writing = acc == AEGIS_O_WRONLY || acc == AEGIS_O_RDWR;
	if (acc == AEGIS_O_ACCMODE)
		return -EINVAL;
	if (vnode_is_symlink(node))
		return -ELOOP; /* only reached with O_NOFOLLOW */
	if ((oflags & AEGIS_O_DIRECTORY) && !vnode_is_dir(node))
		return -ENOTDIR;
	if (vnode_is_dir(node) && (writing || (oflags & AEGIS_O_TRUNC)))
		return -EISDIR;
	if ((node->mode & VNODE_MODE_TYPE) == AEGIS_S_IFSOCK)
		return -ENXIO; /* sockets are reached by connect (spec/unix-sockets.md UNIX-012) */
	uint32_t want = (acc != AEGIS_O_WRONLY ? CRED_ACCESS_R : 0u) | (writing ? CRED_ACCESS_W : 0u);
	if (vfs_may_access(p, node, want) != 0)
		return -EACCES;
	int guard = vfs_guard_open(p, node);
	if (guard != 0)
		return guard;
	file_t *f;
	if (vnode_is_fifo(node)) {
		int r = pipe_file_open_fifo(&node->fifo, oflags, &f);
		if (r != 0)
			return r;
	} else if (node->ops->open_device) {
		int err = -ENOMEM;
		f = node->ops->open_device(node, p, oflags, &err);
		if (!f)
			return err;
	} else {
		if (writing && vnode_is_regular(node) && (!node->ops->write || (node->sb && node->sb->read_only)))
			return -EROFS;
		if ((oflags & AEGIS_O_TRUNC) && writing && vnode_is_regular(node)) {
			int r = vfs_truncate_node(p, node, 0, false);
			if (r != 0)
				return r;
		}
		f = vfs_file_create(node, oflags);
		if (!f)
			return -ENOMEM;
	}
	dentry_hold(d);
	f->dentry = d;
	f->node = node;
	f->flags = oflags & ~(uint32_t)(AEGIS_O_CREAT | AEGIS_O_EXCL | AEGIS_O_NOCTTY | AEGIS_O_TRUNC | AEGIS_O_CLOEXEC);
	*out = f;
	return 0;
}
