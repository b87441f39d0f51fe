/*
 * ext2 filesystem core: mount a block device, read inodes, files,
 * directories and symlinks.  The VFS adapts this small API later.
 *
 * Every on-disk number is decoded explicitly as little-endian; every
 * structure is validated before use.  Damage is never a crash: the call
 * returns -EIO (corrupt metadata) or -EINVAL/-ENOTSUP-like codes and the
 * mount keeps a one-line reason (ext2_reason) saying what was wrong.
 * Metadata blocks go through a small bounded block cache (ext2_cache.c).
 */
#ifndef AEGIS_KERNEL_FS_EXT2_H
#define AEGIS_KERNEL_FS_EXT2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/blockdev.h"

#define EXT2_ROOT_INO 2u
#define EXT2_NAME_MAX 255u
#define EXT2_N_BLOCKS 15u
#define EXT2_REASON_MAX 128u
#define EXT2_LINK_MAX 32000u   /* the most links an inode may have (Linux's ext2 limit) */

/* Inode type bits (i_mode & EXT2_S_IFMT). */
#define EXT2_S_IFMT 0xF000u
#define EXT2_S_IFSOCK 0xC000u
#define EXT2_S_IFLNK 0xA000u
#define EXT2_S_IFREG 0x8000u
#define EXT2_S_IFBLK 0x6000u
#define EXT2_S_IFDIR 0x4000u
#define EXT2_S_IFCHR 0x2000u
#define EXT2_S_IFIFO 0x1000u

/* Directory entry file types (filetype feature). */
#define EXT2_FT_UNKNOWN 0u
#define EXT2_FT_REG_FILE 1u
#define EXT2_FT_DIR 2u
#define EXT2_FT_CHRDEV 3u
#define EXT2_FT_BLKDEV 4u
#define EXT2_FT_FIFO 5u
#define EXT2_FT_SOCK 6u
#define EXT2_FT_SYMLINK 7u
#define EXT2_FT_MAX 8u

typedef struct ext2_fs ext2_fs_t;

/* An inode as decoded from disk (only the fields the core uses). */
typedef struct {
	uint32_t ino;
	uint16_t mode;
	uint16_t links;
	uint32_t uid;
	uint32_t gid;
	uint64_t size;
	uint32_t atime, ctime, mtime, dtime;
	uint32_t blocks512;     /* i_blocks: 512-byte units */
	uint32_t flags;
	uint32_t file_acl;
	uint32_t block[EXT2_N_BLOCKS];
} ext2_inode_t;

/* Summary of a mounted filesystem. */
typedef struct {
	uint32_t block_size;
	uint32_t blocks_count;
	uint32_t inodes_count;
	uint32_t free_blocks;
	uint32_t free_inodes;
	uint32_t group_count;
	uint32_t inode_size;
	uint32_t rev_level;
} ext2_info_t;

/*
 * Mount dev.  On success *out is the mount and the boot marker
 * "[EXT2] OK: mounted <dev>, <N> blocks, <M> inodes" is printed.  On failure
 * returns -EINVAL (not ext2, or damaged), -EOPNOTSUPP (a feature we cannot
 * read), -ENOMEM or the device's error, and writes a one-line reason into
 * reason (when non-NULL).
 */
int ext2_mount(blockdev_t *dev, ext2_fs_t **out, char *reason, size_t reason_size);
/* Sync (a failure is logged as "[EXT2] WARN: ...") and free the mount. */
void ext2_unmount(ext2_fs_t *fs);
void ext2_get_info(const ext2_fs_t *fs, ext2_info_t *out);

/* Why the last failing call on fs failed ("" when none has). */
const char *ext2_reason(const ext2_fs_t *fs);

/* Read inode ino: 0, -EINVAL (number out of range) or -EIO (damaged). */
int ext2_inode_read(ext2_fs_t *fs, uint32_t ino, ext2_inode_t *out);

static inline bool ext2_inode_is(const ext2_inode_t *inode, uint32_t type)
{
	return (inode->mode & EXT2_S_IFMT) == type;
}

/*
 * Map file block index to a device block: 0 with *phys set (0 = a hole),
 * -EFBIG beyond triple-indirect, -EIO for a pointer outside the filesystem.
 */
int ext2_block_map(ext2_fs_t *fs, const ext2_inode_t *inode, uint64_t index, uint32_t *phys);

/*
 * Read up to len bytes at offset of a regular file (or any inode's data):
 * returns the byte count (0 at or past the end), or a negative error.
 * Holes read as zeros.
 */
int64_t ext2_file_read(ext2_fs_t *fs, const ext2_inode_t *inode, uint64_t offset, void *buf, size_t len);

/*
 * Symlink target into buf (NUL-terminated): returns its length, -EINVAL
 * (not a symlink), -ENAMETOOLONG (buf too small; nothing is cut silently)
 * or -EIO.  Handles fast (in-inode) and slow (data block) links.
 */
int ext2_symlink_read(ext2_fs_t *fs, const ext2_inode_t *inode, char *buf, size_t size);

/* One directory entry; name is not NUL-terminated. */
typedef struct {
	uint32_t ino;
	uint8_t file_type;     /* EXT2_FT_*, EXT2_FT_UNKNOWN without the filetype feature */
	uint8_t name_len;
	const char *name;
} ext2_dirent_t;

/* Called for each live entry; a non-zero return stops the walk and is returned. */
typedef int (*ext2_dir_cb_t)(void *ctx, const ext2_dirent_t *entry);

/* Walk a directory: 0, the callback's stop value, -ENOTDIR or -EIO (damaged entry). */
int ext2_dir_iterate(ext2_fs_t *fs, const ext2_inode_t *dir, ext2_dir_cb_t cb, void *ctx);

/* Find name in dir: 0 and *ino, -ENOENT, -ENAMETOOLONG, -ENOTDIR or -EIO. */
int ext2_dir_lookup(ext2_fs_t *fs, const ext2_inode_t *dir, const char *name, size_t name_len, uint32_t *ino);

/*
 * Resolve an absolute path from the root without following symlinks (the
 * VFS does that): 0 and *ino, -ENOENT, -ENOTDIR, -ENAMETOOLONG, -EINVAL
 * (relative path) or -EIO.
 */
int ext2_path_lookup(ext2_fs_t *fs, const char *path, uint32_t *ino);

/*
 * Overwrite len bytes at offset of a file, inside its current size and its
 * already allocated blocks only (allocation comes later): returns len, or
 * -EOPNOTSUPP when the range reaches past the size or into a hole (nothing
 * is written then), -EROFS on a read-only device, or -EIO.  The bytes reach
 * the device at eviction or ext2_sync.
 */
int64_t ext2_file_overwrite(ext2_fs_t *fs, const ext2_inode_t *inode, uint64_t offset, const void *buf, size_t len);

/*
 * Write inode's fields back to its on-disk slot (through the cache).  This
 * is also how attributes change: set mode's permission bits (never its type
 * bits), uid, gid (all 32 bits) or atime/ctime/mtime in a current copy and
 * write it; the core keeps no clock, so times are whatever the caller
 * stores.  0, -EINVAL (inode number out of range), -EROFS or -EIO.
 */
int ext2_inode_write(ext2_fs_t *fs, const ext2_inode_t *inode);

/*
 * Write len bytes at offset of a regular file, allocating data and indirect
 * blocks for holes and growth (direct through triple indirect); the size,
 * i_blocks and block pointers in *inode are updated and written back.
 * Returns the bytes written (fewer when the disk fills: a short count, the
 * reason says why), -ENOSPC when nothing fit, -EROFS, -EINVAL, -EFBIG, -EIO.
 */
int64_t ext2_file_write(ext2_fs_t *fs, ext2_inode_t *inode, uint64_t offset, const void *buf, size_t len);

/*
 * Create a regular file (ext2_create) or a directory (ext2_mkdir) called
 * name in dir, with permission bits perm and the given owner; *out is the
 * new inode.  Errors: -EEXIST, -EINVAL (empty, '/' or NUL in the name),
 * -ENAMETOOLONG, -ENOTDIR, -ENOSPC, -EROFS, -EIO.  dir is updated in place.
 */
int ext2_create(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, uint16_t perm, uint32_t uid,
		uint32_t gid, ext2_inode_t *out);
int ext2_mkdir(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, uint16_t perm, uint32_t uid,
	       uint32_t gid, ext2_inode_t *out);

/*
 * Create a symlink name -> target (1..block size-1 bytes, no NUL): fast
 * (in the inode) under 60 bytes, slow (one data block) otherwise.  Errors as
 * ext2_create, plus -ENAMETOOLONG for a long target and -EINVAL for NUL.
 */
int ext2_symlink(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, const char *target,
		 size_t target_len, uint32_t uid, uint32_t gid, ext2_inode_t *out);

/*
 * Add a hard link name in dir to the non-directory inode (its link count
 * is raised and written back; *inode is refreshed from disk).  Errors: the
 * name errors of ext2_create (-EEXIST, -EINVAL, -ENAMETOOLONG, -ENOTDIR),
 * -EPERM for a directory, -EMLINK at EXT2_LINK_MAX links, -ENOENT for an
 * inode whose count is already 0 (unlinked, kept open), -ENOSPC, -EROFS,
 * -EIO.  dir is updated in place.
 */
int ext2_link(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, ext2_inode_t *inode);

/*
 * Flags of ext2_unlink_ex and ext2_rename_ex.
 * EXT2_REMOVE_DIR       remove an empty directory (rmdir), not a non-directory.
 * EXT2_REMOVE_KEEP      an inode whose link count reaches 0 is NOT freed: it
 *                       stays allocated, readable and writable (an open file
 *                       after unlink) until ext2_inode_release.
 * EXT2_RENAME_NOREPLACE (rename only) fail with -EEXIST if new_name exists.
 */
#define EXT2_REMOVE_DIR 0x1u
#define EXT2_REMOVE_KEEP 0x2u
#define EXT2_RENAME_NOREPLACE 0x4u

/*
 * Remove name from dir: a non-directory (-EISDIR for a directory), or with
 * EXT2_REMOVE_DIR an empty directory (-ENOTDIR, -ENOTEMPTY, -EINVAL for "."
 * and ".."; the parent's link count drops).  The inode loses one link (a
 * directory all of them) and *victim (when non-NULL) is its number, 0 when
 * nothing was removed.  At link count 0 the inode and all its blocks are
 * freed, unless EXT2_REMOVE_KEEP.  Also -ENOENT, -EROFS, -EIO, -EINVAL for
 * unknown flags.  dir is updated in place.
 */
int ext2_unlink_ex(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, uint32_t flags,
		   uint32_t *victim);
/* ext2_unlink_ex without flags, and with EXT2_REMOVE_DIR. */
int ext2_unlink(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len);
int ext2_rmdir(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len);

/*
 * Free an inode kept by EXT2_REMOVE_KEEP: when its link count is 0 its
 * blocks and the inode are given back (returns 0); when it has links again
 * or still, nothing happens (0).  -EINVAL for a reserved or out-of-range
 * number or an inode that is not in use (released twice), -EROFS, -EIO.
 */
int ext2_inode_release(ext2_fs_t *fs, uint32_t ino);

/*
 * Move name in src_dir to new_name in dst_dir (which may be the same
 * directory, even the same pointer), replacing an existing target: a
 * directory only replaces an empty directory (-ENOTDIR, -ENOTEMPTY
 * otherwise) and a non-directory only a non-directory (-EISDIR); a
 * directory never moves below itself and "." or ".." never move (-EINVAL);
 * a directory moving to a parent with EXT2_LINK_MAX links is -EMLINK.
 * *victim (when non-NULL) is the replaced target's inode, 0 when none; it
 * loses its link as in ext2_unlink_ex, freed at 0 unless EXT2_REMOVE_KEEP.
 * With EXT2_RENAME_NOREPLACE an existing target is -EEXIST.  Renaming a name
 * onto another link of the same inode changes nothing.  Also -ENOENT,
 * -ENAMETOOLONG, -EROFS, -EIO, -EINVAL for unknown flags.
 */
int ext2_rename_ex(ext2_fs_t *fs, ext2_inode_t *src_dir, const char *name, size_t len, ext2_inode_t *dst_dir,
		   const char *new_name, size_t new_len, uint32_t flags, uint32_t *victim);
/* ext2_rename_ex without flags. */
int ext2_rename(ext2_fs_t *fs, ext2_inode_t *src_dir, const char *name, size_t len, ext2_inode_t *dst_dir,
		const char *new_name, size_t new_len);

/*
 * Cached inode copies: every call above updates the ext2_inode_t structures
 * it is given (dir, src_dir, dst_dir, inode) in place, and none other.  A
 * caller holding another copy of an inode a call changed on disk (the
 * victim of an unlink or rename, a moved directory, a parent reached through
 * another pointer, the inode of a new link) must re-read it with
 * ext2_inode_read before using or writing it, or it would write stale fields
 * back.
 */

/*
 * Set a regular file's size: shrinking frees every block past the new end
 * (through triple indirection) and zeroes the rest of the last block;
 * growing leaves a hole.  -EISDIR, -EINVAL (not a regular file), -EFBIG,
 * -EROFS, -EIO.  Growing past 2 GiB - 1 (here or by ext2_file_write) sets
 * the LARGE_FILE feature; a revision 0 filesystem refuses it with -EFBIG.
 */
int ext2_truncate(ext2_fs_t *fs, ext2_inode_t *inode, uint64_t size);

/* Write every changed cached block to the device: 0 or the first error (blocks stay dirty). */
int ext2_sync(ext2_fs_t *fs);

/* Block cache counters (ext2_cache.c). */
typedef struct {
	uint64_t hits;
	uint64_t misses;
	uint32_t slots;        /* fixed bound */
	uint32_t dirty;        /* blocks waiting to be written */
	uint64_t writebacks;   /* blocks written to the device */
} ext2_cache_stats_t;

void ext2_cache_stats(const ext2_fs_t *fs, ext2_cache_stats_t *out);

#endif
