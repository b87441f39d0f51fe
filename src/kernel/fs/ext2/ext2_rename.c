/*
 * rename: move a name within or between directories, replacing a target.
 *
 * Order: look both names up and check the POSIX rules (a directory only
 * replaces an empty directory, a non-directory only a non-directory, a
 * directory never moves below itself: found by walking ".." from the
 * destination to the root, bounded by the inode count); remove the target
 * (freed, or kept for the caller with EXT2_REMOVE_KEEP, and reported);
 * add the new entry; remove the old one; for a directory moving between
 * parents, point its ".." at the new parent and move one link count.
 * When both directories are the same inode (two copies or one pointer),
 * one structure is used for both sides so the caller's copies stay in step.
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"

#define EXT2_DOTDOT_OFFSET 12u   /* ".." follows the 12-byte "." record in a directory's first block */
#define EXT2_DOTDOT_NAME_LEN 2u

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

/*
 * The target side of a rename: 0 when new_name is free (and valid), 1 when
 * it names the moving inode itself (nothing to do), or the removal of an
 * existing target (its number in *victim) under the type rules.
 */
static int ext2_rename_target(ext2_fs_t *fs, ext2_inode_t *dst_dir, const char *new_name, size_t new_len,
			      const ext2_inode_t *moving, uint32_t flags, uint32_t *victim)
{
	uint32_t target;
	int rc = ext2_dir_lookup(fs, dst_dir, new_name, new_len, &target);
	if (rc == -ENOENT) {
		if (new_len > EXT2_NAME_MAX)
			return ext2_fail(fs, -ENAMETOOLONG, "new name of %zu bytes", new_len);
		for (size_t i = 0; i < new_len; i++)
			if (new_name[i] == '/' || new_name[i] == '\0')
				return ext2_fail(fs, -EINVAL, "name contains '/' or NUL");
		return new_len == 0 ? ext2_fail(fs, -EINVAL, "empty new name") : 0;
	}
	if (rc < 0)
		return rc;
	if (target == moving->ino)
		return 1;
	if (flags & EXT2_RENAME_NOREPLACE)
		return ext2_fail(fs, -EEXIST, "%.*s exists", (int)new_len, new_name);
	ext2_inode_t old;
	rc = ext2_inode_read(fs, target, &old);
	if (rc < 0)
		return rc;
	bool is_dir = ext2_inode_is(moving, EXT2_S_IFDIR);
	bool old_dir = ext2_inode_is(&old, EXT2_S_IFDIR);
	if (is_dir && !old_dir)
		return ext2_fail(fs, -ENOTDIR, "cannot replace a non-directory with a directory");
	if (!is_dir && old_dir)
		return ext2_fail(fs, -EISDIR, "cannot replace a directory with a non-directory");
	uint32_t remove_flags = (old_dir ? EXT2_REMOVE_DIR : 0u) | (flags & EXT2_REMOVE_KEEP);
	return ext2_unlink_ex(fs, dst_dir, new_name, new_len, remove_flags, victim);
}

int ext2_rename_ex(ext2_fs_t *fs, ext2_inode_t *src_dir, const char *name, size_t len, ext2_inode_t *dst_dir,
		   const char *new_name, size_t new_len, uint32_t flags, uint32_t *victim)
{
	if (victim != NULL)
		*victim = 0;
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	if ((flags & ~(EXT2_REMOVE_KEEP | EXT2_RENAME_NOREPLACE)) != 0)
		return ext2_fail(fs, -EINVAL, "unknown rename flags 0x%x", flags);
	if (!ext2_inode_is(src_dir, EXT2_S_IFDIR) || !ext2_inode_is(dst_dir, EXT2_S_IFDIR))
		return ext2_fail(fs, -ENOTDIR, "rename between non-directories");
	bool same_dir = src_dir->ino == dst_dir->ino;
	ext2_inode_t *from = same_dir ? dst_dir : src_dir;
	if (ext2_name_is_dot(name, len) || ext2_name_is_dot(new_name, new_len))
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
	uint32_t replaced = 0;
	rc = ext2_rename_target(fs, dst_dir, new_name, new_len, &moving, flags, &replaced);
	if (victim != NULL)
		*victim = replaced;
	if (rc != 0)
		return rc < 0 ? rc : 0;
	if (is_dir && !same_dir && replaced == 0 && dst_dir->links >= EXT2_LINK_MAX)
		return ext2_fail(fs, -EMLINK, "dir %u has %u links already", dst_dir->ino, dst_dir->links);
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
		if (src_dir->links > EXT2_DIR_MIN_LINKS)
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

int ext2_rename(ext2_fs_t *fs, ext2_inode_t *src_dir, const char *name, size_t len, ext2_inode_t *dst_dir,
		const char *new_name, size_t new_len)
{
	return ext2_rename_ex(fs, src_dir, name, len, dst_dir, new_name, new_len, 0, NULL);
}
