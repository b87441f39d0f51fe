/*
 * The namespace as processes see it (spec/filesystems.md FS-001..): path
 * resolution from a process's root and working directory with the path
 * walker, opening a node as a file, and the calls' shared checks.
 */
#ifndef AEGIS_FS_VFS_H
#define AEGIS_FS_VFS_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/vnode.h"
#include "proc/fdtable.h"
#include "proc/process.h"

/* flags of vfs_resolve */
#define VFS_NOFOLLOW 0x1u   /* do not follow a symlink in the last component */
#define VFS_EMPTY_PATH 0x2u /* "" names the start directory (AT_EMPTY_PATH) */

/* The root of the namespace (NULL only when memory is short). */
vnode_t *vfs_root(void);

/* The node dirfd names for *at calls: AT_FDCWD is p's working directory. 0, -EBADF or -ENOTDIR. */
int vfs_start_node(process_t *p, int dirfd, vnode_t **out);

/* Resolve a kernel copy of a path from start for p: 0 and *out, or -errno. */
int vfs_resolve(process_t *p, vnode_t *start, const char *path, unsigned flags, vnode_t **out);

/*
 * Resolve the directory that holds path's last name (symlinks on the way
 * followed, the last name never): 0 with *dir and the name copied into
 * name[PATH_NAME_MAX + 1], or -errno.  create: the caller would make the name
 * (the last component "." or ".." then fails with -EEXIST, else -EINVAL).
 */
int vfs_resolve_parent(process_t *p, vnode_t *start, const char *path, bool create, vnode_t **dir, char *name);

/* The child name of directory dir (through the cache): 0 and *out, -ENOENT, -ENOTDIR, -ENOMEM. */
int vfs_lookup_child(vnode_t *dir, const char *name, size_t len, vnode_t **out);

/*
 * Open node with O_* flags: 0 and a new file (one reference), or -errno.
 * The namespace is read-only for now: asking to write a regular file or a
 * directory fails with -EROFS (-EISDIR for a directory), devices may be
 * written.
 */
int vfs_open(process_t *p, vnode_t *node, uint32_t oflags, file_t **out);

/* Whether p may search directory dir (execute permission): 0 or -EACCES. */
int vfs_may_search(process_t *p, vnode_t *dir);

#endif
