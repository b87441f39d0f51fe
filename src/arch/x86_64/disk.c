/*
 * Disks on x86_64: none yet.  There is no ATA or NVMe driver, so the platform
 * offers no block device even when QEMU has a drive attached
 * (spec/platform-contract.md PLAT-010).
 */
#include "platform.h"

blockdev_t *platform_disk_get(unsigned index)
{
	(void)index;
	return NULL;
}
