/*
 * The calls that change the namespace and files' attributes
 * (spec/filesystems.md FS-016..FS-025): the VFS checks permissions, mount
 * boundaries and kinds once, then asks the file system; the dentry cache
 * follows what changed.
 */
#ifndef AEGIS_FS_VFS_OPS_H
#define AEGIS_FS_VFS_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/dentry.h"
#include "proc/process.h"

/*
 * Make name in dir (held by the caller) as a regular file, directory or
 * symlink (what->mode's type; the permission bits are taken through p's
 * umask by the caller), owned by p's effective IDs (the directory's group
 * when it is set-group-ID; what's uid and gid count only for the kernel, p
 * NULL): 0 and *out held, or -EEXIST, -EACCES, -EROFS, -ENOSPC, -EIO,
 * -ENAMETOOLONG.
 */
int vfs_create(process_t *p, dentry_t *dir, const char *name, const vnode_create_t *what, dentry_t **out);
/* A hard link name in dir to the non-directory at old: 0, -EPERM (directory), -EXDEV, -EEXIST, ... */
int vfs_link(process_t *p, dentry_t *old, dentry_t *dir, const char *name);
/* Remove name from dir: unlink (is_dir false) or rmdir (true). */
int vfs_remove(process_t *p, dentry_t *dir, const char *name, bool is_dir);
/* Move old_name in old_dir to new_name in new_dir (replacing); noreplace: -EEXIST when it exists. */
int vfs_rename(process_t *p, dentry_t *old_dir, const char *old_name, dentry_t *new_dir, const char *new_name,
	       bool noreplace);

/* Set a regular file's size; check: p needs write permission. */
int vfs_truncate_node(process_t *p, vnode_t *node, uint64_t size, bool check);
/* chmod: the owner only; the type bits stay. */
int vfs_chmod(process_t *p, vnode_t *node, uint32_t mode);
/* chown: uid/gid CRED_ID_UNCHANGED keep; see FS-022 for who may. */
int vfs_chown(process_t *p, vnode_t *node, uint32_t uid, uint32_t gid);
/* fsync: the node's pending changes. */
int vfs_fsync(vnode_t *node);

#endif
