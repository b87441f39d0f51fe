/*
 * Probing the platform's disks at boot (see disk.h).  A platform bug must not
 * become a kernel crash later, so each device is checked before any file
 * system may use it: a name, a read operation, a power-of-two sector size, at
 * least one sector and a byte size that fits 64 bits.
 */
#include "fs/disk.h"

#include "core/log.h"
#include "platform.h"

#define DISK_SUBSYS "DISK"
#define KIB 1024u

static blockdev_t *disks[DISK_MAX];

/* Why dev cannot be used, or NULL when it can. */
static const char *disk_check(const blockdev_t *dev)
{
	if (dev->name == NULL || dev->name[0] == '\0')
		return "no name";
	if (dev->ops == NULL || dev->ops->read == NULL)
		return "no read operation";
	if (dev->sector_size == 0 || (dev->sector_size & (dev->sector_size - 1)) != 0)
		return "sector size is not a power of two";
	if (dev->sector_count == 0)
		return "no sectors";
	if (dev->sector_count > UINT64_MAX / dev->sector_size)
		return "size beyond 64 bits";
	return NULL;
}

unsigned disk_probe_from(disk_source_t source)
{
	unsigned index, taken = 0;
	for (index = 0; index < DISK_MAX; index++)
		disks[index] = NULL;
	for (index = 0;; index++) {
		blockdev_t *dev = source(index);
		if (dev == NULL)
			break;
		if (index == DISK_MAX) {
			boot_mark(DISK_SUBSYS, MARK_WARN, "more than %u disks, the rest are ignored", DISK_MAX);
			break;
		}
		const char *why = disk_check(dev);
		if (why != NULL) {
			boot_mark(DISK_SUBSYS, MARK_FAIL, "disk %u: %s", index, why);
			continue;
		}
		disks[index] = dev;
		taken++;
		bool read_only = dev->read_only || dev->ops->write == NULL;
		boot_mark(DISK_SUBSYS, MARK_OK, "%s, %lu KiB%s", dev->name, (unsigned long)(blockdev_bytes(dev) / KIB),
		          read_only ? ", read-only" : "");
	}
	if (index == 0)
		boot_mark(DISK_SUBSYS, MARK_SKIP, "no disks");
	return taken;
}

void disk_probe_boot(void)
{
	disk_probe_from(platform_disk_get);
}

blockdev_t *disk_get(unsigned index)
{
	return index < DISK_MAX ? disks[index] : NULL;
}
