/*
 * /proc (procfs.c): generated files about the system and its processes,
 * mounted on /proc at boot.
 */
#ifndef AEGIS_FS_PROCFS_H
#define AEGIS_FS_PROCFS_H

#include "fs/vnode.h"

/* The root directory of procfs (one reference), or NULL when memory is short. */
vnode_t *procfs_new_root(void);

#endif
