/*
 * The root namespace: the initrd and the ext2 root file system seen as one
 * read-only tree (spec/filesystems.md FS-010..).  A name present in the
 * initrd is the initrd's (the early programs win, as execve has always
 * searched); a directory present in both lists the entries of both.  The
 * kernel's own trees are grafted at the root: /dev (devfs.c) and /proc
 * (procfs.c) hide whatever the file systems hold there.
 */
#include "fs/vfs_union.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/ext2/ext2.h"
#include "fs/path.h"
#include "fs/initrd.h"
#include "fs/rootfs.h"
#include "mm/kheap.h"

typedef struct {
	bool in_initrd;
	initrd_entry_t entry;
	bool in_ext2;
	uint32_t ino;
	ext2_inode_t inode;
} union_data_t;

static const vnode_ops_t union_ops;
static vnode_t *union_root;

static union_data_t *union_of(vnode_t *n)
{
	return n->data;
}

/* Attributes from the layer that wins (the initrd when present). */
static void union_fill(vnode_t *n)
{
	union_data_t *u = union_of(n);
	if (u->in_initrd) {
		n->mode = u->entry.mode;
		n->uid = u->entry.uid;
		n->gid = u->entry.gid;
		n->size = u->entry.size;
		n->mtime = u->entry.mtime;
		n->dev = VNODE_DEV_INITRD;
		n->ino = u->entry.number + 1u;
		n->nlink = 1;
	} else {
		n->mode = u->inode.mode;
		n->uid = u->inode.uid;
		n->gid = u->inode.gid;
		n->size = u->inode.size;
		n->mtime = u->inode.mtime;
		n->dev = VNODE_DEV_EXT2;
		n->ino = u->ino;
		n->nlink = u->inode.links;
	}
}

/* The initrd's name for a canonical path: no leading '/'. */
static const char *union_initrd_path(const vnode_t *n)
{
	return n->path + 1;
}

static bool union_ext2_is_dir(const union_data_t *u)
{
	return u->in_ext2 && ext2_inode_is(&u->inode, EXT2_S_IFDIR);
}

static int union_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	if (dir == union_root) {
		vnode_t *graft = vfs_union_graft(name, len);
		if (graft) {
			*out = graft;
			return 0;
		}
	}
	union_data_t *d = union_of(dir);
	union_data_t *u = kmalloc(sizeof(*u));
	if (!u)
		return -ENOMEM;
	kmemset(u, 0, sizeof(*u));
	vnode_t *n = vnode_new_child(dir, name, len, &union_ops);
	if (!n) {
		kfree(u);
		return -ENOMEM;
	}
	n->data = u;
	int r = 0;
	if (d->in_initrd && initrd_lookup(union_initrd_path(n), &u->entry) == 0)
		u->in_initrd = true;
	ext2_fs_t *fs = rootfs_get();
	bool ext2_wanted = !u->in_initrd || u->entry.type == INITRD_TYPE_DIR;
	if (fs && ext2_wanted && union_ext2_is_dir(d)) {
		r = ext2_dir_lookup(fs, &d->inode, name, len, &u->ino);
		if (r == 0)
			r = ext2_inode_read(fs, u->ino, &u->inode);
		if (r == 0 && (!u->in_initrd || ext2_inode_is(&u->inode, EXT2_S_IFDIR)))
			u->in_ext2 = true;
		if (r == -ENOENT)
			r = 0;
	}
	if (r == 0 && !u->in_initrd && !u->in_ext2)
		r = -ENOENT;
	if (r != 0) {
		kfree(u);
		vnode_discard(n);
		return r;
	}
	union_fill(n);
	vnode_cache_add(n);
	*out = n;
	return 0;
}

static int64_t union_read(vnode_t *node, uint64_t offset, void *buf, size_t len)
{
	union_data_t *u = union_of(node);
	if (offset >= node->size)
		return 0;
	if (len > node->size - offset)
		len = (size_t)(node->size - offset);
	if (u->in_initrd) {
		kmemcpy(buf, u->entry.data + offset, len);
		return (int64_t)len;
	}
	ext2_fs_t *fs = rootfs_get();
	if (!fs)
		return -EIO;
	return ext2_file_read(fs, &u->inode, offset, buf, len);
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
	if (l->dir == union_root && vfs_union_graft(e->name, kstrlen(e->name)))
		return 0;
	static const uint8_t types[] = { [INITRD_TYPE_FILE] = AEGIS_DT_REG, [INITRD_TYPE_DIR] = AEGIS_DT_DIR,
		                         [INITRD_TYPE_SYMLINK] = AEGIS_DT_LNK };
	vnode_dirent_t d = { e->name, kstrlen(e->name), e->number + 1u, types[e->type] };
	return l->fn(l->ctx, &d);
}

/* An ext2 entry is listed unless the initrd or a graft already gave that name. */
static int union_list_ext2(void *ctx, const ext2_dirent_t *e)
{
	union_list_t *l = ctx;
	if ((e->name_len == 1 && e->name[0] == '.') || (e->name_len == 2 && e->name[0] == '.' && e->name[1] == '.'))
		return 0;
	if (l->dir == union_root && vfs_union_graft(e->name, e->name_len))
		return 0;
	union_data_t *u = union_of(l->dir);
	if (u->in_initrd) {
		size_t plen = l->dir->path_len - 1u; /* without the leading '/' */
		if (plen + 1u + e->name_len >= sizeof(l->scratch))
			return 0;
		size_t at = 0;
		if (plen) {
			kmemcpy(l->scratch, l->dir->path + 1, plen);
			l->scratch[plen] = '/';
			at = plen + 1u;
		}
		kmemcpy(l->scratch + at, e->name, e->name_len);
		l->scratch[at + e->name_len] = '\0';
		initrd_entry_t shadow;
		if (initrd_lookup(l->scratch, &shadow) == 0)
			return 0;
	}
	static const uint8_t types[EXT2_FT_MAX] = { [EXT2_FT_REG_FILE] = AEGIS_DT_REG, [EXT2_FT_DIR] = AEGIS_DT_DIR,
		                                    [EXT2_FT_CHRDEV] = AEGIS_DT_CHR, [EXT2_FT_FIFO] = AEGIS_DT_FIFO,
		                                    [EXT2_FT_SYMLINK] = AEGIS_DT_LNK };
	vnode_dirent_t d = { e->name, e->name_len, e->ino, e->file_type < EXT2_FT_MAX ? types[e->file_type] : 0 };
	return l->fn(l->ctx, &d);
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
	if (dir == union_root)
		r = vfs_union_list_grafts(fn, ctx);
	if (r == 0 && u->in_initrd)
		r = initrd_list(initrd_get(), union_initrd_path(dir), union_list_initrd, l);
	ext2_fs_t *fs = rootfs_get();
	if (r == 0 && fs && union_ext2_is_dir(u))
		r = ext2_dir_iterate(fs, &u->inode, union_list_ext2, l);
	kfree(l);
	return r;
}

static long union_readlink(vnode_t *node, char *buf, size_t cap)
{
	union_data_t *u = union_of(node);
	if (u->in_initrd) {
		size_t n = kstrlen(u->entry.target);
		kmemcpy(buf, u->entry.target, n < cap ? n : cap);
		return (long)n;
	}
	ext2_fs_t *fs = rootfs_get();
	if (!fs)
		return -EIO;
	return ext2_symlink_read(fs, &u->inode, buf, cap);
}

static void union_forget(vnode_t *node)
{
	kfree(node->data);
	if (node == union_root)
		union_root = NULL;
}

static const vnode_ops_t union_ops = {
	.lookup = union_lookup,
	.read = union_read,
	.list = union_list,
	.readlink = union_readlink,
	.forget = union_forget,
};

vnode_t *vfs_union_root(void)
{
	if (union_root)
		return union_root;
	union_data_t *u = kmalloc(sizeof(*u));
	vnode_t *n = u ? vnode_new("/", 1, &union_ops) : NULL;
	if (!n) {
		kfree(u);
		return NULL;
	}
	kmemset(u, 0, sizeof(*u));
	n->data = u;
	u->in_initrd = initrd_lookup("", &u->entry) == 0;
	ext2_fs_t *fs = rootfs_get();
	if (fs && ext2_inode_read(fs, EXT2_ROOT_INO, &u->inode) == 0) {
		u->in_ext2 = true;
		u->ino = EXT2_ROOT_INO;
	}
	if (u->in_initrd || u->in_ext2) {
		union_fill(n);
	} else {
		n->mode = AEGIS_S_IFDIR | VFS_UNION_EMPTY_ROOT_PERM;
		n->dev = VNODE_DEV_INITRD;
		n->ino = 1;
	}
	n->nlink = 2;
	vnode_cache_add(n);
	union_root = n;
	return n;
}

/* ---- the kernel's trees at the root ---- */

static const char *const vfs_graft_names[] = { "dev", "proc" };
#define VFS_GRAFT_COUNT (sizeof(vfs_graft_names) / sizeof(vfs_graft_names[0]))

static vnode_t *vfs_graft_node(size_t i)
{
	return i == 0 ? devfs_root() : procfs_root();
}

vnode_t *vfs_union_graft(const char *name, size_t len)
{
	for (size_t i = 0; i < VFS_GRAFT_COUNT; i++)
		if (kstrlen(vfs_graft_names[i]) == len && kmemcmp(vfs_graft_names[i], name, len) == 0)
			return vfs_graft_node(i);
	return NULL;
}

int vfs_union_list_grafts(vnode_dirent_fn fn, void *ctx)
{
	for (size_t i = 0; i < VFS_GRAFT_COUNT; i++) {
		vnode_t *n = vfs_graft_node(i);
		if (!n)
			return -ENOMEM;
		vnode_dirent_t d = { vfs_graft_names[i], kstrlen(vfs_graft_names[i]), n->ino, AEGIS_DT_DIR };
		int r = fn(ctx, &d);
		if (r != 0)
			return r;
	}
	return 0;
}
