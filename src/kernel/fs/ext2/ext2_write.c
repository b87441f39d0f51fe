/*
 * Writing inodes and file data with block allocation.
 *
 * ext2_inode_write encodes the fields the core keeps back into the inode's
 * on-disk slot (read-modify-write of its first 128 bytes, so fields we do
 * not model stay as they were).  ext2_file_write maps each file block,
 * allocating the data block and any missing indirect blocks on the way
 * (direct through triple indirect), counts them in i_blocks, writes the
 * bytes, grows the size and writes the inode back.  A file growing past
 * 2 GiB - 1 first gets the LARGE_FILE feature set (ext2_size_allow).
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"

/* Largest single write, so the byte count always fits the int64_t result. */
#define EXT2_WRITE_MAX ((size_t)1 << 30)

static void ext2_put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void ext2_put32(uint8_t *p, uint32_t v)
{
	for (uint32_t i = 0; i < EXT2_BLOCK_PTR_SIZE; i++)
		p[i] = (uint8_t)(v >> (8u * i));
}

int ext2_inode_write(ext2_fs_t *fs, const ext2_inode_t *inode)
{
	uint32_t ino = inode->ino;
	if (ino == 0 || ino > fs->inodes_count)
		return ext2_fail(fs, -EINVAL, "inode %u out of range 1..%u", ino, fs->inodes_count);
	uint32_t group = (ino - 1) / fs->inodes_per_group;
	uint64_t byte = (uint64_t)((ino - 1) % fs->inodes_per_group) * fs->inode_size;
	uint32_t block = fs->groups[group].inode_table + (uint32_t)(byte / fs->block_size);
	uint32_t off = (uint32_t)(byte % fs->block_size);
	uint8_t raw[EXT2_GOOD_OLD_INODE_SIZE];
	int rc = ext2_cache_read(fs, block, off, raw, sizeof(raw));
	if (rc < 0)
		return rc;
	ext2_put16(raw + IN_MODE, inode->mode);
	ext2_put16(raw + IN_UID, inode->uid & 0xFFFFu);
	ext2_put16(raw + IN_UID_HIGH, inode->uid >> 16);
	ext2_put16(raw + IN_GID, inode->gid & 0xFFFFu);
	ext2_put16(raw + IN_GID_HIGH, inode->gid >> 16);
	ext2_put32(raw + IN_SIZE, (uint32_t)inode->size);
	if (ext2_inode_is(inode, EXT2_S_IFREG))
		ext2_put32(raw + IN_SIZE_HIGH, (uint32_t)(inode->size >> 32));
	ext2_put32(raw + IN_ATIME, inode->atime);
	ext2_put32(raw + IN_CTIME, inode->ctime);
	ext2_put32(raw + IN_MTIME, inode->mtime);
	ext2_put32(raw + IN_DTIME, inode->dtime);
	ext2_put16(raw + IN_LINKS, inode->links);
	ext2_put32(raw + IN_BLOCKS, inode->blocks512);
	ext2_put32(raw + IN_FLAGS, inode->flags);
	ext2_put32(raw + IN_FILE_ACL, inode->file_acl);
	for (uint32_t i = 0; i < EXT2_N_BLOCKS; i++)
		ext2_put32(raw + IN_BLOCK + i * EXT2_BLOCK_PTR_SIZE, inode->block[i]);
	return ext2_cache_write(fs, block, off, raw, sizeof(raw));
}

/* A new block for inode, counted in its i_blocks. */
static int ext2_alloc_for(ext2_fs_t *fs, ext2_inode_t *inode, uint32_t *block)
{
	uint32_t goal = (inode->ino - 1) / fs->inodes_per_group;
	int rc = ext2_block_alloc(fs, goal, block);
	if (rc == 0)
		inode->blocks512 += fs->block_size / EXT2_SECTOR_BYTES;
	return rc;
}

/* Like ext2_block_map, but fill holes (and missing indirect blocks) with new blocks. */
int ext2_block_map_alloc(ext2_fs_t *fs, ext2_inode_t *inode, uint64_t index, uint32_t *phys)
{
	uint64_t p = fs->ptrs_per_block;
	uint32_t slot;
	uint32_t levels;
	if (index < EXT2_NDIR_BLOCKS) {
		slot = (uint32_t)index;
		levels = 0;
	} else if ((index -= EXT2_NDIR_BLOCKS) < p) {
		slot = EXT2_IND_BLOCK;
		levels = 1;
	} else if ((index -= p) < p * p) {
		slot = EXT2_DIND_BLOCK;
		levels = 2;
	} else if ((index -= p * p) < p * p * p) {
		slot = EXT2_TIND_BLOCK;
		levels = 3;
	} else {
		return ext2_fail(fs, -EFBIG, "inode %u: block index beyond triple indirection", inode->ino);
	}
	uint32_t cur = inode->block[slot];
	if (cur != 0 && (cur < fs->first_data_block || cur >= fs->blocks_count))
		return ext2_fail(fs, -EIO, "inode %u: block pointer %u outside the filesystem", inode->ino, cur);
	if (cur == 0) {
		int rc = ext2_alloc_for(fs, inode, &cur);
		if (rc < 0)
			return rc;
		inode->block[slot] = cur;
	}
	for (uint32_t level = levels; level > 0; level--) {
		uint64_t span = 1;
		for (uint32_t i = 1; i < level; i++)
			span *= p;
		uint32_t at = (uint32_t)(index / span) * EXT2_BLOCK_PTR_SIZE;
		index %= span;
		uint8_t raw[EXT2_BLOCK_PTR_SIZE];
		int rc = ext2_cache_read(fs, cur, at, raw, sizeof(raw));
		if (rc < 0)
			return rc;
		uint32_t next = ext2_le32(raw);
		if (next != 0 && (next < fs->first_data_block || next >= fs->blocks_count))
			return ext2_fail(fs, -EIO, "inode %u: block pointer %u outside the filesystem", inode->ino, next);
		if (next == 0) {
			rc = ext2_alloc_for(fs, inode, &next);
			if (rc == 0) {
				ext2_put32(raw, next);
				rc = ext2_cache_write(fs, cur, at, raw, sizeof(raw));
			}
			if (rc < 0)
				return rc;
		}
		cur = next;
	}
	*phys = cur;
	return 0;
}

int64_t ext2_file_write(ext2_fs_t *fs, ext2_inode_t *inode, uint64_t offset, const void *buf, size_t len)
{
	if (buf == NULL && len != 0)
		return -EINVAL;
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	if (!ext2_inode_is(inode, EXT2_S_IFREG))
		return ext2_fail(fs, -EINVAL, "inode %u is not a regular file", inode->ino);
	if (len > EXT2_WRITE_MAX)
		return ext2_fail(fs, -EINVAL, "write of %zu bytes is too large at once", len);
	if (offset + len < offset)
		return ext2_fail(fs, -EFBIG, "write end overflows");
	int arc = len != 0 && offset + len > inode->size ? ext2_size_allow(fs, offset + len) : 0;
	if (arc < 0)
		return arc;
	const uint8_t *src = buf;
	size_t done = 0;
	int rc = 0;
	while (done < len) {
		uint64_t pos = offset + done;
		uint32_t in_block = (uint32_t)(pos % fs->block_size);
		uint32_t chunk = fs->block_size - in_block;
		if (chunk > len - done)
			chunk = (uint32_t)(len - done);
		uint32_t phys = 0;
		rc = ext2_block_map_alloc(fs, inode, pos / fs->block_size, &phys);
		if (rc == 0)
			rc = ext2_cache_write(fs, phys, in_block, src + done, chunk);
		if (rc < 0)
			break;
		done += chunk;
	}
	if (offset + done > inode->size)
		inode->size = offset + done;
	int wrc = ext2_inode_write(fs, inode);
	if (rc < 0)
		return done > 0 ? (int64_t)done : rc;
	if (wrc < 0)
		return wrc;
	return (int64_t)done;
}
