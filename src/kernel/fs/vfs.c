/*
 * Path resolution and open over the namespace (see vfs.h).  The walker
 * (fs/path.c) borrows nodes from the cache; this file supplies its
 * callbacks: ".." is the cached parent path, other names go to the
 * directory's lookup unless the cache already holds them.
 */
#include "fs/vfs.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/path.h"
#include "fs/vfs_file.h"
#include "fs/vfs_union.h"
#include "mm/kheap.h"
#include "proc/cred.h"

vnode_t *vfs_root(void)
{
	return vfs_union_root();
}

int vfs_may_search(process_t *p, vnode_t *dir)
{
	if (!p)
		return 0;
	return cred_dac_check(&p->cred, dir->uid, dir->gid, dir->mode, CRED_ACCESS_X, true) == 0 ? 0 : -EACCES;
}

/* The parent of a cached node: its path up to the last '/'. */
static vnode_t *vfs_parent(vnode_t *n)
{
	size_t len = n->path_len;
	while (len > 1 && n->path[len - 1] != '/')
		len--;
	if (len > 1)
		len--; /* drop the '/' itself unless it is the root */
	vnode_t *up = vnode_cache_find(n->path, len);
	return up ? up : vfs_root();
}

static int vfs_cb_lookup(void *ctx, void *dir, const char *name, size_t len, void **out)
{
	(void)ctx;
	vnode_t *d = dir;
	if (!vnode_is_dir(d))
		return -ENOTDIR;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = vfs_parent(d);
		return 0;
	}
	if (!d->ops->lookup)
		return -ENOENT;
	/* The cache first: a child's path is the parent's plus the name. */
	char *child = kmalloc(d->path_len + len + 2u);
	if (!child)
		return -ENOMEM;
	size_t at = d->path_len;
	kmemcpy(child, d->path, at);
	if (at > 1)
		child[at++] = '/';
	kmemcpy(child + at, name, len);
	vnode_t *hit = vnode_cache_find(child, at + len);
	kfree(child);
	if (hit) {
		*out = hit;
		return 0;
	}
	vnode_t *n = NULL;
	int r = d->ops->lookup(d, name, len, &n);
	if (r == 0)
		*out = n;
	return r;
}

static bool vfs_cb_is_dir(void *ctx, void *node)
{
	(void)ctx;
	return vnode_is_dir(node);
}

static bool vfs_cb_is_symlink(void *ctx, void *node)
{
	(void)ctx;
	return vnode_is_symlink(node);
}

static long vfs_cb_readlink(void *ctx, void *node, char *buf, size_t cap)
{
	(void)ctx;
	vnode_t *n = node;
	return n->ops->readlink ? n->ops->readlink(n, buf, cap) : -EINVAL;
}

static int vfs_cb_may_search(void *ctx, void *dir)
{
	return vfs_may_search(ctx, dir);
}

int vfs_lookup_child(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	void *node = NULL;
	int r = vfs_cb_lookup(NULL, dir, name, len, &node);
	if (r == 0)
		*out = node;
	return r;
}

int vfs_start_node(process_t *p, int dirfd, vnode_t **out)
{
	if (dirfd == AEGIS_AT_FDCWD) {
		*out = p && p->cwd ? p->cwd : vfs_root();
		return *out ? 0 : -ENOMEM;
	}
	file_t *f = p ? fdtable_get(&p->fds, dirfd) : NULL;
	if (!f)
		return -EBADF;
	if (!f->node || !vnode_is_dir(f->node))
		return -ENOTDIR;
	*out = f->node;
	return 0;
}

/* The walker over the namespace for p: flags are PATH_* ones; the result stays in res. */
static int vfs_walk(process_t *p, vnode_t *start, const char *path, unsigned flags, path_result_t *res)
{
	vnode_t *root = vfs_root();
	if (!root)
		return -ENOMEM;
	path_ops_t ops = {
		.ctx = p,
		.lookup = vfs_cb_lookup,
		.is_dir = vfs_cb_is_dir,
		.is_symlink = vfs_cb_is_symlink,
		.readlink = vfs_cb_readlink,
		.may_search = vfs_cb_may_search,
	};
	return path_walk(&ops, start ? start : root, root, path, flags, res);
}

int vfs_resolve(process_t *p, vnode_t *start, const char *path, unsigned flags, vnode_t **out)
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
	if (r == 0)
		*out = res->node;
	kfree(res);
	return r;
}

int vfs_resolve_parent(process_t *p, vnode_t *start, const char *path, bool create, vnode_t **dir, char *name)
{
	path_result_t *res = kmalloc(sizeof(*res));
	if (!res)
		return -ENOMEM;
	int r = vfs_walk(p, start, path, PATH_PARENT | (create ? PATH_CREATE : 0u), res);
	if (r == 0) {
		*dir = res->node;
		kmemcpy(name, res->name, res->name_len);
		name[res->name_len] = '\0';
	}
	kfree(res);
	return r;
}

int vfs_open(process_t *p, vnode_t *node, uint32_t oflags, file_t **out)
{
	uint32_t acc = oflags & AEGIS_O_ACCMODE;
	bool writing = acc == AEGIS_O_WRONLY || acc == AEGIS_O_RDWR;
	if (acc == AEGIS_O_ACCMODE)
		return -EINVAL;
	if (vnode_is_symlink(node))
		return -ELOOP; /* only reached with O_NOFOLLOW */
	if ((oflags & AEGIS_O_DIRECTORY) && !vnode_is_dir(node))
		return -ENOTDIR;
	if (vnode_is_dir(node) && writing)
		return -EISDIR;
	uint32_t want = (acc != AEGIS_O_WRONLY ? CRED_ACCESS_R : 0u) | (writing ? CRED_ACCESS_W : 0u);
	if (p && cred_dac_check(&p->cred, node->uid, node->gid, node->mode, want, vnode_is_dir(node)) != 0)
		return -EACCES;
	file_t *f;
	if (node->ops->open_device) {
		f = node->ops->open_device(node, oflags);
	} else {
		if (writing || (oflags & AEGIS_O_TRUNC))
			return -EROFS;
		f = vfs_file_create(node, oflags);
	}
	if (!f)
		return -ENOMEM;
	f->node = node;
	f->flags = oflags & ~(uint32_t)(AEGIS_O_CREAT | AEGIS_O_EXCL | AEGIS_O_NOCTTY | AEGIS_O_TRUNC | AEGIS_O_CLOEXEC);
	*out = f;
	return 0;
}
