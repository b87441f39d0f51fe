/*
 * Open files and per-process descriptor tables.
 *
 * A file_t is an open file description: operations, a reference count
 * (shared by dup and fork), status flags and the object behind it.  A
 * descriptor table maps small integers to files with a per-descriptor
 * close-on-exec flag.  The VFS (the file-systems issue) adds regular files,
 * directories and devices as further file_t kinds; the console and pipes are
 * the first ones.
 */
#ifndef AEGIS_KERNEL_PROC_FDTABLE_H
#define AEGIS_KERNEL_PROC_FDTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDTABLE_MAX 256u /* descriptors per process (RLIMIT_NOFILE's hard ceiling) */

struct file;
struct process;
struct vnode;
struct dentry;
struct aegis_stat;

typedef struct {
	/* Bytes moved (>= 0) or -errno; buf is a kernel buffer. */
	int64_t (*read)(struct file *f, void *buf, size_t len);
	int64_t (*write)(struct file *f, const void *buf, size_t len);
	/* The last reference is gone: release the object. */
	void (*release)(struct file *f);
	/* fstat of a file with no node (pipes, the console); NULL: a plain character device. */
	void (*stat)(struct file *f, struct aegis_stat *st);
	/* poll readiness (POLL_* bits of ipc/poll_wait.h); NULL: always readable and writable. */
	uint32_t (*poll)(struct file *f);
	/* ioctl with the user's argument (the op copies it); NULL: -ENOTTY. */
	int64_t (*ioctl)(struct file *f, struct process *p, uint32_t cmd, uint64_t arg);
	/* /proc/<pid>/fd's link target of a file with no node, as ksnprintf writes it; NULL: anon_inode:[file]. */
	size_t (*link_name)(struct file *f, char *buf, size_t cap);
} file_ops_t;

typedef struct file {
	const file_ops_t *ops;
	uint32_t refs;
	uint32_t flags; /* O_* status flags */
	void *object;
	struct dentry *dentry; /* the name it was opened by (held), or NULL */
	struct vnode *node;     /* the file behind it: the dentry's, or held itself when there is no dentry */
	uint64_t pos;       /* file offset (seekable files) */
} file_t;

typedef struct {
	file_t *files[FDTABLE_MAX];
	uint8_t cloexec[FDTABLE_MAX];
} fdtable_t;

/* A new file with one reference; NULL when memory is short. */
file_t *file_create(const file_ops_t *ops, void *object, uint32_t flags);
void file_retain(file_t *f);
void file_release(file_t *f);

void fdtable_init(fdtable_t *t);
/* Put f (taking the caller's reference) at the lowest free descriptor >= min: the descriptor or -EMFILE. */
int fdtable_install(fdtable_t *t, file_t *f, int min, bool cloexec);
/* The same, using only descriptors below limit (RLIMIT_NOFILE): the descriptor or -EMFILE. */
int fdtable_install_below(fdtable_t *t, file_t *f, int min, uint32_t limit, bool cloexec);
/* The file at fd (no new reference) or NULL. */
file_t *fdtable_get(fdtable_t *t, int fd);
/* Close fd: 0 or -EBADF. */
int fdtable_close(fdtable_t *t, int fd);
/* Fork: dst shares every file of src. */
void fdtable_fork(fdtable_t *dst, const fdtable_t *src);
/* Exec: close the close-on-exec descriptors. */
void fdtable_exec(fdtable_t *t);
/* Exit: close everything. */
void fdtable_close_all(fdtable_t *t);

#endif
