/*
 * ext2 as a file system of the namespace (spec/filesystems.md FS-100..):
 * the ext2 library (fs/ext2/) behind vnode ops, one instance per mount.
 */
#ifndef AEGIS_FS_EXT2_VFS_H
#define AEGIS_FS_EXT2_VFS_H

#include "fs/ext2/ext2.h"
#include "fs/vnode.h"

/*
 * The root vnode of a mounted ext2 file system (one reference) with st_dev
 * dev, or NULL when memory is short.  The instance lives until shutdown.
 */
vnode_t *ext2_vfs_root(ext2_fs_t *fs, uint32_t dev);

#endif
