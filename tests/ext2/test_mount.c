/*
 * Mount-time validation (spec/ext2.md EXT2-010..015): each superblock,
 * group-descriptor and root-inode field is damaged in turn in a real
 * mke2fs image; the mount must fail with the documented error and a reason
 * naming the field, free everything, and leave *out NULL.  Also: no group
 * limit (64 groups read back byte for byte).
 */
#include "ext2/ext2_fixture.h"

/* Byte offsets in the superblock (which starts at byte 1024), from the ext2 layout. */
#define T_SB 1024u
#define T_INODES_COUNT 0u
#define T_BLOCKS_COUNT 4u
#define T_FIRST_DATA 20u
#define T_LOG_BS 24u
#define T_BPG 32u
#define T_IPG 40u
#define T_MAGIC 56u
#define T_REV 76u
#define T_FIRST_INO 84u
#define T_INODE_SIZE 88u
#define T_INCOMPAT 96u
/* The group descriptor table is block 2 with 1 KiB blocks. */
#define T_GDT 2048u
#define T_GD_BLOCK_BITMAP 0u
#define T_GD_INODE_BITMAP 4u
#define T_GD_INODE_TABLE 8u
#define T_IMAGE_KIB 1024u
#define T_GROUPS_IMAGE_KIB (16u * 1024u)
#define T_GROUPS_FILES 60
#define T_GROUPS_FILE_BYTES (20u * 1024u)

static uint8_t *pristine;
static size_t pristine_size;
static char *src_dir;

static int mount_setup(void **state)
{
	(void)state;
	ext2fx_machine();
	src_dir = ext2fx_tmpdir();
	char path[EXT2FX_PATH_MAX];
	snprintf(path, sizeof(path), "%s/hello", src_dir);
	ext2fx_write_file(path, "hello\n", 6);
	pristine = ext2fx_mkfs(src_dir, 1024, NULL, T_IMAGE_KIB, &pristine_size);
	return 0;
}

static int mount_teardown(void **state)
{
	(void)state;
	free(pristine);
	ext2fx_rmtree(src_dir);
	free(src_dir);
	return 0;
}

static uint8_t *fresh(void)
{
	uint8_t *img = malloc(pristine_size);
	assert_non_null(img);
	memcpy(img, pristine, pristine_size);
	return img;
}

static void expect_refusal(uint8_t *img, size_t size, int err, const char *words)
{
	char reason[EXT2_REASON_MAX];
	int rc = ext2fx_mount_fails(img, size, reason);
	if (rc != err || strstr(reason, words) == NULL)
		fail_msg("got %d \"%s\", wanted %d with \"%s\"", rc, reason, err, words);
	free(img);
}

static void sb32(uint32_t field, uint32_t value, int err, const char *words)
{
	uint8_t *img = fresh();
	ext2fx_put_le32(img + T_SB + field, value);
	expect_refusal(img, pristine_size, err, words);
}

static void sb16(uint32_t field, uint16_t value, int err, const char *words)
{
	uint8_t *img = fresh();
	ext2fx_put_le16(img + T_SB + field, value);
	expect_refusal(img, pristine_size, err, words);
}

/* EXT2-010: the pristine image mounts, unmounts and leaves the heap as it was (EXT2-015) */
static void test_mount_good(void **state)
{
	(void)state;
	kheap_stats_t before, after;
	kheap_stats(&before);
	blockdev_t dev;
	uint8_t *img = fresh();
	mem_log_reset();
	ext2_fs_t *fs = ext2fx_mount(&dev, img, pristine_size);
	ext2_info_t info;
	ext2_get_info(fs, &info);
	assert_int_equal(info.blocks_count, T_IMAGE_KIB);
	assert_int_equal(info.inodes_count, ext2fx_le32(pristine + T_SB + T_INODES_COUNT));
	assert_int_equal(info.free_blocks, ext2fx_le32(pristine + T_SB + 12));
	assert_int_equal(info.free_inodes, ext2fx_le32(pristine + T_SB + 16));
	assert_string_equal(ext2_reason(fs), "");
	char marker[128];
	snprintf(marker, sizeof(marker), "[EXT2] OK: mounted ram0, %u blocks, %u inodes\n", info.blocks_count,
		 info.inodes_count);
	mem_assert_log(marker);
	uint32_t ino;
	assert_int_equal(ext2_path_lookup(fs, "/hello", &ino), 0);
	ext2_unmount(fs);
	kheap_stats(&after);
	assert_int_equal(before.live_blocks, after.live_blocks);
	free(img);
}

/* EXT2-011: superblock fields */
static void test_superblock_refusals(void **state)
{
	(void)state;
	sb16(T_MAGIC, 0x1234, -EINVAL, "magic");
	sb32(T_FIRST_DATA, 0, -EINVAL, "first data block");
	sb32(T_BLOCKS_COUNT, 0, -EINVAL, "block count");
	sb32(T_BLOCKS_COUNT, 1, -EINVAL, "block count");
	sb32(T_BLOCKS_COUNT, T_IMAGE_KIB + 1, -EINVAL, "do not fit");
	sb32(T_BPG, 0, -EINVAL, "blocks per group");
	sb32(T_BPG, 8193, -EINVAL, "blocks per group");
	sb32(T_IPG, 0, -EINVAL, "inodes per group");
	sb32(T_IPG, 8193, -EINVAL, "inodes per group");
	sb32(T_INODES_COUNT, 0, -EINVAL, "inode count");
	sb32(T_INODES_COUNT, 0x7FFFFFFF, -EINVAL, "inode count");
	sb32(T_INODES_COUNT, 1, -EINVAL, "inode count 1 has no root inode");
	sb32(T_FIRST_INO, 2, -EINVAL, "first inode");
	sb32(T_FIRST_INO, ext2fx_le32(pristine + T_SB + T_INODES_COUNT) + 1, -EINVAL, "first inode");
	sb16(T_INODE_SIZE, 100, -EINVAL, "inode size");
	sb16(T_INODE_SIZE, 192, -EINVAL, "inode size");
	sb16(T_INODE_SIZE, 2048, -EINVAL, "inode size");
	sb16(T_INODE_SIZE, 0, -EINVAL, "inode size");
	uint8_t *img = fresh();
	expect_refusal(img, 2047, -EINVAL, "too small");
	img = fresh();
	expect_refusal(img, 600 * 1024, -EINVAL, "do not fit");
}

/* EXT2-012: unsupported block sizes, revisions and incompatible features */
static void test_unsupported(void **state)
{
	(void)state;
	sb32(T_LOG_BS, 3, -EOPNOTSUPP, "block size");
	sb32(T_LOG_BS, 0xFFFFFFFF, -EOPNOTSUPP, "block size");
	sb32(T_REV, 2, -EOPNOTSUPP, "revision 2");
	uint32_t incompat = ext2fx_le32(pristine + T_SB + T_INCOMPAT);
	sb32(T_INCOMPAT, incompat | 0x40, -EOPNOTSUPP, "0x40");
	sb32(T_INCOMPAT, incompat | 0x80000000u, -EOPNOTSUPP, "0x80000000");
	sb32(T_INCOMPAT, incompat | 0x10, -EOPNOTSUPP, "incompatible features 0x10");
}

static void gd32(uint32_t field, uint32_t value, const char *words)
{
	uint8_t *img = fresh();
	ext2fx_put_le32(img + T_GDT + field, value);
	expect_refusal(img, pristine_size, -EINVAL, words);
}

/* EXT2-013: group descriptors */
static void test_group_refusals(void **state)
{
	(void)state;
	gd32(T_GD_BLOCK_BITMAP, 0, "group 0: block bitmap");
	gd32(T_GD_BLOCK_BITMAP, T_IMAGE_KIB, "group 0: block bitmap");
	gd32(T_GD_INODE_BITMAP, 0xFFFFFFFF, "group 0: inode bitmap");
	gd32(T_GD_INODE_TABLE, T_IMAGE_KIB - 1, "group 0: inode table");
	gd32(T_GD_INODE_TABLE, 0, "group 0: inode table");
	/* blocks per group of 1: 1023 groups, whose descriptors beyond group 0 are not valid */
	sb32(T_BPG, 1, -EINVAL, "group 1: block bitmap");
}

/* EXT2-014: the root inode must be a directory and in use */
static void test_root_inode(void **state)
{
	(void)state;
	uint32_t itable = ext2fx_le32(pristine + T_GDT + T_GD_INODE_TABLE);
	uint32_t isize = pristine[T_SB + T_INODE_SIZE] | (uint32_t)pristine[T_SB + T_INODE_SIZE + 1] << 8;
	size_t root = (size_t)itable * 1024 + isize; /* inode 2 is the second slot */
	uint8_t *img = fresh();
	ext2fx_put_le16(img + root, 0x81A4); /* regular file 0644 */
	expect_refusal(img, pristine_size, -EINVAL, "root inode is not a directory");
	img = fresh();
	memset(img + root, 0, isize);
	expect_refusal(img, pristine_size, -EIO, "inode 2 is not in use");
	img = fresh();
	ext2fx_put_le16(img + root, 0xE1ED); /* type 0xE000 does not exist */
	expect_refusal(img, pristine_size, -EIO, "unknown type");
}

/* EXT2-015: bad arguments */
static void test_mount_arguments(void **state)
{
	(void)state;
	char reason[EXT2_REASON_MAX];
	ext2_fs_t *fs = NULL;
	assert_int_equal(ext2_mount(NULL, &fs, reason, sizeof(reason)), -EINVAL);
	assert_true(reason[0] != '\0');
	blockdev_t dev;
	uint8_t *img = fresh();
	assert_int_equal(ramdisk_init(&dev, "ram0", img, pristine_size, true), 0);
	assert_int_equal(ext2_mount(&dev, NULL, reason, sizeof(reason)), -EINVAL);
	img[T_SB + T_MAGIC] ^= 1;
	assert_int_equal(ext2_mount(&dev, &fs, NULL, 0), -EINVAL);
	assert_null(fs);
	free(img);
}

/* EXT2-013: 64 groups, no clamp; every file in every group reads back (without resize_inode, which
 * would make mke2fs switch to meta_bg, an incompatible feature we refuse) */
static void test_many_groups(void **state)
{
	(void)state;
	char *dir = ext2fx_tmpdir();
	mem_rng_t rng = {mem_seed()};
	char path[EXT2FX_PATH_MAX];
	for (int i = 0; i < T_GROUPS_FILES; i++) {
		snprintf(path, sizeof(path), "%s/f%02d", dir, i);
		ext2fx_random_file(path, T_GROUPS_FILE_BYTES, &rng);
	}
	size_t size;
	uint8_t *img = ext2fx_mkfs(dir, 1024, "-g 256 -N 4096 -O ^resize_inode", T_GROUPS_IMAGE_KIB, &size);
	blockdev_t dev;
	ext2_fs_t *fs = ext2fx_mount(&dev, img, size);
	ext2_info_t info;
	ext2_get_info(fs, &info);
	assert_int_equal(info.group_count, 64);
	uint8_t *want = malloc(T_GROUPS_FILE_BYTES), *got = malloc(T_GROUPS_FILE_BYTES);
	for (int i = 0; i < T_GROUPS_FILES; i++) {
		snprintf(path, sizeof(path), "%s/f%02d", dir, i);
		int fd = open(path, O_RDONLY);
		assert_int_equal(read(fd, want, T_GROUPS_FILE_BYTES), T_GROUPS_FILE_BYTES);
		close(fd);
		uint32_t ino;
		assert_int_equal(ext2_path_lookup(fs, path + strlen(dir), &ino), 0);
		ext2_inode_t in;
		assert_int_equal(ext2_inode_read(fs, ino, &in), 0);
		assert_int_equal(ext2_file_read(fs, &in, 0, got, T_GROUPS_FILE_BYTES), T_GROUPS_FILE_BYTES);
		assert_memory_equal(got, want, T_GROUPS_FILE_BYTES);
	}
	/* the last inode is in group 63 and reads as unused, with a reason */
	ext2_inode_t last;
	assert_int_equal(ext2_inode_read(fs, info.inodes_count, &last), -EIO);
	assert_true(strstr(ext2_reason(fs), "not in use") != NULL);
	free(want);
	free(got);
	ext2_unmount(fs);
	free(img);
	ext2fx_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mount_good),
		cmocka_unit_test(test_superblock_refusals),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_group_refusals),
		cmocka_unit_test(test_root_inode),
		cmocka_unit_test(test_mount_arguments),
		cmocka_unit_test(test_many_groups),
	};
	fprintf(stderr, "# AEGIS_TEST_SEED=%llu\n", (unsigned long long)mem_seed());
	return cmocka_run_group_tests_name("ext2 mount", tests, mount_setup, mount_teardown);
}
