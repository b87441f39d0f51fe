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
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot/bootinfo.h"
#include "ext2/ext2_walk.h"
#include "fs/blockdev.h"
#include "fs/ext2/ext2.h"
#include "fuzz.h"
#include "mm/kheap.h"
#include "mm/kva.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "platform.h"
#include "sim.h"

#define FZ_MACHINE_BYTES (64ull << 20)
#define FZ_SEED 20261122ull
#define FZ_DEVICE_MIN (128u * 1024u)
#define FZ_DEVICE_MAX (1024u * 1024u)
#define FZ_INFO_SIZE 4096u

static void fz_fail(const char *what)
{
	fprintf(stderr, "ext2 harness: invariant broken: %s\n", what);
	abort();
}

/*
 * Once per process: a simulated machine with a kernel heap, and the kernel
 * log (written to fd 1 by the sim console) sent to /dev/null while stdio
 * keeps the real standard output for the replay driver's TAP.
 */
static void fz_machine(void)
{
	static bool ready;
	if (ready)
		return;
	ready = true;
	fflush(stdout);
	int real = dup(STDOUT_FILENO);
	int null = open("/dev/null", O_WRONLY);
	if (real < 0 || null < 0 || dup2(null, STDOUT_FILENO) < 0)
		fz_fail("cannot move the kernel log away");
	close(null);
	FILE *out = fdopen(real, "w");
	if (out == NULL)
		fz_fail("fdopen");
	setvbuf(out, NULL, _IOLBF, 0);
	stdout = out;
	sim_platform_setup(FZ_MACHINE_BYTES, FZ_SEED);
	bootinfo_t bi;
	memset(&bi, 0, sizeof(bi));
	bi.regions[0] = (mem_region_t){0, FZ_MACHINE_BYTES, MEM_REGION_USABLE};
	bi.region_count = 1;
	bi.info_phys = SIM_MB2_INFO_PHYS;
	bi.info_size = FZ_INFO_SIZE;
	if (pmm_init(&bi, platform_layout()) != 0 || vmm_init(&bi) != 0 || kva_init() != 0)
		fz_fail("machine set-up");
	kheap_init();
}

int fuzz_one(const uint8_t *data, size_t size)
{
	if (size > FZ_DEVICE_MAX)
		return 0;
	fz_machine();
	size_t dev_size = size < FZ_DEVICE_MIN ? FZ_DEVICE_MIN : size;
	uint8_t *image = calloc(1, dev_size);
	if (image == NULL)
		return 0;
	memcpy(image, data, size);
	blockdev_t dev;
	if (ramdisk_init(&dev, "fuzz0", image, dev_size, true) != 0)
		fz_fail("ramdisk_init");
	kheap_stats_t before, after;
	kheap_stats(&before);
	ext2_fs_t *fs = (ext2_fs_t *)&dev; /* must become NULL on failure */
	char reason[EXT2_REASON_MAX];
	int rc = ext2_mount(&dev, &fs, reason, sizeof(reason));
	if (rc == 0) {
		if (fs == NULL)
			fz_fail("mount succeeded without a filesystem");
		ext2_walk_tree(fs);
		ext2_unmount(fs);
	} else {
		if (rc > 0)
			fz_fail("positive error");
		if (fs != NULL)
			fz_fail("failed mount left *out set");
		if (reason[0] == '\0' || strlen(reason) >= EXT2_REASON_MAX)
			fz_fail("failed mount without a reason");
	}
	kheap_stats(&after);
	if (after.live_blocks != before.live_blocks)
		fz_fail("heap blocks leaked");
	free(image);
	return 0;
}
