/*
 * Reading file data at an offset, overwriting allocated file data, and
 * symlink targets.
 *
 * A read is cut at the inode's size and proceeds block by block through
 * ext2_block_map; a hole (pointer 0 at any level) reads as zeros.  A
 * symlink is "fast" when its target lives in the 60 bytes of i_block (no
 * data blocks counted in i_blocks besides an extended-attribute block) and
 * "slow" otherwise, with the target in its first data block.
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"

/* Largest single read, so the byte count always fits the int64_t result. */
#define EXT2_READ_MAX ((size_t)1 << 30)

int64_t ext2_file_read(ext2_fs_t *fs, const ext2_inode_t *inode, uint64_t offset, void *buf, size_t len)
{
	if (buf == NULL && len != 0)
		return -EINVAL;
	if (offset >= inode->size)
		return 0;
	if (len > EXT2_READ_MAX)
		len = EXT2_READ_MAX;
	if (len > inode->size - offset)
		len = (size_t)(inode->size - offset);
	uint8_t *dst = buf;
	size_t done = 0;
	while (done < len) {
		uint64_t pos = offset + done;
		uint64_t index = pos / fs->block_size;
		uint32_t in_block = (uint32_t)(pos % fs->block_size);
		uint32_t chunk = fs->block_size - in_block;
		if (chunk > len - done)
			chunk = (uint32_t)(len - done);
		uint32_t phys;
		int rc = ext2_block_map(fs, inode, index, &phys);
		if (rc == 0 && phys != 0)
			rc = ext2_cache_read(fs, phys, in_block, dst + done, chunk);
		else if (rc == 0)
			kmemset(dst + done, 0, chunk);
		if (rc < 0)
			return rc;
		done += chunk;
	}
	return (int64_t)done;
}

int64_t ext2_file_overwrite(ext2_fs_t *fs, const ext2_inode_t *inode, uint64_t offset, const void *buf, size_t len)
{
	if (buf == NULL && len != 0)
		return -EINVAL;
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	if (len > EXT2_READ_MAX)
		return ext2_fail(fs, -EINVAL, "write of %zu bytes is too large at once", len);
	if (offset > inode->size || len > inode->size - offset)
		return ext2_fail(fs, -EOPNOTSUPP, "inode %u: writing past the size needs allocation", inode->ino);
	uint64_t first = offset / fs->block_size;
	uint64_t end = len == 0 ? first : (offset + len - 1) / fs->block_size + 1;
	for (uint64_t index = first; index < end; index++) {
		uint32_t phys;
		int rc = ext2_block_map(fs, inode, index, &phys);
		if (rc < 0)
			return rc;
		if (phys == 0)
			return ext2_fail(fs, -EOPNOTSUPP, "inode %u: block %llu is a hole, allocation needed", inode->ino,
					 (unsigned long long)index);
	}
	const uint8_t *src = buf;
	size_t done = 0;
	while (done < len) {
		uint64_t pos = offset + done;
		uint32_t in_block = (uint32_t)(pos % fs->block_size);
		uint32_t chunk = fs->block_size - in_block;
		if (chunk > len - done)
			chunk = (uint32_t)(len - done);
		uint32_t phys;
		int rc = ext2_block_map(fs, inode, pos / fs->block_size, &phys);
		if (rc == 0)
			rc = ext2_cache_write(fs, phys, in_block, src + done, chunk);
		if (rc < 0)
			return rc;
		done += chunk;
	}
	return (int64_t)done;
}

static bool ext2_symlink_is_fast(const ext2_fs_t *fs, const ext2_inode_t *inode)
{
	uint32_t ea_sectors = inode->file_acl != 0 ? fs->block_size / EXT2_SECTOR_BYTES : 0;
	return inode->blocks512 == ea_sectors && inode->size < EXT2_FAST_SYMLINK_MAX;
}

int ext2_symlink_read(ext2_fs_t *fs, const ext2_inode_t *inode, char *buf, size_t size)
{
	if (!ext2_inode_is(inode, EXT2_S_IFLNK))
		return ext2_fail(fs, -EINVAL, "inode %u is not a symlink", inode->ino);
	if (inode->size == 0 || inode->size >= fs->block_size)
		return ext2_fail(fs, -EIO, "symlink %u has length %llu (1..%u)", inode->ino,
				 (unsigned long long)inode->size, fs->block_size - 1);
	size_t len = (size_t)inode->size;
	if (buf == NULL || size <= len)
		return ext2_fail(fs, -ENAMETOOLONG, "symlink %u needs %zu bytes", inode->ino, len + 1);
	if (ext2_symlink_is_fast(fs, inode)) {
		for (size_t i = 0; i < len; i++) {
			uint32_t word = inode->block[i / EXT2_BLOCK_PTR_SIZE];
			buf[i] = (char)(uint8_t)(word >> (8u * (i % EXT2_BLOCK_PTR_SIZE)));
		}
	} else {
		uint32_t phys;
		int rc = ext2_block_map(fs, inode, 0, &phys);
		if (rc < 0)
			return rc;
		if (phys == 0)
			return ext2_fail(fs, -EIO, "slow symlink %u has no data block", inode->ino);
		rc = ext2_cache_read(fs, phys, 0, buf, (uint32_t)len);
		if (rc < 0)
			return rc;
	}
	if (kstrnlen(buf, len) != len)
		return ext2_fail(fs, -EIO, "symlink %u target contains a NUL byte", inode->ino);
	buf[len] = '\0';
	return (int)len;
}
