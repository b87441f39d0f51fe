/*
 * ext2 behind the vnode ops (see ext2_vfs.h).  Each vnode carries the
 * decoded on-disk inode; every change goes through the library, which
 * writes the inode back at once, and the vnode's attributes are refreshed
 * from the inode after each call, so two hard links (one vnode) never
 * disagree.
 */
#include "fs/ext2_vfs.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "mm/kheap.h"

static const vnode_ops_t ext2v_ops;

static ext2_fs_t *ext2v_fs(const vnode_t *n)
{
	return n->sb->fs;
}

static ext2_inode_t *ext2v_inode(vnode_t *n)
{
	return n->data;
}

/* The vnode's attributes from its inode. */
static void ext2v_fill(vnode_t *n)
{
	const ext2_inode_t *i = n->data;
	n->mode = i->mode;
	n->uid = i->uid;
	n->gid = i->gid;
	n->size = i->size;
	n->nlink = i->links;
	n->atime = i->atime;
	n->mtime = i->mtime;
	n->ctime = i->ctime;
}

/* The vnode of inode ino of n's instance: the one in memory, or a new one read from disk. */
static int ext2v_get(vnode_sb_t *sb, uint32_t ino, vnode_t **out)
{
	vnode_t *n = vnode_find(sb, ino);
	if (n) {
		*out = n;
		return 0;
	}
	ext2_inode_t *inode = kmalloc(sizeof(*inode));
	if (!inode)
		return -ENOMEM;
	int r = ext2_inode_read(sb->fs, ino, inode);
	if (r != 0) {
		kfree(inode);
		return r;
	}
	n = vnode_alloc(sb, ino, &ext2v_ops, true);
	if (!n) {
		kfree(inode);
		return -ENOMEM;
	}
	n->data = inode;
	ext2v_fill(n);
	*out = n;
	return 0;
}

/* Re-read inode ino into its vnode if one is in memory (another call changed it on disk): whether one was. */
static bool ext2v_refresh(vnode_sb_t *sb, uint32_t ino)
{
	vnode_t *n = vnode_find(sb, ino);
	if (!n)
		return false;
	if (ext2_inode_read(sb->fs, ino, n->data) == 0)
		ext2v_fill(n);
	vnode_put(n);
	return true;
}

static int ext2v_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	uint32_t ino;
	int r = ext2_dir_lookup(ext2v_fs(dir), ext2v_inode(dir), name, len, &ino);
	return r != 0 ? r : ext2v_get(dir->sb, ino, out);
}

static int64_t ext2v_read(vnode_t *n, uint64_t offset, void *buf, size_t len)
{
	if (!vnode_is_regular(n))
		return -EINVAL;
	return ext2_file_read(ext2v_fs(n), ext2v_inode(n), offset, buf, len);
}

static int64_t ext2v_write(vnode_t *n, uint64_t offset, const void *buf, size_t len)
{
	ext2_inode_t *i = ext2v_inode(n);
	uint32_t now = (uint32_t)vnode_now();
	i->mtime = i->ctime = now;
	int64_t r = ext2_file_write(ext2v_fs(n), i, offset, buf, len);
	ext2v_fill(n);
	return r;
}

typedef struct {
	vnode_dirent_fn fn;
	void *ctx;
} ext2v_list_t;

static int ext2v_list_one(void *ctx, const ext2_dirent_t *e)
{
	ext2v_list_t *l = ctx;
	if ((e->name_len == 1 && e->name[0] == '.') || (e->name_len == 2 && e->name[0] == '.' && e->name[1] == '.'))
		return 0;
	static const uint8_t types[EXT2_FT_MAX] = { [EXT2_FT_REG_FILE] = AEGIS_DT_REG, [EXT2_FT_DIR] = AEGIS_DT_DIR,
		                                    [EXT2_FT_CHRDEV] = AEGIS_DT_CHR, [EXT2_FT_FIFO] = AEGIS_DT_FIFO,
		                                    [EXT2_FT_SYMLINK] = AEGIS_DT_LNK };
	vnode_dirent_t d = { e->name, e->name_len, e->ino, e->file_type < EXT2_FT_MAX ? types[e->file_type] : 0 };
	return l->fn(l->ctx, &d);
}

static int ext2v_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	ext2v_list_t l = { fn, ctx };
	return ext2_dir_iterate(ext2v_fs(dir), ext2v_inode(dir), ext2v_list_one, &l);
}

#define EXT2V_LINK_MAX 4096u /* a symlink target longer than a path is damage */

static long ext2v_readlink(vnode_t *n, char *buf, size_t cap)
{
	size_t want = (n->size < EXT2V_LINK_MAX ? (size_t)n->size : EXT2V_LINK_MAX) + 1u;
	char *tmp = kmalloc(want);
	if (!tmp)
		return -ENOMEM;
	int r = ext2_symlink_read(ext2v_fs(n), ext2v_inode(n), tmp, want);
	if (r >= 0)
		kmemcpy(buf, tmp, (size_t)r < cap ? (size_t)r : cap);
	kfree(tmp);
	return r;
}

static int ext2v_create(vnode_t *dir, const char *name, size_t len, const vnode_create_t *what, vnode_t **out)
{
	ext2_fs_t *fs = ext2v_fs(dir);
	ext2_inode_t made;
	uint16_t perm = (uint16_t)(what->mode & VNODE_MODE_PERM);
	int r;
	switch (what->mode & VNODE_MODE_TYPE) {
	case AEGIS_S_IFREG:
		r = ext2_create(fs, ext2v_inode(dir), name, len, perm, what->uid, what->gid, &made);
		break;
	case AEGIS_S_IFDIR:
		r = ext2_mkdir(fs, ext2v_inode(dir), name, len, perm, what->uid, what->gid, &made);
		break;
	case AEGIS_S_IFLNK:
		r = ext2_symlink(fs, ext2v_inode(dir), name, len, what->target, what->target_len, what->uid, what->gid,
				 &made);
		break;
	default:
		r = -EPERM;
		break;
	}
	ext2v_fill(dir);
	return r != 0 ? r : ext2v_get(dir->sb, made.ino, out);
}

static int ext2v_link(vnode_t *dir, const char *name, size_t len, vnode_t *node)
{
	int r = ext2_link(ext2v_fs(dir), ext2v_inode(dir), name, len, ext2v_inode(node));
	ext2v_fill(dir);
	ext2v_fill(node);
	return r;
}

/*
 * A name that lost its last link: the inode stays allocated while its vnode
 * is in memory (an open file keeps its data, POSIX) and is freed at the
 * vnode's release; with no vnode it is freed now.
 */
static void ext2v_orphan(vnode_sb_t *sb, uint32_t ino)
{
	if (!ext2v_refresh(sb, ino))
		ext2_inode_release(sb->fs, ino);
}

static int ext2v_remove(vnode_t *dir, const char *name, size_t len, vnode_t *victim, bool is_dir)
{
	(void)victim;
	uint32_t lost = 0;
	uint32_t flags = EXT2_REMOVE_KEEP | (is_dir ? EXT2_REMOVE_DIR : 0u);
	int r = ext2_unlink_ex(ext2v_fs(dir), ext2v_inode(dir), name, len, flags, &lost);
	ext2v_fill(dir);
	if (r == 0 && lost)
		ext2v_orphan(dir->sb, lost);
	return r;
}

static int ext2v_rename(vnode_t *dir, const char *name, size_t len, vnode_t *new_dir, const char *new_name,
			size_t new_len)
{
	ext2_fs_t *fs = ext2v_fs(dir);
	uint32_t replaced = 0;
	int r = ext2_rename_ex(fs, ext2v_inode(dir), name, len, ext2v_inode(new_dir), new_name, new_len,
			       EXT2_REMOVE_KEEP, &replaced);
	ext2v_fill(dir);
	if (new_dir != dir) {
		/* The library changed the on-disk copy of the other directory too (links, size). */
		ext2v_refresh(dir->sb, (uint32_t)new_dir->ino);
		ext2v_refresh(dir->sb, (uint32_t)dir->ino);
	}
	if (r == 0 && replaced)
		ext2v_orphan(dir->sb, replaced);
	return r;
}

static int ext2v_truncate(vnode_t *n, uint64_t size)
{
	ext2_inode_t *i = ext2v_inode(n);
	i->mtime = i->ctime = (uint32_t)vnode_now();
	int r = ext2_truncate(ext2v_fs(n), i, size);
	ext2v_fill(n);
	return r;
}

static int ext2v_setattr(vnode_t *n)
{
	ext2_inode_t *i = ext2v_inode(n);
	i->mode = (uint16_t)n->mode;
	i->uid = n->uid;
	i->gid = n->gid;
	i->atime = (uint32_t)n->atime;
	i->mtime = (uint32_t)n->mtime;
	i->ctime = (uint32_t)n->ctime;
	return ext2_inode_write(ext2v_fs(n), i);
}

static int ext2v_sync(vnode_t *n)
{
	return ext2_sync(ext2v_fs(n));
}

static int ext2v_sync_all(vnode_sb_t *sb)
{
	return ext2_sync(sb->fs);
}

static void ext2v_release(vnode_t *n)
{
	if (ext2v_inode(n)->links == 0)
		ext2_inode_release(ext2v_fs(n), (uint32_t)n->ino);
	kfree(n->data);
}

static const vnode_ops_t ext2v_ops = {
	.lookup = ext2v_lookup,
	.read = ext2v_read,
	.write = ext2v_write,
	.list = ext2v_list,
	.readlink = ext2v_readlink,
	.create = ext2v_create,
	.link = ext2v_link,
	.remove = ext2v_remove,
	.rename = ext2v_rename,
	.truncate = ext2v_truncate,
	.setattr = ext2v_setattr,
	.sync = ext2v_sync,
	.release = ext2v_release,
};

static void ext2v_statfs(vnode_sb_t *sb, aegis_statfs_t *out)
{
	ext2_info_t info;
	ext2_get_info(sb->fs, &info);
	out->f_bsize = out->f_frsize = info.block_size;
	out->f_blocks = info.blocks_count;
	out->f_bfree = out->f_bavail = info.free_blocks;
	out->f_files = info.inodes_count;
	out->f_ffree = info.free_inodes;
}

vnode_t *ext2_vfs_root(ext2_fs_t *fs, uint32_t dev)
{
	vnode_sb_t *sb = kcalloc(1, sizeof(*sb));
	if (!sb)
		return NULL;
	sb->fstype = "ext2";
	sb->magic = VNODE_MAGIC_EXT2;
	sb->statfs = ext2v_statfs;
	sb->dev = dev;
	sb->fs = fs;
	sb->sync_all = ext2v_sync_all;
	vnode_t *root = NULL;
	if (ext2v_get(sb, EXT2_ROOT_INO, &root) != 0) {
		kfree(sb);
		return NULL;
	}
	return root;
}
