/*
 * The namespace as processes see it (spec/filesystems.md FS-001..): path
 * resolution over the dentry tree from a process's working directory, open,
 * and the shared permission checks.  The calls that change the namespace
 * are in vfs_ops.h.
 */
#ifndef AEGIS_FS_VFS_H
#define AEGIS_FS_VFS_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/dentry.h"
#include "fs/vnode.h"
#include "proc/fdtable.h"
#include "proc/process.h"

/* flags of vfs_resolve */
#define VFS_NOFOLLOW 0x1u   /* do not follow a symlink in the last component */
#define VFS_EMPTY_PATH 0x2u /* "" names the start directory (AT_EMPTY_PATH) */

/* The namespace root (borrowed), NULL before the root is mounted. */
dentry_t *vfs_root(void);

/* The dentry dirfd names for *at calls, held: AT_FDCWD is p's working directory. 0, -EBADF or -ENOTDIR. */
int vfs_start_dentry(process_t *p, int dirfd, dentry_t **out);

/* Resolve a kernel copy of a path from start (NULL: the root) for p (NULL: the kernel): 0 and *out held, or -errno. */
int vfs_resolve(process_t *p, dentry_t *start, const char *path, unsigned flags, dentry_t **out);

/*
 * Resolve the directory that holds path's last name (symlinks on the way
 * followed, the last name never): 0 with *dir held and the name copied into
 * name[PATH_NAME_MAX + 1], or -errno.  create: the caller would make the name
 * (the last component "." or ".." then fails with -EEXIST, else -EINVAL).
 */
int vfs_resolve_parent(process_t *p, dentry_t *start, const char *path, bool create, dentry_t **dir, char *name);

/* The child name of directory dir: 0 and *out (borrowed until the next trim), -ENOENT, -ENOTDIR, -ENOMEM. */
int vfs_lookup_child(dentry_t *dir, const char *name, size_t len, dentry_t **out);

/* Open the file at d with O_* flags: 0 and a new file (one reference), or -errno. */
int vfs_open(process_t *p, dentry_t *d, uint32_t oflags, file_t **out);

/* Whether p may search directory dir (execute permission): 0 or -EACCES. */
int vfs_may_search(process_t *p, vnode_t *dir);
/* Whether p may access node for want (CRED_ACCESS_* bits): 0 or -EACCES. */
int vfs_may_access(process_t *p, vnode_t *node, uint32_t want);

/* The working directory: p's, held (the root when p has none). */
dentry_t *vfs_cwd(process_t *p);
/* Replace p's working directory with d (taking the caller's reference). */
void vfs_set_cwd(process_t *p, dentry_t *d);

#endif
