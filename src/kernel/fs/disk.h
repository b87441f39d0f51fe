/*
 * The disks of this machine: the block devices the platform offers
 * (platform_disk_get), checked once at boot and handed to the file systems by
 * number (spec/platform-contract.md PLAT-014).  disk0 is the first.
 */
#ifndef AEGIS_KERNEL_FS_DISK_H
#define AEGIS_KERNEL_FS_DISK_H

#include "fs/blockdev.h"

/* Disks taken at most; the platform's later ones are ignored with a warning. */
#define DISK_MAX 8u

/* Where disks come from: the platform's platform_disk_get, or a test's stand-in. */
typedef blockdev_t *(*disk_source_t)(unsigned index);

/*
 * Forget earlier disks, ask source for disks 0, 1, ... until it answers NULL,
 * check each and print its [DISK] marker.  Returns how many were taken.
 */
unsigned disk_probe_from(disk_source_t source);

/* disk_probe_from(platform_disk_get): the boot step. */
void disk_probe_boot(void);

/* The checked disk number index, or NULL (none, or it failed its check). */
blockdev_t *disk_get(unsigned index);

#endif
