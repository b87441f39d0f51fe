/*
 * rename: move a name within or between directories, replacing a target.
 *
 * Order: look both names up and check the POSIX rules (a directory only
 * replaces an empty directory, a non-directory only a non-directory, a
 * directory never moves below itself: found by walking ".." from the
 * destination to the root, bounded by the inode count); remove the target;
 * add the new entry; remove the old one; for a directory moving between
 * parents, point its ".." at the new parent and move one link count.
 * When both directories are the same inode, one structure is used for
 * both sides so the caller's copies stay in step.
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"

#define EXT2_DOTDOT_OFFSET 12u   /* ".." follows the 12-byte "." record in a directory's first block */
#define EXT2_DOTDOT_NAME_LEN 2u

static uint8_t ext2_ft_of_mode(uint16_t mode)
{
	switch (mode & EXT2_S_IFMT) {
	case EXT2_S_IFREG: return EXT2_FT_REG_FILE;
	case EXT2_S_IFDIR: return EXT2_FT_DIR;
	case EXT2_S_IFCHR: return EXT2_FT_CHRDEV;
	case EXT2_S_IFBLK: return EXT2_FT_BLKDEV;
	case EXT2_S_IFIFO: return EXT2_FT_FIFO;
	case EXT2_S_IFSOCK: return EXT2_FT_SOCK;
	default: return EXT2_FT_SYMLINK;
	}
}

/* Is ino an ancestor of (or equal to) dir?  Walks ".." up to the root. */
static int ext2_is_ancestor(ext2_fs_t *fs, uint32_t ino, uint32_t dir)
{
	uint32_t cur = dir;
	for (uint32_t steps = 0; steps <= fs->inodes_count; steps++) {
		if (cur == ino)
			return 1;
		if (cur == EXT2_ROOT_INO)
			return 0;
		ext2_inode_t in;
		int rc = ext2_inode_read(fs, cur, &in);
		if (rc < 0)
			return rc;
		uint32_t parent;
		rc = ext2_dir_lookup(fs, &in, "..", EXT2_DOTDOT_NAME_LEN, &parent);
		if (rc < 0)
			return rc == -ENOENT ? ext2_fail(fs, -EIO, "dir %u has no \"..\"", cur) : rc;
		cur = parent;
	}
	return ext2_fail(fs, -EIO, "\"..\" chain from dir %u does not reach the root", dir);
}

static int ext2_set_dotdot(ext2_fs_t *fs, const ext2_inode_t *dir, uint32_t parent)
{
	uint32_t phys = 0;
	int rc = ext2_block_map(fs, dir, 0, &phys);
	if (rc < 0)
		return rc;
	uint8_t rec[EXT2_DIRENT_HEADER + EXT2_DOTDOT_NAME_LEN];
	if (phys != 0)
		rc = ext2_cache_read(fs, phys, EXT2_DOTDOT_OFFSET, rec, sizeof(rec));
	if (rc < 0)
		return rc;
	if (phys == 0 || rec[DE_NAME_LEN] != EXT2_DOTDOT_NAME_LEN || rec[DE_NAME] != '.' || rec[DE_NAME + 1] != '.')
		return ext2_fail(fs, -EIO, "dir %u: \"..\" is not the second record", dir->ino);
	for (uint32_t i = 0; i < EXT2_BLOCK_PTR_SIZE; i++)
		rec[DE_INODE + i] = (uint8_t)(parent >> (8u * i));
	return ext2_cache_write(fs, phys, EXT2_DOTDOT_OFFSET, rec, EXT2_BLOCK_PTR_SIZE);
}

int ext2_rename(ext2_fs_t *fs, ext2_inode_t *src_dir, const char *name, size_t len, ext2_inode_t *dst_dir,
		const char *new_name, size_t new_len)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	bool same_dir = src_dir->ino == dst_dir->ino;
	ext2_inode_t *from = same_dir ? dst_dir : src_dir;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.') ||
	    (new_len == 1 && new_name[0] == '.') || (new_len == 2 && new_name[0] == '.' && new_name[1] == '.'))
		return ext2_fail(fs, -EINVAL, "cannot rename \".\" or \"..\"");
	uint32_t ino;
	int rc = ext2_dir_lookup(fs, from, name, len, &ino);
	if (rc < 0)
		return rc;
	ext2_inode_t moving;
	rc = ext2_inode_read(fs, ino, &moving);
	if (rc < 0)
		return rc;
	bool is_dir = ext2_inode_is(&moving, EXT2_S_IFDIR);
	if (is_dir) {
		rc = ext2_is_ancestor(fs, ino, dst_dir->ino);
		if (rc < 0)
			return rc;
		if (rc == 1)
			return ext2_fail(fs, -EINVAL, "cannot move dir %u below itself", ino);
	}
	uint32_t target;
	rc = ext2_dir_lookup(fs, dst_dir, new_name, new_len, &target);
	if (rc == 0) {
		if (target == ino)
			return 0;
		ext2_inode_t old;
		rc = ext2_inode_read(fs, target, &old);
		if (rc < 0)
			return rc;
		bool old_dir = ext2_inode_is(&old, EXT2_S_IFDIR);
		if (is_dir && !old_dir)
			return ext2_fail(fs, -ENOTDIR, "cannot replace a non-directory with a directory");
		if (!is_dir && old_dir)
			return ext2_fail(fs, -EISDIR, "cannot replace a directory with a non-directory");
		rc = old_dir ? ext2_rmdir(fs, dst_dir, new_name, new_len) : ext2_unlink(fs, dst_dir, new_name, new_len);
		if (rc < 0)
			return rc;
	} else if (rc != -ENOENT) {
		return rc;
	} else {
		if (new_len == 0 || new_len > EXT2_NAME_MAX)
			return ext2_fail(fs, new_len == 0 ? -EINVAL : -ENAMETOOLONG, "bad new name length %zu", new_len);
		for (size_t i = 0; i < new_len; i++)
			if (new_name[i] == '/' || new_name[i] == '\0')
				return ext2_fail(fs, -EINVAL, "name contains '/' or NUL");
	}
	rc = ext2_dirent_add(fs, dst_dir, new_name, new_len, ino, ext2_ft_of_mode(moving.mode));
	if (rc < 0)
		return rc;
	if (same_dir)
		*src_dir = *dst_dir;
	rc = ext2_dirent_remove(fs, from, name, len, &ino);
	if (rc < 0)
		return rc;
	if (is_dir && !same_dir) {
		rc = ext2_set_dotdot(fs, &moving, dst_dir->ino);
		if (rc < 0)
			return rc;
		if (src_dir->links > 2)
			src_dir->links--;
		dst_dir->links++;
		rc = ext2_inode_write(fs, src_dir);
		if (rc == 0)
			rc = ext2_inode_write(fs, dst_dir);
	}
	if (same_dir)
		*src_dir = *dst_dir;
	return rc;
}
