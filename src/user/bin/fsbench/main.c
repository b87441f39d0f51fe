/*
 * fsbench's entry point (fsbench.h): picks the ext2 directory (/mnt/fsbench
 * when a disk is mounted on /mnt, else /fsbench on the root file system),
 * runs every figure on ext2 and then on ramfs (/tmp/fsbench), removes its
 * directories and exits 0, or 1 when any figure failed.
 */
#include <aegis/linux_abi.h>

#include "fsbench.h"
#include "glue/glue.h"
#include "uio/uio.h"

#define FB_DIR_MODE 0755u
#define FB_NS_PER_MS 1000000ull

/* Make t's directory and run both groups of figures in it; the directory is removed after. */
static bool fb_run_target(const fb_target_t *t)
{
	aegis_stat_t st;
	long r = sys_stat(t->dir, &st);
	uio_printf(1, "fsbench: %s in %s (st_dev %ld)\n", t->fs, t->dir, r == 0 ? (long)st.st_dev : r);
	bool ok = fb_data_run(t);
	ok = fb_meta_run(t) && ok;
	r = sys_rmdir(t->dir);
	return r == 0 ? ok : fb_fail(t, "unlink", "rmdir", r);
}

/* The first of the candidate directories that can be made. */
static const char *fb_make_dir(const char *const *candidates, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		if (sys_mkdir(candidates[i], FB_DIR_MODE) == 0)
			return candidates[i];
	return NULL;
}

int main(void)
{
	static const char *const ext2_dirs[] = { "/mnt/fsbench", "/fsbench" };
	static const char *const ramfs_dirs[] = { "/tmp/fsbench" };
	uio_printf(1, "fsbench: seed 0x%llx, %u-byte file, %u random %u-byte blocks, %u files\n",
	           (unsigned long long)FB_SEED, FB_FILE_BYTES, FB_RAND_OPS, FB_RAND_BLOCK, FB_META_FILES);
	uint64_t t0 = fb_now_ns();
	fb_target_t ext2 = { "ext2", fb_make_dir(ext2_dirs, sizeof(ext2_dirs) / sizeof(ext2_dirs[0])) };
	fb_target_t ramfs = { "ramfs", fb_make_dir(ramfs_dirs, sizeof(ramfs_dirs) / sizeof(ramfs_dirs[0])) };
	bool ok = true;
	if (ext2.dir == NULL)
		ok = fb_fail(&ext2, "seq_write", "mkdir /mnt/fsbench and /fsbench", -1);
	else
		ok = fb_run_target(&ext2);
	if (ramfs.dir == NULL)
		ok = fb_fail(&ramfs, "seq_write", "mkdir /tmp/fsbench", -1);
	else
		ok = fb_run_target(&ramfs) && ok;
	(void)sys_sync();
	uio_printf(1, "fsbench: %s in %llu ms\n", ok ? "done" : "FAILED",
	           (unsigned long long)((fb_now_ns() - t0) / FB_NS_PER_MS));
	return ok ? 0 : 1;
}
