/*
 * /proc (spec/filesystems.md FS-040, FS-041, FS-080..): the root directory
 * with its text files (procfs_files.c), `self` (a symlink to the caller's
 * own directory, as on Linux) and one directory per process
 * (procfs_pid_dir.c).  Every name is volatile: nodes are made at lookup
 * and freed when unused, so a process that has gone disappears at once.
 */
#include "fs/procfs.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/format.h"
#include "core/kstring.h"
#include "fs/procfs_files.h"
#include "fs/procfs_internal.h"
#include "mm/kheap.h"

#define PROCFS_PID_DIGITS 12u /* a pid in decimal, with its NUL */
#define PROCFS_DECIMAL 10

static vnode_sb_t procfs_sb = { .fstype = "proc", .dev = VNODE_DEV_PROC, .read_only = true, .volatile_names = true,
				.magic = VNODE_MAGIC_PROC };
static const vnode_ops_t procfs_root_ops;
static const vnode_ops_t procfs_self_ops;
static const vnode_ops_t procfs_text_ops;

void procfs_release_data(vnode_t *node)
{
	kfree(node->data);
}

int procfs_make(const vnode_ops_t *ops, uint32_t mode, uint64_t ino, void *data, vnode_t **out)
{
	vnode_t *n = vnode_alloc(&procfs_sb, ino, ops, false);
	if (!n) {
		if (ops->release)
			kfree(data);
		return -ENOMEM;
	}
	n->mode = mode;
	n->nlink = (mode & AEGIS_S_IFMT) == AEGIS_S_IFDIR ? 2u : 1u;
	n->data = data;
	*out = n;
	return 0;
}

bool procfs_name_is(const char *name, size_t len, const char *want)
{
	return kstrlen(want) == len && kmemcmp(name, want, len) == 0;
}

long procfs_name_number(const char *name, size_t len)
{
	if (len == 0 || len >= PROCFS_PID_DIGITS || (len > 1 && name[0] == '0'))
		return -1;
	long v = 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * PROCFS_DECIMAL + (name[i] - '0');
	}
	return v;
}

static int procfs_root_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	(void)dir;
	if (procfs_name_is(name, len, "self"))
		return procfs_make(&procfs_self_ops, AEGIS_S_IFLNK | PROCFS_LINK_PERM, PROCFS_INO_SELF, NULL, out);
	long pid = procfs_name_number(name, len);
	if (pid > 0)
		return procfs_pid_dir_lookup((int)pid, out);
	size_t count;
	const procfs_file_t *files = procfs_files(&count);
	for (size_t i = 0; i < count; i++)
		if (procfs_name_is(name, len, files[i].name))
			return procfs_make(&procfs_text_ops, AEGIS_S_IFREG | PROCFS_FILE_PERM, PROCFS_INO_FILES + i,
					   (void *)&files[i], out);
	return -ENOENT;
}

static int procfs_root_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	(void)dir;
	vnode_dirent_t self = { "self", 4, PROCFS_INO_SELF, AEGIS_DT_LNK };
	int r = fn(ctx, &self);
	size_t count;
	const procfs_file_t *files = procfs_files(&count);
	for (size_t i = 0; r == 0 && i < count; i++) {
		vnode_dirent_t d = { files[i].name, kstrlen(files[i].name), PROCFS_INO_FILES + i, AEGIS_DT_REG };
		r = fn(ctx, &d);
	}
	for (unsigned slot = 0; r == 0 && slot < PROC_MAX; slot++) {
		process_t *p = proc_slot(slot);
		if (!p)
			continue;
		char name[PROCFS_PID_DIGITS];
		size_t len = ksnprintf(name, sizeof(name), "%d", p->pid);
		vnode_dirent_t d = { name, len, (uint64_t)p->pid * PROCFS_INO_PER_PID, AEGIS_DT_DIR };
		r = fn(ctx, &d);
	}
	return r;
}

static int64_t procfs_text_read(vnode_t *node, uint64_t offset, void *buf, size_t len)
{
	return procfs_file_read(node->data, offset, buf, len);
}

/* /proc/self: the caller's pid; a kernel task has none. */
static long procfs_self_readlink(vnode_t *node, char *buf, size_t cap)
{
	(void)node;
	process_t *p = proc_current();
	if (!p)
		return -ENOENT;
	char name[PROCFS_PID_DIGITS];
	size_t n = ksnprintf(name, sizeof(name), "%d", p->pid);
	kmemcpy(buf, name, n < cap ? n : cap);
	return (long)n;
}

static const vnode_ops_t procfs_root_ops = { .lookup = procfs_root_lookup, .list = procfs_root_list };
static const vnode_ops_t procfs_self_ops = { .readlink = procfs_self_readlink };
static const vnode_ops_t procfs_text_ops = { .read = procfs_text_read };

vnode_t *procfs_new_root(void)
{
	vnode_t *n = NULL;
	procfs_make(&procfs_root_ops, AEGIS_S_IFDIR | PROCFS_DIR_PERM, PROCFS_INO_ROOT, NULL, &n);
	return n;
}
