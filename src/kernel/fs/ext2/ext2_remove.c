/*
 * Removing names: unlink (non-directories) and rmdir (empty directories),
 * and freeing an inode whose last link is gone, now or later.
 *
 * The directory entry goes first (merged into the record before it, or
 * its inode number cleared when it opens a block); then the link count
 * drops, and at zero every data and indirect block is given back, dtime is
 * set and the inode is released, unless the caller keeps it
 * (EXT2_REMOVE_KEEP: an open file stays readable) and frees it later with
 * ext2_inode_release.  Fast symlinks keep their target in i_block and own
 * no blocks.  Freeing checks each pointer and refuses to free a block
 * twice, so a damaged tree stops with -EIO, never loops.
 */
#include "fs/ext2/ext2_internal.h"


int ext2_free_tree(ext2_fs_t *fs, uint32_t block, uint32_t level, uint32_t *freed)
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

int ext2_inode_destroy(ext2_fs_t *fs, ext2_inode_t *inode)
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
		rc = ext2_inode_dealloc(fs, inode->ino, is_dir);
	return rc;
}

/* Take one link from inode (all of a directory's); at 0 free it unless keep. */
static int ext2_link_drop(ext2_fs_t *fs, ext2_inode_t *inode, bool keep)
{
	if (!ext2_inode_is(inode, EXT2_S_IFDIR) && inode->links > 1) {
		inode->links--;
		return ext2_inode_write(fs, inode);
	}
	if (!keep)
		return ext2_inode_destroy(fs, inode);
	inode->links = 0;
	return ext2_inode_write(fs, inode);
}

/* The checks before removing name (inode ino, read into victim) from dir. */
static int ext2_remove_check(ext2_fs_t *fs, const char *name, size_t len, bool want_dir, ext2_inode_t *victim)
{
	bool is_dir = ext2_inode_is(victim, EXT2_S_IFDIR);
	if (!want_dir && is_dir)
		return ext2_fail(fs, -EISDIR, "%.*s is a directory", (int)len, name);
	if (want_dir && !is_dir)
		return ext2_fail(fs, -ENOTDIR, "%.*s is not a directory", (int)len, name);
	if (!want_dir)
		return 0;
	int rc = ext2_dir_is_empty(fs, victim);
	if (rc < 0)
		return rc;
	return rc == 0 ? ext2_fail(fs, -ENOTEMPTY, "%.*s is not empty", (int)len, name) : 0;
}

int ext2_unlink_ex(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, uint32_t flags,
		   uint32_t *victim)
{
	if (victim != NULL)
		*victim = 0;
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	if ((flags & ~(EXT2_REMOVE_DIR | EXT2_REMOVE_KEEP)) != 0)
		return ext2_fail(fs, -EINVAL, "unknown remove flags 0x%x", flags);
	bool want_dir = (flags & EXT2_REMOVE_DIR) != 0;
	if (want_dir && ext2_name_is_dot(name, len))
		return ext2_fail(fs, -EINVAL, "cannot remove \".\" or \"..\"");
	uint32_t ino;
	int rc = ext2_dir_lookup(fs, dir, name, len, &ino);
	if (rc < 0)
		return rc;
	ext2_inode_t inode;
	rc = ext2_inode_read(fs, ino, &inode);
	if (rc == 0 && ino == dir->ino)
		rc = ext2_fail(fs, -EIO, "dir %u names itself as %.*s", ino, (int)len, name);
	if (rc == 0)
		rc = ext2_remove_check(fs, name, len, want_dir, &inode);
	if (rc == 0)
		rc = ext2_dirent_remove(fs, dir, name, len, &ino);
	if (rc < 0)
		return rc;
	if (victim != NULL)
		*victim = ino;
	rc = ext2_link_drop(fs, &inode, (flags & EXT2_REMOVE_KEEP) != 0);
	if (rc < 0 || !want_dir)
		return rc;
	if (dir->links > EXT2_DIR_MIN_LINKS)
		dir->links--;
	return ext2_inode_write(fs, dir);
}

int ext2_unlink(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len)
{
	return ext2_unlink_ex(fs, dir, name, len, 0, NULL);
}

int ext2_rmdir(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len)
{
	return ext2_unlink_ex(fs, dir, name, len, EXT2_REMOVE_DIR, NULL);
}

int ext2_inode_release(ext2_fs_t *fs, uint32_t ino)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	if (ino < fs->first_ino || ino > fs->inodes_count)
		return ext2_fail(fs, -EINVAL, "inode %u cannot be released", ino);
	int rc = ext2_inode_in_use(fs, ino);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ext2_fail(fs, -EINVAL, "inode %u is not in use", ino);
	ext2_inode_t inode;
	rc = ext2_inode_read(fs, ino, &inode);
	if (rc < 0)
		return rc;
	return inode.links == 0 ? ext2_inode_destroy(fs, &inode) : 0;
}
