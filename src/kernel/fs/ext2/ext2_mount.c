/*
 * ext2 mount and unmount, the filesystem summary and the reason buffer.
 *
 * A mount is one kmalloc'd ext2_fs_t: the decoded superblock, the group
 * descriptors and the block cache.  A failed mount frees everything and
 * copies the reason out, so the caller can log it; a good one prints the
 * boot marker "[EXT2] OK: mounted <dev>, <N> blocks, <M> inodes".
 */
#include "fs/ext2/ext2_internal.h"

#include "core/format.h"
#include "core/kstring.h"
#include "core/log.h"
#include "mm/kheap.h"

int ext2_fail(ext2_fs_t *fs, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(fs->reason, sizeof(fs->reason), fmt, ap);
	va_end(ap);
	return err;
}

const char *ext2_reason(const ext2_fs_t *fs)
{
	return fs->reason;
}

static void ext2_fs_free(ext2_fs_t *fs)
{
	ext2_cache_release(fs);
	kfree(fs->groups);
	kfree(fs);
}

int ext2_mount(blockdev_t *dev, ext2_fs_t **out, char *reason, size_t reason_size)
{
	if (reason != NULL && reason_size > 0)
		reason[0] = '\0';
	if (out == NULL || dev == NULL || dev->ops == NULL) {
		if (reason != NULL)
			kstrlcpy(reason, "no device", reason_size);
		return -EINVAL;
	}
	*out = NULL;
	ext2_fs_t *fs = kcalloc(1, sizeof(*fs));
	if (fs == NULL) {
		if (reason != NULL)
			kstrlcpy(reason, "no memory for the mount", reason_size);
		return -ENOMEM;
	}
	fs->dev = dev;
	fs->read_only = dev->read_only || dev->ops->write == NULL;
	int rc = ext2_super_load(fs);
	if (rc == 0) {
		ext2_inode_t root;
		rc = ext2_inode_read(fs, EXT2_ROOT_INO, &root);
		if (rc == 0 && !ext2_inode_is(&root, EXT2_S_IFDIR))
			rc = ext2_fail(fs, -EINVAL, "root inode is not a directory (mode 0x%x)", root.mode);
	}
	if (rc < 0) {
		if (reason != NULL)
			kstrlcpy(reason, fs->reason, reason_size);
		ext2_fs_free(fs);
		return rc;
	}
	fs->reason[0] = '\0';
	boot_mark("EXT2", MARK_OK, "mounted %s, %u blocks, %u inodes", dev->name, fs->blocks_count, fs->inodes_count);
	*out = fs;
	return 0;
}

void ext2_unmount(ext2_fs_t *fs)
{
	if (fs == NULL)
		return;
	int rc = ext2_sync(fs);
	if (rc < 0)
		boot_mark("EXT2", MARK_WARN, "unmount of %s lost changes: %s", fs->dev->name, fs->reason);
	ext2_fs_free(fs);
}

void ext2_get_info(const ext2_fs_t *fs, ext2_info_t *out)
{
	out->block_size = fs->block_size;
	out->blocks_count = fs->blocks_count;
	out->inodes_count = fs->inodes_count;
	out->free_blocks = fs->free_blocks;
	out->free_inodes = fs->free_inodes;
	out->group_count = fs->group_count;
	out->inode_size = fs->inode_size;
	out->rev_level = fs->rev_level;
}
