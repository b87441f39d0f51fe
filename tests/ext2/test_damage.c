/*
 * Damaged inodes, block pointers, directory entries and symlinks, one at a
 * time with the exact error and reason (spec/ext2.md EXT2-020..022,
 * EXT2-041, EXT2-050), then seeded random corruption of a real image
 * walked with bounded work (EXT2-061).
 */
#include "ext2/ext2_fixture.h"
#include "ext2/ext2_walk.h"

#define D_IMAGE_KIB 2048u
#define D_BS 1024u
#define D_RANDOM_ROUNDS 300
#define D_MAX_FLIPS 12u
#define D_DIRENT_REC_LEN 4u
#define D_DIRENT_NAME_LEN 6u
#define D_DIRENT_FILE_TYPE 7u
#define D_INODE_SIZE_LOW 4u
#define D_INODE_SIZE_HIGH 108u

static uint8_t *pristine;
static size_t pristine_size;
static char *src_dir;
static mem_rng_t rng;

static void d_file(const char *rel, size_t len)
{
	char path[EXT2FX_PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", src_dir, rel);
	ext2fx_random_file(path, len, &rng);
}

static int damage_setup(void **state)
{
	(void)state;
	ext2fx_machine();
	rng = (mem_rng_t){mem_seed()};
	src_dir = ext2fx_tmpdir();
	char path[EXT2FX_PATH_MAX];
	snprintf(path, sizeof(path), "%s/d", src_dir);
	assert_int_equal(mkdir(path, 0755), 0);
	d_file("d/a", 10);
	d_file("d/b", 3000);
	d_file("d/c", 0);
	d_file("big", 300 * 1024);
	snprintf(path, sizeof(path), "%s/d/fast", src_dir);
	assert_int_equal(symlink("a", path), 0);
	char target[300];
	memset(target, 'x', sizeof(target) - 1);
	target[sizeof(target) - 1] = '\0';
	snprintf(path, sizeof(path), "%s/slow", src_dir);
	assert_int_equal(symlink(target, path), 0);
	pristine = ext2fx_mkfs(src_dir, D_BS, NULL, D_IMAGE_KIB, &pristine_size);
	return 0;
}

static int damage_teardown(void **state)
{
	(void)state;
	free(pristine);
	ext2fx_rmtree(src_dir);
	free(src_dir);
	return 0;
}

typedef struct {
	uint8_t *img;
	blockdev_t dev;
	ext2_fs_t *fs;
} d_mount_t;

static void d_open(d_mount_t *m, void (*damage)(uint8_t *img, void *arg), void *arg)
{
	m->img = malloc(pristine_size);
	assert_non_null(m->img);
	memcpy(m->img, pristine, pristine_size);
	if (damage != NULL)
		damage(m->img, arg);
	m->fs = ext2fx_mount(&m->dev, m->img, pristine_size);
}

static void d_close(d_mount_t *m)
{
	ext2_unmount(m->fs);
	free(m->img);
}

static void d_assert_reason(ext2_fs_t *fs, const char *words)
{
	if (strstr(ext2_reason(fs), words) == NULL)
		fail_msg("reason \"%s\" lacks \"%s\"", ext2_reason(fs), words);
}

static ext2_inode_t d_inode(ext2_fs_t *fs, const char *path)
{
	uint32_t ino;
	assert_int_equal(ext2_path_lookup(fs, path, &ino), 0);
	ext2_inode_t in;
	assert_int_equal(ext2_inode_read(fs, ino, &in), 0);
	return in;
}

/* Image byte offset of a path's inode, and of its first data block. */
static size_t d_inode_offset(const char *path)
{
	d_mount_t m;
	d_open(&m, NULL, NULL);
	ext2_inode_t in = d_inode(m.fs, path);
	ext2_info_t info;
	ext2_get_info(m.fs, &info);
	uint32_t ipg = ext2fx_le32(pristine + 1024 + 40);
	uint32_t group = (in.ino - 1) / ipg;
	uint32_t itable = ext2fx_le32(pristine + 2048 + group * 32 + 8);
	d_close(&m);
	return (size_t)itable * D_BS + (size_t)((in.ino - 1) % ipg) * info.inode_size;
}

static size_t d_data_offset(const char *path)
{
	d_mount_t m;
	d_open(&m, NULL, NULL);
	ext2_inode_t in = d_inode(m.fs, path);
	uint32_t phys;
	assert_int_equal(ext2_block_map(m.fs, &in, 0, &phys), 0);
	assert_int_not_equal(phys, 0);
	d_close(&m);
	return (size_t)phys * D_BS;
}

/* EXT2-020 */
static void test_inode_numbers_and_fields(void **state)
{
	(void)state;
	d_mount_t m;
	d_open(&m, NULL, NULL);
	ext2_info_t info;
	ext2_get_info(m.fs, &info);
	ext2_inode_t in;
	assert_int_equal(ext2_inode_read(m.fs, 0, &in), -EINVAL);
	d_assert_reason(m.fs, "out of range");
	assert_int_equal(ext2_inode_read(m.fs, info.inodes_count + 1, &in), -EINVAL);
	assert_int_equal(ext2_inode_read(m.fs, UINT32_MAX, &in), -EINVAL);
	assert_int_equal(ext2_inode_read(m.fs, info.inodes_count, &in), -EIO);
	d_assert_reason(m.fs, "not in use");
	d_close(&m);
	/* a regular file whose 64-bit size is beyond triple indirection */
	size_t off = d_inode_offset("/d/a");
	m.img = NULL;
	d_open(&m, NULL, NULL);
	ext2fx_put_le32(m.img + off + D_INODE_SIZE_HIGH, 0x40000000u);
	ext2_unmount(m.fs);
	m.fs = ext2fx_mount(&m.dev, m.img, pristine_size);
	uint32_t ino;
	assert_int_equal(ext2_path_lookup(m.fs, "/d/a", &ino), 0);
	assert_int_equal(ext2_inode_read(m.fs, ino, &in), -EIO);
	d_assert_reason(m.fs, "beyond triple indirection");
	/* 4 GiB + 10 bytes is a legal large-file size: the high half is decoded */
	ext2fx_put_le32(m.img + off + D_INODE_SIZE_HIGH, 1);
	ext2_unmount(m.fs);
	m.fs = ext2fx_mount(&m.dev, m.img, pristine_size);
	assert_int_equal(ext2_inode_read(m.fs, ino, &in), 0);
	assert_int_equal(in.size, (1ull << 32) + 10);
	d_close(&m);
}

/* EXT2-021 EXT2-022: pointers outside the filesystem at every level; zero subtrees are holes */
static void test_block_map_damage(void **state)
{
	(void)state;
	d_mount_t m;
	d_open(&m, NULL, NULL);
	ext2_info_t info;
	ext2_get_info(m.fs, &info);
	uint32_t last = info.blocks_count - 1; /* free at the end of a 2 MiB image */
	uint32_t p = D_BS / 4;
	ext2_inode_t in = d_inode(m.fs, "/big");
	uint32_t phys;
	ext2_inode_t bad = in;
	bad.block[3] = info.blocks_count;
	assert_int_equal(ext2_block_map(m.fs, &bad, 3, &phys), -EIO);
	d_assert_reason(m.fs, "outside the filesystem");
	bad = in;
	bad.block[12] = UINT32_MAX;
	assert_int_equal(ext2_block_map(m.fs, &bad, 12, &phys), -EIO);
	/* an indirect block full of bad pointers, used at each level */
	memset(m.img + (size_t)last * D_BS, 0xFF, D_BS);
	for (uint32_t level = 12; level <= 14; level++) {
		bad = in;
		bad.block[level] = last;
		uint64_t index = level == 12 ? 12 : level == 13 ? 12 + p : 12 + p + (uint64_t)p * p;
		assert_int_equal(ext2_block_map(m.fs, &bad, index + 5, &phys), -EIO);
		d_assert_reason(m.fs, "block pointer 4294967295");
	}
	/* the same block all zero: every level is a hole, and reads give zeros */
	ext2_unmount(m.fs);
	memset(m.img + (size_t)last * D_BS, 0, D_BS);
	m.fs = ext2fx_mount(&m.dev, m.img, pristine_size);
	for (uint32_t level = 12; level <= 14; level++) {
		bad = in;
		bad.block[level] = last;
		uint64_t index = level == 12 ? 12 : level == 13 ? 12 + p : 12 + p + (uint64_t)p * p;
		assert_int_equal(ext2_block_map(m.fs, &bad, index + 9, &phys), 0);
		assert_int_equal(phys, 0);
	}
	bad = in;
	bad.block[13] = 0;
	bad.size = (12ull + p + 10) * D_BS;
	uint8_t buf[2 * D_BS];
	memset(buf, 0xAA, sizeof(buf));
	assert_int_equal(ext2_file_read(m.fs, &bad, (12ull + p + 2) * D_BS, buf, sizeof(buf)), (int64_t)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
	/* file_read reports a bad pointer instead of returning data */
	bad = in;
	bad.block[0] = info.blocks_count + 100;
	assert_int_equal(ext2_file_read(m.fs, &bad, 0, buf, 10), -EIO);
	assert_int_equal(ext2_file_read(m.fs, &bad, 0, NULL, 10), -EINVAL);
	d_close(&m);
}

typedef struct {
	size_t at;
	unsigned width; /* 1, 2 or 4 */
	uint32_t value;
} d_patch_t;

static void d_apply(uint8_t *img, void *arg)
{
	const d_patch_t *patch = arg;
	if (patch->width == 1)
		img[patch->at] = (uint8_t)patch->value;
	else if (patch->width == 2)
		ext2fx_put_le16(img + patch->at, (uint16_t)patch->value);
	else
		ext2fx_put_le32(img + patch->at, patch->value);
}

typedef struct {
	unsigned calls;
} d_count_t;

static int d_count(void *ctx, const ext2_dirent_t *e)
{
	(void)e;
	((d_count_t *)ctx)->calls++;
	return 0;
}

/* Damage dir /d as patched; iterating must give err with words, after `calls` callbacks. */
static void d_dir_case(d_patch_t patch, int err, const char *words, unsigned calls)
{
	d_mount_t m;
	d_open(&m, d_apply, &patch);
	ext2_inode_t dir = d_inode(m.fs, "/d");
	d_count_t count = {0};
	int rc = ext2_dir_iterate(m.fs, &dir, d_count, &count);
	if (rc != err || strstr(ext2_reason(m.fs), words) == NULL)
		fail_msg("got %d \"%s\", wanted %d with \"%s\"", rc, ext2_reason(m.fs), err, words);
	assert_int_equal(count.calls, calls);
	uint32_t ino;
	assert_int_equal(ext2_dir_lookup(m.fs, &dir, "zzz", 3, &ino), err);
	d_close(&m);
}

/* EXT2-041: every kind of bad entry, and bad directory inodes */
static void test_dirent_damage(void **state)
{
	(void)state;
	size_t blk = d_data_offset("/d");
	size_t second = blk + 12; /* "." is 12 bytes long */
	size_t third = second + 12; /* ".." too */
	d_dir_case((d_patch_t){blk + D_DIRENT_REC_LEN, 2, 0}, -EIO, "bad record length 0 at 0", 0);
	d_dir_case((d_patch_t){blk + D_DIRENT_REC_LEN, 2, 6}, -EIO, "bad record length 6", 0);
	d_dir_case((d_patch_t){blk + D_DIRENT_REC_LEN, 2, 14}, -EIO, "bad record length 14", 0);
	d_dir_case((d_patch_t){blk + D_DIRENT_REC_LEN, 2, 2000}, -EIO, "bad record length 2000", 0);
	d_dir_case((d_patch_t){second + D_DIRENT_NAME_LEN, 1, 200}, -EIO, "at 12", 1);
	d_dir_case((d_patch_t){third, 4, 0xFFFFFFF0u}, -EIO, "has inode 4294967280", 2);
	d_dir_case((d_patch_t){third + D_DIRENT_NAME_LEN, 1, 0}, -EIO, "name length 0", 2);
	/* a record that ends exactly 4 bytes before the block end leaves a cut header */
	d_dir_case((d_patch_t){blk + D_DIRENT_REC_LEN, 2, D_BS - 4}, -EIO, "cut by the block end", 1);
	size_t inode = d_inode_offset("/d");
	d_dir_case((d_patch_t){inode + D_INODE_SIZE_LOW, 4, 1000}, -EIO, "whole number of blocks", 0);
	d_dir_case((d_patch_t){inode + D_INODE_SIZE_LOW, 4, 0xFFFFFC00u}, -EIO, "more blocks", 0);
	d_dir_case((d_patch_t){inode + 40, 4, 0}, -EIO, "hole at block 0", 0);
	/* the non-directory case */
	d_mount_t m;
	d_open(&m, NULL, NULL);
	ext2_inode_t file = d_inode(m.fs, "/d/a");
	d_count_t count = {0};
	assert_int_equal(ext2_dir_iterate(m.fs, &file, d_count, &count), -ENOTDIR);
	uint32_t ino;
	assert_int_equal(ext2_path_lookup(m.fs, "/d/a/x", &ino), -ENOTDIR);
	assert_int_equal(ext2_path_lookup(m.fs, "d/a", &ino), -EINVAL);
	assert_int_equal(ext2_path_lookup(m.fs, "//d///a/", &ino), 0);
	assert_int_equal(ino, file.ino);
	assert_int_equal(ext2_path_lookup(m.fs, "/", &ino), 0);
	assert_int_equal(ino, EXT2_ROOT_INO);
	assert_int_equal(ext2_path_lookup(m.fs, "/d/nope", &ino), -ENOENT);
	char longname[EXT2_NAME_MAX + 2];
	memset(longname, 'n', sizeof(longname));
	ext2_inode_t dir = d_inode(m.fs, "/d");
	assert_int_equal(ext2_dir_lookup(m.fs, &dir, longname, sizeof(longname), &ino), -ENAMETOOLONG);
	assert_int_equal(ext2_dir_lookup(m.fs, &dir, longname, 0, &ino), -ENOENT);
	assert_int_equal(ext2_dir_lookup(m.fs, &dir, "a", 1, &ino), 0);
	d_close(&m);
}

static int d_stop(void *ctx, const ext2_dirent_t *e)
{
	(void)e;
	d_count_t *c = ctx;
	return ++c->calls == 3 ? 42 : 0;
}

/* EXT2-040: a callback's non-zero result stops the walk and is returned */
static void test_dir_stop(void **state)
{
	(void)state;
	d_mount_t m;
	d_open(&m, NULL, NULL);
	ext2_inode_t dir = d_inode(m.fs, "/d");
	d_count_t c = {0};
	assert_int_equal(ext2_dir_iterate(m.fs, &dir, d_stop, &c), 42);
	assert_int_equal(c.calls, 3);
	d_close(&m);
}

/* EXT2-050: symlink errors */
static void test_symlink_damage(void **state)
{
	(void)state;
	d_mount_t m;
	d_open(&m, NULL, NULL);
	ext2_inode_t fast = d_inode(m.fs, "/d/fast");
	ext2_inode_t slow = d_inode(m.fs, "/slow");
	char buf[512];
	assert_int_equal(ext2_symlink_read(m.fs, &fast, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "a");
	assert_int_equal(ext2_symlink_read(m.fs, &slow, buf, sizeof(buf)), 299);
	ext2_inode_t file = d_inode(m.fs, "/d/a");
	assert_int_equal(ext2_symlink_read(m.fs, &file, buf, sizeof(buf)), -EINVAL);
	ext2_inode_t bad = fast;
	bad.size = 0;
	assert_int_equal(ext2_symlink_read(m.fs, &bad, buf, sizeof(buf)), -EIO);
	bad.size = D_BS;
	assert_int_equal(ext2_symlink_read(m.fs, &bad, buf, sizeof(buf)), -EIO);
	bad = fast;
	bad.block[0] = 0x00616161u; /* "aaa\0" */
	bad.size = 4;
	assert_int_equal(ext2_symlink_read(m.fs, &bad, buf, sizeof(buf)), -EIO);
	d_assert_reason(m.fs, "NUL");
	bad = slow;
	bad.block[0] = 0;
	assert_int_equal(ext2_symlink_read(m.fs, &bad, buf, sizeof(buf)), -EIO);
	d_assert_reason(m.fs, "no data block");
	bad.block[0] = UINT32_MAX;
	assert_int_equal(ext2_symlink_read(m.fs, &bad, buf, sizeof(buf)), -EIO);
	assert_int_equal(ext2_symlink_read(m.fs, &slow, buf, 299), -ENAMETOOLONG);
	assert_int_equal(ext2_symlink_read(m.fs, &slow, NULL, 0), -ENAMETOOLONG);
	d_close(&m);
}

typedef struct {
	size_t start;
	size_t len;
} d_region_t;

#define D_REGIONS 6u
#define D_LIVE_INODES 16u

/* The metadata the walk really reads: superblock, descriptors, live inodes, directories, indirect blocks. */
static void d_live_regions(d_region_t *r)
{
	d_mount_t m;
	d_open(&m, NULL, NULL);
	ext2_info_t info;
	ext2_get_info(m.fs, &info);
	ext2_inode_t root, dir, big;
	assert_int_equal(ext2_inode_read(m.fs, EXT2_ROOT_INO, &root), 0);
	dir = d_inode(m.fs, "/d");
	big = d_inode(m.fs, "/big");
	uint32_t itable = ext2fx_le32(pristine + 2048 + 8);
	r[0] = (d_region_t){1024, 1024};
	r[1] = (d_region_t){2048, 32};
	r[2] = (d_region_t){(size_t)itable * D_BS, D_LIVE_INODES * info.inode_size};
	r[3] = (d_region_t){(size_t)root.block[0] * D_BS, D_BS};
	r[4] = (d_region_t){(size_t)dir.block[0] * D_BS, D_BS};
	r[5] = (d_region_t){(size_t)big.block[12] * D_BS, D_BS};
	d_close(&m);
}

/* EXT2-061: seeded random corruption of live metadata, walked with bounded work, heap balanced */
static void test_random_damage(void **state)
{
	(void)state;
	d_region_t regions[D_REGIONS];
	d_live_regions(regions);
	uint8_t *img = malloc(pristine_size);
	assert_non_null(img);
	unsigned mounted = 0, refused = 0, walk_errors = 0;
	for (int round = 0; round < D_RANDOM_ROUNDS; round++) {
		memcpy(img, pristine, pristine_size);
		unsigned flips = 1 + (unsigned)mem_rng_below(&rng, D_MAX_FLIPS);
		for (unsigned i = 0; i < flips; i++) {
			const d_region_t *r = &regions[mem_rng_below(&rng, D_REGIONS)];
			size_t at = r->start + (size_t)mem_rng_below(&rng, r->len);
			img[at] = (uint8_t)mem_rng_next(&rng);
		}
		kheap_stats_t before, after;
		kheap_stats(&before);
		blockdev_t dev;
		assert_int_equal(ramdisk_init(&dev, "ram0", img, pristine_size, true), 0);
		ext2_fs_t *fs = NULL;
		char reason[EXT2_REASON_MAX];
		int rc = ext2_mount(&dev, &fs, reason, sizeof(reason));
		if (rc == 0) {
			mounted++;
			if (ext2_walk_tree(fs) < 0)
				walk_errors++;
			ext2_unmount(fs);
		} else {
			refused++;
			assert_true(reason[0] != '\0');
		}
		kheap_stats(&after);
		assert_int_equal(before.live_blocks, after.live_blocks);
	}
	fprintf(stderr, "# %d rounds: %u mounted (%u walks hit damage), %u refused\n", D_RANDOM_ROUNDS, mounted,
		walk_errors, refused);
	assert_int_equal(mounted + refused, D_RANDOM_ROUNDS);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inode_numbers_and_fields),
		cmocka_unit_test(test_block_map_damage),
		cmocka_unit_test(test_dirent_damage),
		cmocka_unit_test(test_dir_stop),
		cmocka_unit_test(test_symlink_damage),
		cmocka_unit_test(test_random_damage),
	};
	fprintf(stderr, "# AEGIS_TEST_SEED=%llu\n", (unsigned long long)mem_seed());
	return cmocka_run_group_tests_name("ext2 damage", tests, damage_setup, damage_teardown);
}
