/*
 * /dev (devfs.c): the kernel's device nodes, mounted on /dev at boot.
 */
#ifndef AEGIS_FS_DEVFS_H
#define AEGIS_FS_DEVFS_H

#include "fs/vnode.h"

/* The root directory of devfs (one reference), or NULL when memory is short. */
vnode_t *devfs_new_root(void);

#endif
