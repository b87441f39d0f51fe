/*
 * The root file system at boot: the rootfs boot module (spec/initrd.md
 * INITRD-030 says which one that is) is an ext2 image that becomes the RAM
 * disk ramdisk0 and is mounted (spec/boot-order.md BOOT-022..BOOT-024).  A
 * missing or damaged image is reported and the boot goes on without a root
 * file system; it never stops the kernel.
 */
#ifndef AEGIS_KERNEL_ROOTFS_H
#define AEGIS_KERNEL_ROOTFS_H

#include "boot/bootinfo.h"
#include "fs/ext2/ext2.h"

/* Prints the [RAMDISK] and [EXT2] markers. */
void rootfs_mount_from_boot(const bootinfo_t *info);

/* The mounted root, or NULL when there is none. */
ext2_fs_t *rootfs_get(void);

#endif
