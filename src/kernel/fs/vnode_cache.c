/*
 * The node cache: every node of the namespace by its canonical path (see
 * vnode.h), a fixed array of hash buckets over FNV-1a, and the stat and
 * d_type helpers every kind of node shares.
 */
#include "fs/vnode.h"

#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "mm/kheap.h"

#define VNODE_HASH_BUCKETS 1024u
#define VNODE_FNV_OFFSET 1469598103934665603ull
#define VNODE_FNV_PRIME 1099511628211ull
#define VNODE_STAT_BLOCK 4096
#define VNODE_STAT_SECTOR 512

static vnode_t *vnode_buckets[VNODE_HASH_BUCKETS];
static size_t vnode_count;

static size_t vnode_hash(const char *path, size_t len)
{
	uint64_t h = VNODE_FNV_OFFSET;
	for (size_t i = 0; i < len; i++) {
		h ^= (uint8_t)path[i];
		h *= VNODE_FNV_PRIME;
	}
	return (size_t)(h % VNODE_HASH_BUCKETS);
}

vnode_t *vnode_cache_find(const char *path, size_t path_len)
{
	for (vnode_t *n = vnode_buckets[vnode_hash(path, path_len)]; n; n = n->hash_next)
		if (n->path_len == path_len && kmemcmp(n->path, path, path_len) == 0)
			return n;
	return NULL;
}

/* A zeroed node with room for a path of len bytes (filled by the caller). */
static vnode_t *vnode_alloc(size_t len, const vnode_ops_t *ops)
{
	if (vnode_count >= VNODE_CACHE_MAX)
		return NULL;
	vnode_t *n = kmalloc(sizeof(*n) + len + 1u);
	if (!n)
		return NULL;
	kmemset(n, 0, sizeof(*n));
	n->path = (char *)(n + 1);
	n->path[len] = '\0';
	n->path_len = len;
	n->ops = ops;
	n->nlink = 1;
	return n;
}

vnode_t *vnode_new(const char *path, size_t len, const vnode_ops_t *ops)
{
	vnode_t *n = vnode_alloc(len, ops);
	if (n)
		kmemcpy(n->path, path, len);
	return n;
}

vnode_t *vnode_new_child(const vnode_t *parent, const char *name, size_t len, const vnode_ops_t *ops)
{
	bool at_root = parent->path_len == 1;
	vnode_t *n = vnode_alloc(parent->path_len + (at_root ? 0u : 1u) + len, ops);
	if (!n)
		return NULL;
	kmemcpy(n->path, parent->path, parent->path_len);
	size_t at = parent->path_len;
	if (!at_root)
		n->path[at++] = '/';
	kmemcpy(n->path + at, name, len);
	return n;
}

vnode_t *vnode_new_kernel_dir(const char *path, const vnode_ops_t *ops, uint32_t dev, uint32_t perm)
{
	vnode_t *n = vnode_new(path, kstrlen(path), ops);
	if (!n)
		return NULL;
	n->mode = AEGIS_S_IFDIR | perm;
	n->dev = dev;
	n->ino = 1;
	n->nlink = 2;
	vnode_cache_add(n);
	return n;
}

void vnode_cache_add(vnode_t *node)
{
	size_t b = vnode_hash(node->path, node->path_len);
	node->hash_next = vnode_buckets[b];
	vnode_buckets[b] = node;
	vnode_count++;
}

void vnode_discard(vnode_t *node)
{
	if (node)
		kfree(node);
}

size_t vnode_cache_count(void)
{
	return vnode_count;
}

void vnode_cache_reset(void)
{
	for (size_t b = 0; b < VNODE_HASH_BUCKETS; b++) {
		vnode_t *n = vnode_buckets[b];
		while (n) {
			vnode_t *next = n->hash_next;
			if (n->ops->forget)
				n->ops->forget(n);
			kfree(n);
			n = next;
		}
		vnode_buckets[b] = NULL;
	}
	vnode_count = 0;
}

void vnode_stat(const vnode_t *node, aegis_stat_t *st)
{
	kmemset(st, 0, sizeof(*st));
	st->st_dev = node->dev;
	st->st_ino = node->ino;
	st->st_nlink = node->nlink;
	st->st_mode = node->mode;
	st->st_uid = node->uid;
	st->st_gid = node->gid;
	st->st_rdev = node->rdev;
	st->st_size = (int64_t)node->size;
	st->st_blksize = VNODE_STAT_BLOCK;
	st->st_blocks = (int64_t)((node->size + VNODE_STAT_SECTOR - 1) / VNODE_STAT_SECTOR);
	st->st_atime_sec = node->mtime;
	st->st_mtime_sec = node->mtime;
	st->st_ctime_sec = node->mtime;
}

uint8_t vnode_dirent_type(uint32_t mode)
{
	switch (mode & AEGIS_S_IFMT) {
	case AEGIS_S_IFDIR:
		return AEGIS_DT_DIR;
	case AEGIS_S_IFREG:
		return AEGIS_DT_REG;
	case AEGIS_S_IFLNK:
		return AEGIS_DT_LNK;
	case AEGIS_S_IFCHR:
		return AEGIS_DT_CHR;
	case AEGIS_S_IFIFO:
		return AEGIS_DT_FIFO;
	default:
		return AEGIS_DT_UNKNOWN;
	}
}
