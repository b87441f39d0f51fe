/*
 * ext2 internals shared by the core's files: on-disk offsets (the layout in
 * the ext2 documentation; every field is read with ext2_le16/le32 from a
 * byte buffer, never by casting a struct over disk bytes), the mount
 * structure, the block cache and the reason helper.
 */
#ifndef AEGIS_KERNEL_FS_EXT2_INTERNAL_H
#define AEGIS_KERNEL_FS_EXT2_INTERNAL_H

#include <stdarg.h>

#include "fs/ext2/ext2.h"

/* ---- superblock: 1024 bytes at byte 1024 of the device ------------------- */
#define EXT2_SB_OFFSET 1024u
#define EXT2_SB_SIZE 1024u
#define EXT2_SB_MAGIC_VALUE 0xEF53u

#define SB_INODES_COUNT 0u
#define SB_BLOCKS_COUNT 4u
#define SB_FREE_BLOCKS 12u
#define SB_FREE_INODES 16u
#define SB_FIRST_DATA_BLOCK 20u
#define SB_LOG_BLOCK_SIZE 24u
#define SB_BLOCKS_PER_GROUP 32u
#define SB_INODES_PER_GROUP 40u
#define SB_MAGIC 56u
#define SB_REV_LEVEL 76u
#define SB_FIRST_INO 84u
#define SB_INODE_SIZE 88u
#define SB_FEATURE_COMPAT 92u
#define SB_FEATURE_INCOMPAT 96u
#define SB_FEATURE_RO_COMPAT 100u

#define EXT2_GOOD_OLD_REV 0u
#define EXT2_DYNAMIC_REV 1u
#define EXT2_GOOD_OLD_INODE_SIZE 128u
#define EXT2_GOOD_OLD_FIRST_INO 11u
#define EXT2_MIN_LOG_BLOCK 0u   /* 1024 << 0 */
#define EXT2_MAX_LOG_BLOCK 2u   /* 1024 << 2 = 4 KiB */
#define EXT2_MIN_BLOCK_SIZE 1024u

/* Incompatible features: only FILETYPE is understood. */
#define EXT2_INCOMPAT_FILETYPE 0x0002u
#define EXT2_INCOMPAT_SUPPORTED EXT2_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_LARGE_FILE 0x0002u
#define EXT2_SMALL_FILE_MAX 0x7FFFFFFFull /* bigger regular files need LARGE_FILE */

/* ---- block group descriptor: 32 bytes each ------------------------------- */
#define EXT2_GD_SIZE 32u
#define GD_BLOCK_BITMAP 0u
#define GD_INODE_BITMAP 4u
#define GD_INODE_TABLE 8u
#define GD_FREE_BLOCKS 12u
#define GD_FREE_INODES 14u
#define GD_USED_DIRS 16u
#define EXT2_BITS_PER_BYTE 8u

/* ---- inode --------------------------------------------------------------- */
#define IN_MODE 0u
#define IN_UID 2u
#define IN_SIZE 4u
#define IN_ATIME 8u
#define IN_CTIME 12u
#define IN_MTIME 16u
#define IN_DTIME 20u
#define IN_GID 24u
#define IN_LINKS 26u
#define IN_BLOCKS 28u
#define IN_FLAGS 32u
#define IN_BLOCK 40u
#define IN_FILE_ACL 104u
#define IN_SIZE_HIGH 108u  /* i_dir_acl: high size bits of regular files */
#define IN_UID_HIGH 120u
#define IN_GID_HIGH 122u
#define EXT2_DIR_MIN_LINKS 2u /* a directory keeps "." and its own entry */
#define EXT2_INDEX_FL 0x00001000u /* hashed directory (htree); we keep directories linear */
#define EXT2_BLOCK_PTR_SIZE 4u
#define EXT2_NDIR_BLOCKS 12u
#define EXT2_IND_BLOCK 12u
#define EXT2_DIND_BLOCK 13u
#define EXT2_TIND_BLOCK 14u
#define EXT2_FAST_SYMLINK_MAX (EXT2_N_BLOCKS * EXT2_BLOCK_PTR_SIZE) /* 60 bytes */
#define EXT2_SECTOR_BYTES 512u

/* ---- directory entry ----------------------------------------------------- */
#define DE_INODE 0u
#define DE_REC_LEN 4u
#define DE_NAME_LEN 6u
#define DE_FILE_TYPE 7u
#define DE_NAME 8u
#define EXT2_DIRENT_HEADER 8u
#define EXT2_DIRENT_ALIGN 4u

/* ---- the block cache ----------------------------------------------------- */
#define EXT2_CACHE_SLOTS 32u

typedef struct {
	uint8_t *data;         /* block_size bytes */
	uint32_t block;
	uint64_t last_use;     /* LRU stamp; 0 = empty */
	bool dirty;            /* changed since read: written back on eviction and sync */
} ext2_cache_slot_t;

typedef struct {
	uint32_t block_bitmap;
	uint32_t inode_bitmap;
	uint32_t inode_table;
	uint16_t free_blocks;
	uint16_t free_inodes;
	uint16_t used_dirs;
} ext2_group_t;

struct ext2_fs {
	blockdev_t *dev;
	bool read_only;                /* the device refuses writes */
	uint32_t block_size;
	uint32_t log_block_size;       /* block_size = 1024 << log */
	uint32_t sectors_per_block;
	uint32_t blocks_count;
	uint32_t inodes_count;
	uint32_t free_blocks;
	uint32_t free_inodes;
	uint32_t first_data_block;
	uint32_t blocks_per_group;
	uint32_t inodes_per_group;
	uint32_t inode_size;
	uint32_t rev_level;
	uint32_t first_ino;
	uint32_t feature_incompat;
	uint32_t feature_ro_compat;
	uint32_t group_count;
	uint32_t itable_blocks;        /* inode-table blocks per group */
	uint32_t ptrs_per_block;       /* block_size / 4 */
	ext2_group_t *groups;
	ext2_cache_slot_t cache[EXT2_CACHE_SLOTS];
	uint64_t cache_clock;
	uint64_t cache_hits;
	uint64_t cache_misses;
	uint64_t cache_writebacks;
	char reason[EXT2_REASON_MAX];
};

static inline uint16_t ext2_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (uint16_t)p[1] << 8);
}

static inline uint32_t ext2_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Record why a call failed; returns err so callers can `return ext2_fail(...)`. */
__attribute__((format(printf, 3, 4))) int ext2_fail(ext2_fs_t *fs, int err, const char *fmt, ...);

/* Superblock and group descriptors (ext2_super.c). */
int ext2_super_load(ext2_fs_t *fs);

/* Copy len bytes at offset within filesystem block `block` (ext2_cache.c). */
int ext2_cache_read(ext2_fs_t *fs, uint32_t block, uint32_t offset, void *dst, uint32_t len);
/* Copy len bytes into block `block` at offset; the block is written back later (-EROFS when read-only). */
int ext2_cache_write(ext2_fs_t *fs, uint32_t block, uint32_t offset, const void *src, uint32_t len);
/* Fill block with zeros (dirty). */
int ext2_cache_zero(ext2_fs_t *fs, uint32_t block);
void ext2_cache_release(ext2_fs_t *fs);

/* Allocation (ext2_alloc.c): a free block (zeroed) or inode, counts updated on disk. */
int ext2_block_alloc(ext2_fs_t *fs, uint32_t goal_group, uint32_t *block);
int ext2_inode_alloc(ext2_fs_t *fs, bool is_dir, uint32_t *ino);
/* Give a block back (bitmap bit cleared, counts restored); -EIO if it was free. */
int ext2_block_release(ext2_fs_t *fs, uint32_t block);
/* Give an inode back (bitmap bit cleared, counts restored); -EIO if it was free. */
int ext2_inode_dealloc(ext2_fs_t *fs, uint32_t ino, bool is_dir);
/* Is ino marked in use in its group's inode bitmap: 1, 0, or a negative error. */
int ext2_inode_in_use(ext2_fs_t *fs, uint32_t ino);
/*
 * Before a regular file grows to size: above 2 GiB - 1 the LARGE_FILE
 * feature is set in the superblock (revision 1), or -EFBIG (revision 0).
 */
int ext2_size_allow(ext2_fs_t *fs, uint64_t size);

/* Superblock location in filesystem blocks: block 1 with 1 KiB blocks, else byte 1024 of block 0. */
static inline void ext2_super_where(const ext2_fs_t *fs, uint32_t *block, uint32_t *offset)
{
	*block = EXT2_SB_OFFSET / fs->block_size;
	*offset = EXT2_SB_OFFSET % fs->block_size;
}

/* Name rules for a new entry (ext2_create.c): 0, -ENOTDIR, -EINVAL, -ENAMETOOLONG, -EEXIST or -EIO. */
int ext2_name_check(ext2_fs_t *fs, const ext2_inode_t *dir, const char *name, size_t len);
/* The directory-entry file type for an inode mode (ext2_create.c). */
uint8_t ext2_ft_of_mode(uint16_t mode);
/* Is name "." or ".."? */
static inline bool ext2_name_is_dot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/*
 * Free the block tree under block (level 0 = a data block) (ext2_remove.c);
 * *freed counts the blocks given back; a damaged tree stops with -EIO.
 */
int ext2_free_tree(ext2_fs_t *fs, uint32_t block, uint32_t level, uint32_t *freed);
/* Free every block of inode, set dtime and give the inode back (ext2_remove.c). */
int ext2_inode_destroy(ext2_fs_t *fs, ext2_inode_t *inode);

/* ext2_block_map that allocates missing data and indirect blocks (ext2_write.c). */
int ext2_block_map_alloc(ext2_fs_t *fs, ext2_inode_t *inode, uint64_t index, uint32_t *phys);

/* Remove the entry name from dir (ext2_dir.c): 0 and *ino, -ENOENT or -EIO. */
int ext2_dirent_remove(ext2_fs_t *fs, const ext2_inode_t *dir, const char *name, size_t name_len, uint32_t *ino);
/* Count live entries other than "." and ".." (stops at 1). */
int ext2_dir_is_empty(ext2_fs_t *fs, const ext2_inode_t *dir);

/* Add an entry to dir (ext2_dir.c): 0, -ENOSPC or -EIO; dir's size/blocks are written back. */
int ext2_dirent_add(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t name_len, uint32_t ino,
		    uint8_t file_type);

#endif
