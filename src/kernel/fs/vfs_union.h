/*
 * The root of the namespace (vfs_union.c): the initrd over the ext2 root file
 * system, with the kernel's trees grafted at /dev and /proc.
 */
#ifndef AEGIS_FS_VFS_UNION_H
#define AEGIS_FS_VFS_UNION_H

#include "fs/vnode.h"

#define VFS_UNION_EMPTY_ROOT_PERM 0755u /* "/" when neither file system is there */

/* The root node, made on first use: NULL only when memory is short. */
vnode_t *vfs_union_root(void);

/* The kernel tree grafted at /<name> ("dev", "proc"), or NULL. */
vnode_t *vfs_union_graft(const char *name, size_t len);
/* List the grafts as entries of "/". */
int vfs_union_list_grafts(vnode_dirent_fn fn, void *ctx);

/* The grafted trees' roots (devfs.c, procfs.c). */
vnode_t *devfs_root(void);
vnode_t *procfs_root(void);

#endif
