/*
 * Superblock and block-group-descriptor decoding and validation.
 *
 * Everything a later read depends on is checked here once, with a reason
 * for each refusal: magic, revision, block size (1, 2 or 4 KiB), group
 * geometry, inode size, incompatible features, that the filesystem fits on
 * the device, and that each group's bitmaps and inode table lie inside the
 * filesystem.  After this, block and inode numbers only need range checks.
 * There is no limit on the number of groups beyond what the device holds.
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"
#include "mm/kheap.h"

#define EXT2_MAX_SECTOR_SIZE 4096u

static int ext2_super_read_raw(ext2_fs_t *fs, uint8_t *sb)
{
	blockdev_t *dev = fs->dev;
	uint32_t ss = dev->sector_size;
	if (ss < EXT2_SECTOR_BYTES || ss > EXT2_MAX_SECTOR_SIZE || (ss & (ss - 1)) != 0)
		return ext2_fail(fs, -EINVAL, "device sector size %u is not a power of two in 512..4096", ss);
	uint64_t first = EXT2_SB_OFFSET / ss;
	uint64_t end = (EXT2_SB_OFFSET + EXT2_SB_SIZE + ss - 1) / ss;
	uint32_t count = (uint32_t)(end - first);
	if (blockdev_bytes(dev) < EXT2_SB_OFFSET + EXT2_SB_SIZE)
		return ext2_fail(fs, -EINVAL, "device too small for a superblock (%llu bytes)",
				 (unsigned long long)blockdev_bytes(dev));
	uint8_t *buf = kmalloc((size_t)count * ss);
	if (buf == NULL)
		return ext2_fail(fs, -ENOMEM, "no memory for the superblock");
	int rc = blockdev_read(dev, first, count, buf);
	if (rc == 0)
		kmemcpy(sb, buf + (EXT2_SB_OFFSET - first * ss), EXT2_SB_SIZE);
	kfree(buf);
	if (rc < 0)
		return ext2_fail(fs, rc, "superblock read failed (%d)", rc);
	return 0;
}

static int ext2_super_check_sizes(ext2_fs_t *fs, const uint8_t *sb)
{
	if (ext2_le16(sb + SB_MAGIC) != EXT2_SB_MAGIC_VALUE)
		return ext2_fail(fs, -EINVAL, "bad magic 0x%04x (not ext2)", ext2_le16(sb + SB_MAGIC));
	fs->log_block_size = ext2_le32(sb + SB_LOG_BLOCK_SIZE);
	if (fs->log_block_size > EXT2_MAX_LOG_BLOCK)
		return ext2_fail(fs, -EOPNOTSUPP, "block size 1024<<%u unsupported (1, 2 or 4 KiB only)",
				 fs->log_block_size);
	fs->block_size = EXT2_MIN_BLOCK_SIZE << fs->log_block_size;
	if (fs->block_size < fs->dev->sector_size)
		return ext2_fail(fs, -EINVAL, "block size %u below the device sector size %u", fs->block_size,
				 fs->dev->sector_size);
	fs->sectors_per_block = fs->block_size / fs->dev->sector_size;
	fs->ptrs_per_block = fs->block_size / EXT2_BLOCK_PTR_SIZE;
	fs->rev_level = ext2_le32(sb + SB_REV_LEVEL);
	if (fs->rev_level == EXT2_GOOD_OLD_REV) {
		fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		fs->first_ino = EXT2_GOOD_OLD_FIRST_INO;
	} else if (fs->rev_level == EXT2_DYNAMIC_REV) {
		fs->inode_size = ext2_le16(sb + SB_INODE_SIZE);
		fs->first_ino = ext2_le32(sb + SB_FIRST_INO);
		fs->feature_incompat = ext2_le32(sb + SB_FEATURE_INCOMPAT);
		fs->feature_ro_compat = ext2_le32(sb + SB_FEATURE_RO_COMPAT);
	} else {
		return ext2_fail(fs, -EOPNOTSUPP, "revision %u unsupported", fs->rev_level);
	}
	uint32_t is = fs->inode_size;
	if (is < EXT2_GOOD_OLD_INODE_SIZE || is > fs->block_size || (is & (is - 1)) != 0)
		return ext2_fail(fs, -EINVAL, "inode size %u is not a power of two in 128..%u", is, fs->block_size);
	if (fs->feature_incompat & ~EXT2_INCOMPAT_SUPPORTED)
		return ext2_fail(fs, -EOPNOTSUPP, "incompatible features 0x%x unsupported",
				 fs->feature_incompat & ~EXT2_INCOMPAT_SUPPORTED);
	return 0;
}

static int ext2_super_check_geometry(ext2_fs_t *fs, const uint8_t *sb)
{
	fs->blocks_count = ext2_le32(sb + SB_BLOCKS_COUNT);
	fs->inodes_count = ext2_le32(sb + SB_INODES_COUNT);
	fs->free_blocks = ext2_le32(sb + SB_FREE_BLOCKS);
	fs->free_inodes = ext2_le32(sb + SB_FREE_INODES);
	fs->first_data_block = ext2_le32(sb + SB_FIRST_DATA_BLOCK);
	fs->blocks_per_group = ext2_le32(sb + SB_BLOCKS_PER_GROUP);
	fs->inodes_per_group = ext2_le32(sb + SB_INODES_PER_GROUP);
	uint32_t expect_first = fs->block_size == EXT2_MIN_BLOCK_SIZE ? 1u : 0u;
	if (fs->first_data_block != expect_first)
		return ext2_fail(fs, -EINVAL, "first data block %u, expected %u", fs->first_data_block, expect_first);
	if (fs->blocks_count <= fs->first_data_block)
		return ext2_fail(fs, -EINVAL, "block count %u too small", fs->blocks_count);
	uint64_t dev_blocks = blockdev_bytes(fs->dev) / fs->block_size;
	if (fs->blocks_count > dev_blocks)
		return ext2_fail(fs, -EINVAL, "%u blocks do not fit on %s (%llu blocks)", fs->blocks_count,
				 fs->dev->name, (unsigned long long)dev_blocks);
	uint32_t bits = fs->block_size * 8u;
	if (fs->blocks_per_group == 0 || fs->blocks_per_group > bits)
		return ext2_fail(fs, -EINVAL, "blocks per group %u not in 1..%u", fs->blocks_per_group, bits);
	if (fs->inodes_per_group == 0 || fs->inodes_per_group > bits)
		return ext2_fail(fs, -EINVAL, "inodes per group %u not in 1..%u", fs->inodes_per_group, bits);
	uint32_t data_blocks = fs->blocks_count - fs->first_data_block;
	fs->group_count = data_blocks / fs->blocks_per_group + (data_blocks % fs->blocks_per_group != 0);
	if ((uint64_t)fs->inodes_count > (uint64_t)fs->group_count * fs->inodes_per_group || fs->inodes_count == 0)
		return ext2_fail(fs, -EINVAL, "inode count %u does not match %u groups of %u", fs->inodes_count,
				 fs->group_count, fs->inodes_per_group);
	if (fs->inodes_count < EXT2_ROOT_INO)
		return ext2_fail(fs, -EINVAL, "inode count %u has no root inode", fs->inodes_count);
	if (fs->rev_level != EXT2_GOOD_OLD_REV && (fs->first_ino <= EXT2_ROOT_INO || fs->first_ino > fs->inodes_count))
		return ext2_fail(fs, -EINVAL, "first inode %u out of range", fs->first_ino);
	uint64_t itable_bytes = (uint64_t)fs->inodes_per_group * fs->inode_size;
	fs->itable_blocks = (uint32_t)((itable_bytes + fs->block_size - 1) / fs->block_size);
	return 0;
}

static int ext2_group_check(ext2_fs_t *fs, uint32_t g, const ext2_group_t *gd)
{
	uint32_t lo = fs->first_data_block;
	uint32_t n = fs->blocks_count;
	if (gd->block_bitmap < lo || gd->block_bitmap >= n)
		return ext2_fail(fs, -EINVAL, "group %u: block bitmap %u outside the filesystem", g, gd->block_bitmap);
	if (gd->inode_bitmap < lo || gd->inode_bitmap >= n)
		return ext2_fail(fs, -EINVAL, "group %u: inode bitmap %u outside the filesystem", g, gd->inode_bitmap);
	if (gd->inode_table < lo || gd->inode_table >= n || fs->itable_blocks > n - gd->inode_table)
		return ext2_fail(fs, -EINVAL, "group %u: inode table %u (+%u blocks) outside the filesystem", g,
				 gd->inode_table, fs->itable_blocks);
	return 0;
}

static int ext2_groups_load(ext2_fs_t *fs)
{
	uint32_t gdt_block = fs->first_data_block + 1u;
	uint64_t gdt_bytes = (uint64_t)fs->group_count * EXT2_GD_SIZE;
	uint64_t gdt_blocks = (gdt_bytes + fs->block_size - 1) / fs->block_size;
	if (gdt_blocks > fs->blocks_count - gdt_block)
		return ext2_fail(fs, -EINVAL, "group descriptor table (%llu blocks) past the end",
				 (unsigned long long)gdt_blocks);
	fs->groups = kcalloc(fs->group_count, sizeof(ext2_group_t));
	if (fs->groups == NULL)
		return ext2_fail(fs, -ENOMEM, "no memory for %u group descriptors", fs->group_count);
	uint32_t per_block = fs->block_size / EXT2_GD_SIZE;
	for (uint32_t g = 0; g < fs->group_count; g++) {
		uint8_t raw[EXT2_GD_SIZE];
		int rc = ext2_cache_read(fs, gdt_block + g / per_block, (g % per_block) * EXT2_GD_SIZE, raw, EXT2_GD_SIZE);
		if (rc < 0)
			return rc;
		ext2_group_t *gd = &fs->groups[g];
		gd->block_bitmap = ext2_le32(raw + GD_BLOCK_BITMAP);
		gd->inode_bitmap = ext2_le32(raw + GD_INODE_BITMAP);
		gd->inode_table = ext2_le32(raw + GD_INODE_TABLE);
		gd->free_blocks = ext2_le16(raw + GD_FREE_BLOCKS);
		gd->free_inodes = ext2_le16(raw + GD_FREE_INODES);
		gd->used_dirs = ext2_le16(raw + GD_USED_DIRS);
		rc = ext2_group_check(fs, g, gd);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int ext2_super_load(ext2_fs_t *fs)
{
	uint8_t *sb = kmalloc(EXT2_SB_SIZE);
	if (sb == NULL)
		return ext2_fail(fs, -ENOMEM, "no memory for the superblock");
	int rc = ext2_super_read_raw(fs, sb);
	if (rc == 0)
		rc = ext2_super_check_sizes(fs, sb);
	if (rc == 0)
		rc = ext2_super_check_geometry(fs, sb);
	kfree(sb);
	if (rc == 0)
		rc = ext2_groups_load(fs);
	return rc;
}
