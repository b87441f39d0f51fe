/*
 * The RAM disk: a block device over a range of memory that the caller owns
 * (a boot module, a test's buffer).  Reads and writes are plain copies; the
 * range checks are done by blockdev_read/blockdev_write before we are called.
 */
#include "fs/blockdev.h"

#include "core/kstring.h"

static int ramdisk_read(blockdev_t *dev, uint64_t lba, uint32_t count, void *buf)
{
	const uint8_t *base = dev->priv;
	kmemcpy(buf, base + lba * dev->sector_size, (size_t)count * dev->sector_size);
	return 0;
}

static int ramdisk_write(blockdev_t *dev, uint64_t lba, uint32_t count, const void *buf)
{
	uint8_t *base = dev->priv;
	kmemcpy(base + lba * dev->sector_size, buf, (size_t)count * dev->sector_size);
	return 0;
}

static const blockdev_ops_t ramdisk_ops = {
	.read = ramdisk_read,
	.write = ramdisk_write,
};

int ramdisk_init(blockdev_t *dev, const char *name, void *base, uint64_t bytes, bool read_only)
{
	if (dev == NULL || base == NULL || bytes < RAMDISK_SECTOR_SIZE)
		return -EINVAL;
	dev->name = name != NULL ? name : "ramdisk";
	dev->sector_size = RAMDISK_SECTOR_SIZE;
	dev->sector_count = bytes / RAMDISK_SECTOR_SIZE;
	dev->read_only = read_only;
	dev->ops = &ramdisk_ops;
	dev->priv = base;
	return 0;
}
