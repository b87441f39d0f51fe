/*
 * ramfs (spec/filesystems.md FS-110..): a file system in kernel memory for
 * /tmp and /run.  Directories, regular files of any size and symlinks;
 * file data lives in page-sized chunks allocated as written (holes cost
 * nothing), and the whole instance is bounded by a byte limit past which
 * writes and creations fail with ENOSPC.  Nothing survives a reboot.
 */
#ifndef AEGIS_FS_RAMFS_H
#define AEGIS_FS_RAMFS_H

#include <stddef.h>
#include <stdint.h>

#include "fs/vnode.h"

#define RAMFS_CHUNK 4096u       /* bytes of file data per chunk */
#define RAMFS_NODE_COST 256u    /* bytes charged per node and per directory entry */

/* A new instance's root directory (one reference) with mode perm, owned by uid:gid, or NULL. */
vnode_t *ramfs_new(uint64_t limit_bytes, uint32_t perm, uint32_t uid, uint32_t gid);

/* An unnamed regular file in its own instance (memfd_create): one reference, or NULL. */
vnode_t *ramfs_new_file(uint64_t limit_bytes, uint32_t perm, uint32_t uid, uint32_t gid);

/* Bytes an instance charges now (data chunks plus node costs), for tests and statfs. */
uint64_t ramfs_used(const vnode_t *any_node);

#endif
