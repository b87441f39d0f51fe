/*
 * /proc/<pid>/fd (spec/filesystems.md FS-086): the open descriptors, lowest
 * first, and each one's link target.  A file opened from the namespace is
 * named by the caller's hook (the procfs knows paths); any other file names
 * itself through its link_name op (pipe:[N], /dev/console, ...).
 */
#include "fs/procfs_pid.h"

#include <aegis/errno.h>

#include "core/format.h"
#include "mm/kheap.h"

long procfs_pid_fd_target(process_t *p, int fd, const procfs_fd_namer_t *namer, char *buf, size_t cap)
{
	if (!p || fd < 0 || (unsigned)fd >= FDTABLE_MAX)
		return -ENOENT;
	file_t *f = fdtable_get(&p->fds, fd);
	if (!f)
		return -ENOENT;
	if (f->node && namer && namer->path) {
		long n = namer->path(namer->ctx, f, buf, cap);
		if (n >= 0)
			return n;
	}
	if (f->ops && f->ops->link_name)
		return (long)f->ops->link_name(f, buf, cap);
	return (long)ksnprintf(buf, cap, "anon_inode:[file]");
}

int procfs_pid_fd_list(process_t *p, const procfs_fd_namer_t *namer, procfs_fd_visit_fn fn, void *ctx)
{
	if (!p)
		return 0;
	char *target = kmalloc(PROCFS_FD_TARGET_MAX);
	if (!target)
		return -ENOMEM;
	int r = 0;
	for (int fd = 0; (unsigned)fd < FDTABLE_MAX && r == 0; fd++) {
		long n = procfs_pid_fd_target(p, fd, namer, target, PROCFS_FD_TARGET_MAX);
		if (n < 0)
			continue;
		size_t len = (size_t)n < PROCFS_FD_TARGET_MAX ? (size_t)n : PROCFS_FD_TARGET_MAX - 1;
		r = fn(ctx, fd, target, len);
	}
	kfree(target);
	return r;
}
