/*
 * /proc, first slice (spec/filesystems.md FS-040..): /proc/self/exe, the
 * calling process's program, which busybox and other multi-call programs
 * exec to run themselves, and the generated text files of procfs_files.c.  /proc/self is a directory here, not Linux's link
 * to /proc/<pid>; the per-process directories come with the file-systems
 * issue.
 */
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/procfs_files.h"
#include "fs/procfs.h"
#include "proc/process.h"

#define PROCFS_DIR_PERM 0555u
#define PROCFS_LINK_PERM 0777u
#define PROCFS_INO_SELF 2u
#define PROCFS_INO_EXE 3u
#define PROCFS_INO_FILES 16u      /* inode numbers of /proc's text files, in table order */
#define PROCFS_INO_SELF_FILES 32u /* and of /proc/self's */
#define PROCFS_FILE_PERM 0444u

static const vnode_ops_t procfs_root_ops;
static const vnode_ops_t procfs_self_ops;
static const vnode_ops_t procfs_exe_ops;
static const vnode_ops_t procfs_text_ops;
static vnode_sb_t procfs_sb = { .fstype = "proc", .dev = VNODE_DEV_PROC, .read_only = true, .volatile_names = true };
#define PROCFS_ROOT_INO 1u

static bool procfs_name_is(const char *name, size_t len, const char *want)
{
	return kstrlen(want) == len && kmemcmp(name, want, len) == 0;
}

static int procfs_make(const vnode_ops_t *ops, uint32_t mode, uint64_t ino, vnode_t **out)
{
	vnode_t *n = vnode_alloc(&procfs_sb, ino, ops, false);
	if (!n)
		return -ENOMEM;
	n->mode = mode;
	n->nlink = (mode & AEGIS_S_IFMT) == AEGIS_S_IFDIR ? 2u : 1u;
	*out = n;
	return 0;
}

/* A generated text file of dir (self: /proc/self), or -ENOENT. */
static int procfs_text_lookup(vnode_t *dir, bool self, const char *name, size_t len, vnode_t **out)
{
	size_t count;
	const procfs_file_t *files = procfs_files(self, &count);
	for (size_t i = 0; i < count; i++) {
		if (!procfs_name_is(name, len, files[i].name))
			continue;
		int r = procfs_make(&procfs_text_ops, AEGIS_S_IFREG | PROCFS_FILE_PERM,
		                    (self ? PROCFS_INO_SELF_FILES : PROCFS_INO_FILES) + i, out);
		if (r == 0)
			(*out)->data = (void *)&files[i];
		return r;
	}
	return -ENOENT;
}

static int procfs_text_list(bool self, vnode_dirent_fn fn, void *ctx)
{
	size_t count;
	const procfs_file_t *files = procfs_files(self, &count);
	for (size_t i = 0; i < count; i++) {
		vnode_dirent_t d = { files[i].name, kstrlen(files[i].name),
			             (self ? PROCFS_INO_SELF_FILES : PROCFS_INO_FILES) + i, AEGIS_DT_REG };
		int r = fn(ctx, &d);
		if (r != 0)
			return r;
	}
	return 0;
}

static int procfs_root_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	if (procfs_name_is(name, len, "self"))
		return procfs_make(&procfs_self_ops, AEGIS_S_IFDIR | PROCFS_DIR_PERM, PROCFS_INO_SELF, out);
	return procfs_text_lookup(dir, false, name, len, out);
}

static int procfs_root_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	(void)dir;
	vnode_dirent_t d = { "self", 4, PROCFS_INO_SELF, AEGIS_DT_DIR };
	int r = fn(ctx, &d);
	return r != 0 ? r : procfs_text_list(false, fn, ctx);
}

static int procfs_self_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	if (procfs_name_is(name, len, "exe"))
		return procfs_make(&procfs_exe_ops, AEGIS_S_IFLNK | PROCFS_LINK_PERM, PROCFS_INO_EXE, out);
	return procfs_text_lookup(dir, true, name, len, out);
}

static int procfs_self_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	(void)dir;
	vnode_dirent_t d = { "exe", 3, PROCFS_INO_EXE, AEGIS_DT_LNK };
	int r = fn(ctx, &d);
	return r != 0 ? r : procfs_text_list(true, fn, ctx);
}

static int64_t procfs_text_read(vnode_t *node, uint64_t offset, void *buf, size_t len)
{
	return procfs_file_read(node->data, offset, buf, len);
}

/* The caller's program path; a kernel task has none. */
static long procfs_exe_readlink(vnode_t *node, char *buf, size_t cap)
{
	(void)node;
	process_t *p = proc_current();
	if (!p || !p->exe_path[0])
		return -ENOENT;
	size_t n = kstrlen(p->exe_path);
	kmemcpy(buf, p->exe_path, n < cap ? n : cap);
	return (long)n;
}

static const vnode_ops_t procfs_root_ops = { .lookup = procfs_root_lookup, .list = procfs_root_list };
static const vnode_ops_t procfs_self_ops = { .lookup = procfs_self_lookup, .list = procfs_self_list };
static const vnode_ops_t procfs_exe_ops = { .readlink = procfs_exe_readlink };
static const vnode_ops_t procfs_text_ops = { .read = procfs_text_read };

vnode_t *procfs_new_root(void)
{
	vnode_t *n = NULL;
	procfs_make(&procfs_root_ops, AEGIS_S_IFDIR | PROCFS_DIR_PERM, PROCFS_ROOT_INO, &n);
	return n;
}
