/*
 * Building the namespace at boot (vfs_boot.c, spec/filesystems.md FS-100).
 */
#ifndef AEGIS_FS_VFS_BOOT_H
#define AEGIS_FS_VFS_BOOT_H

#include <stdint.h>

#define VFS_TMP_LIMIT (16ull << 20) /* bytes /tmp may hold */
#define VFS_RUN_LIMIT (4ull << 20)  /* bytes /run may hold */
#define VFS_TMP_PERM 01777u
#define VFS_RUN_PERM 0755u

/*
 * Mount the root (the initrd over the ext2 root image, when each is there),
 * devfs on /dev, procfs on /proc, ramfs on /tmp and /run, the first
 * platform disk (ext2) on /mnt when there is one, and print the
 * [VFS] marker.  A failure is reported in the marker; the rest still mounts.
 */
void vfs_boot(void);

/* Forget the namespace (tests, between machines). */
void vfs_reset(void);

#endif
