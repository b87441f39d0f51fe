/*
 * AFL++ harness for the ext2 read side (src/kernel/fs/ext2/).
 *
 * The input is the start of a disk image; it is copied into a buffer padded
 * with zeros to at least FZ_DEVICE_MIN bytes (so seeds can leave out the
 * empty tail of a real image) and presented as a RAM disk.  The harness
 * mounts it and walks the whole tree with bounded work (tests/ext2/
 * ext2_walk.h): every directory, inode, the start of every file and every
 * symlink target.
 *
 * Supports spec/ext2.md EXT2-061 (no crash, no out-of-bounds read, bounded
 * work on any image), EXT2-011..EXT2-015 (a refused mount has a reason,
 * leaves *out NULL and frees everything: the heap's live-block count is
 * compared), EXT2-041 and EXT2-050 (each failing call leaves a reason;
 * symlink targets are terminated).  A broken property aborts.
 */
#include "ext2/ext2_fuzz_machine.h"
#include "fs/blockdev.h"
#include "fs/ext2/ext2.h"
#include "fuzz.h"

int fuzz_one(const uint8_t *data, size_t size)
{
	blockdev_t dev;
	uint8_t *image = fz_image(data, size, &dev, true);
	if (image == NULL)
		return 0;
	kheap_stats_t before;
	kheap_stats(&before);
	fz_mount_and_walk(&dev);
	fz_heap_check(&before);
	free(image);
	return 0;
}
