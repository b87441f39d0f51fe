/*
 * /proc, first slice (spec/filesystems.md FS-040..): /proc/self/exe, the
 * calling process's program, which busybox and other multi-call programs
 * exec to run themselves.  /proc/self is a directory here, not Linux's link
 * to /proc/<pid>; the per-process directories come with the file-systems
 * issue.
 */
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/kstring.h"
#include "fs/vfs_union.h"
#include "proc/process.h"

#define PROCFS_DIR_PERM 0555u
#define PROCFS_LINK_PERM 0777u
#define PROCFS_INO_SELF 2u
#define PROCFS_INO_EXE 3u

static const vnode_ops_t procfs_root_ops;
static const vnode_ops_t procfs_self_ops;
static const vnode_ops_t procfs_exe_ops;
static vnode_t *procfs_dir;

static bool procfs_name_is(const char *name, size_t len, const char *want)
{
	return kstrlen(want) == len && kmemcmp(name, want, len) == 0;
}

static int procfs_make(vnode_t *dir, const char *name, size_t len, const vnode_ops_t *ops, uint32_t mode,
                       uint64_t ino, vnode_t **out)
{
	vnode_t *n = vnode_new_child(dir, name, len, ops);
	if (!n)
		return -ENOMEM;
	n->mode = mode;
	n->dev = VNODE_DEV_PROC;
	n->ino = ino;
	n->nlink = (mode & AEGIS_S_IFMT) == AEGIS_S_IFDIR ? 2u : 1u;
	vnode_cache_add(n);
	*out = n;
	return 0;
}

static int procfs_root_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	if (!procfs_name_is(name, len, "self"))
		return -ENOENT;
	return procfs_make(dir, name, len, &procfs_self_ops, AEGIS_S_IFDIR | PROCFS_DIR_PERM, PROCFS_INO_SELF, out);
}

static int procfs_root_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	(void)dir;
	vnode_dirent_t d = { "self", 4, PROCFS_INO_SELF, AEGIS_DT_DIR };
	return fn(ctx, &d);
}

static int procfs_self_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	if (!procfs_name_is(name, len, "exe"))
		return -ENOENT;
	return procfs_make(dir, name, len, &procfs_exe_ops, AEGIS_S_IFLNK | PROCFS_LINK_PERM, PROCFS_INO_EXE, out);
}

static int procfs_self_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	(void)dir;
	vnode_dirent_t d = { "exe", 3, PROCFS_INO_EXE, AEGIS_DT_LNK };
	return fn(ctx, &d);
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

static void procfs_forget(vnode_t *node)
{
	if (node == procfs_dir)
		procfs_dir = NULL;
}

static const vnode_ops_t procfs_root_ops = { .lookup = procfs_root_lookup, .list = procfs_root_list,
	                                     .forget = procfs_forget };
static const vnode_ops_t procfs_self_ops = { .lookup = procfs_self_lookup, .list = procfs_self_list };
static const vnode_ops_t procfs_exe_ops = { .readlink = procfs_exe_readlink };

vnode_t *procfs_root(void)
{
	if (!procfs_dir)
		procfs_dir = vnode_new_kernel_dir("/proc", &procfs_root_ops, VNODE_DEV_PROC, PROCFS_DIR_PERM);
	return procfs_dir;
}
