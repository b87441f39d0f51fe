/*
 * The mount table (spec/filesystems.md FS-100..): which file system's root
 * hangs over which directory.  The namespace root is the first mount; the
 * kernel mounts devfs on /dev, procfs on /proc, ramfs on /tmp and /run and
 * a platform disk on /mnt at boot (vfs_boot.c).  A mount point missing from
 * the file system below is made as an empty kernel directory, so a machine
 * without a root image still has /dev and /proc.
 */
#ifndef AEGIS_FS_MOUNT_H
#define AEGIS_FS_MOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "fs/dentry.h"

#define VFS_MOUNT_PATH_MAX 64u /* longest mount-point path */
#define VFS_MOUNTS_MAX 16u

typedef struct vfs_mount {
	dentry_t *root;  /* the mounted file system's root (held) */
	dentry_t *point; /* the dentry it covers (held); NULL for the namespace root */
	vnode_sb_t *sb;
	char path[VFS_MOUNT_PATH_MAX];
	struct vfs_mount *next;
} vfs_mount_t;

/* The namespace root dentry (borrowed), or NULL before vfs_mount_root. */
dentry_t *vfs_namespace_root(void);

/* Make node (taking the caller's reference) the namespace root: 0 or -ENOMEM, -EBUSY (already). */
int vfs_mount_root(vnode_t *node);

/*
 * Mount the file system whose root is node (taking the caller's reference)
 * on the directory at absolute path: 0, -ENOTDIR, -EBUSY (something is
 * mounted there), -ENOENT (the parent is missing), -ENOMEM, -ENOSPC (table full).
 */
int vfs_mount_at(const char *path, vnode_t *node);

/* The mount over d, or the mount whose root d is (for the walker). */
dentry_t *vfs_mount_covering(const dentry_t *d);
dentry_t *vfs_mount_point_of(const dentry_t *d);

/* Whether d is a mount point the VFS made because the file system below lacked it. */
bool vfs_mount_is_stub(const dentry_t *d);

/* Visit every mount in mount order; a non-zero return stops and is returned. */
int vfs_mount_each(int (*fn)(void *ctx, const vfs_mount_t *m), void *ctx);

/* sync(2): every file system's pending changes; 0 or the first error. */
int vfs_sync_all(void);

/* Forget every mount (tests, between machines). */
void vfs_mount_reset(void);

#endif
