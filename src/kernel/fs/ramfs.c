/*
 * ramfs (see ramfs.h): nodes in kernel memory, names in per-directory
 * lists, file data in chunk arrays, and the byte limit of an instance.
 * A directory entry holds a reference on its node, so a node lives while
 * it has a name or a user; the instance lives while it has nodes.
 */
#include "fs/ramfs.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "mm/kheap.h"

#define RAMFS_DEV_FIRST 64u
#define RAMFS_ROOT_INO 1u
#define RAMFS_SIZE_MAX (1ull << 40) /* offsets past this are -EFBIG */

typedef struct {
	vnode_sb_t sb;
	uint64_t limit, used;
	uint64_t next_ino;
	uint64_t nodes;
} ramfs_t;

typedef struct ramfs_entry {
	struct ramfs_entry *next;
	vnode_t *node;
	size_t len;
	char name[];
} ramfs_entry_t;

typedef struct {
	uint8_t **chunks; /* regular files: chunk i holds bytes [i*RAMFS_CHUNK, ...); NULL is a hole */
	size_t nchunks;
	ramfs_entry_t *entries; /* directories */
	char *target;           /* symlinks */
	size_t target_len;
} ramfs_node_t;

static const vnode_ops_t ramfs_ops;
static uint32_t ramfs_next_dev = RAMFS_DEV_FIRST;

static ramfs_t *ramfs_of(const vnode_t *n)
{
	return n->sb->fs;
}

static ramfs_node_t *rnode(const vnode_t *n)
{
	return n->data;
}

/* Charge bytes to the instance: 0, or -ENOSPC past its limit. */
static int ramfs_charge(ramfs_t *fs, uint64_t bytes)
{
	if (bytes > fs->limit || fs->used > fs->limit - bytes)
		return -ENOSPC;
	fs->used += bytes;
	return 0;
}

static void ramfs_uncharge(ramfs_t *fs, uint64_t bytes)
{
	fs->used = bytes > fs->used ? 0 : fs->used - bytes;
}

static vnode_t *ramfs_node_new(ramfs_t *fs, uint32_t mode, uint32_t uid, uint32_t gid)
{
	if (ramfs_charge(fs, RAMFS_NODE_COST) != 0)
		return NULL;
	ramfs_node_t *r = kcalloc(1, sizeof(*r));
	vnode_t *n = r ? vnode_alloc(&fs->sb, fs->next_ino, &ramfs_ops, false) : NULL;
	if (!n) {
		kfree(r);
		ramfs_uncharge(fs, RAMFS_NODE_COST);
		return NULL;
	}
	fs->next_ino++;
	fs->nodes++;
	n->data = r;
	n->mode = mode;
	n->uid = uid;
	n->gid = gid;
	n->nlink = vnode_is_dir(n) ? 2u : 1u;
	n->atime = n->mtime = n->ctime = vnode_now();
	return n;
}

static ramfs_entry_t *ramfs_find(vnode_t *dir, const char *name, size_t len, ramfs_entry_t ***link)
{
	ramfs_entry_t **at = &rnode(dir)->entries;
	for (; *at; at = &(*at)->next) {
		if ((*at)->len == len && kmemcmp((*at)->name, name, len) == 0) {
			if (link)
				*link = at;
			return *at;
		}
	}
	return NULL;
}

static int ramfs_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	ramfs_entry_t *e = ramfs_find(dir, name, len, NULL);
	if (!e)
		return -ENOENT;
	vnode_hold(e->node);
	*out = e->node;
	return 0;
}

static int64_t ramfs_read(vnode_t *n, uint64_t offset, void *buf, size_t len)
{
	if (!vnode_is_regular(n))
		return -EINVAL;
	if (offset >= n->size)
		return 0;
	if (len > n->size - offset)
		len = (size_t)(n->size - offset);
	ramfs_node_t *r = rnode(n);
	size_t done = 0;
	while (done < len) {
		uint64_t at = offset + done;
		size_t index = (size_t)(at / RAMFS_CHUNK), within = (size_t)(at % RAMFS_CHUNK);
		size_t step = RAMFS_CHUNK - within < len - done ? RAMFS_CHUNK - within : len - done;
		if (index < r->nchunks && r->chunks[index])
			kmemcpy((uint8_t *)buf + done, r->chunks[index] + within, step);
		else
			kmemset((uint8_t *)buf + done, 0, step);
		done += step;
	}
	return (int64_t)done;
}

/* Room for chunk index in the chunk array: 0 or -ENOMEM. */
static int ramfs_grow_array(ramfs_node_t *r, size_t index)
{
	if (index < r->nchunks)
		return 0;
	size_t want = r->nchunks ? r->nchunks : 4u;
	while (want <= index)
		want *= 2u;
	uint8_t **bigger = kcalloc(want, sizeof(*bigger));
	if (!bigger)
		return -ENOMEM;
	if (r->nchunks)
		kmemcpy(bigger, r->chunks, r->nchunks * sizeof(*bigger));
	kfree(r->chunks);
	r->chunks = bigger;
	r->nchunks = want;
	return 0;
}

/* The chunk holding byte offset at, allocated (and charged) when missing: NULL when full. */
static uint8_t *ramfs_chunk_for(vnode_t *n, uint64_t at, int *err)
{
	ramfs_node_t *r = rnode(n);
	size_t index = (size_t)(at / RAMFS_CHUNK);
	*err = ramfs_grow_array(r, index);
	if (*err != 0)
		return NULL;
	if (!r->chunks[index]) {
		*err = ramfs_charge(ramfs_of(n), RAMFS_CHUNK);
		if (*err != 0)
			return NULL;
		r->chunks[index] = kcalloc(1, RAMFS_CHUNK);
		if (!r->chunks[index]) {
			ramfs_uncharge(ramfs_of(n), RAMFS_CHUNK);
			*err = -ENOMEM;
			return NULL;
		}
	}
	return r->chunks[index];
}

static int64_t ramfs_write(vnode_t *n, uint64_t offset, const void *buf, size_t len)
{
	if (!vnode_is_regular(n))
		return -EINVAL;
	if (offset > RAMFS_SIZE_MAX || len > RAMFS_SIZE_MAX - offset)
		return -EFBIG;
	size_t done = 0;
	int err = 0;
	while (done < len) {
		uint64_t at = offset + done;
		size_t within = (size_t)(at % RAMFS_CHUNK);
		size_t step = RAMFS_CHUNK - within < len - done ? RAMFS_CHUNK - within : len - done;
		uint8_t *chunk = ramfs_chunk_for(n, at, &err);
		if (!chunk)
			break;
		kmemcpy(chunk + within, (const uint8_t *)buf + done, step);
		done += step;
	}
	if (done == 0 && len > 0)
		return err;
	if (offset + done > n->size)
		n->size = offset + done;
	n->mtime = n->ctime = vnode_now();
	return (int64_t)done;
}

static int ramfs_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	for (ramfs_entry_t *e = rnode(dir)->entries; e; e = e->next) {
		vnode_dirent_t d = { e->name, e->len, e->node->ino, vnode_dirent_type(e->node->mode) };
		int r = fn(ctx, &d);
		if (r != 0)
			return r;
	}
	return 0;
}

static long ramfs_readlink(vnode_t *n, char *buf, size_t cap)
{
	ramfs_node_t *r = rnode(n);
	if (!r->target)
		return -EINVAL;
	kmemcpy(buf, r->target, r->target_len < cap ? r->target_len : cap);
	return (long)r->target_len;
}

/* Add an entry name -> node (taking a reference on node) to dir: 0, -ENOSPC or -ENOMEM. */
static int ramfs_add_entry(vnode_t *dir, const char *name, size_t len, vnode_t *node)
{
	if (ramfs_charge(ramfs_of(dir), RAMFS_NODE_COST) != 0)
		return -ENOSPC;
	ramfs_entry_t *e = kmalloc(sizeof(*e) + len);
	if (!e) {
		ramfs_uncharge(ramfs_of(dir), RAMFS_NODE_COST);
		return -ENOMEM;
	}
	kmemcpy(e->name, name, len);
	e->len = len;
	e->node = node;
	vnode_hold(node);
	e->next = rnode(dir)->entries;
	rnode(dir)->entries = e;
	if (vnode_is_dir(node))
		dir->nlink++;
	dir->mtime = dir->ctime = vnode_now();
	return 0;
}

/* Take the entry at *link out of dir and drop its node reference. */
static void ramfs_drop_entry(vnode_t *dir, ramfs_entry_t **link)
{
	ramfs_entry_t *e = *link;
	*link = e->next;
	if (vnode_is_dir(e->node))
		dir->nlink--;
	dir->mtime = dir->ctime = vnode_now();
	ramfs_uncharge(ramfs_of(dir), RAMFS_NODE_COST);
	vnode_put(e->node);
	kfree(e);
}

static int ramfs_create(vnode_t *dir, const char *name, size_t len, const vnode_create_t *what, vnode_t **out)
{
	if (ramfs_find(dir, name, len, NULL))
		return -EEXIST;
	uint32_t type = what->mode & VNODE_MODE_TYPE;
	if (type != AEGIS_S_IFREG && type != AEGIS_S_IFDIR && type != AEGIS_S_IFLNK && type != AEGIS_S_IFIFO &&
	    type != AEGIS_S_IFSOCK)
		return -EPERM;
	vnode_t *n = ramfs_node_new(ramfs_of(dir), what->mode, what->uid, what->gid);
	if (!n)
		return -ENOSPC;
	int r = 0;
	if (type == AEGIS_S_IFLNK) {
		ramfs_node_t *rn = rnode(n);
		rn->target = kmalloc(what->target_len ? what->target_len : 1u);
		r = rn->target ? ramfs_charge(ramfs_of(dir), what->target_len) : -ENOMEM;
		if (r == 0) {
			kmemcpy(rn->target, what->target, what->target_len);
			rn->target_len = what->target_len;
			n->size = what->target_len;
		}
	}
	if (r == 0)
		r = ramfs_add_entry(dir, name, len, n);
	if (r != 0) {
		vnode_put(n);
		return r;
	}
	*out = n;
	return 0;
}

static int ramfs_link(vnode_t *dir, const char *name, size_t len, vnode_t *node)
{
	if (ramfs_find(dir, name, len, NULL))
		return -EEXIST;
	int r = ramfs_add_entry(dir, name, len, node);
	if (r == 0) {
		node->nlink++;
		node->ctime = vnode_now();
	}
	return r;
}

static int ramfs_remove(vnode_t *dir, const char *name, size_t len, vnode_t *victim, bool is_dir)
{
	ramfs_entry_t **link;
	ramfs_entry_t *e = ramfs_find(dir, name, len, &link);
	if (!e || e->node != victim)
		return -ENOENT;
	if (is_dir && rnode(victim)->entries)
		return -ENOTEMPTY;
	victim->nlink = is_dir ? 0u : victim->nlink - 1u;
	victim->ctime = vnode_now();
	ramfs_drop_entry(dir, link);
	return 0;
}

/* Unlink the entry at *link from dir without dropping its node (the caller keeps the reference). */
static ramfs_entry_t *ramfs_detach(vnode_t *dir, ramfs_entry_t **link)
{
	ramfs_entry_t *e = *link;
	*link = e->next;
	if (vnode_is_dir(e->node))
		dir->nlink--;
	dir->mtime = dir->ctime = vnode_now();
	return e;
}

static int ramfs_rename(vnode_t *dir, const char *name, size_t len, vnode_t *new_dir, const char *new_name,
			size_t new_len)
{
	ramfs_entry_t **link;
	if (!ramfs_find(dir, name, len, &link))
		return -ENOENT;
	ramfs_entry_t **vlink;
	ramfs_entry_t *victim = ramfs_find(new_dir, new_name, new_len, &vlink);
	if (victim && vnode_is_dir(victim->node) && rnode(victim->node)->entries)
		return -ENOTEMPTY;
	/* Allocate first: nothing below can fail, so a refusal changes nothing. */
	ramfs_entry_t *moved = kmalloc(sizeof(*moved) + new_len);
	if (!moved)
		return -ENOMEM;
	if (victim) {
		victim->node->nlink = vnode_is_dir(victim->node) ? 0u : victim->node->nlink - 1u;
		ramfs_drop_entry(new_dir, vlink);
		ramfs_find(dir, name, len, &link); /* the list may have changed when dir == new_dir */
	}
	ramfs_entry_t *old = ramfs_detach(dir, link);
	moved->node = old->node;
	moved->len = new_len;
	kmemcpy(moved->name, new_name, new_len);
	kfree(old);
	moved->next = rnode(new_dir)->entries;
	rnode(new_dir)->entries = moved;
	if (vnode_is_dir(moved->node))
		new_dir->nlink++;
	new_dir->mtime = new_dir->ctime = moved->node->ctime = vnode_now();
	return 0;
}

/* Free chunks wholly past size, and zero the tail of the last kept one. */
static int ramfs_truncate(vnode_t *n, uint64_t size)
{
	if (size > RAMFS_SIZE_MAX)
		return -EFBIG;
	ramfs_node_t *r = rnode(n);
	size_t keep = (size_t)((size + RAMFS_CHUNK - 1u) / RAMFS_CHUNK);
	for (size_t i = keep; i < r->nchunks; i++) {
		if (r->chunks[i]) {
			kfree(r->chunks[i]);
			r->chunks[i] = NULL;
			ramfs_uncharge(ramfs_of(n), RAMFS_CHUNK);
		}
	}
	size_t within = (size_t)(size % RAMFS_CHUNK);
	if (within && keep - 1u < r->nchunks && r->chunks[keep - 1u])
		kmemset(r->chunks[keep - 1u] + within, 0, RAMFS_CHUNK - within);
	n->size = size;
	return 0;
}

static int ramfs_setattr(vnode_t *n)
{
	(void)n;
	return 0; /* the vnode is the only copy */
}

static void ramfs_release(vnode_t *n)
{
	ramfs_t *fs = ramfs_of(n);
	ramfs_node_t *r = rnode(n);
	ramfs_truncate(n, 0);
	while (r->entries)
		ramfs_drop_entry(n, &r->entries);
	kfree(r->chunks);
	if (r->target)
		ramfs_uncharge(fs, r->target_len);
	kfree(r->target);
	kfree(r);
	ramfs_uncharge(fs, RAMFS_NODE_COST);
	if (--fs->nodes == 0)
		kfree(fs);
}

static const vnode_ops_t ramfs_ops = {
	.lookup = ramfs_lookup,
	.read = ramfs_read,
	.write = ramfs_write,
	.list = ramfs_list,
	.readlink = ramfs_readlink,
	.create = ramfs_create,
	.link = ramfs_link,
	.remove = ramfs_remove,
	.rename = ramfs_rename,
	.truncate = ramfs_truncate,
	.setattr = ramfs_setattr,
	.release = ramfs_release,
};

/* Blocks of RAMFS_CHUNK bytes: the limit, and what is not charged yet. */
static void ramfs_statfs(vnode_sb_t *sb, aegis_statfs_t *out)
{
	const ramfs_t *fs = sb->fs;
	out->f_bsize = out->f_frsize = RAMFS_CHUNK;
	out->f_blocks = fs->limit / RAMFS_CHUNK;
	out->f_bfree = out->f_bavail = (fs->limit - fs->used) / RAMFS_CHUNK;
	out->f_files = fs->limit / RAMFS_NODE_COST;
	out->f_ffree = (fs->limit - fs->used) / RAMFS_NODE_COST;
}

static ramfs_t *ramfs_instance(uint64_t limit)
{
	ramfs_t *fs = kcalloc(1, sizeof(*fs));
	if (!fs)
		return NULL;
	fs->sb.fstype = "ramfs";
	fs->sb.magic = VNODE_MAGIC_RAMFS;
	fs->sb.statfs = ramfs_statfs;
	fs->sb.dev = ramfs_next_dev++;
	fs->sb.fs = fs;
	fs->limit = limit;
	fs->next_ino = RAMFS_ROOT_INO;
	return fs;
}

static vnode_t *ramfs_first_node(uint64_t limit, uint32_t mode, uint32_t uid, uint32_t gid)
{
	ramfs_t *fs = ramfs_instance(limit);
	if (!fs)
		return NULL;
	vnode_t *n = ramfs_node_new(fs, mode, uid, gid);
	if (!n)
		kfree(fs);
	return n;
}

vnode_t *ramfs_new(uint64_t limit_bytes, uint32_t perm, uint32_t uid, uint32_t gid)
{
	return ramfs_first_node(limit_bytes, AEGIS_S_IFDIR | (perm & VNODE_MODE_PERM), uid, gid);
}

vnode_t *ramfs_new_file(uint64_t limit_bytes, uint32_t perm, uint32_t uid, uint32_t gid)
{
	vnode_t *n = ramfs_first_node(limit_bytes, AEGIS_S_IFREG | (perm & VNODE_MODE_PERM), uid, gid);
	if (n)
		n->nlink = 0; /* no name anywhere */
	return n;
}

uint64_t ramfs_used(const vnode_t *any_node)
{
	return ramfs_of(any_node)->used;
}
