/*
 * Block and inode allocation and file writes that allocate (spec/ext2.md
 * EXT2-072, EXT2-073), proven with e2fsck -fn and debugfs on the written
 * image: growth through double indirection, a write far into the
 * triple-indirect range, filling the disk, and the free counts.
 */
#include "ext2/ext2_fixture.h"
#include "fs/ext2/ext2_internal.h"

#define A_IMAGE_KIB 2048u
#define A_BS 1024u
#define A_GROW_BYTES (300u * 1024u)
#define A_FAR_OFFSET ((12ull + 256ull + 65536ull + 777ull) * 1024ull + 100ull)
#define A_FILL_CHUNK (256u * 1024u)

static uint8_t *pristine;
static size_t pristine_size;
static char *src_dir;
static mem_rng_t rng;

static int alloc_setup(void **state)
{
	(void)state;
	ext2fx_machine();
	rng = (mem_rng_t){mem_seed()};
	src_dir = ext2fx_tmpdir();
	char path[EXT2FX_PATH_MAX];
	snprintf(path, sizeof(path), "%s/empty", src_dir);
	ext2fx_write_file(path, "", 0);
	snprintf(path, sizeof(path), "%s/dir", src_dir);
	assert_int_equal(mkdir(path, 0755), 0);
	pristine = ext2fx_mkfs(src_dir, A_BS, NULL, A_IMAGE_KIB, &pristine_size);
	return 0;
}

static int alloc_teardown(void **state)
{
	(void)state;
	free(pristine);
	ext2fx_rmtree(src_dir);
	free(src_dir);
	return 0;
}

static ext2_fs_t *a_mount(blockdev_t *dev, uint8_t *img)
{
	memcpy(img, pristine, pristine_size);
	assert_int_equal(ramdisk_init(dev, "ram0", img, pristine_size, false), 0);
	ext2_fs_t *fs = NULL;
	char reason[EXT2_REASON_MAX];
	assert_int_equal(ext2_mount(dev, &fs, reason, sizeof(reason)), 0);
	return fs;
}

static ext2_inode_t a_inode(ext2_fs_t *fs, const char *path)
{
	uint32_t ino;
	assert_int_equal(ext2_path_lookup(fs, path, &ino), 0);
	ext2_inode_t in;
	assert_int_equal(ext2_inode_read(fs, ino, &in), 0);
	return in;
}

/* Save img; e2fsck -fn must pass; dump path (len bytes) with debugfs. */
static uint8_t *a_outside(const uint8_t *img, const char *path, size_t len)
{
	char *dir = ext2fx_tmpdir();
	char file[EXT2FX_PATH_MAX], out[EXT2FX_PATH_MAX], cmd[EXT2FX_CMD_MAX];
	snprintf(file, sizeof(file), "%s/image", dir);
	snprintf(out, sizeof(out), "%s/dump", dir);
	ext2fx_write_file(file, img, pristine_size);
	snprintf(cmd, sizeof(cmd), "e2fsck -fn '%s' >&2", file);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "debugfs -R 'dump %s %s' '%s' >/dev/null 2>&1", path, out, file);
	assert_int_equal(system(cmd), 0);
	struct stat st;
	assert_int_equal(stat(out, &st), 0);
	assert_int_equal((size_t)st.st_size, len);
	uint8_t *data = malloc(len ? len : 1);
	int fd = open(out, O_RDONLY);
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(fd, data + got, len - got);
		assert_true(n > 0);
		got += (size_t)n;
	}
	close(fd);
	ext2fx_rmtree(dir);
	free(dir);
	return data;
}

/* EXT2-073 EXT2-072: grow an empty file through double indirection, in uneven pieces */
static void test_grow_file(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	blockdev_t dev;
	ext2_fs_t *fs = a_mount(&dev, img);
	ext2_info_t before, after;
	ext2_get_info(fs, &before);
	ext2_inode_t in = a_inode(fs, "/empty");
	uint8_t *want = malloc(A_GROW_BYTES);
	for (size_t i = 0; i < A_GROW_BYTES; i++)
		want[i] = (uint8_t)mem_rng_next(&rng);
	size_t off = 0;
	while (off < A_GROW_BYTES) {
		size_t chunk = 1 + (size_t)mem_rng_below(&rng, 9000);
		if (chunk > A_GROW_BYTES - off)
			chunk = A_GROW_BYTES - off;
		assert_int_equal(ext2_file_write(fs, &in, off, want + off, chunk), (int64_t)chunk);
		off += chunk;
	}
	assert_int_equal(in.size, A_GROW_BYTES);
	/* 300 data blocks, one single-indirect, one double-indirect and one indirect under it */
	uint32_t blocks = A_GROW_BYTES / A_BS + 3;
	assert_int_equal(in.blocks512, blocks * (A_BS / 512));
	ext2_get_info(fs, &after);
	assert_int_equal(before.free_blocks - after.free_blocks, blocks);
	ext2_inode_t again = a_inode(fs, "/empty");
	assert_int_equal(again.size, A_GROW_BYTES);
	uint8_t *got = malloc(A_GROW_BYTES);
	assert_int_equal(ext2_file_read(fs, &again, 0, got, A_GROW_BYTES), A_GROW_BYTES);
	assert_memory_equal(got, want, A_GROW_BYTES);
	ext2_unmount(fs);
	uint8_t *dumped = a_outside(img, "/empty", A_GROW_BYTES);
	assert_memory_equal(dumped, want, A_GROW_BYTES);
	free(dumped);
	free(got);
	free(want);
	free(img);
}

/* EXT2-073: a write in the triple-indirect range leaves zeros before it */
static void test_far_write(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	blockdev_t dev;
	ext2_fs_t *fs = a_mount(&dev, img);
	ext2_info_t before, after;
	ext2_get_info(fs, &before);
	ext2_inode_t in = a_inode(fs, "/empty");
	assert_int_equal(ext2_file_write(fs, &in, 0, "head", 4), 4);
	assert_int_equal(ext2_file_write(fs, &in, A_FAR_OFFSET, "far away", 8), 8);
	assert_int_equal(in.size, A_FAR_OFFSET + 8);
	assert_int_not_equal(in.block[EXT2_TIND_BLOCK], 0);
	assert_int_equal(in.block[EXT2_IND_BLOCK], 0);
	ext2_get_info(fs, &after);
	assert_int_equal(before.free_blocks - after.free_blocks, 1 + 1 + 3); /* 2 data, tind + dind + ind */
	ext2_unmount(fs);
	size_t len = (size_t)A_FAR_OFFSET + 8;
	uint8_t *dumped = a_outside(img, "/empty", len);
	assert_memory_equal(dumped, "head", 4);
	assert_memory_equal(dumped + A_FAR_OFFSET, "far away", 8);
	for (size_t i = 4; i < A_FAR_OFFSET; i += 4093)
		assert_int_equal(dumped[i], 0);
	free(dumped);
	free(img);
}

/* EXT2-072 EXT2-073: filling the disk gives a short count, then -ENOSPC; the image stays consistent */
static void test_fill_disk(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	blockdev_t dev;
	ext2_fs_t *fs = a_mount(&dev, img);
	ext2_inode_t in = a_inode(fs, "/empty");
	uint8_t *chunk = calloc(1, A_FILL_CHUNK);
	memset(chunk, 0xC3, A_FILL_CHUNK);
	uint64_t off = 0;
	bool short_seen = false;
	for (int i = 0; i < 64; i++) {
		int64_t n = ext2_file_write(fs, &in, off, chunk, A_FILL_CHUNK);
		if (n == -ENOSPC)
			break;
		assert_true(n > 0);
		if (n < (int64_t)A_FILL_CHUNK)
			short_seen = true;
		off += (uint64_t)n;
	}
	assert_true(short_seen);
	assert_int_equal(ext2_file_write(fs, &in, off, chunk, 10), -ENOSPC);
	assert_true(strstr(ext2_reason(fs), "no free block") != NULL);
	ext2_info_t info;
	ext2_get_info(fs, &info);
	assert_int_equal(info.free_blocks, 0);
	uint32_t blk;
	assert_int_equal(ext2_block_alloc(fs, 0, &blk), -ENOSPC);
	ext2_unmount(fs);
	uint8_t *dumped = a_outside(img, "/empty", (size_t)off);
	for (size_t i = 0; i < off; i += 997)
		assert_int_equal(dumped[i], 0xC3);
	free(dumped);
	free(chunk);
	free(img);
}

/* EXT2-072: inodes come from the bitmap above the reserved ones; refusals for other types */
static void test_inode_alloc_and_refusals(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	blockdev_t dev;
	ext2_fs_t *fs = a_mount(&dev, img);
	ext2_info_t before, after;
	ext2_get_info(fs, &before);
	uint32_t a, b;
	assert_int_equal(ext2_inode_alloc(fs, false, &a), 0);
	assert_int_equal(ext2_inode_alloc(fs, true, &b), 0);
	assert_true(a >= 11 && b > a);
	ext2_inode_t taken;
	assert_int_equal(ext2_inode_read(fs, a, &taken), -EIO); /* allocated but never written */
	ext2_get_info(fs, &after);
	assert_int_equal(before.free_inodes - after.free_inodes, 2);
	ext2_inode_t dir = a_inode(fs, "/dir");
	assert_int_equal(ext2_file_write(fs, &dir, 0, "x", 1), -EINVAL);
	ext2_inode_t in = a_inode(fs, "/empty");
	assert_int_equal(ext2_file_write(fs, &in, 0, NULL, 1), -EINVAL);
	assert_int_equal(ext2_file_write(fs, &in, (12ull + 256 + 65536 + 16777216) * A_BS, "x", 1), -EFBIG);
	ext2_unmount(fs);
	/* read-only */
	memcpy(img, pristine, pristine_size);
	fs = ext2fx_mount(&dev, img, pristine_size);
	in = a_inode(fs, "/empty");
	assert_int_equal(ext2_file_write(fs, &in, 0, "x", 1), -EROFS);
	assert_int_equal(ext2_inode_alloc(fs, false, &a), -EROFS);
	assert_int_equal(ext2_block_alloc(fs, 0, &a), -EROFS);
	ext2_unmount(fs);
	assert_memory_equal(img, pristine, pristine_size);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_file),
		cmocka_unit_test(test_far_write),
		cmocka_unit_test(test_fill_disk),
		cmocka_unit_test(test_inode_alloc_and_refusals),
	};
	fprintf(stderr, "# AEGIS_TEST_SEED=%llu\n", (unsigned long long)mem_seed());
	return cmocka_run_group_tests_name("ext2 alloc", tests, alloc_setup, alloc_teardown);
}
