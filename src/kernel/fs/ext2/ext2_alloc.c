/*
 * Block and inode allocation from the group bitmaps.
 *
 * A search starts at a goal group and wraps around all groups, skipping
 * those whose descriptor says they are full; inside a group it scans the
 * bitmap a byte at a time through the cache.  Taking a bit updates the
 * bitmap, the group descriptor's free (and used-directory) count and the
 * primary superblock's free count, all as dirty cache blocks, so a sync
 * leaves the image consistent for e2fsck.  New blocks are zeroed.  The
 * superblock's LARGE_FILE feature is set here too, when a file first grows
 * past 2 GiB - 1.
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"

static int ext2_counts_write(ext2_fs_t *fs, uint32_t g)
{
	const ext2_group_t *gd = &fs->groups[g];
	uint32_t per_block = fs->block_size / EXT2_GD_SIZE;
	uint32_t gdt = fs->first_data_block + 1u + g / per_block;
	uint32_t at = (g % per_block) * EXT2_GD_SIZE;
	uint8_t raw[EXT2_GD_SIZE];
	int rc = ext2_cache_read(fs, gdt, at, raw, sizeof(raw));
	if (rc < 0)
		return rc;
	raw[GD_FREE_BLOCKS] = (uint8_t)gd->free_blocks;
	raw[GD_FREE_BLOCKS + 1] = (uint8_t)(gd->free_blocks >> 8);
	raw[GD_FREE_INODES] = (uint8_t)gd->free_inodes;
	raw[GD_FREE_INODES + 1] = (uint8_t)(gd->free_inodes >> 8);
	raw[GD_USED_DIRS] = (uint8_t)gd->used_dirs;
	raw[GD_USED_DIRS + 1] = (uint8_t)(gd->used_dirs >> 8);
	rc = ext2_cache_write(fs, gdt, at, raw, sizeof(raw));
	if (rc < 0)
		return rc;
	uint32_t sb_block, sb_off;
	ext2_super_where(fs, &sb_block, &sb_off);
	uint8_t le[2 * EXT2_BLOCK_PTR_SIZE];
	for (uint32_t i = 0; i < EXT2_BLOCK_PTR_SIZE; i++) {
		le[i] = (uint8_t)(fs->free_blocks >> (8u * i));
		le[EXT2_BLOCK_PTR_SIZE + i] = (uint8_t)(fs->free_inodes >> (8u * i));
	}
	/* s_free_blocks_count and s_free_inodes_count are adjacent */
	return ext2_cache_write(fs, sb_block, sb_off + SB_FREE_BLOCKS, le, sizeof(le));
}

/* Find and set a clear bit below limit in bitmap block bm: 0 and *bit, or -ENOSPC. */
static int ext2_bitmap_take(ext2_fs_t *fs, uint32_t bm, uint32_t limit, uint32_t *bit)
{
	for (uint32_t byte = 0; byte * EXT2_BITS_PER_BYTE < limit; byte++) {
		uint8_t v;
		int rc = ext2_cache_read(fs, bm, byte, &v, 1);
		if (rc < 0)
			return rc;
		if (v == 0xFF)
			continue;
		for (uint32_t b = 0; b < EXT2_BITS_PER_BYTE; b++) {
			uint32_t n = byte * EXT2_BITS_PER_BYTE + b;
			if (n >= limit)
				break;
			if ((v & (1u << b)) == 0) {
				v = (uint8_t)(v | (1u << b));
				rc = ext2_cache_write(fs, bm, byte, &v, 1);
				if (rc < 0)
					return rc;
				*bit = n;
				return 0;
			}
		}
	}
	return -ENOSPC;
}

int ext2_block_alloc(ext2_fs_t *fs, uint32_t goal_group, uint32_t *block)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	for (uint32_t i = 0; i < fs->group_count; i++) {
		uint32_t g = (goal_group + i) % fs->group_count;
		ext2_group_t *gd = &fs->groups[g];
		if (gd->free_blocks == 0)
			continue;
		uint32_t first = fs->first_data_block + g * fs->blocks_per_group;
		uint32_t limit = fs->blocks_count - first < fs->blocks_per_group ? fs->blocks_count - first
										    : fs->blocks_per_group;
		uint32_t bit;
		int rc = ext2_bitmap_take(fs, gd->block_bitmap, limit, &bit);
		if (rc == -ENOSPC)
			continue;
		if (rc < 0)
			return rc;
		gd->free_blocks--;
		if (fs->free_blocks > 0)
			fs->free_blocks--;
		rc = ext2_counts_write(fs, g);
		if (rc == 0)
			rc = ext2_cache_zero(fs, first + bit);
		if (rc < 0)
			return rc;
		*block = first + bit;
		return 0;
	}
	return ext2_fail(fs, -ENOSPC, "no free block on %s", fs->dev->name);
}

int ext2_inode_alloc(ext2_fs_t *fs, bool is_dir, uint32_t *ino)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	for (uint32_t g = 0; g < fs->group_count; g++) {
		ext2_group_t *gd = &fs->groups[g];
		if (gd->free_inodes == 0)
			continue;
		uint32_t first = g * fs->inodes_per_group + 1u;
		if (first > fs->inodes_count)
			break;
		uint32_t limit = fs->inodes_count - first + 1u < fs->inodes_per_group ? fs->inodes_count - first + 1u
										       : fs->inodes_per_group;
		uint32_t bit;
		int rc = ext2_bitmap_take(fs, gd->inode_bitmap, limit, &bit);
		if (rc == -ENOSPC)
			continue;
		if (rc < 0)
			return rc;
		if (first + bit < fs->first_ino)
			return ext2_fail(fs, -EIO, "reserved inode %u is marked free", first + bit);
		gd->free_inodes--;
		if (is_dir)
			gd->used_dirs++;
		if (fs->free_inodes > 0)
			fs->free_inodes--;
		rc = ext2_counts_write(fs, g);
		if (rc < 0)
			return rc;
		*ino = first + bit;
		return 0;
	}
	return ext2_fail(fs, -ENOSPC, "no free inode on %s", fs->dev->name);
}

int ext2_inode_in_use(ext2_fs_t *fs, uint32_t ino)
{
	if (ino == 0 || ino > fs->inodes_count)
		return ext2_fail(fs, -EINVAL, "inode %u out of range 1..%u", ino, fs->inodes_count);
	uint32_t bit = (ino - 1) % fs->inodes_per_group;
	uint8_t v;
	int rc = ext2_cache_read(fs, fs->groups[(ino - 1) / fs->inodes_per_group].inode_bitmap,
				 bit / EXT2_BITS_PER_BYTE, &v, 1);
	if (rc < 0)
		return rc;
	return (v >> (bit % EXT2_BITS_PER_BYTE)) & 1u;
}

int ext2_inode_dealloc(ext2_fs_t *fs, uint32_t ino, bool is_dir)
{
	if (ino < fs->first_ino || ino > fs->inodes_count)
		return ext2_fail(fs, -EINVAL, "inode %u cannot be released", ino);
	uint32_t g = (ino - 1) / fs->inodes_per_group;
	uint32_t bit = (ino - 1) % fs->inodes_per_group;
	ext2_group_t *gd = &fs->groups[g];
	int rc = ext2_inode_in_use(fs, ino);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ext2_fail(fs, -EIO, "inode %u is already free", ino);
	uint8_t v;
	rc = ext2_cache_read(fs, gd->inode_bitmap, bit / EXT2_BITS_PER_BYTE, &v, 1);
	if (rc < 0)
		return rc;
	v = (uint8_t)(v & ~(1u << (bit % EXT2_BITS_PER_BYTE)));
	rc = ext2_cache_write(fs, gd->inode_bitmap, bit / EXT2_BITS_PER_BYTE, &v, 1);
	if (rc < 0)
		return rc;
	gd->free_inodes++;
	if (is_dir && gd->used_dirs > 0)
		gd->used_dirs--;
	fs->free_inodes++;
	return ext2_counts_write(fs, g);
}

int ext2_size_allow(ext2_fs_t *fs, uint64_t size)
{
	if (size <= EXT2_SMALL_FILE_MAX || (fs->feature_ro_compat & EXT2_RO_COMPAT_LARGE_FILE))
		return 0;
	if (fs->rev_level == EXT2_GOOD_OLD_REV)
		return ext2_fail(fs, -EFBIG, "revision 0 files stop at 2 GiB");
	uint32_t sb_block, sb_off;
	ext2_super_where(fs, &sb_block, &sb_off);
	uint32_t ro = fs->feature_ro_compat | EXT2_RO_COMPAT_LARGE_FILE;
	uint8_t le[EXT2_BLOCK_PTR_SIZE];
	for (uint32_t i = 0; i < EXT2_BLOCK_PTR_SIZE; i++)
		le[i] = (uint8_t)(ro >> (8u * i));
	int rc = ext2_cache_write(fs, sb_block, sb_off + SB_FEATURE_RO_COMPAT, le, sizeof(le));
	if (rc == 0)
		fs->feature_ro_compat = ro;
	return rc;
}

int ext2_block_release(ext2_fs_t *fs, uint32_t block)
{
	if (block < fs->first_data_block || block >= fs->blocks_count)
		return ext2_fail(fs, -EIO, "block %u cannot be released", block);
	uint32_t g = (block - fs->first_data_block) / fs->blocks_per_group;
	uint32_t bit = (block - fs->first_data_block) % fs->blocks_per_group;
	ext2_group_t *gd = &fs->groups[g];
	uint8_t v;
	int rc = ext2_cache_read(fs, gd->block_bitmap, bit / EXT2_BITS_PER_BYTE, &v, 1);
	if (rc < 0)
		return rc;
	uint8_t mask = (uint8_t)(1u << (bit % EXT2_BITS_PER_BYTE));
	if ((v & mask) == 0)
		return ext2_fail(fs, -EIO, "block %u is already free", block);
	v = (uint8_t)(v & ~mask);
	rc = ext2_cache_write(fs, gd->block_bitmap, bit / EXT2_BITS_PER_BYTE, &v, 1);
	if (rc < 0)
		return rc;
	gd->free_blocks++;
	fs->free_blocks++;
	return ext2_counts_write(fs, g);
}
