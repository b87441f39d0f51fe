/*
 * The vnode table (see vnode.h): nodes by (file-system instance, inode
 * number) in fixed hash buckets, reference counting, and the stat and
 * d_type helpers every kind of node shares.
 */
#include "fs/vnode.h"

#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "mm/kheap.h"
#include "syscall/clock.h"

#define VNODE_HASH_BUCKETS 1024u
#define VNODE_HASH_MIX 0x9E3779B97F4A7C15ull
#define VNODE_STAT_BLOCK 4096
#define VNODE_STAT_SECTOR 512
#define VNODE_NS_PER_SEC 1000000000ull

static vnode_t *vnode_buckets[VNODE_HASH_BUCKETS];
static size_t vnode_live;

static size_t vnode_bucket(const vnode_sb_t *sb, uint64_t ino)
{
	uint64_t h = ((uint64_t)(uintptr_t)sb ^ ino) * VNODE_HASH_MIX;
	return (size_t)(h >> 32) % VNODE_HASH_BUCKETS;
}

vnode_t *vnode_find(vnode_sb_t *sb, uint64_t ino)
{
	for (vnode_t *n = vnode_buckets[vnode_bucket(sb, ino)]; n; n = n->hash_next) {
		if (n->sb == sb && n->ino == ino) {
			n->refs++;
			return n;
		}
	}
	return NULL;
}

vnode_t *vnode_alloc(vnode_sb_t *sb, uint64_t ino, const vnode_ops_t *ops, bool hashed)
{
	vnode_t *n = kcalloc(1, sizeof(*n));
	if (!n)
		return NULL;
	n->sb = sb;
	n->ino = ino;
	n->ops = ops;
	n->refs = 1;
	n->nlink = 1;
	if (hashed) {
		size_t b = vnode_bucket(sb, ino);
		n->hash_next = vnode_buckets[b];
		vnode_buckets[b] = n;
		n->hashed = true;
	}
	vnode_live++;
	return n;
}

void vnode_hold(vnode_t *node)
{
	node->refs++;
}

static void vnode_unhash(vnode_t *node)
{
	vnode_t **at = &vnode_buckets[vnode_bucket(node->sb, node->ino)];
	while (*at && *at != node)
		at = &(*at)->hash_next;
	if (*at)
		*at = node->hash_next;
}

void vnode_put(vnode_t *node)
{
	if (!node || --node->refs != 0)
		return;
	if (node->hashed)
		vnode_unhash(node);
	if (node->ops->release)
		node->ops->release(node);
	kfree(node);
	vnode_live--;
}

size_t vnode_count(void)
{
	return vnode_live;
}

void vnode_stat(const vnode_t *node, aegis_stat_t *st)
{
	kmemset(st, 0, sizeof(*st));
	st->st_dev = node->sb ? node->sb->dev : 0;
	st->st_ino = node->ino;
	st->st_nlink = node->nlink;
	st->st_mode = node->mode;
	st->st_uid = node->uid;
	st->st_gid = node->gid;
	st->st_rdev = node->rdev;
	st->st_size = (int64_t)node->size;
	st->st_blksize = VNODE_STAT_BLOCK;
	st->st_blocks = (int64_t)((node->size + VNODE_STAT_SECTOR - 1) / VNODE_STAT_SECTOR);
	st->st_atime_sec = node->atime;
	st->st_mtime_sec = node->mtime;
	st->st_ctime_sec = node->ctime;
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

uint64_t vnode_now(void)
{
	uint64_t ns = 0;
	if (clock_read_ns(CLOCK_REALTIME, &ns) != 0)
		return 0;
	return ns / VNODE_NS_PER_SEC;
}
