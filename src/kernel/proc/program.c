/*
 * Reading a program image for execve (see program.h).
 */
#include "proc/program.h"

#include <aegis/errno.h>

#include "core/kstring.h"
#include "fs/ext2/ext2.h"
#include "fs/initrd.h"
#include "fs/rootfs.h"
#include "fs/vnode.h"
#include "mm/kheap.h"

#define MODE_TYPE_MASK 0170000u
#define MODE_REGULAR 0100000u
#define MODE_ANY_EXEC 0111u

/* An initrd file: checked, then borrowed where it lies in the module. */
static int program_borrow_checked(program_t *out, const uint8_t *data, uint64_t size, uint32_t mode)
{
	if ((mode & MODE_TYPE_MASK) != MODE_REGULAR || !(mode & MODE_ANY_EXEC))
		return -EACCES;
	if (size > PROGRAM_MAX_BYTES)
		return -EFBIG;
	out->image = data;
	out->owned = NULL;
	out->size = (size_t)size;
	out->mode = mode;
	return 0;
}

/* The initrd: paths are stored without the leading '/'; follow absolute symlinks. */
static int program_from_initrd(const char *path, program_t *out)
{
	char current[sizeof(out->path)];
	size_t n = kstrnlen(path, sizeof(current));
	if (n >= sizeof(current))
		return -ENAMETOOLONG;
	kmemcpy(current, path, n + 1);
	for (unsigned links = 0; links <= PROGRAM_MAX_LINKS; links++) {
		initrd_entry_t e;
		const char *rel = current;
		while (*rel == '/')
			rel++;
		int r = initrd_lookup(rel, &e);
		if (r != 0)
			return r == -EINVAL ? -ENOENT : r;
		if (e.type == INITRD_TYPE_SYMLINK) {
			size_t tl = kstrnlen(e.target, sizeof(current));
			if (tl >= sizeof(current) || e.target[0] != '/')
				return -ENOENT; /* relative links need the VFS */
			kmemcpy(current, e.target, tl + 1);
			continue;
		}
		r = program_borrow_checked(out, e.data, e.size, e.mode);
		if (r == 0) {
			out->uid = e.uid;
			out->gid = e.gid;
			kmemcpy(out->path, current, kstrnlen(current, sizeof(out->path) - 1) + 1);
		}
		return r;
	}
	return -ELOOP;
}

static int program_from_ext2(const char *path, program_t *out)
{
	ext2_fs_t *fs = rootfs_get();
	if (!fs)
		return -ENOENT;
	uint32_t ino;
	int r = ext2_path_lookup(fs, path, &ino);
	if (r != 0)
		return r;
	ext2_inode_t inode;
	r = ext2_inode_read(fs, ino, &inode);
	if (r != 0)
		return r;
	if ((inode.mode & MODE_TYPE_MASK) != MODE_REGULAR || !(inode.mode & MODE_ANY_EXEC))
		return -EACCES;
	if (inode.size > PROGRAM_MAX_BYTES)
		return -EFBIG;
	out->owned = kmalloc(inode.size ? (size_t)inode.size : 1u);
	if (!out->owned)
		return -ENOMEM;
	int64_t got = ext2_file_read(fs, &inode, 0, out->owned, (size_t)inode.size);
	if (got < 0 || (uint64_t)got != inode.size) {
		kfree(out->owned);
		out->owned = NULL;
		return got < 0 ? (int)got : -EIO;
	}
	out->image = out->owned;
	out->size = (size_t)inode.size;
	out->mode = inode.mode;
	out->uid = inode.uid;
	out->gid = inode.gid;
	kmemcpy(out->path, path, kstrnlen(path, sizeof(out->path) - 1) + 1);
	out->path[sizeof(out->path) - 1] = '\0';
	return 0;
}

int program_load(const char *path, program_t *out)
{
	kmemset(out, 0, sizeof(*out));
	if (!path || path[0] != '/')
		return -ENOENT;
	int r = program_from_initrd(path, out);
	if (r != -ENOENT)
		return r;
	return program_from_ext2(path, out);
}

void program_release(program_t *prog)
{
	if (prog->owned)
		kfree(prog->owned);
	prog->owned = NULL;
	prog->image = NULL;
}

int program_load_node(struct vnode *node, const char *path, program_t *out)
{
	kmemset(out, 0, sizeof(*out));
	if ((node->mode & MODE_TYPE_MASK) != MODE_REGULAR || !(node->mode & MODE_ANY_EXEC))
		return -EACCES;
	if (node->size > PROGRAM_MAX_BYTES)
		return -EFBIG;
	const void *mapped = node->ops->map ? node->ops->map(node) : NULL;
	if (mapped) {
		out->image = mapped;
	} else {
		if (!node->ops->read)
			return -EACCES;
		out->owned = kmalloc(node->size ? (size_t)node->size : 1u);
		if (!out->owned)
			return -ENOMEM;
		int64_t got = node->ops->read(node, 0, out->owned, (size_t)node->size);
		if (got < 0 || (uint64_t)got != node->size) {
			kfree(out->owned);
			out->owned = NULL;
			return got < 0 ? (int)got : -EIO;
		}
		out->image = out->owned;
	}
	out->size = (size_t)node->size;
	out->mode = node->mode;
	out->uid = node->uid;
	out->gid = node->gid;
	kstrlcpy(out->path, path, sizeof(out->path));
	return 0;
}
