/*
 * unlink, rmdir, truncate and rename (spec/ext2.md EXT2-075, EXT2-077,
 * EXT2-078): removing a whole tree (small
 * files, double- and triple-indirect files, fast and slow symlinks, nested
 * directories) gives back exactly the space of an empty filesystem and
 * passes e2fsck -fn; the refusals; a tree that shares a block is stopped.
 */
#include "ext2/ext2_fixture.h"

#define R_IMAGE_KIB 4096u
#define R_BS 1024u

static char *src_dir;
static uint8_t *pristine, *empty;
static size_t pristine_size, empty_size;
static mem_rng_t rng;

static void r_file(const char *rel, size_t len)
{
	char path[EXT2FX_PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", src_dir, rel);
	ext2fx_random_file(path, len, &rng);
}

static void r_dir(const char *rel)
{
	char path[EXT2FX_PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", src_dir, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static int remove_setup(void **state)
{
	(void)state;
	ext2fx_machine();
	rng = (mem_rng_t){mem_seed()};
	src_dir = ext2fx_tmpdir();
	r_dir("d");
	r_dir("d/e");
	r_dir("d/e/empty");
	r_file("d/one", 1);
	r_file("d/e/two", 2000);
	r_file("big", 300 * 1024);
	char path[EXT2FX_PATH_MAX];
	snprintf(path, sizeof(path), "%s/sparse", src_dir);
	ext2fx_write_file(path, "s", 1);
	ext2fx_poke(path, (off_t)((12ull + 256 + 65536 + 5) * R_BS), "t", 1);
	snprintf(path, sizeof(path), "%s/fast", src_dir);
	assert_int_equal(symlink("d/one", path), 0);
	char target[200];
	memset(target, 'q', sizeof(target) - 1);
	target[sizeof(target) - 1] = '\0';
	snprintf(path, sizeof(path), "%s/d/slow", src_dir);
	assert_int_equal(symlink(target, path), 0);
	pristine = ext2fx_mkfs(src_dir, R_BS, NULL, R_IMAGE_KIB, &pristine_size);
	empty = ext2fx_mkfs(NULL, R_BS, NULL, R_IMAGE_KIB, &empty_size);
	return 0;
}

static int remove_teardown(void **state)
{
	(void)state;
	free(pristine);
	free(empty);
	ext2fx_rmtree(src_dir);
	free(src_dir);
	return 0;
}

static ext2_fs_t *r_mount(blockdev_t *dev, uint8_t *img, bool ro)
{
	memcpy(img, pristine, pristine_size);
	assert_int_equal(ramdisk_init(dev, "ram0", img, pristine_size, ro), 0);
	ext2_fs_t *fs = NULL;
	char reason[EXT2_REASON_MAX];
	assert_int_equal(ext2_mount(dev, &fs, reason, sizeof(reason)), 0);
	return fs;
}

static ext2_inode_t r_inode(ext2_fs_t *fs, const char *path)
{
	uint32_t ino;
	assert_int_equal(ext2_path_lookup(fs, path, &ino), 0);
	ext2_inode_t in;
	assert_int_equal(ext2_inode_read(fs, ino, &in), 0);
	return in;
}

static void r_fsck(const uint8_t *img)
{
	char *dir = ext2fx_tmpdir();
	char file[EXT2FX_PATH_MAX], cmd[EXT2FX_CMD_MAX];
	snprintf(file, sizeof(file), "%s/image", dir);
	ext2fx_write_file(file, img, pristine_size);
	snprintf(cmd, sizeof(cmd), "e2fsck -fn '%s' >&2", file);
	assert_int_equal(system(cmd), 0);
	ext2fx_rmtree(dir);
	free(dir);
}

/* EXT2-075: everything removed, counts back to an empty filesystem's, e2fsck clean */
static void test_remove_all(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	blockdev_t dev;
	ext2_fs_t *fs = r_mount(&dev, img, false);
	ext2_inode_t root = r_inode(fs, "/");
	ext2_inode_t d = r_inode(fs, "/d");
	ext2_inode_t e = r_inode(fs, "/d/e");
	uint16_t root_links = root.links;
	assert_int_equal(ext2_unlink(fs, &e, "two", 3), 0);
	assert_int_equal(ext2_rmdir(fs, &e, "empty", 5), 0);
	assert_int_equal(e.links, 2);
	assert_int_equal(ext2_rmdir(fs, &d, "e", 1), 0);
	assert_int_equal(ext2_unlink(fs, &d, "slow", 4), 0);
	assert_int_equal(ext2_unlink(fs, &d, "one", 3), 0);
	assert_int_equal(ext2_rmdir(fs, &root, "d", 1), 0);
	assert_int_equal(root.links, root_links - 1);
	assert_int_equal(ext2_unlink(fs, &root, "fast", 4), 0);
	assert_int_equal(ext2_unlink(fs, &root, "big", 3), 0);
	assert_int_equal(ext2_unlink(fs, &root, "sparse", 6), 0);
	uint32_t ino;
	assert_int_equal(ext2_path_lookup(fs, "/big", &ino), -ENOENT);
	ext2_info_t now;
	ext2_get_info(fs, &now);
	ext2_unmount(fs);
	blockdev_t edev;
	uint8_t *ecopy = malloc(empty_size);
	memcpy(ecopy, empty, empty_size);
	ext2_fs_t *efs = ext2fx_mount(&edev, ecopy, empty_size);
	ext2_info_t want;
	ext2_get_info(efs, &want);
	ext2_unmount(efs);
	free(ecopy);
	assert_int_equal(now.free_blocks, want.free_blocks);
	assert_int_equal(now.free_inodes, want.free_inodes);
	r_fsck(img);
	/* the space is usable again */
	fs = ext2fx_mount(&dev, img, pristine_size);
	ext2_unmount(fs);
	assert_int_equal(ramdisk_init(&dev, "ram0", img, pristine_size, false), 0);
	char reason[EXT2_REASON_MAX];
	assert_int_equal(ext2_mount(&dev, &fs, reason, sizeof(reason)), 0);
	root = r_inode(fs, "/");
	ext2_inode_t f;
	assert_int_equal(ext2_create(fs, &root, "again", 5, 0644, 0, 0, &f), 0);
	uint8_t *blob = calloc(1, 500 * R_BS);
	assert_int_equal(ext2_file_write(fs, &f, 0, blob, 500 * R_BS), 500 * R_BS);
	ext2_unmount(fs);
	r_fsck(img);
	free(blob);
	free(img);
}

/* EXT2-075: refusals */
static void test_remove_refusals(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	blockdev_t dev;
	ext2_fs_t *fs = r_mount(&dev, img, false);
	ext2_inode_t root = r_inode(fs, "/");
	ext2_inode_t d = r_inode(fs, "/d");
	assert_int_equal(ext2_unlink(fs, &root, "d", 1), -EISDIR);
	assert_int_equal(ext2_rmdir(fs, &root, "d", 1), -ENOTEMPTY);
	assert_int_equal(ext2_rmdir(fs, &root, "big", 3), -ENOTDIR);
	assert_int_equal(ext2_rmdir(fs, &d, ".", 1), -EINVAL);
	assert_int_equal(ext2_rmdir(fs, &d, "..", 2), -EINVAL);
	assert_int_equal(ext2_unlink(fs, &root, "nothing", 7), -ENOENT);
	ext2_unmount(fs);
	r_fsck(img);
	fs = r_mount(&dev, img, true);
	root = r_inode(fs, "/");
	assert_int_equal(ext2_unlink(fs, &root, "big", 3), -EROFS);
	assert_int_equal(ext2_rmdir(fs, &root, "d", 1), -EROFS);
	ext2_unmount(fs);
	assert_memory_equal(img, pristine, pristine_size);
	free(img);
}

/* EXT2-075: a file whose two pointers name the same block is stopped with -EIO, not freed twice */
static void test_shared_block(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	blockdev_t dev;
	ext2_fs_t *fs = r_mount(&dev, img, false);
	ext2_inode_t root = r_inode(fs, "/");
	ext2_inode_t big = r_inode(fs, "/big");
	big.block[1] = big.block[0];
	assert_int_equal(ext2_inode_write(fs, &big), 0);
	assert_int_equal(ext2_unlink(fs, &root, "big", 3), -EIO);
	assert_true(strstr(ext2_reason(fs), "already free") != NULL);
	ext2_unmount(fs);
	free(img);
}

/* EXT2-077: shrink, grow, shrink to zero, drop a triple-indirect tree */
static void test_truncate(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	blockdev_t dev;
	ext2_fs_t *fs = r_mount(&dev, img, false);
	ext2_inode_t big = r_inode(fs, "/big");
	uint8_t *orig = malloc(300 * R_BS);
	assert_int_equal(ext2_file_read(fs, &big, 0, orig, 300 * R_BS), 300 * R_BS);
	ext2_info_t a, b;
	ext2_get_info(fs, &a);
	assert_int_equal(big.blocks512, 303 * 2); /* 300 data + ind + dind + one ind below it */
	assert_int_equal(ext2_truncate(fs, &big, 100000), 0);
	ext2_get_info(fs, &b);
	assert_int_equal(b.free_blocks - a.free_blocks, 303 - 99); /* 98 data blocks and the ind stay */
	assert_int_equal(big.blocks512, 99 * 2);
	assert_int_equal(big.block[13], 0);
	assert_int_equal(ext2_truncate(fs, &big, 200000), 0);
	uint8_t *got = malloc(200000);
	assert_int_equal(ext2_file_read(fs, &big, 0, got, 200000), 200000);
	assert_memory_equal(got, orig, 100000);
	for (size_t i = 100000; i < 200000; i++)
		if (got[i] != 0)
			fail_msg("byte %zu is %u after growing", i, got[i]);
	ext2_unmount(fs);
	r_fsck(img);
	assert_int_equal(ramdisk_init(&dev, "ram0", img, pristine_size, false), 0);
	char reason[EXT2_REASON_MAX];
	assert_int_equal(ext2_mount(&dev, &fs, reason, sizeof(reason)), 0);
	big = r_inode(fs, "/big");
	assert_int_equal(ext2_truncate(fs, &big, 0), 0);
	assert_int_equal(big.blocks512, 0);
	for (int i = 0; i < 15; i++)
		assert_int_equal(big.block[i], 0);
	ext2_inode_t sparse = r_inode(fs, "/sparse");
	assert_int_not_equal(sparse.block[14], 0);
	assert_int_equal(ext2_truncate(fs, &sparse, 5000), 0);
	assert_int_equal(sparse.block[14], 0);
	assert_int_equal(sparse.blocks512, 2); /* the first data block only */
	ext2_inode_t d = r_inode(fs, "/d");
	ext2_inode_t fast = r_inode(fs, "/fast");
	assert_int_equal(ext2_truncate(fs, &d, 0), -EISDIR);
	assert_int_equal(ext2_truncate(fs, &fast, 0), -EINVAL);
	assert_int_equal(ext2_truncate(fs, &sparse, (12ull + 256 + 65536 + 16777216) * R_BS + 1), -EFBIG);
	ext2_unmount(fs);
	r_fsck(img);
	fs = r_mount(&dev, img, true);
	big = r_inode(fs, "/big");
	assert_int_equal(ext2_truncate(fs, &big, 0), -EROFS);
	ext2_unmount(fs);
	free(got);
	free(orig);
	free(img);
}

/* EXT2-078: renames within and between directories, replacing targets, and the refusals */
static void test_rename(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	blockdev_t dev;
	ext2_fs_t *fs = r_mount(&dev, img, false);
	ext2_inode_t root = r_inode(fs, "/");
	ext2_inode_t d = r_inode(fs, "/d");
	ext2_inode_t e = r_inode(fs, "/d/e");
	ext2_inode_t big = r_inode(fs, "/big");
	uint8_t *orig = malloc(300 * R_BS), *got = malloc(300 * R_BS);
	assert_int_equal(ext2_file_read(fs, &big, 0, orig, 300 * R_BS), 300 * R_BS);
	/* refusals first */
	assert_int_equal(ext2_rename(fs, &root, "d", 1, &e, "inside", 6), -EINVAL);
	assert_int_equal(ext2_rename(fs, &root, "d", 1, &d, "self", 4), -EINVAL);
	assert_int_equal(ext2_rename(fs, &root, "d", 1, &root, "big", 3), -ENOTDIR);
	assert_int_equal(ext2_rename(fs, &root, "big", 3, &root, "d", 1), -EISDIR);
	assert_int_equal(ext2_rename(fs, &d, "one", 3, &root, "..", 2), -EINVAL);
	assert_int_equal(ext2_rename(fs, &root, "nothing", 7, &root, "x", 1), -ENOENT);
	assert_int_equal(ext2_rename(fs, &root, "big", 3, &root, "big", 3), 0);
	/* a directory over a non-empty one */
	ext2_inode_t made;
	assert_int_equal(ext2_mkdir(fs, &root, "other", 5, 0755, 0, 0, &made), 0);
	assert_int_equal(ext2_rename(fs, &root, "other", 5, &root, "d", 1), -ENOTEMPTY);
	/* within a directory, then across, then replacing a file */
	assert_int_equal(ext2_rename(fs, &root, "big", 3, &root, "large", 5), 0);
	assert_int_equal(ext2_rename(fs, &root, "large", 5, &e, "moved", 5), 0);
	assert_int_equal(ext2_rename(fs, &e, "moved", 5, &d, "one", 3), 0); /* replaces d/one */
	uint32_t ino;
	assert_int_equal(ext2_path_lookup(fs, "/big", &ino), -ENOENT);
	assert_int_equal(ext2_path_lookup(fs, "/d/e/moved", &ino), -ENOENT);
	ext2_inode_t now = r_inode(fs, "/d/one");
	assert_int_equal(now.ino, big.ino);
	assert_int_equal(ext2_file_read(fs, &now, 0, got, 300 * R_BS), 300 * R_BS);
	assert_memory_equal(got, orig, 300 * R_BS);
	/* a directory to another parent: links and ".." follow; then over an empty directory */
	uint16_t root_links = root.links, d_links = d.links;
	assert_int_equal(ext2_rename(fs, &d, "e", 1, &root, "e2", 2), 0);
	assert_int_equal(root.links, root_links + 1);
	assert_int_equal(d.links, d_links - 1);
	ext2_inode_t e2 = r_inode(fs, "/e2");
	assert_int_equal(ext2_dir_lookup(fs, &e2, "..", 2, &ino), 0);
	assert_int_equal(ino, EXT2_ROOT_INO);
	assert_int_equal(ext2_rename(fs, &e2, "empty", 5, &root, "other", 5), 0); /* replaces empty /other */
	ext2_inode_t other = r_inode(fs, "/other");
	assert_int_equal(ext2_dir_lookup(fs, &other, "..", 2, &ino), 0);
	assert_int_equal(ino, EXT2_ROOT_INO);
	ext2_unmount(fs);
	r_fsck(img);
	free(orig);
	free(got);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remove_all),
		cmocka_unit_test(test_remove_refusals),
		cmocka_unit_test(test_shared_block),
		cmocka_unit_test(test_truncate),
		cmocka_unit_test(test_rename),
	};
	fprintf(stderr, "# AEGIS_TEST_SEED=%llu\n", (unsigned long long)mem_seed());
	return cmocka_run_group_tests_name("ext2 remove", tests, remove_setup, remove_teardown);
}
