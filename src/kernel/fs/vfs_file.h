/*
 * Files opened from the namespace (vfs_file.c): reading regular files at the
 * file offset, and directory listings for getdents64.
 */
#ifndef AEGIS_FS_VFS_FILE_H
#define AEGIS_FS_VFS_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "fs/vnode.h"
#include "proc/fdtable.h"

/* A file for a regular file, directory or symlink node (NULL: out of memory). */
file_t *vfs_file_create(vnode_t *node, uint32_t flags);

/*
 * getdents64 into a kernel buffer: bytes of linux_dirent64 records (0 at the
 * end), -ENOTDIR, -EINVAL (buffer too small for the next record) or -ENOMEM.
 * The listing is taken once, at the first call, and served from the file
 * offset (a record's d_off is the offset of the next one), so lseek to a
 * d_off value or to 0 works.
 */
int64_t vfs_file_getdents(file_t *f, void *buf, size_t len);

#endif
