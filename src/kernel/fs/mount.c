/*
 * The mount table (see mount.h): a short list in mount order, the
 * walker's two mount questions, stub mount points and sync.
 */
#include "fs/mount.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/path.h"
#include "fs/vfs.h"
#include "mm/kheap.h"

#define VFS_STUB_PERM 0755u
#define VFS_STUB_INO 1u

static vfs_mount_t *mount_list;
static size_t mount_count;
static vnode_sb_t stub_sb = { .fstype = "stub", .dev = 0, .read_only = true };
static const vnode_ops_t stub_ops = { 0 };

dentry_t *vfs_namespace_root(void)
{
	return mount_list ? mount_list->root : NULL;
}

static vfs_mount_t *mount_new(dentry_t *root, dentry_t *point, const char *path)
{
	if (mount_count >= VFS_MOUNTS_MAX)
		return NULL;
	vfs_mount_t *m = kcalloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->root = root;
	m->point = point;
	m->sb = root->node->sb;
	kstrlcpy(m->path, path, sizeof(m->path));
	root->root_of = m;
	if (point)
		point->mounted = m;
	vfs_mount_t **at = &mount_list;
	while (*at)
		at = &(*at)->next;
	*at = m;
	mount_count++;
	return m;
}

int vfs_mount_root(vnode_t *node)
{
	if (mount_list) {
		vnode_put(node);
		return -EBUSY;
	}
	dentry_t *root = dentry_new_root(node);
	if (!root)
		return -ENOMEM;
	if (!mount_new(root, NULL, "/")) {
		dentry_put(root);
		return -ENOMEM;
	}
	return 0;
}

/* An empty kernel directory named name in dir, for a mount point the file system lacks. */
static int mount_make_stub(dentry_t *dir, const char *name, dentry_t **out)
{
	vnode_t *n = vnode_alloc(&stub_sb, VFS_STUB_INO, &stub_ops, false);
	if (!n)
		return -ENOMEM;
	n->mode = AEGIS_S_IFDIR | VFS_STUB_PERM;
	n->nlink = 2;
	dentry_t *d = dentry_add_child(dir, name, kstrlen(name), n);
	if (!d)
		return -ENOMEM;
	dentry_hold(d);
	*out = d;
	return 0;
}

/* The directory at path, made as a stub under an existing parent when missing: held. */
static int mount_find_point(const char *path, dentry_t **out)
{
	int r = vfs_resolve(NULL, NULL, path, 0, out);
	if (r != -ENOENT)
		return r;
	char name[PATH_NAME_MAX + 1];
	dentry_t *dir;
	r = vfs_resolve_parent(NULL, NULL, path, true, &dir, name);
	if (r != 0)
		return r;
	r = mount_make_stub(dir, name, out);
	dentry_put(dir);
	return r;
}

int vfs_mount_at(const char *path, vnode_t *node)
{
	if (!mount_list || kstrlen(path) >= VFS_MOUNT_PATH_MAX || mount_count >= VFS_MOUNTS_MAX) {
		vnode_put(node);
		return !mount_list ? -ENOENT : (mount_count >= VFS_MOUNTS_MAX ? -ENOSPC : -ENAMETOOLONG);
	}
	dentry_t *point = NULL;
	int r = mount_find_point(path, &point);
	if (r == 0 && !vnode_is_dir(point->node))
		r = -ENOTDIR;
	if (r == 0 && (point->mounted || point->root_of))
		r = -EBUSY;
	if (r != 0) {
		if (point)
			dentry_put(point);
		vnode_put(node);
		return r;
	}
	dentry_t *root = dentry_new_root(node);
	if (!root) {
		dentry_put(point);
		return -ENOMEM;
	}
	if (!mount_new(root, point, path)) {
		dentry_put(root);
		dentry_put(point);
		return -ENOMEM;
	}
	return 0;
}

bool vfs_mount_is_stub(const dentry_t *d)
{
	return d->node && d->node->sb == &stub_sb;
}

dentry_t *vfs_mount_covering(const dentry_t *d)
{
	return d->mounted ? d->mounted->root : NULL;
}

dentry_t *vfs_mount_point_of(const dentry_t *d)
{
	return d->root_of ? d->root_of->point : NULL;
}

int vfs_mount_each(int (*fn)(void *ctx, const vfs_mount_t *m), void *ctx)
{
	for (vfs_mount_t *m = mount_list; m; m = m->next) {
		int r = fn(ctx, m);
		if (r != 0)
			return r;
	}
	return 0;
}

int vfs_sync_all(void)
{
	int first = 0;
	for (vfs_mount_t *m = mount_list; m; m = m->next) {
		if (!m->sb || !m->sb->sync_all)
			continue;
		int r = m->sb->sync_all(m->sb);
		if (r != 0 && first == 0)
			first = r;
	}
	return first;
}

void vfs_mount_reset(void)
{
	vfs_mount_t *m = mount_list;
	mount_list = NULL;
	mount_count = 0;
	while (m) {
		vfs_mount_t *next = m->next;
		m->root->root_of = NULL;
		if (m->point)
			m->point->mounted = NULL;
		dentry_put(m->root);
		dentry_put(m->point);
		kfree(m);
		m = next;
	}
	dentry_trim_all();
}
