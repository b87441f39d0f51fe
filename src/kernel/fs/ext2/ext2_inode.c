/*
 * Inode reading and the block map (direct, single, double and triple
 * indirect).
 *
 * An inode is found by group = (ino-1) / inodes_per_group and its slot in
 * that group's inode table (checked at mount to lie inside the filesystem).
 * Decoding rejects an unused inode, an unknown type, and a size beyond what
 * triple indirection can address.  The map walks the indirect levels with
 * copy-out cache reads, one pointer at a time; a zero pointer at any level
 * is a hole, a pointer outside the filesystem is corruption (-EIO).
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"

static bool ext2_mode_type_ok(uint16_t mode)
{
	switch (mode & EXT2_S_IFMT) {
	case EXT2_S_IFSOCK:
	case EXT2_S_IFLNK:
	case EXT2_S_IFREG:
	case EXT2_S_IFBLK:
	case EXT2_S_IFDIR:
	case EXT2_S_IFCHR:
	case EXT2_S_IFIFO:
		return true;
	default:
		return false;
	}
}

/* Bytes addressable through the 15 block pointers. */
static uint64_t ext2_max_file_bytes(const ext2_fs_t *fs)
{
	uint64_t p = fs->ptrs_per_block;
	uint64_t blocks = EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
	return blocks * fs->block_size;
}

static void ext2_inode_decode(const uint8_t *raw, uint32_t ino, ext2_inode_t *out)
{
	kmemset(out, 0, sizeof(*out));
	out->ino = ino;
	out->mode = ext2_le16(raw + IN_MODE);
	out->uid = ext2_le16(raw + IN_UID) | (uint32_t)ext2_le16(raw + IN_UID_HIGH) << 16;
	out->gid = ext2_le16(raw + IN_GID) | (uint32_t)ext2_le16(raw + IN_GID_HIGH) << 16;
	out->size = ext2_le32(raw + IN_SIZE);
	if (ext2_inode_is(out, EXT2_S_IFREG))
		out->size |= (uint64_t)ext2_le32(raw + IN_SIZE_HIGH) << 32;
	out->atime = ext2_le32(raw + IN_ATIME);
	out->ctime = ext2_le32(raw + IN_CTIME);
	out->mtime = ext2_le32(raw + IN_MTIME);
	out->dtime = ext2_le32(raw + IN_DTIME);
	out->links = ext2_le16(raw + IN_LINKS);
	out->blocks512 = ext2_le32(raw + IN_BLOCKS);
	out->flags = ext2_le32(raw + IN_FLAGS);
	out->file_acl = ext2_le32(raw + IN_FILE_ACL);
	for (uint32_t i = 0; i < EXT2_N_BLOCKS; i++)
		out->block[i] = ext2_le32(raw + IN_BLOCK + i * EXT2_BLOCK_PTR_SIZE);
}

int ext2_inode_read(ext2_fs_t *fs, uint32_t ino, ext2_inode_t *out)
{
	if (ino == 0 || ino > fs->inodes_count)
		return ext2_fail(fs, -EINVAL, "inode %u out of range 1..%u", ino, fs->inodes_count);
	uint32_t group = (ino - 1) / fs->inodes_per_group;
	uint32_t index = (ino - 1) % fs->inodes_per_group;
	uint64_t byte = (uint64_t)index * fs->inode_size;
	uint32_t block = fs->groups[group].inode_table + (uint32_t)(byte / fs->block_size);
	uint8_t raw[EXT2_GOOD_OLD_INODE_SIZE];
	int rc = ext2_cache_read(fs, block, (uint32_t)(byte % fs->block_size), raw, sizeof(raw));
	if (rc < 0)
		return rc;
	ext2_inode_decode(raw, ino, out);
	if (out->mode == 0 && out->links == 0)
		return ext2_fail(fs, -EIO, "inode %u is not in use", ino);
	if (!ext2_mode_type_ok(out->mode))
		return ext2_fail(fs, -EIO, "inode %u has unknown type 0x%x", ino, out->mode & EXT2_S_IFMT);
	if (out->size > ext2_max_file_bytes(fs))
		return ext2_fail(fs, -EIO, "inode %u size %llu beyond triple indirection", ino,
				 (unsigned long long)out->size);
	return 0;
}

/* Follow one pointer slot of an indirect block; *next = 0 means a hole. */
static int ext2_indirect_step(ext2_fs_t *fs, uint32_t ino, uint32_t block, uint64_t slot, uint32_t *next)
{
	uint8_t raw[EXT2_BLOCK_PTR_SIZE];
	int rc = ext2_cache_read(fs, block, (uint32_t)slot * EXT2_BLOCK_PTR_SIZE, raw, sizeof(raw));
	if (rc < 0)
		return rc;
	*next = ext2_le32(raw);
	if (*next != 0 && (*next < fs->first_data_block || *next >= fs->blocks_count))
		return ext2_fail(fs, -EIO, "inode %u: block pointer %u outside the filesystem", ino, *next);
	return 0;
}

int ext2_block_map(ext2_fs_t *fs, const ext2_inode_t *inode, uint64_t index, uint32_t *phys)
{
	uint64_t p = fs->ptrs_per_block;
	uint32_t top;
	uint32_t levels;
	*phys = 0;
	if (index < EXT2_NDIR_BLOCKS) {
		top = inode->block[index];
		levels = 0;
	} else if ((index -= EXT2_NDIR_BLOCKS) < p) {
		top = inode->block[EXT2_IND_BLOCK];
		levels = 1;
	} else if ((index -= p) < p * p) {
		top = inode->block[EXT2_DIND_BLOCK];
		levels = 2;
	} else if ((index -= p * p) < p * p * p) {
		top = inode->block[EXT2_TIND_BLOCK];
		levels = 3;
	} else {
		return ext2_fail(fs, -EFBIG, "inode %u: block index beyond triple indirection", inode->ino);
	}
	if (top != 0 && (top < fs->first_data_block || top >= fs->blocks_count))
		return ext2_fail(fs, -EIO, "inode %u: block pointer %u outside the filesystem", inode->ino, top);
	uint32_t cur = top;
	for (uint32_t level = levels; level > 0 && cur != 0; level--) {
		uint64_t span = 1;
		for (uint32_t i = 1; i < level; i++)
			span *= p;
		int rc = ext2_indirect_step(fs, inode->ino, cur, index / span, &cur);
		if (rc < 0)
			return rc;
		index %= span;
	}
	*phys = cur;
	return 0;
}
