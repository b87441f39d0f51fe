/*
 * Files only a capability opens (spec/filesystems.md FS-130): /etc/shadow
 * needs AUTH.  The check is on the file, not the name: whatever name leads
 * to the file now at /etc/shadow (a symlink, a hard link, a relative path)
 * meets the same gate.
 */
#ifndef AEGIS_FS_VFS_GUARD_H
#define AEGIS_FS_VFS_GUARD_H

#include "fs/vnode.h"
#include "proc/process.h"

#define VFS_GUARD_SHADOW "/etc/shadow"

/* Whether p may open node: 0, or -ENOCAP (the kernel itself, p NULL, always may). */
int vfs_guard_open(process_t *p, vnode_t *node);

struct dentry;
/* Whether p may create name in dir with open's O_CREAT (so a refused open makes no file): 0 or -ENOCAP. */
int vfs_guard_create(process_t *p, struct dentry *dir, const char *name);

#endif
