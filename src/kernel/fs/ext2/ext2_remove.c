/*
 * Removing names: unlink (non-directories) and rmdir (empty directories).
 *
 * The directory entry goes first (merged into the record before it, or
 * its inode number cleared when it opens a block); then the link count
 * drops, and at zero every data and indirect block is given back, dtime is
 * set and the inode is released.  Fast symlinks keep their target in
 * i_block and own no blocks.  Freeing checks each pointer and refuses to
 * free a block twice, so a damaged tree stops with -EIO, never loops.
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"

#define EXT2_DIR_MIN_LINKS 2u   /* a directory keeps "." and its own entry */

static int ext2_free_tree(ext2_fs_t *fs, uint32_t block, uint32_t level)
{
	if (block == 0)
		return 0;
	if (block < fs->first_data_block || block >= fs->blocks_count)
		return ext2_fail(fs, -EIO, "block pointer %u outside the filesystem", block);
	for (uint32_t i = 0; level > 0 && i < fs->ptrs_per_block; i++) {
		uint8_t raw[EXT2_BLOCK_PTR_SIZE];
		int rc = ext2_cache_read(fs, block, i * EXT2_BLOCK_PTR_SIZE, raw, sizeof(raw));
		if (rc == 0)
			rc = ext2_free_tree(fs, ext2_le32(raw), level - 1);
		if (rc < 0)
			return rc;
	}
	return ext2_block_release(fs, block);
}

static bool ext2_owns_blocks(const ext2_fs_t *fs, const ext2_inode_t *inode)
{
	if (!ext2_inode_is(inode, EXT2_S_IFLNK))
		return true;
	uint32_t ea_sectors = inode->file_acl != 0 ? fs->block_size / EXT2_SECTOR_BYTES : 0;
	return inode->blocks512 != ea_sectors; /* a fast symlink owns none */
}

static int ext2_inode_destroy(ext2_fs_t *fs, ext2_inode_t *inode)
{
	bool is_dir = ext2_inode_is(inode, EXT2_S_IFDIR);
	if (ext2_owns_blocks(fs, inode)) {
		for (uint32_t i = 0; i < EXT2_N_BLOCKS; i++) {
			uint32_t level = i < EXT2_NDIR_BLOCKS ? 0 : i - EXT2_NDIR_BLOCKS + 1;
			int rc = ext2_free_tree(fs, inode->block[i], level);
			if (rc < 0)
				return rc;
			inode->block[i] = 0;
		}
		inode->blocks512 = inode->file_acl != 0 ? fs->block_size / EXT2_SECTOR_BYTES : 0;
	}
	inode->links = 0;
	inode->size = 0;
	/*
	 * No wall clock in the core yet: dtime is the inode's latest time, but
	 * above the inode count, because e2fsck reads smaller values as links
	 * of the orphan list.
	 */
	uint32_t when = inode->ctime > inode->mtime ? inode->ctime : inode->mtime;
	inode->dtime = when > fs->inodes_count ? when : fs->inodes_count + 1u;
	int rc = ext2_inode_write(fs, inode);
	if (rc == 0)
		rc = ext2_inode_release(fs, inode->ino, is_dir);
	return rc;
}

int ext2_unlink(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	uint32_t ino;
	int rc = ext2_dir_lookup(fs, dir, name, len, &ino);
	if (rc < 0)
		return rc;
	ext2_inode_t inode;
	rc = ext2_inode_read(fs, ino, &inode);
	if (rc < 0)
		return rc;
	if (ext2_inode_is(&inode, EXT2_S_IFDIR))
		return ext2_fail(fs, -EISDIR, "%.*s is a directory", (int)len, name);
	rc = ext2_dirent_remove(fs, dir, name, len, &ino);
	if (rc < 0)
		return rc;
	if (inode.links > 1) {
		inode.links--;
		return ext2_inode_write(fs, &inode);
	}
	return ext2_inode_destroy(fs, &inode);
}

int ext2_rmdir(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return ext2_fail(fs, -EINVAL, "cannot remove \".\" or \"..\"");
	uint32_t ino;
	int rc = ext2_dir_lookup(fs, dir, name, len, &ino);
	if (rc < 0)
		return rc;
	ext2_inode_t victim;
	rc = ext2_inode_read(fs, ino, &victim);
	if (rc < 0)
		return rc;
	if (!ext2_inode_is(&victim, EXT2_S_IFDIR))
		return ext2_fail(fs, -ENOTDIR, "%.*s is not a directory", (int)len, name);
	rc = ext2_dir_is_empty(fs, &victim);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ext2_fail(fs, -ENOTEMPTY, "%.*s is not empty", (int)len, name);
	rc = ext2_dirent_remove(fs, dir, name, len, &ino);
	if (rc < 0)
		return rc;
	rc = ext2_inode_destroy(fs, &victim);
	if (rc < 0)
		return rc;
	if (dir->links > EXT2_DIR_MIN_LINKS)
		dir->links--;
	return ext2_inode_write(fs, dir);
}
