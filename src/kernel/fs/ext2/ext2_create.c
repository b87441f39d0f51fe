/*
 * Creating files and directories.
 *
 * A name is checked first (non-empty, at most 255 bytes, no '/', not "."
 * or "..", not already present), then an inode is taken, its whole on-disk
 * slot cleared and the new inode written, and last the directory entry is
 * added; if that fails the inode is given back.  mkdir also allocates the
 * first block with "." and ".." and counts the new ".." link in the parent.
 * symlink stores a target under 60 bytes in i_block ("fast") and a longer
 * one in a data block ("slow"), the two layouts ext2_symlink_read reads.
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"

#define EXT2_DIR_LINKS 2u        /* "." and the parent's entry */
#define EXT2_DOT_REC_LEN 12u

int ext2_name_check(ext2_fs_t *fs, const ext2_inode_t *dir, const char *name, size_t len)
{
	if (!ext2_inode_is(dir, EXT2_S_IFDIR))
		return ext2_fail(fs, -ENOTDIR, "inode %u is not a directory", dir->ino);
	if (name == NULL || len == 0)
		return ext2_fail(fs, -EINVAL, "empty name");
	if (len > EXT2_NAME_MAX)
		return ext2_fail(fs, -ENAMETOOLONG, "name of %zu bytes exceeds %u", len, EXT2_NAME_MAX);
	if (ext2_name_is_dot(name, len))
		return ext2_fail(fs, -EEXIST, "\".\" and \"..\" always exist");
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == '\0')
			return ext2_fail(fs, -EINVAL, "name contains '/' or NUL");
	uint32_t existing;
	int rc = ext2_dir_lookup(fs, dir, name, len, &existing);
	if (rc == 0)
		return ext2_fail(fs, -EEXIST, "name exists in dir %u", dir->ino);
	return rc == -ENOENT ? 0 : rc;
}

uint8_t ext2_ft_of_mode(uint16_t mode)
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

/* Clear the whole on-disk slot of ino (extra fields of large inodes included). */
static int ext2_inode_clear(ext2_fs_t *fs, uint32_t ino)
{
	uint32_t group = (ino - 1) / fs->inodes_per_group;
	uint64_t byte = (uint64_t)((ino - 1) % fs->inodes_per_group) * fs->inode_size;
	uint32_t block = fs->groups[group].inode_table + (uint32_t)(byte / fs->block_size);
	uint8_t zero[EXT2_GOOD_OLD_INODE_SIZE];
	kmemset(zero, 0, sizeof(zero));
	for (uint32_t done = 0; done < fs->inode_size; done += sizeof(zero)) {
		int rc = ext2_cache_write(fs, block, (uint32_t)(byte % fs->block_size) + done, zero, sizeof(zero));
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int ext2_new_inode(ext2_fs_t *fs, uint16_t mode, uint32_t uid, uint32_t gid, ext2_inode_t *out)
{
	bool is_dir = (mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
	uint32_t ino;
	int rc = ext2_inode_alloc(fs, is_dir, &ino);
	if (rc < 0)
		return rc;
	kmemset(out, 0, sizeof(*out));
	out->ino = ino;
	out->mode = mode;
	out->uid = uid;
	out->gid = gid;
	out->links = is_dir ? EXT2_DIR_LINKS : 1u;
	rc = ext2_inode_clear(fs, ino);
	if (rc == 0)
		rc = ext2_inode_write(fs, out);
	if (rc < 0)
		ext2_inode_dealloc(fs, ino, is_dir);
	return rc;
}

int ext2_create(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, uint16_t perm, uint32_t uid,
		uint32_t gid, ext2_inode_t *out)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	int rc = ext2_name_check(fs, dir, name, len);
	if (rc < 0)
		return rc;
	rc = ext2_new_inode(fs, (uint16_t)(EXT2_S_IFREG | (perm & ~EXT2_S_IFMT)), uid, gid, out);
	if (rc < 0)
		return rc;
	rc = ext2_dirent_add(fs, dir, name, len, out->ino, EXT2_FT_REG_FILE);
	if (rc < 0)
		ext2_inode_dealloc(fs, out->ino, false);
	return rc;
}

int ext2_mkdir(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, uint16_t perm, uint32_t uid,
	       uint32_t gid, ext2_inode_t *out)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	int rc = ext2_name_check(fs, dir, name, len);
	if (rc < 0)
		return rc;
	if (dir->links >= EXT2_LINK_MAX)
		return ext2_fail(fs, -EMLINK, "dir %u has %u links already", dir->ino, dir->links);
	rc = ext2_new_inode(fs, (uint16_t)(EXT2_S_IFDIR | (perm & ~EXT2_S_IFMT)), uid, gid, out);
	if (rc < 0)
		return rc;
	uint32_t phys = 0;
	rc = ext2_block_map_alloc(fs, out, 0, &phys);
	if (rc == 0) {
		uint8_t rec[EXT2_DOT_REC_LEN];
		kmemset(rec, 0, sizeof(rec));
		bool ft = (fs->feature_incompat & EXT2_INCOMPAT_FILETYPE) != 0;
		uint32_t words[2][2] = {{out->ino, EXT2_DOT_REC_LEN}, {dir->ino, fs->block_size - EXT2_DOT_REC_LEN}};
		for (uint32_t e = 0; e < 2 && rc == 0; e++) {
			for (uint32_t i = 0; i < EXT2_BLOCK_PTR_SIZE; i++)
				rec[DE_INODE + i] = (uint8_t)(words[e][0] >> (8u * i));
			rec[DE_REC_LEN] = (uint8_t)words[e][1];
			rec[DE_REC_LEN + 1] = (uint8_t)(words[e][1] >> 8);
			rec[DE_NAME_LEN] = (uint8_t)(e + 1);
			rec[DE_FILE_TYPE] = ft ? EXT2_FT_DIR : 0;
			rec[DE_NAME] = '.';
			rec[DE_NAME + 1] = e == 1 ? '.' : 0;
			rc = ext2_cache_write(fs, phys, e * EXT2_DOT_REC_LEN, rec, sizeof(rec));
		}
	}
	if (rc == 0) {
		out->size = fs->block_size;
		rc = ext2_inode_write(fs, out);
	}
	if (rc == 0)
		rc = ext2_dirent_add(fs, dir, name, len, out->ino, EXT2_FT_DIR);
	if (rc < 0)
		return rc; /* the inode and its block stay allocated: e2fsck reports them; freeing comes with unlink */
	dir->links++;
	return ext2_inode_write(fs, dir);
}

#define EXT2_SYMLINK_PERM 0777u

int ext2_symlink(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, const char *target,
		 size_t target_len, uint32_t uid, uint32_t gid, ext2_inode_t *out)
{
	if (fs->read_only)
		return ext2_fail(fs, -EROFS, "%s is read-only", fs->dev->name);
	if (target == NULL || target_len == 0 || kstrnlen(target, target_len) != target_len)
		return ext2_fail(fs, -EINVAL, "symlink target is empty or contains NUL");
	if (target_len >= fs->block_size)
		return ext2_fail(fs, -ENAMETOOLONG, "symlink target of %zu bytes exceeds %u", target_len,
				 fs->block_size - 1);
	int rc = ext2_name_check(fs, dir, name, len);
	if (rc < 0)
		return rc;
	rc = ext2_new_inode(fs, (uint16_t)(EXT2_S_IFLNK | EXT2_SYMLINK_PERM), uid, gid, out);
	if (rc < 0)
		return rc;
	if (target_len < EXT2_FAST_SYMLINK_MAX) {
		for (size_t i = 0; i < target_len; i++)
			out->block[i / EXT2_BLOCK_PTR_SIZE] |= (uint32_t)(uint8_t)target[i]
							    << (8u * (i % EXT2_BLOCK_PTR_SIZE));
	} else {
		uint32_t phys = 0;
		rc = ext2_block_map_alloc(fs, out, 0, &phys);
		if (rc == 0)
			rc = ext2_cache_write(fs, phys, 0, target, (uint32_t)target_len);
	}
	if (rc == 0) {
		out->size = target_len;
		rc = ext2_inode_write(fs, out);
	}
	if (rc == 0)
		rc = ext2_dirent_add(fs, dir, name, len, out->ino, EXT2_FT_SYMLINK);
	return rc;
}
