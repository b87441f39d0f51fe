/*
 * Hard links: a second (third, ...) name for a non-directory inode.
 *
 * The inode is re-read from disk first, so a stale copy in the caller
 * cannot lower a count another call raised; its link count goes up and is
 * written before the entry is added (an interrupted link leaves a count one
 * too high, which e2fsck lowers, never one too low); if the entry cannot be
 * added the count is put back.
 */
#include "fs/ext2/ext2_internal.h"

int ext2_link(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, ext2_inode_t *inode)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	ext2_inode_t cur;
	int rc = ext2_inode_read(fs, inode->ino, &cur);
	if (rc < 0)
		return rc;
	if (ext2_inode_is(&cur, EXT2_S_IFDIR))
		return ext2_fail(fs, -EPERM, "inode %u is a directory: no hard links", cur.ino);
	if (cur.links == 0)
		return ext2_fail(fs, -ENOENT, "inode %u has no links left", cur.ino);
	if (cur.links >= EXT2_LINK_MAX)
		return ext2_fail(fs, -EMLINK, "inode %u has %u links already", cur.ino, cur.links);
	rc = ext2_name_check(fs, dir, name, len);
	if (rc < 0)
		return rc;
	cur.links++;
	rc = ext2_inode_write(fs, &cur);
	if (rc < 0)
		return rc;
	rc = ext2_dirent_add(fs, dir, name, len, cur.ino, ext2_ft_of_mode(cur.mode));
	if (rc < 0) {
		cur.links--;
		ext2_inode_write(fs, &cur);
	}
	*inode = cur;
	return rc;
}
