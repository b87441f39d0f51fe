/*
 * Removing names: unlink (non-directories) and rmdir (empty directories);
 * and truncate, which frees the blocks past a file's new end.
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
#define EXT2_ZERO_CHUNK 64u     /* bytes zeroed per cache write when cutting a block's tail */

static int ext2_free_tree(ext2_fs_t *fs, uint32_t block, uint32_t level, uint32_t *freed)
{
	if (block == 0)
		return 0;
	if (block < fs->first_data_block || block >= fs->blocks_count)
		return ext2_fail(fs, -EIO, "block pointer %u outside the filesystem", block);
	for (uint32_t i = 0; level > 0 && i < fs->ptrs_per_block; i++) {
		uint8_t raw[EXT2_BLOCK_PTR_SIZE];
		int rc = ext2_cache_read(fs, block, i * EXT2_BLOCK_PTR_SIZE, raw, sizeof(raw));
		if (rc == 0)
			rc = ext2_free_tree(fs, ext2_le32(raw), level - 1, freed);
		if (rc < 0)
			return rc;
	}
	int rc = ext2_block_release(fs, block);
	if (rc == 0)
		(*freed)++;
	return rc;
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
			uint32_t freed = 0;
			int rc = ext2_free_tree(fs, inode->block[i], level, &freed);
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

/*
 * Free the part of the tree under block (covering file indices from base)
 * that lies at or past keep; *emptied says the block itself was freed.
 */
static int ext2_trim(ext2_fs_t *fs, uint32_t block, uint32_t level, uint64_t base, uint64_t keep,
		     uint32_t *freed, bool *emptied)
{
	*emptied = false;
	if (base >= keep) {
		*emptied = true;
		return ext2_free_tree(fs, block, level, freed);
	}
	if (block < fs->first_data_block || block >= fs->blocks_count)
		return ext2_fail(fs, -EIO, "block pointer %u outside the filesystem", block);
	uint64_t child_span = 1;
	for (uint32_t i = 1; i < level; i++)
		child_span *= fs->ptrs_per_block;
	for (uint32_t i = 0; i < fs->ptrs_per_block; i++) {
		uint64_t child_base = base + i * child_span;
		if (child_base + child_span <= keep)
			continue;
		uint8_t raw[EXT2_BLOCK_PTR_SIZE];
		int rc = ext2_cache_read(fs, block, i * EXT2_BLOCK_PTR_SIZE, raw, sizeof(raw));
		if (rc < 0)
			return rc;
		uint32_t child = ext2_le32(raw);
		if (child == 0)
			continue;
		bool child_gone = false;
		rc = ext2_trim(fs, child, level - 1, child_base, keep, freed, &child_gone);
		if (rc < 0)
			return rc;
		if (child_gone) {
			kmemset(raw, 0, sizeof(raw));
			rc = ext2_cache_write(fs, block, i * EXT2_BLOCK_PTR_SIZE, raw, sizeof(raw));
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

/* Zero the bytes of the last kept block past the new size, so growing again reads zeros. */
static int ext2_zero_tail(ext2_fs_t *fs, const ext2_inode_t *inode, uint64_t size)
{
	uint32_t in_block = (uint32_t)(size % fs->block_size);
	if (in_block == 0)
		return 0;
	uint32_t phys = 0;
	int rc = ext2_block_map(fs, inode, size / fs->block_size, &phys);
	if (rc < 0 || phys == 0)
		return rc;
	uint8_t zero[EXT2_ZERO_CHUNK];
	kmemset(zero, 0, sizeof(zero));
	for (uint32_t at = in_block; at < fs->block_size;) {
		uint32_t n = fs->block_size - at < sizeof(zero) ? fs->block_size - at : (uint32_t)sizeof(zero);
		rc = ext2_cache_write(fs, phys, at, zero, n);
		if (rc < 0)
			return rc;
		at += n;
	}
	return 0;
}

int ext2_truncate(ext2_fs_t *fs, ext2_inode_t *inode, uint64_t size)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	if (ext2_inode_is(inode, EXT2_S_IFDIR))
		return ext2_fail(fs, -EISDIR, "inode %u is a directory", inode->ino);
	if (!ext2_inode_is(inode, EXT2_S_IFREG))
		return ext2_fail(fs, -EINVAL, "inode %u is not a regular file", inode->ino);
	uint64_t p = fs->ptrs_per_block;
	uint64_t max_blocks = EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
	if (size > max_blocks * fs->block_size)
		return ext2_fail(fs, -EFBIG, "size %llu beyond triple indirection", (unsigned long long)size);
	if (size < inode->size) {
		uint64_t keep = (size + fs->block_size - 1) / fs->block_size;
		int rc = ext2_zero_tail(fs, inode, size);
		uint32_t freed = 0;
		uint64_t base = 0;
		for (uint32_t i = 0; i < EXT2_N_BLOCKS && rc == 0; i++) {
			uint32_t level = i < EXT2_NDIR_BLOCKS ? 0 : i - EXT2_NDIR_BLOCKS + 1;
			uint64_t span = 1;
			for (uint32_t l = 0; l < level; l++)
				span *= p;
			if (inode->block[i] != 0 && base + span > keep) {
				bool gone = false;
				rc = ext2_trim(fs, inode->block[i], level, base, keep, &freed, &gone);
				if (gone)
					inode->block[i] = 0;
			}
			base += span;
		}
		uint32_t sectors = freed * (fs->block_size / EXT2_SECTOR_BYTES);
		inode->blocks512 = inode->blocks512 > sectors ? inode->blocks512 - sectors : 0;
		if (rc < 0) {
			ext2_inode_write(fs, inode);
			return rc;
		}
	}
	inode->size = size;
	return ext2_inode_write(fs, inode);
}
