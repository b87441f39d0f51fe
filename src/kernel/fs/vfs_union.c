/*
 * The root namespace (see vfs_union.h, spec/filesystems.md FS-001): the
 * initrd over the ext2 root file system.  Union vnodes exist only for names
 * the initrd holds; a directory present in both keeps a reference to the
 * ext2 directory below (its "lower" node), which stores any name made
 * there, so programs may add files to /etc or /bin while the initrd's own
 * files stay read-only.
 */
#include "fs/vfs_union.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/initrd.h"
#include "fs/path.h"
#include "mm/kheap.h"

#define UNION_ROOT_INO 1u

typedef struct {
	bool in_initrd;
	initrd_entry_t entry;
	vnode_t *lower; /* the ext2 directory under an initrd directory, held; or NULL */
} union_data_t;

static const vnode_ops_t union_ops;
static int union_sync_all(vnode_sb_t *sb);
static vnode_sb_t *union_lower_sb; /* the ext2 layer's instance, synced with the union */
static vnode_sb_t union_sb = { .fstype = "rootfs", .dev = VNODE_DEV_INITRD, .read_only = true,
			       .magic = VNODE_MAGIC_RAMFS, .sync_all = union_sync_all };

/* sync(2) of the root: its ext2 layer holds everything that can be pending. */
static int union_sync_all(vnode_sb_t *sb)
{
	(void)sb;
	return union_lower_sb && union_lower_sb->sync_all ? union_lower_sb->sync_all(union_lower_sb) : 0;
}

static union_data_t *union_of(const vnode_t *n)
{
	return n->data;
}

static void union_fill(vnode_t *n)
{
	const initrd_entry_t *e = &union_of(n)->entry;
	n->mode = e->mode;
	n->uid = e->uid;
	n->gid = e->gid;
	n->size = e->size;
	n->atime = n->mtime = n->ctime = e->mtime;
	n->nlink = e->type == INITRD_TYPE_DIR ? 2u : 1u;
}

/* The initrd path of child name of dir into buf: 0, or -ENAMETOOLONG. */
static int union_child_path(const vnode_t *dir, const char *name, size_t len, char *buf, size_t cap)
{
	const initrd_entry_t *e = &union_of(dir)->entry;
	size_t at = union_of(dir)->in_initrd ? e->path_len : 0u;
	if (at + 1u + len + 1u > cap)
		return -ENAMETOOLONG;
	if (at)
		kmemcpy(buf, e->path, at);
	if (at)
		buf[at++] = '/';
	kmemcpy(buf + at, name, len);
	buf[at + len] = '\0';
	return 0;
}

/* A union vnode for an initrd entry (with lower, taken, for a directory in both). */
static int union_node(const initrd_entry_t *e, vnode_t *lower, vnode_t **out)
{
	vnode_t *n = vnode_find(&union_sb, e->number + 1u);
	if (n) {
		vnode_put(lower);
		*out = n;
		return 0;
	}
	union_data_t *u = kcalloc(1, sizeof(*u));
	n = u ? vnode_alloc(&union_sb, e->number + 1u, &union_ops, true) : NULL;
	if (!n) {
		kfree(u);
		vnode_put(lower);
		return -ENOMEM;
	}
	u->in_initrd = true;
	u->entry = *e;
	u->lower = lower;
	n->data = u;
	union_fill(n);
	*out = n;
	return 0;
}

static int union_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	union_data_t *d = union_of(dir);
	vnode_t *below = NULL;
	int r = -ENOENT;
	if (d->lower && d->lower->ops->lookup) {
		r = d->lower->ops->lookup(d->lower, name, len, &below);
		if (r != 0 && r != -ENOENT)
			return r;
	}
	initrd_entry_t e;
	char path[PATH_PATH_MAX];
	bool in_initrd = d->in_initrd && union_child_path(dir, name, len, path, sizeof(path)) == 0 &&
			 initrd_lookup(path, &e) == 0;
	if (!in_initrd) {
		if (!below)
			return -ENOENT;
		*out = below;
		return 0;
	}
	if (below && !(e.type == INITRD_TYPE_DIR && vnode_is_dir(below))) {
		vnode_put(below);
		below = NULL;
	}
	return union_node(&e, below, out);
}

static int64_t union_read(vnode_t *node, uint64_t offset, void *buf, size_t len)
{
	if (!vnode_is_regular(node))
		return -EINVAL;
	if (offset >= node->size)
		return 0;
	if (len > node->size - offset)
		len = (size_t)(node->size - offset);
	kmemcpy(buf, union_of(node)->entry.data + offset, len);
	return (int64_t)len;
}

typedef struct {
	vnode_t *dir;
	vnode_dirent_fn fn;
	void *ctx;
	char scratch[PATH_PATH_MAX];
} union_list_t;

static int union_list_initrd(void *ctx, const initrd_entry_t *e)
{
	union_list_t *l = ctx;
	static const uint8_t types[] = { [INITRD_TYPE_FILE] = AEGIS_DT_REG, [INITRD_TYPE_DIR] = AEGIS_DT_DIR,
		                         [INITRD_TYPE_SYMLINK] = AEGIS_DT_LNK };
	vnode_dirent_t d = { e->name, kstrlen(e->name), e->number + 1u, types[e->type] };
	return l->fn(l->ctx, &d);
}

/* A lower entry is listed unless the initrd already gave that name. */
static int union_list_lower(void *ctx, const vnode_dirent_t *e)
{
	union_list_t *l = ctx;
	initrd_entry_t shadow;
	if (union_of(l->dir)->in_initrd &&
	    union_child_path(l->dir, e->name, e->name_len, l->scratch, sizeof(l->scratch)) == 0 &&
	    initrd_lookup(l->scratch, &shadow) == 0)
		return 0;
	return l->fn(l->ctx, e);
}

static int union_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	union_data_t *u = union_of(dir);
	union_list_t *l = kmalloc(sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->dir = dir;
	l->fn = fn;
	l->ctx = ctx;
	int r = 0;
	if (u->in_initrd)
		r = initrd_list(initrd_get(), u->entry.path, union_list_initrd, l);
	if (r == 0 && u->lower && u->lower->ops->list)
		r = u->lower->ops->list(u->lower, union_list_lower, l);
	kfree(l);
	return r;
}

static long union_readlink(vnode_t *node, char *buf, size_t cap)
{
	const char *target = union_of(node)->entry.target;
	if (!target)
		return -EINVAL;
	size_t n = kstrlen(target);
	kmemcpy(buf, target, n < cap ? n : cap);
	return (long)n;
}

static const void *union_map(vnode_t *node)
{
	return vnode_is_regular(node) ? union_of(node)->entry.data : NULL;
}

static vnode_t *union_backing(vnode_t *dir)
{
	return union_of(dir)->lower;
}

static int union_sync(vnode_t *node)
{
	vnode_t *lower = union_of(node)->lower;
	return lower && lower->ops->sync ? lower->ops->sync(lower) : 0;
}

static void union_release(vnode_t *node)
{
	union_data_t *u = union_of(node);
	vnode_put(u->lower);
	kfree(u);
}

static const vnode_ops_t union_ops = {
	.lookup = union_lookup,
	.read = union_read,
	.list = union_list,
	.readlink = union_readlink,
	.map = union_map,
	.backing = union_backing,
	.sync = union_sync,
	.release = union_release,
};

vnode_t *vfs_union_root(vnode_t *lower)
{
	union_data_t *u = kcalloc(1, sizeof(*u));
	vnode_t *n = u ? vnode_alloc(&union_sb, UNION_ROOT_INO, &union_ops, false) : NULL;
	if (!n) {
		kfree(u);
		vnode_put(lower);
		return NULL;
	}
	n->data = u;
	u->lower = lower;
	union_lower_sb = lower ? lower->sb : NULL;
	u->in_initrd = initrd_lookup("", &u->entry) == 0;
	if (u->in_initrd) {
		union_fill(n);
	} else if (lower) {
		n->mode = lower->mode;
		n->uid = lower->uid;
		n->gid = lower->gid;
		n->mtime = lower->mtime;
	} else {
		n->mode = AEGIS_S_IFDIR | VFS_UNION_EMPTY_ROOT_PERM;
	}
	n->nlink = 2;
	return n;
}
