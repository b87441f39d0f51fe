/*
 * Regular files and directories opened from the namespace (see vfs_file.h).
 */
#include "fs/vfs_file.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/dentry.h"
#include "fs/mount.h"
#include "mm/kheap.h"
#include "proc/proc_limits.h"

#define VFS_DIRENT_ALIGN 8u
#define VFS_DIRENT_HEADER 19u /* offsetof(linux_dirent64, d_name) */

/* A directory listing taken at the first getdents64: records back to back. */
typedef struct {
	uint8_t *records;
	size_t size;
} vfs_listing_t;

static int64_t vfs_file_read(file_t *f, void *buf, size_t len)
{
	vnode_t *n = f->node;
	if (vnode_is_dir(n))
		return -EISDIR;
	if (!n->ops->read)
		return -EINVAL;
	int64_t got = n->ops->read(n, f->pos, buf, len);
	if (got > 0)
		f->pos += (uint64_t)got;
	return got;
}

static int64_t vfs_file_write(file_t *f, const void *buf, size_t len)
{
	vnode_t *n = f->node;
	if (vnode_is_dir(n))
		return -EISDIR;
	if (!n->ops->write)
		return -EROFS;
	uint64_t at = (f->flags & AEGIS_O_APPEND) ? n->size : f->pos;
	int limited = proc_clip_write(proc_current(), at, &len);
	if (limited != 0)
		return limited;
	int64_t put = n->ops->write(n, at, buf, len);
	if (put > 0)
		f->pos = at + (uint64_t)put;
	return put;
}

static void vfs_file_release(file_t *f)
{
	vfs_listing_t *l = f->object;
	if (l) {
		kfree(l->records);
		kfree(l);
	}
}

static const file_ops_t vfs_file_ops = {
	.read = vfs_file_read,
	.write = vfs_file_write,
	.release = vfs_file_release,
};

file_t *vfs_file_create(vnode_t *node, uint32_t flags)
{
	file_t *f = file_create(&vfs_file_ops, NULL, flags);
	if (f)
		f->node = node;
	return f;
}

static size_t vfs_dirent_size(size_t name_len)
{
	size_t raw = VFS_DIRENT_HEADER + name_len + 1u;
	return (raw + VFS_DIRENT_ALIGN - 1u) & ~(size_t)(VFS_DIRENT_ALIGN - 1u);
}

typedef struct {
	vfs_listing_t *l;
	size_t cap; /* 0: count only */
} vfs_fill_t;

static int vfs_listing_add(void *ctx, const vnode_dirent_t *e)
{
	vfs_fill_t *fill = ctx;
	size_t rec = vfs_dirent_size(e->name_len);
	vfs_listing_t *l = fill->l;
	if (fill->cap) {
		if (l->size + rec > fill->cap)
			return -EAGAIN; /* the directory grew between the passes */
		uint8_t *r = l->records + l->size;
		kmemset(r, 0, rec);
		uint64_t ino = e->ino;
		int64_t next = (int64_t)(l->size + rec);
		uint16_t reclen = (uint16_t)rec;
		kmemcpy(r, &ino, sizeof(ino));
		kmemcpy(r + sizeof(ino), &next, sizeof(next));
		kmemcpy(r + sizeof(ino) + sizeof(next), &reclen, sizeof(reclen));
		r[sizeof(ino) + sizeof(next) + sizeof(reclen)] = e->type;
		kmemcpy(r + VFS_DIRENT_HEADER, e->name, e->name_len);
	}
	l->size += rec;
	return 0;
}

/* Mount points the file system below does not have (stubs) are listed by the VFS. */
static int vfs_listing_stubs(const dentry_t *d, vfs_fill_t *fill)
{
	for (const dentry_t *c = d ? d->children : NULL; c; c = c->sibling) {
		if (!vfs_mount_is_stub(c))
			continue;
		vnode_dirent_t e = { c->name, c->name_len, c->node->ino, AEGIS_DT_DIR };
		int r = vfs_listing_add(fill, &e);
		if (r != 0)
			return r;
	}
	return 0;
}

/* ".", "..", then the node's own entries, then mount-point stubs. */
static int vfs_listing_walk(const dentry_t *d, vnode_t *dir, vfs_fill_t *fill)
{
	uint64_t up = d && d->parent ? d->parent->node->ino : dir->ino;
	vnode_dirent_t dot = { ".", 1, dir->ino, AEGIS_DT_DIR };
	vnode_dirent_t dotdot = { "..", 2, up, AEGIS_DT_DIR };
	int r = vfs_listing_add(fill, &dot);
	if (r == 0)
		r = vfs_listing_add(fill, &dotdot);
	if (r == 0 && dir->ops->list)
		r = dir->ops->list(dir, vfs_listing_add, fill);
	if (r == 0)
		r = vfs_listing_stubs(d, fill);
	return r;
}

static int vfs_listing_take(const dentry_t *d, vnode_t *dir, vfs_listing_t **out)
{
	vfs_listing_t *l = kcalloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	vfs_fill_t fill = { l, 0 };
	int r = vfs_listing_walk(d, dir, &fill);
	size_t cap = l->size;
	if (r == 0) {
		l->records = kmalloc(cap ? cap : 1u);
		l->size = 0;
		fill.cap = cap;
		r = l->records ? vfs_listing_walk(d, dir, &fill) : -ENOMEM;
	}
	if (r != 0) {
		kfree(l->records);
		kfree(l);
		return r;
	}
	*out = l;
	return 0;
}

int64_t vfs_file_getdents(file_t *f, void *buf, size_t len)
{
	if (!f->node || !vnode_is_dir(f->node) || f->ops != &vfs_file_ops)
		return -ENOTDIR;
	if (!f->object) {
		vfs_listing_t *l;
		int r = vfs_listing_take(f->dentry, f->node, &l);
		if (r != 0)
			return r;
		f->object = l;
	}
	vfs_listing_t *l = f->object;
	size_t done = 0;
	while (f->pos < l->size) {
		uint16_t reclen;
		if (f->pos + VFS_DIRENT_HEADER > l->size)
			return -EINVAL; /* an offset lseek made up, not a record boundary */
		kmemcpy(&reclen, l->records + f->pos + 2 * sizeof(uint64_t), sizeof(reclen));
		if (reclen < VFS_DIRENT_HEADER || f->pos + reclen > l->size)
			return -EINVAL;
		if (done + reclen > len)
			break;
		kmemcpy((uint8_t *)buf + done, l->records + f->pos, reclen);
		done += reclen;
		f->pos += reclen;
	}
	if (done == 0 && f->pos < l->size)
		return -EINVAL;
	return (int64_t)done;
}
