/*
 * /proc/<pid> (spec/filesystems.md FS-080..FS-087): the text files of
 * procfs_pid.c, `exe` and `cwd` (symlinks), and `fd`, a directory of one
 * symlink per open descriptor.  A node holds the pid, not the process:
 * each read finds the process again, so one that has gone answers -ESRCH.
 * Guarded entries (maps, exe, cwd, fd) need procfs_pid_may_read.
 */
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "core/format.h"
#include "core/kstring.h"
#include "fs/dentry.h"
#include "fs/procfs_files.h"
#include "fs/procfs_internal.h"
#include "fs/procfs_pid.h"
#include "mm/kheap.h"

#define PROCFS_FD_DIGITS 8u

typedef struct {
	int pid;
	int fd;                        /* fd links */
	const procfs_pid_file_t *file; /* text files */
} procfs_pid_node_t;

static const vnode_ops_t pid_dir_ops;
static const vnode_ops_t pid_text_ops;
static const vnode_ops_t pid_exe_ops;
static const vnode_ops_t pid_cwd_ops;
static const vnode_ops_t pid_fd_dir_ops;
static const vnode_ops_t pid_fd_ops;

static const procfs_pid_node_t *pid_data(const vnode_t *n)
{
	return n->data;
}

process_t *procfs_node_process(const vnode_t *node)
{
	return proc_find(pid_data(node)->pid);
}

/* The process behind node if the caller may read its guarded entries: 0, -ESRCH or -EACCES. */
static int pid_guarded(const vnode_t *node, process_t **out)
{
	process_t *p = procfs_node_process(node);
	if (!p)
		return -ESRCH;
	process_t *viewer = proc_current();
	if (viewer && !procfs_pid_may_read(viewer, p))
		return -EACCES;
	*out = p;
	return 0;
}

static int pid_node(const vnode_ops_t *ops, uint32_t mode, int pid, uint64_t slot, const procfs_pid_file_t *file,
		    int fd, vnode_t **out)
{
	procfs_pid_node_t *d = kmalloc(sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->pid = pid;
	d->fd = fd;
	d->file = file;
	int r = procfs_make(ops, mode, (uint64_t)pid * PROCFS_INO_PER_PID + slot, d, out);
	if (r == 0) {
		process_t *p = proc_find(pid);
		if (p) {
			(*out)->uid = p->cred.euid;
			(*out)->gid = p->cred.egid;
		}
	}
	return r;
}

int procfs_pid_dir_lookup(int pid, vnode_t **out)
{
	if (!proc_find(pid))
		return -ENOENT;
	return pid_node(&pid_dir_ops, AEGIS_S_IFDIR | PROCFS_DIR_PERM, pid, PROCFS_SLOT_DIR, NULL, -1, out);
}

static int pid_dir_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	int pid = pid_data(dir)->pid;
	if (!proc_find(pid))
		return -ENOENT;
	if (procfs_name_is(name, len, "exe"))
		return pid_node(&pid_exe_ops, AEGIS_S_IFLNK | PROCFS_LINK_PERM, pid, PROCFS_SLOT_EXE, NULL, -1, out);
	if (procfs_name_is(name, len, "cwd"))
		return pid_node(&pid_cwd_ops, AEGIS_S_IFLNK | PROCFS_LINK_PERM, pid, PROCFS_SLOT_CWD, NULL, -1, out);
	if (procfs_name_is(name, len, "fd"))
		return pid_node(&pid_fd_dir_ops, AEGIS_S_IFDIR | PROCFS_GUARDED_PERM | 0100u, pid, PROCFS_SLOT_FD_DIR,
				NULL, -1, out);
	size_t count;
	const procfs_pid_file_t *files = procfs_pid_files(&count);
	for (size_t i = 0; i < count; i++)
		if (procfs_name_is(name, len, files[i].name))
			return pid_node(&pid_text_ops,
					AEGIS_S_IFREG | (files[i].guarded ? PROCFS_GUARDED_PERM : PROCFS_FILE_PERM), pid,
					PROCFS_SLOT_FILES + i, &files[i], -1, out);
	return -ENOENT;
}

static int pid_dir_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	uint64_t base = (uint64_t)pid_data(dir)->pid * PROCFS_INO_PER_PID;
	static const struct {
		const char *name;
		uint64_t slot;
		uint8_t type;
	} fixed[] = { { "cwd", PROCFS_SLOT_CWD, AEGIS_DT_LNK },
		      { "exe", PROCFS_SLOT_EXE, AEGIS_DT_LNK },
		      { "fd", PROCFS_SLOT_FD_DIR, AEGIS_DT_DIR } };
	int r = 0;
	for (size_t i = 0; r == 0 && i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		vnode_dirent_t d = { fixed[i].name, kstrlen(fixed[i].name), base + fixed[i].slot, fixed[i].type };
		r = fn(ctx, &d);
	}
	size_t count;
	const procfs_pid_file_t *files = procfs_pid_files(&count);
	for (size_t i = 0; r == 0 && i < count; i++) {
		vnode_dirent_t d = { files[i].name, kstrlen(files[i].name), base + PROCFS_SLOT_FILES + i, AEGIS_DT_REG };
		r = fn(ctx, &d);
	}
	return r;
}

/* A text file: made whole at each read, served from the offset. */
static int64_t pid_text_read(vnode_t *node, uint64_t offset, void *buf, size_t len)
{
	const procfs_pid_node_t *d = pid_data(node);
	process_t *p = proc_find(d->pid);
	if (!p)
		return -ESRCH;
	if (d->file->guarded) {
		int r = pid_guarded(node, &p);
		if (r != 0)
			return r;
	}
	char *text = kmalloc(PROCFS_PID_TEXT_MAX);
	if (!text)
		return -ENOMEM;
	size_t n = d->file->generate(p, text, PROCFS_PID_TEXT_MAX);
	if (n >= PROCFS_PID_TEXT_MAX)
		n = PROCFS_PID_TEXT_MAX - 1u;
	int64_t got = procfs_text_copy(text, n, offset, buf, len);
	kfree(text);
	return got;
}

static long pid_copy_link(const char *text, size_t n, char *buf, size_t cap)
{
	kmemcpy(buf, text, n < cap ? n : cap);
	return (long)n;
}

static long pid_exe_readlink(vnode_t *node, char *buf, size_t cap)
{
	process_t *p;
	int r = pid_guarded(node, &p);
	if (r != 0)
		return r;
	if (!p->exe_path[0])
		return -ENOENT;
	return pid_copy_link(p->exe_path, kstrlen(p->exe_path), buf, cap);
}

static long pid_cwd_readlink(vnode_t *node, char *buf, size_t cap)
{
	process_t *p;
	int r = pid_guarded(node, &p);
	if (r != 0)
		return r;
	if (!p->cwd)
		return pid_copy_link("/", 1, buf, cap);
	return dentry_path(p->cwd, buf, cap) < 0 ? -ENAMETOOLONG : (long)kstrlen(buf);
}

/* The namer of /proc/<pid>/fd: a file opened from the namespace by its current path. */
static long pid_fd_path(void *ctx, const file_t *f, char *buf, size_t cap)
{
	(void)ctx;
	return f->dentry ? dentry_path(f->dentry, buf, cap) : -1;
}

static const procfs_fd_namer_t pid_fd_namer = { pid_fd_path, NULL };

static int pid_fd_dir_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **out)
{
	process_t *p;
	int r = pid_guarded(dir, &p);
	if (r != 0)
		return r;
	long fd = procfs_name_number(name, len);
	if (fd < 0 || fd >= (long)FDTABLE_MAX || !fdtable_get(&p->fds, (int)fd))
		return -ENOENT;
	return pid_node(&pid_fd_ops, AEGIS_S_IFLNK | PROCFS_GUARDED_PERM | 0300u, pid_data(dir)->pid,
			PROCFS_SLOT_FD + (uint64_t)fd, NULL, (int)fd, out);
}

typedef struct {
	vnode_dirent_fn fn;
	void *ctx;
	uint64_t base;
} pid_fd_list_t;

static int pid_fd_visit(void *ctx, int fd, const char *target, size_t len)
{
	(void)target;
	(void)len;
	pid_fd_list_t *l = ctx;
	char name[PROCFS_FD_DIGITS];
	size_t n = ksnprintf(name, sizeof(name), "%d", fd);
	vnode_dirent_t d = { name, n, l->base + PROCFS_SLOT_FD + (uint64_t)fd, AEGIS_DT_LNK };
	return l->fn(l->ctx, &d);
}

static int pid_fd_dir_list(vnode_t *dir, vnode_dirent_fn fn, void *ctx)
{
	process_t *p;
	int r = pid_guarded(dir, &p);
	if (r != 0)
		return r;
	pid_fd_list_t l = { fn, ctx, (uint64_t)pid_data(dir)->pid * PROCFS_INO_PER_PID };
	return procfs_pid_fd_list(p, &pid_fd_namer, pid_fd_visit, &l);
}

static long pid_fd_readlink(vnode_t *node, char *buf, size_t cap)
{
	process_t *p;
	int r = pid_guarded(node, &p);
	if (r != 0)
		return r;
	char *target = kmalloc(PROCFS_FD_TARGET_MAX);
	if (!target)
		return -ENOMEM;
	long n = procfs_pid_fd_target(p, pid_data(node)->fd, &pid_fd_namer, target, PROCFS_FD_TARGET_MAX);
	if (n >= 0)
		n = pid_copy_link(target, (size_t)n < PROCFS_FD_TARGET_MAX ? (size_t)n : PROCFS_FD_TARGET_MAX - 1u, buf,
				  cap);
	kfree(target);
	return n;
}

static const vnode_ops_t pid_dir_ops = { .lookup = pid_dir_lookup, .list = pid_dir_list,
					 .release = procfs_release_data };
static const vnode_ops_t pid_text_ops = { .read = pid_text_read, .release = procfs_release_data };
static const vnode_ops_t pid_exe_ops = { .readlink = pid_exe_readlink, .release = procfs_release_data };
static const vnode_ops_t pid_cwd_ops = { .readlink = pid_cwd_readlink, .release = procfs_release_data };
static const vnode_ops_t pid_fd_dir_ops = { .lookup = pid_fd_dir_lookup, .list = pid_fd_dir_list,
					    .release = procfs_release_data };
static const vnode_ops_t pid_fd_ops = { .readlink = pid_fd_readlink, .release = procfs_release_data };
