/*
 * Directory iteration, name lookup and absolute-path resolution.
 *
 * A directory is a sequence of blocks, each filled exactly by linked
 * records {inode u32, rec_len u16, name_len u8, file_type u8, name}.  Each
 * block is copied into one scratch buffer before it is walked (no pointer
 * into the cache is kept while the callback runs), and every record is
 * checked: rec_len at least 8 + name_len, a multiple of 4 and inside the
 * block; a live record has a non-empty name and an inode in range.  A
 * directory without the filetype feature uses the high name_len byte,
 * which must then be 0 (names are at most 255 bytes).
 */
#include "fs/ext2/ext2_internal.h"

#include "core/kstring.h"
#include "mm/kheap.h"

static int ext2_dir_check_entry(ext2_fs_t *fs, uint32_t dir_ino, uint64_t block_index, uint32_t off,
				const uint8_t *rec, uint32_t left, ext2_dirent_t *out)
{
	if (left < EXT2_DIRENT_HEADER)
		return ext2_fail(fs, -EIO, "dir %u block %llu: entry at %u cut by the block end", dir_ino,
				 (unsigned long long)block_index, off);
	uint32_t rec_len = ext2_le16(rec + DE_REC_LEN);
	uint32_t name_len = rec[DE_NAME_LEN];
	bool filetype = (fs->feature_incompat & EXT2_INCOMPAT_FILETYPE) != 0;
	if (!filetype && rec[DE_FILE_TYPE] != 0)
		return ext2_fail(fs, -EIO, "dir %u block %llu: name length at %u exceeds 255", dir_ino,
				 (unsigned long long)block_index, off);
	if (rec_len < EXT2_DIRENT_HEADER + name_len || rec_len % EXT2_DIRENT_ALIGN != 0 || rec_len > left)
		return ext2_fail(fs, -EIO, "dir %u block %llu: bad record length %u at %u", dir_ino,
				 (unsigned long long)block_index, rec_len, off);
	out->ino = ext2_le32(rec + DE_INODE);
	out->name_len = (uint8_t)name_len;
	out->name = (const char *)rec + DE_NAME;
	out->file_type = filetype ? rec[DE_FILE_TYPE] : (uint8_t)EXT2_FT_UNKNOWN;
	if (out->ino != 0 && (out->ino > fs->inodes_count || name_len == 0))
		return ext2_fail(fs, -EIO, "dir %u block %llu: entry at %u has inode %u, name length %u", dir_ino,
				 (unsigned long long)block_index, off, out->ino, name_len);
	return (int)rec_len;
}

static int ext2_dir_walk_block(ext2_fs_t *fs, const ext2_inode_t *dir, uint64_t index, const uint8_t *blk,
			       ext2_dir_cb_t cb, void *ctx)
{
	uint32_t off = 0;
	while (off < fs->block_size) {
		ext2_dirent_t entry;
		int rec_len = ext2_dir_check_entry(fs, dir->ino, index, off, blk + off, fs->block_size - off, &entry);
		if (rec_len < 0)
			return rec_len;
		if (entry.ino != 0) {
			int stop = cb(ctx, &entry);
			if (stop != 0)
				return stop;
		}
		off += (uint32_t)rec_len;
	}
	return 0;
}

int ext2_dir_iterate(ext2_fs_t *fs, const ext2_inode_t *dir, ext2_dir_cb_t cb, void *ctx)
{
	if (!ext2_inode_is(dir, EXT2_S_IFDIR))
		return ext2_fail(fs, -ENOTDIR, "inode %u is not a directory", dir->ino);
	if (dir->size % fs->block_size != 0)
		return ext2_fail(fs, -EIO, "dir %u size %llu is not a whole number of blocks", dir->ino,
				 (unsigned long long)dir->size);
	uint64_t blocks = dir->size / fs->block_size;
	if (blocks > fs->blocks_count)
		return ext2_fail(fs, -EIO, "dir %u has more blocks (%llu) than the filesystem", dir->ino,
				 (unsigned long long)blocks);
	uint8_t *blk = kmalloc(fs->block_size);
	if (blk == NULL)
		return ext2_fail(fs, -ENOMEM, "no memory for a directory block");
	int rc = 0;
	for (uint64_t i = 0; i < blocks && rc == 0; i++) {
		uint32_t phys;
		rc = ext2_block_map(fs, dir, i, &phys);
		if (rc == 0 && phys == 0)
			rc = ext2_fail(fs, -EIO, "dir %u has a hole at block %llu", dir->ino, (unsigned long long)i);
		if (rc == 0)
			rc = ext2_cache_read(fs, phys, 0, blk, fs->block_size);
		if (rc == 0)
			rc = ext2_dir_walk_block(fs, dir, i, blk, cb, ctx);
	}
	kfree(blk);
	return rc;
}

/* Lookup state: the walk stops with EXT2_LOOKUP_FOUND when the name matches. */
#define EXT2_LOOKUP_FOUND 1

typedef struct {
	const char *name;
	size_t name_len;
	uint32_t ino;
} ext2_lookup_t;

static int ext2_lookup_cb(void *ctx, const ext2_dirent_t *entry)
{
	ext2_lookup_t *want = ctx;
	if (entry->name_len != want->name_len || kmemcmp(entry->name, want->name, want->name_len) != 0)
		return 0;
	want->ino = entry->ino;
	return EXT2_LOOKUP_FOUND;
}

int ext2_dir_lookup(ext2_fs_t *fs, const ext2_inode_t *dir, const char *name, size_t name_len, uint32_t *ino)
{
	if (name_len == 0)
		return ext2_fail(fs, -ENOENT, "empty name");
	if (name_len > EXT2_NAME_MAX)
		return ext2_fail(fs, -ENAMETOOLONG, "name of %zu bytes exceeds %u", name_len, EXT2_NAME_MAX);
	ext2_lookup_t want = {.name = name, .name_len = name_len, .ino = 0};
	int rc = ext2_dir_iterate(fs, dir, ext2_lookup_cb, &want);
	if (rc < 0)
		return rc;
	if (rc != EXT2_LOOKUP_FOUND)
		return -ENOENT;
	*ino = want.ino;
	return 0;
}

int ext2_path_lookup(ext2_fs_t *fs, const char *path, uint32_t *ino)
{
	if (path == NULL || path[0] != '/')
		return ext2_fail(fs, -EINVAL, "path is not absolute");
	uint32_t cur = EXT2_ROOT_INO;
	const char *p = path;
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		size_t len = 0;
		while (p[len] != '\0' && p[len] != '/')
			len++;
		ext2_inode_t dir;
		int rc = ext2_inode_read(fs, cur, &dir);
		if (rc < 0)
			return rc;
		if (!ext2_inode_is(&dir, EXT2_S_IFDIR))
			return ext2_fail(fs, -ENOTDIR, "inode %u on the path is not a directory", cur);
		rc = ext2_dir_lookup(fs, &dir, p, len, &cur);
		if (rc < 0)
			return rc;
		p += len;
	}
	*ino = cur;
	return 0;
}

/* Space a live record needs: header plus name, rounded up to 4 bytes. */
static uint32_t ext2_dirent_size(uint32_t name_len)
{
	return (EXT2_DIRENT_HEADER + name_len + EXT2_DIRENT_ALIGN - 1) & ~(EXT2_DIRENT_ALIGN - 1);
}

static void ext2_dirent_put(const ext2_fs_t *fs, uint8_t *rec, uint32_t ino, uint32_t rec_len, const char *name,
			    size_t name_len, uint8_t file_type)
{
	for (uint32_t i = 0; i < EXT2_BLOCK_PTR_SIZE; i++)
		rec[DE_INODE + i] = (uint8_t)(ino >> (8u * i));
	rec[DE_REC_LEN] = (uint8_t)rec_len;
	rec[DE_REC_LEN + 1] = (uint8_t)(rec_len >> 8);
	rec[DE_NAME_LEN] = (uint8_t)name_len;
	rec[DE_FILE_TYPE] = (fs->feature_incompat & EXT2_INCOMPAT_FILETYPE) ? file_type : 0;
	kmemcpy(rec + DE_NAME, name, name_len);
}

/* Try to fit the entry into blk; true when placed. */
static int ext2_dirent_fit(ext2_fs_t *fs, const ext2_inode_t *dir, uint64_t index, uint8_t *blk, const char *name,
			   size_t name_len, uint32_t ino, uint8_t file_type)
{
	uint32_t need = ext2_dirent_size((uint32_t)name_len);
	uint32_t off = 0;
	while (off < fs->block_size) {
		ext2_dirent_t entry;
		int rec_len = ext2_dir_check_entry(fs, dir->ino, index, off, blk + off, fs->block_size - off, &entry);
		if (rec_len < 0)
			return rec_len;
		uint32_t used = entry.ino != 0 ? ext2_dirent_size(entry.name_len) : 0;
		if ((uint32_t)rec_len - used >= need) {
			if (used == 0) {
				ext2_dirent_put(fs, blk + off, ino, (uint32_t)rec_len, name, name_len, file_type);
			} else {
				blk[off + DE_REC_LEN] = (uint8_t)used;
				blk[off + DE_REC_LEN + 1] = (uint8_t)(used >> 8);
				ext2_dirent_put(fs, blk + off + used, ino, (uint32_t)rec_len - used, name, name_len,
						file_type);
			}
			return 1;
		}
		off += (uint32_t)rec_len;
	}
	return 0;
}

int ext2_dirent_add(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t name_len, uint32_t ino,
		    uint8_t file_type)
{
	if (dir->size % fs->block_size != 0)
		return ext2_fail(fs, -EIO, "dir %u size %llu is not a whole number of blocks", dir->ino,
				 (unsigned long long)dir->size);
	if (dir->flags & EXT2_INDEX_FL) {
		/* a linear insert would leave a hash index stale: drop the index, the blocks stay valid */
		dir->flags &= ~EXT2_INDEX_FL;
		int rc = ext2_inode_write(fs, dir);
		if (rc < 0)
			return rc;
	}
	uint8_t *blk = kmalloc(fs->block_size);
	if (blk == NULL)
		return ext2_fail(fs, -ENOMEM, "no memory for a directory block");
	uint64_t blocks = dir->size / fs->block_size;
	int rc = 0;
	for (uint64_t i = 0; i < blocks; i++) {
		uint32_t phys = 0;
		rc = ext2_block_map(fs, dir, i, &phys);
		if (rc == 0 && phys == 0)
			rc = ext2_fail(fs, -EIO, "dir %u has a hole at block %llu", dir->ino, (unsigned long long)i);
		if (rc == 0)
			rc = ext2_cache_read(fs, phys, 0, blk, fs->block_size);
		if (rc == 0)
			rc = ext2_dirent_fit(fs, dir, i, blk, name, name_len, ino, file_type);
		if (rc == 1)
			rc = ext2_cache_write(fs, phys, 0, blk, fs->block_size);
		else if (rc == 0)
			continue;
		kfree(blk);
		return rc;
	}
	/* no room: a new block holding just this entry */
	uint32_t phys = 0;
	rc = ext2_block_map_alloc(fs, dir, blocks, &phys);
	if (rc == 0) {
		kmemset(blk, 0, fs->block_size);
		ext2_dirent_put(fs, blk, ino, fs->block_size, name, name_len, file_type);
		rc = ext2_cache_write(fs, phys, 0, blk, fs->block_size);
	}
	if (rc == 0) {
		dir->size += fs->block_size;
		rc = ext2_inode_write(fs, dir);
	}
	kfree(blk);
	return rc;
}

/* Unlink a record from blk: merge it into the previous one, or clear its inode when first. */
static int ext2_dirent_cut(ext2_fs_t *fs, const ext2_inode_t *dir, uint64_t index, uint8_t *blk, const char *name,
			   size_t name_len, uint32_t *ino)
{
	uint32_t off = 0;
	uint32_t prev = 0;
	bool have_prev = false;
	while (off < fs->block_size) {
		ext2_dirent_t entry;
		int rec_len = ext2_dir_check_entry(fs, dir->ino, index, off, blk + off, fs->block_size - off, &entry);
		if (rec_len < 0)
			return rec_len;
		if (entry.ino != 0 && entry.name_len == name_len && kmemcmp(entry.name, name, name_len) == 0) {
			*ino = entry.ino;
			if (have_prev) {
				uint32_t merged = ext2_le16(blk + prev + DE_REC_LEN) + (uint32_t)rec_len;
				blk[prev + DE_REC_LEN] = (uint8_t)merged;
				blk[prev + DE_REC_LEN + 1] = (uint8_t)(merged >> 8);
			} else {
				kmemset(blk + off + DE_INODE, 0, EXT2_BLOCK_PTR_SIZE);
			}
			return 1;
		}
		prev = off;
		have_prev = true;
		off += (uint32_t)rec_len;
	}
	return 0;
}

int ext2_dirent_remove(ext2_fs_t *fs, const ext2_inode_t *dir, const char *name, size_t name_len, uint32_t *ino)
{
	if (dir->size % fs->block_size != 0 || dir->size / fs->block_size > fs->blocks_count)
		return ext2_fail(fs, -EIO, "dir %u has a bad size", dir->ino);
	uint8_t *blk = kmalloc(fs->block_size);
	if (blk == NULL)
		return ext2_fail(fs, -ENOMEM, "no memory for a directory block");
	uint64_t blocks = dir->size / fs->block_size;
	int rc = 0;
	for (uint64_t i = 0; i < blocks && rc == 0; i++) {
		uint32_t phys = 0;
		rc = ext2_block_map(fs, dir, i, &phys);
		if (rc == 0 && phys == 0)
			rc = ext2_fail(fs, -EIO, "dir %u has a hole at block %llu", dir->ino, (unsigned long long)i);
		if (rc == 0)
			rc = ext2_cache_read(fs, phys, 0, blk, fs->block_size);
		if (rc == 0)
			rc = ext2_dirent_cut(fs, dir, i, blk, name, name_len, ino);
		if (rc == 1)
			rc = ext2_cache_write(fs, phys, 0, blk, fs->block_size) < 0 ? -EIO : 1;
	}
	kfree(blk);
	if (rc == 1)
		return 0;
	return rc < 0 ? rc : -ENOENT;
}

/* Walk stop value: a name other than "." and "..". */
#define EXT2_DIR_NOT_EMPTY 1

static int ext2_empty_cb(void *ctx, const ext2_dirent_t *entry)
{
	(void)ctx;
	bool dot = entry->name_len == 1 && entry->name[0] == '.';
	bool dotdot = entry->name_len == 2 && entry->name[0] == '.' && entry->name[1] == '.';
	return dot || dotdot ? 0 : EXT2_DIR_NOT_EMPTY;
}

int ext2_dir_is_empty(ext2_fs_t *fs, const ext2_inode_t *dir)
{
	int rc = ext2_dir_iterate(fs, dir, ext2_empty_cb, NULL);
	if (rc < 0)
		return rc;
	return rc == EXT2_DIR_NOT_EMPTY ? 0 : 1;
}
