/*
 * Nodes of the file namespace (spec/filesystems.md FS-001..): what the path
 * walker, open, stat and getdents64 see, whatever file system is behind.
 *
 * This is the first slice of the VFS: a read-only namespace made of the
 * initrd and the ext2 root file system as one union (the initrd first, as
 * execve has always searched), with /dev and /proc/self supplied by the
 * kernel.  Every node knows its canonical absolute path and lives in a cache
 * keyed by that path until shutdown, so the walker can borrow nodes without
 * reference counts; the namespace only grows by the files that exist, so
 * the cache is bounded by them (VNODE_CACHE_MAX).
 */
#ifndef AEGIS_FS_VNODE_H
#define AEGIS_FS_VNODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/linux_abi.h>

#define VNODE_CACHE_MAX 8192u /* nodes in the namespace at once */

/* st_dev of each kind of node (the namespace's own device numbers). */
#define VNODE_DEV_INITRD 1u
#define VNODE_DEV_EXT2 2u
#define VNODE_DEV_DEVFS 3u
#define VNODE_DEV_PROC 4u

struct vnode;
struct file;

/* One directory entry as getdents64 reports it. */
typedef struct {
	const char *name;
	size_t name_len;
	uint64_t ino;
	uint8_t type; /* AEGIS_DT_* */
} vnode_dirent_t;

/* Return non-zero to stop the listing (that value is returned). */
typedef int (*vnode_dirent_fn)(void *ctx, const vnode_dirent_t *entry);

typedef struct {
	/* Child name (len bytes) of directory dir: 0 and *out, or -ENOENT, -ENOMEM. */
	int (*lookup)(struct vnode *dir, const char *name, size_t len, struct vnode **out);
	/* Up to len bytes at offset into a kernel buffer: bytes read (0 at the end) or -errno. */
	int64_t (*read)(struct vnode *node, uint64_t offset, void *buf, size_t len);
	/* Every entry of directory node except "." and ".." (the caller adds them). */
	int (*list)(struct vnode *dir, vnode_dirent_fn fn, void *ctx);
	/* A symlink's target into buf: its length (may exceed cap: too long) or -errno. */
	long (*readlink)(struct vnode *node, char *buf, size_t cap);
	/* Open a device node: a new file or NULL (-ENOMEM); NULL op: not a device. */
	struct file *(*open_device)(struct vnode *node, uint32_t flags);
	/* Free node->data when the cache is reset; NULL: nothing to free. */
	void (*forget)(struct vnode *node);
} vnode_ops_t;

typedef struct vnode {
	const vnode_ops_t *ops;
	uint32_t mode; /* AEGIS_S_IF* type and permission bits */
	uint32_t uid, gid;
	uint32_t nlink;
	uint32_t dev;
	uint64_t ino;
	uint64_t size;
	uint64_t mtime;
	uint64_t rdev;
	void *data;       /* the backing file system's handle */
	char *path;       /* canonical absolute path ("/" for the root) */
	size_t path_len;
	struct vnode *hash_next;
} vnode_t;

static inline bool vnode_is_dir(const vnode_t *n)
{
	return (n->mode & 0170000u) == 0040000u;
}

static inline bool vnode_is_symlink(const vnode_t *n)
{
	return (n->mode & 0170000u) == 0120000u;
}

static inline bool vnode_is_regular(const vnode_t *n)
{
	return (n->mode & 0170000u) == 0100000u;
}

/* ---- the node cache (vnode_cache.c) ---- */

/* The cached node for path (path_len bytes), or NULL. */
vnode_t *vnode_cache_find(const char *path, size_t path_len);
/*
 * A new node for the child name of parent's path, zeroed but for path, ops
 * and data, not yet in the cache: NULL when memory or the cache is full.
 */
vnode_t *vnode_new_child(const vnode_t *parent, const char *name, size_t len, const vnode_ops_t *ops);
/* A new node with an explicit path (the root of the namespace). */
vnode_t *vnode_new(const char *path, size_t len, const vnode_ops_t *ops);
/* A directory the kernel supplies (/dev, /proc): inode 1, in the cache. NULL when memory is short. */
vnode_t *vnode_new_kernel_dir(const char *path, const vnode_ops_t *ops, uint32_t dev, uint32_t perm);
/* Put a node made by vnode_new* into the cache; it stays there. */
void vnode_cache_add(vnode_t *node);
/* Drop a node made by vnode_new* that was never added. */
void vnode_discard(vnode_t *node);
/* Nodes in the cache (for /proc and tests). */
size_t vnode_cache_count(void);
/* Forget every node (tests, between machines). */
void vnode_cache_reset(void);

/* Fill a Linux struct stat from a node. */
void vnode_stat(const vnode_t *node, aegis_stat_t *st);

/* The d_type of a mode. */
uint8_t vnode_dirent_type(uint32_t mode);

#endif
