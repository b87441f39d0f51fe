/*
 * What the ext2 fuzz harnesses (fuzz/ext2/, fuzz/ext2-write/) share beyond
 * the machine of fuzz/common/fuzz_machine.h: the input padded into a
 * RAM-disk image, a mount that checks the mount's contract, a bounded walk
 * and a heap check.
 */
#ifndef AEGIS_TESTS_EXT2_FUZZ_MACHINE_H
#define AEGIS_TESTS_EXT2_FUZZ_MACHINE_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ext2/ext2_walk.h"
#include "fs/ext2/ext2.h"
#include "fuzz_machine.h"
#include "mm/kheap.h"

#define FZ_DEVICE_MIN (128u * 1024u)   /* seeds may leave out the zero tail of an image */
#define FZ_DEVICE_MAX (1024u * 1024u)

static inline void fz_fail(const char *what)
{
	fprintf(stderr, "ext2 harness: invariant broken: %s\n", what);
	abort();
}

/*
 * Once the machine is up: the input copied into a zeroed buffer of at least
 * FZ_DEVICE_MIN bytes, presented as the RAM disk dev.  NULL when too big.
 */
static inline uint8_t *fz_image(const uint8_t *data, size_t size, blockdev_t *dev, bool read_only)
{
	if (size > FZ_DEVICE_MAX)
		return NULL;
	fz_machine();
	size_t dev_size = size < FZ_DEVICE_MIN ? FZ_DEVICE_MIN : size;
	uint8_t *image = calloc(1, dev_size);
	if (image == NULL)
		return NULL;
	memcpy(image, data, size);
	if (ramdisk_init(dev, "fuzz0", image, dev_size, read_only) != 0)
		fz_fail("ramdisk_init");
	return image;
}

/*
 * Mount dev and check the mount's contract (EXT2-015): success gives a
 * mount, failure a negative error, *out NULL and a terminated reason.
 * Returns the mount or NULL.
 */
static inline ext2_fs_t *fz_mount(blockdev_t *dev)
{
	ext2_fs_t *fs = (ext2_fs_t *)dev; /* must become NULL on failure */
	char reason[EXT2_REASON_MAX];
	int rc = ext2_mount(dev, &fs, reason, sizeof(reason));
	if (rc == 0 && fs == NULL)
		fz_fail("mount succeeded without a filesystem");
	if (rc > 0)
		fz_fail("positive error");
	if (rc < 0 && fs != NULL)
		fz_fail("failed mount left *out set");
	if (rc < 0 && (reason[0] == '\0' || strnlen(reason, sizeof(reason)) >= EXT2_REASON_MAX))
		fz_fail("failed mount without a reason");
	return rc == 0 ? fs : NULL;
}

/* Mount dev and, when that works, walk the tree with bounded work and unmount. */
static inline void fz_mount_and_walk(blockdev_t *dev)
{
	ext2_fs_t *fs = fz_mount(dev);
	if (fs != NULL) {
		ext2_walk_tree(fs);
		ext2_unmount(fs);
	}
}

/* Abort when the kernel heap holds more or fewer blocks than at *before. */
static inline void fz_heap_check(const kheap_stats_t *before)
{
	kheap_stats_t after;
	kheap_stats(&after);
	if (after.live_blocks != before->live_blocks)
		fz_fail("heap blocks leaked");
}

#endif
