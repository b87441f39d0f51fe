/*
 * The root file system (vfs_union.c): the initrd over the ext2 root image
 * as one tree.  A name the initrd holds is the initrd's (read-only); a
 * directory in both lists both; everything else is ext2's own vnode, so
 * below an ext2-only directory the union is not involved at all.
 */
#ifndef AEGIS_FS_VFS_UNION_H
#define AEGIS_FS_VFS_UNION_H

#include "fs/vnode.h"

#define VFS_UNION_EMPTY_ROOT_PERM 0755u /* "/" when neither file system is there */

/* The root vnode of the union of the initrd and lower (an ext2 root vnode, taken; may be NULL): one reference. */
vnode_t *vfs_union_root(vnode_t *lower);

#endif
