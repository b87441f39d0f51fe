/*
 * A tiny block-device interface for filesystems, plus the RAM disk.
 *
 * A device has a name, a sector size (bytes per LBA, a power of two) and a
 * sector count, and two operations that move whole sectors.  Callers go
 * through blockdev_read/blockdev_write, which refuse ranges outside the
 * device before the driver is asked, so a driver never sees a bad LBA.
 * Errors are negative errno values (-EIO, -EINVAL, -EROFS).
 */
#ifndef AEGIS_KERNEL_FS_BLOCKDEV_H
#define AEGIS_KERNEL_FS_BLOCKDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/errno.h>

typedef struct blockdev blockdev_t;

typedef struct {
	int (*read)(blockdev_t *dev, uint64_t lba, uint32_t count, void *buf);
	int (*write)(blockdev_t *dev, uint64_t lba, uint32_t count, const void *buf);
} blockdev_ops_t;

struct blockdev {
	const char *name;
	uint32_t sector_size;   /* bytes per LBA */
	uint64_t sector_count;
	bool read_only;
	const blockdev_ops_t *ops;
	void *priv;             /* driver state */
};

static inline bool blockdev_range_ok(const blockdev_t *dev, uint64_t lba, uint32_t count)
{
	return dev != NULL && dev->ops != NULL && count != 0 && lba < dev->sector_count &&
	       count <= dev->sector_count - lba;
}

/* Read count sectors from lba into buf: 0, -EINVAL (outside the device) or the driver's error. */
static inline int blockdev_read(blockdev_t *dev, uint64_t lba, uint32_t count, void *buf)
{
	if (!blockdev_range_ok(dev, lba, count) || buf == NULL)
		return -EINVAL;
	return dev->ops->read(dev, lba, count, buf);
}

/* Write count sectors: 0, -EINVAL, -EROFS (read-only device) or the driver's error. */
static inline int blockdev_write(blockdev_t *dev, uint64_t lba, uint32_t count, const void *buf)
{
	if (!blockdev_range_ok(dev, lba, count) || buf == NULL)
		return -EINVAL;
	if (dev->read_only || dev->ops->write == NULL)
		return -EROFS;
	return dev->ops->write(dev, lba, count, buf);
}

/* Device size in bytes (sector_count * sector_size; 0 for a NULL device). */
static inline uint64_t blockdev_bytes(const blockdev_t *dev)
{
	return dev == NULL ? 0 : dev->sector_count * dev->sector_size;
}

/* ---- the RAM disk (ramdisk.c) --------------------------------------------- */

#define RAMDISK_SECTOR_SIZE 512u

/*
 * Present [base, base+bytes) as a device of 512-byte sectors (a trailing
 * partial sector is not part of the device).  The memory stays the caller's.
 * Returns 0, or -EINVAL for a NULL pointer or less than one sector.
 */
int ramdisk_init(blockdev_t *dev, const char *name, void *base, uint64_t bytes, bool read_only);

#endif
