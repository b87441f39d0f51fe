/*
 * truncate: set a regular file's size.  Shrinking frees every data and
 * indirect block wholly past the new end (ext2_trim walks each tree and
 * clears the pointers to freed subtrees), lowers i_blocks by what it freed
 * and zeroes the rest of the last kept block, so growing again reads
 * zeros; growing only moves the size (a hole).
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"

#define EXT2_ZERO_CHUNK 64u     /* bytes zeroed per cache write when cutting a block's tail */

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
	int arc = ext2_size_allow(fs, size);
	if (arc < 0)
		return arc;
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
