/*
 * The first write step (spec/ext2.md EXT2-070, EXT2-071): the write-back
 * block cache and overwriting a file's allocated bytes, proven with the
 * outside tools: the written image must pass `e2fsck -fn` and `debugfs`
 * must dump the new contents.
 */
#include "ext2/ext2_fixture.h"

#define W_IMAGE_KIB 2048u
#define W_BS 1024u
#define W_BIG_BYTES (300u * 1024u)
#define W_MANY_BLOCKS 100u

static uint8_t *pristine;
static size_t pristine_size;
static char *src_dir;
static mem_rng_t rng;

static int write_setup(void **state)
{
	(void)state;
	ext2fx_machine();
	rng = (mem_rng_t){mem_seed()};
	src_dir = ext2fx_tmpdir();
	char path[EXT2FX_PATH_MAX];
	snprintf(path, sizeof(path), "%s/big", src_dir);
	ext2fx_random_file(path, W_BIG_BYTES, &rng);
	snprintf(path, sizeof(path), "%s/holey", src_dir);
	ext2fx_write_file(path, "", 0);
	ext2fx_poke(path, 100 * W_BS, "x", 1);
	pristine = ext2fx_mkfs(src_dir, W_BS, NULL, W_IMAGE_KIB, &pristine_size);
	return 0;
}

static int write_teardown(void **state)
{
	(void)state;
	free(pristine);
	ext2fx_rmtree(src_dir);
	free(src_dir);
	return 0;
}

static uint8_t *w_copy(void)
{
	uint8_t *img = malloc(pristine_size);
	assert_non_null(img);
	memcpy(img, pristine, pristine_size);
	return img;
}

static ext2_inode_t w_inode(ext2_fs_t *fs, const char *path)
{
	uint32_t ino;
	assert_int_equal(ext2_path_lookup(fs, path, &ino), 0);
	ext2_inode_t in;
	assert_int_equal(ext2_inode_read(fs, ino, &in), 0);
	return in;
}

static ext2_fs_t *w_mount_rw(blockdev_t *dev, uint8_t *img)
{
	assert_int_equal(ramdisk_init(dev, "ram0", img, pristine_size, false), 0);
	ext2_fs_t *fs = NULL;
	char reason[EXT2_REASON_MAX];
	assert_int_equal(ext2_mount(dev, &fs, reason, sizeof(reason)), 0);
	return fs;
}

/* Save img, run e2fsck -fn on it, and dump path with debugfs into a malloc'd buffer of len bytes. */
static uint8_t *w_outside_check(const uint8_t *img, const char *path, size_t len)
{
	char *dir = ext2fx_tmpdir();
	char file[EXT2FX_PATH_MAX], out[EXT2FX_PATH_MAX], cmd[EXT2FX_CMD_MAX];
	snprintf(file, sizeof(file), "%s/image", dir);
	snprintf(out, sizeof(out), "%s/dump", dir);
	ext2fx_write_file(file, img, pristine_size);
	snprintf(cmd, sizeof(cmd), "e2fsck -fn '%s' >/dev/null 2>&1", file);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "debugfs -R 'dump %s %s' '%s' >/dev/null 2>&1", path, out, file);
	assert_int_equal(system(cmd), 0);
	uint8_t *data = malloc(len);
	assert_non_null(data);
	int fd = open(out, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, data, len), (ssize_t)len);
	close(fd);
	ext2fx_rmtree(dir);
	free(dir);
	return data;
}

/* EXT2-070 EXT2-071: writes stay cached until sync, then e2fsck and debugfs see them */
static void test_overwrite_and_sync(void **state)
{
	(void)state;
	uint8_t *img = w_copy();
	blockdev_t dev;
	ext2_fs_t *fs = w_mount_rw(&dev, img);
	ext2_inode_t big = w_inode(fs, "/big");
	uint8_t *want = malloc(W_BIG_BYTES);
	assert_int_equal(ext2_file_read(fs, &big, 0, want, W_BIG_BYTES), W_BIG_BYTES);
	/* direct range, single-indirect range crossing into double-indirect (12+256 blocks = 268 KiB) */
	static const size_t offsets[] = {5, 1000, 12 * W_BS - 7, 268 * W_BS - 1500, W_BIG_BYTES - 3000};
	uint8_t patch[3000];
	for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		for (size_t j = 0; j < sizeof(patch); j++)
			patch[j] = (uint8_t)mem_rng_next(&rng);
		size_t len = (offsets[i] + sizeof(patch) > W_BIG_BYTES) ? W_BIG_BYTES - offsets[i] : sizeof(patch);
		assert_int_equal(ext2_file_overwrite(fs, &big, offsets[i], patch, len), (int64_t)len);
		memcpy(want + offsets[i], patch, len);
	}
	ext2_cache_stats_t st;
	ext2_cache_stats(fs, &st);
	assert_true(st.dirty > 0);
	assert_memory_equal(img, pristine, pristine_size); /* nothing on the device yet */
	uint8_t *got = malloc(W_BIG_BYTES);
	assert_int_equal(ext2_file_read(fs, &big, 0, got, W_BIG_BYTES), W_BIG_BYTES);
	assert_memory_equal(got, want, W_BIG_BYTES);
	assert_int_equal(ext2_sync(fs), 0);
	ext2_cache_stats(fs, &st);
	assert_int_equal(st.dirty, 0);
	assert_true(st.writebacks > 0);
	assert_memory_not_equal(img, pristine, pristine_size);
	uint8_t *dumped = w_outside_check(img, "/big", W_BIG_BYTES);
	assert_memory_equal(dumped, want, W_BIG_BYTES);
	ext2_unmount(fs);
	free(dumped);
	free(got);
	free(want);
	free(img);
}

/* EXT2-070: eviction writes back; unmount syncs the rest */
static void test_eviction_and_unmount(void **state)
{
	(void)state;
	uint8_t *img = w_copy();
	blockdev_t dev;
	ext2_fs_t *fs = w_mount_rw(&dev, img);
	ext2_inode_t big = w_inode(fs, "/big");
	uint8_t *want = malloc(W_BIG_BYTES);
	assert_int_equal(ext2_file_read(fs, &big, 0, want, W_BIG_BYTES), W_BIG_BYTES);
	for (uint32_t b = 0; b < W_MANY_BLOCKS; b++) {
		uint8_t mark[4] = {0xA5, (uint8_t)b, 0x5A, (uint8_t)(b >> 8)};
		assert_int_equal(ext2_file_overwrite(fs, &big, (uint64_t)b * W_BS + 17, mark, sizeof(mark)), 4);
		memcpy(want + (size_t)b * W_BS + 17, mark, sizeof(mark));
	}
	ext2_cache_stats_t st;
	ext2_cache_stats(fs, &st);
	assert_true(st.writebacks >= W_MANY_BLOCKS - st.slots);
	assert_memory_not_equal(img, pristine, pristine_size);
	ext2_unmount(fs); /* no explicit sync */
	uint8_t *dumped = w_outside_check(img, "/big", W_BIG_BYTES);
	assert_memory_equal(dumped, want, W_BIG_BYTES);
	free(dumped);
	free(want);
	free(img);
}

/* EXT2-071: refusals change nothing */
static void test_overwrite_refusals(void **state)
{
	(void)state;
	uint8_t *img = w_copy();
	blockdev_t dev;
	ext2_fs_t *fs = w_mount_rw(&dev, img);
	ext2_inode_t big = w_inode(fs, "/big");
	ext2_inode_t holey = w_inode(fs, "/holey");
	uint8_t data[2 * W_BS];
	memset(data, 0x77, sizeof(data));
	assert_int_equal(ext2_file_overwrite(fs, &big, W_BIG_BYTES - 10, data, 11), -EOPNOTSUPP);
	assert_true(strstr(ext2_reason(fs), "past the size") != NULL);
	assert_int_equal(ext2_file_overwrite(fs, &big, W_BIG_BYTES + 1, data, 1), -EOPNOTSUPP);
	assert_int_equal(ext2_file_overwrite(fs, &holey, 99 * W_BS - 5, data, W_BS), -EOPNOTSUPP);
	assert_true(strstr(ext2_reason(fs), "hole") != NULL);
	assert_int_equal(ext2_file_overwrite(fs, &big, 0, NULL, 5), -EINVAL);
	ext2_cache_stats_t st;
	ext2_cache_stats(fs, &st);
	assert_int_equal(st.dirty, 0);
	assert_int_equal(ext2_file_overwrite(fs, &holey, 100 * W_BS, "y", 1), 1);
	ext2_unmount(fs);
	uint8_t *dumped = w_outside_check(img, "/holey", 100 * W_BS + 1);
	assert_int_equal(dumped[100 * W_BS], 'y');
	assert_int_equal(dumped[99 * W_BS], 0);
	free(dumped);
	/* read-only device */
	memcpy(img, pristine, pristine_size);
	fs = ext2fx_mount(&dev, img, pristine_size);
	big = w_inode(fs, "/big");
	assert_int_equal(ext2_file_overwrite(fs, &big, 0, data, 10), -EROFS);
	assert_true(strstr(ext2_reason(fs), "read-only") != NULL);
	assert_int_equal(ext2_sync(fs), 0);
	ext2_unmount(fs);
	assert_memory_equal(img, pristine, pristine_size);
	free(img);
}

/* A device whose writes fail until told otherwise. */
static bool w_fail_writes;

static int w_read(blockdev_t *dev, uint64_t lba, uint32_t count, void *buf)
{
	memcpy(buf, (uint8_t *)dev->priv + lba * dev->sector_size, (size_t)count * dev->sector_size);
	return 0;
}

static int w_write(blockdev_t *dev, uint64_t lba, uint32_t count, const void *buf)
{
	if (w_fail_writes)
		return -EIO;
	memcpy((uint8_t *)dev->priv + lba * dev->sector_size, buf, (size_t)count * dev->sector_size);
	return 0;
}

static const blockdev_ops_t w_ops = {.read = w_read, .write = w_write};

/* EXT2-070: a failed write-back keeps the block dirty and is reported */
static void test_writeback_failure(void **state)
{
	(void)state;
	uint8_t *img = w_copy();
	blockdev_t dev = {.name = "flaky0", .sector_size = 512, .sector_count = pristine_size / 512,
			  .read_only = false, .ops = &w_ops, .priv = img};
	ext2_fs_t *fs = NULL;
	char reason[EXT2_REASON_MAX];
	assert_int_equal(ext2_mount(&dev, &fs, reason, sizeof(reason)), 0);
	ext2_inode_t big = w_inode(fs, "/big");
	assert_int_equal(ext2_file_overwrite(fs, &big, 0, "new", 3), 3);
	w_fail_writes = true;
	assert_int_equal(ext2_sync(fs), -EIO);
	assert_true(strstr(ext2_reason(fs), "device write of block") != NULL);
	ext2_cache_stats_t st;
	ext2_cache_stats(fs, &st);
	assert_int_equal(st.dirty, 1);
	assert_memory_equal(img, pristine, pristine_size);
	w_fail_writes = false;
	assert_int_equal(ext2_sync(fs), 0);
	assert_memory_not_equal(img, pristine, pristine_size);
	assert_int_equal(ext2_file_overwrite(fs, &big, 0, "old", 3), 3);
	w_fail_writes = true;
	mem_log_reset();
	ext2_unmount(fs);
	mem_assert_log("[EXT2] WARN: unmount of flaky0 lost changes: device write of block");
	w_fail_writes = false;
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overwrite_and_sync),
		cmocka_unit_test(test_eviction_and_unmount),
		cmocka_unit_test(test_overwrite_refusals),
		cmocka_unit_test(test_writeback_failure),
	};
	fprintf(stderr, "# AEGIS_TEST_SEED=%llu\n", (unsigned long long)mem_seed());
	return cmocka_run_group_tests_name("ext2 write", tests, write_setup, write_teardown);
}
