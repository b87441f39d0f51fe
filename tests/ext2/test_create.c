/*
 * Creating files and directories (spec/ext2.md EXT2-074): hundreds of
 * entries (directory blocks fill and new ones are appended), nested
 * directories and file contents, checked by e2fsck -fn, debugfs and the
 * core's own reader after a remount; and every refusal.
 */
#include "ext2/ext2_fixture.h"

#define C_IMAGE_KIB 4096u
#define C_FILES 300
#define C_DEPTH 6
#define C_NAME 64

static uint8_t *pristine;
static size_t pristine_size;

static int create_setup(void **state)
{
	(void)state;
	ext2fx_machine();
	char *dir = ext2fx_tmpdir();
	char path[EXT2FX_PATH_MAX];
	snprintf(path, sizeof(path), "%s/file", dir);
	ext2fx_write_file(path, "f", 1);
	pristine = ext2fx_mkfs(dir, 1024, NULL, C_IMAGE_KIB, &pristine_size);
	ext2fx_rmtree(dir);
	free(dir);
	return 0;
}

static int create_teardown(void **state)
{
	(void)state;
	free(pristine);
	return 0;
}

static ext2_inode_t c_inode(ext2_fs_t *fs, const char *path)
{
	uint32_t ino;
	if (ext2_path_lookup(fs, path, &ino) != 0)
		fail_msg("lookup %s: %s", path, ext2_reason(fs));
	ext2_inode_t in;
	assert_int_equal(ext2_inode_read(fs, ino, &in), 0);
	return in;
}

static void c_content(char *buf, size_t size, int i)
{
	snprintf(buf, size, "content of file number %d\n", i);
}

/* EXT2-074 */
static void test_create_many(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	memcpy(img, pristine, pristine_size);
	blockdev_t dev;
	assert_int_equal(ramdisk_init(&dev, "ram0", img, pristine_size, false), 0);
	ext2_fs_t *fs = NULL;
	char reason[EXT2_REASON_MAX];
	assert_int_equal(ext2_mount(&dev, &fs, reason, sizeof(reason)), 0);
	ext2_inode_t root = c_inode(fs, "/");
	uint16_t root_links = root.links;
	ext2_inode_t newdir, f;
	assert_int_equal(ext2_mkdir(fs, &root, "new", 3, 0755, 1000, 1000, &newdir), 0);
	assert_int_equal(root.links, root_links + 1);
	/* a hash-index flag is dropped by the first insert (e2fsck would reject it on a linear directory) */
	newdir.flags |= 0x1000u;
	char name[C_NAME], text[C_NAME];
	for (int i = 0; i < C_FILES; i++) {
		snprintf(name, sizeof(name), "file-%03d-with-a-longer-name", i);
		assert_int_equal(ext2_create(fs, &newdir, name, strlen(name), 0644, 0, 0, &f), 0);
		c_content(text, sizeof(text), i);
		assert_int_equal(ext2_file_write(fs, &f, 0, text, strlen(text)), (int64_t)strlen(text));
	}
	assert_true(newdir.size > 8 * 1024); /* the directory grew by several blocks */
	assert_int_equal(newdir.flags & 0x1000u, 0);
	ext2_inode_t cur = newdir, next;
	for (int d = 0; d < C_DEPTH; d++) {
		snprintf(name, sizeof(name), "level%d", d);
		assert_int_equal(ext2_mkdir(fs, &cur, name, strlen(name), 0700, 0, 0, &next), 0);
		cur = next;
	}
	assert_int_equal(ext2_create(fs, &cur, "leaf", 4, 0600, 0, 0, &f), 0);
	assert_int_equal(ext2_file_write(fs, &f, 0, "deep", 4), 4);
	ext2_unmount(fs);
	/* outside tools */
	char *dir = ext2fx_tmpdir();
	char file[EXT2FX_PATH_MAX], cmd[EXT2FX_CMD_MAX];
	snprintf(file, sizeof(file), "%s/image", dir);
	ext2fx_write_file(file, img, pristine_size);
	snprintf(cmd, sizeof(cmd), "e2fsck -fn '%s' >&2", file);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd),
		 "test \"$(debugfs -R 'cat /new/level0/level1/level2/level3/level4/level5/leaf' '%s' 2>/dev/null)\" = deep",
		 file);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd),
		 "test \"$(debugfs -R 'ls /new' '%s' 2>/dev/null | grep -o 'file-[0-9]*-with-a-longer-name' | wc -l)\" = %d",
		 file, C_FILES);
	assert_int_equal(system(cmd), 0);
	ext2fx_rmtree(dir);
	free(dir);
	/* our own reader after a remount */
	fs = ext2fx_mount(&dev, img, pristine_size);
	for (int i = 0; i < C_FILES; i++) {
		char path[EXT2FX_PATH_MAX];
		snprintf(path, sizeof(path), "/new/file-%03d-with-a-longer-name", i);
		ext2_inode_t in = c_inode(fs, path);
		c_content(text, sizeof(text), i);
		char got[C_NAME];
		assert_int_equal(ext2_file_read(fs, &in, 0, got, sizeof(got)), (int64_t)strlen(text));
		assert_memory_equal(got, text, strlen(text));
		assert_int_equal(in.mode, EXT2_S_IFREG | 0644);
	}
	ext2_inode_t nd = c_inode(fs, "/new");
	assert_int_equal(nd.links, 3);
	assert_int_equal(nd.uid, 1000);
	assert_int_equal(nd.mode, EXT2_S_IFDIR | 0755);
	ext2_unmount(fs);
	free(img);
}

/* EXT2-074: refusals */
static void test_create_refusals(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	memcpy(img, pristine, pristine_size);
	blockdev_t dev;
	assert_int_equal(ramdisk_init(&dev, "ram0", img, pristine_size, false), 0);
	ext2_fs_t *fs = NULL;
	char reason[EXT2_REASON_MAX];
	assert_int_equal(ext2_mount(&dev, &fs, reason, sizeof(reason)), 0);
	ext2_inode_t root = c_inode(fs, "/");
	ext2_inode_t file = c_inode(fs, "/file");
	ext2_inode_t out;
	ext2_info_t before, after;
	ext2_get_info(fs, &before);
	assert_int_equal(ext2_create(fs, &root, "file", 4, 0644, 0, 0, &out), -EEXIST);
	assert_int_equal(ext2_mkdir(fs, &root, "file", 4, 0755, 0, 0, &out), -EEXIST);
	assert_int_equal(ext2_create(fs, &root, ".", 1, 0644, 0, 0, &out), -EEXIST);
	assert_int_equal(ext2_mkdir(fs, &root, "..", 2, 0755, 0, 0, &out), -EEXIST);
	assert_int_equal(ext2_create(fs, &root, "a/b", 3, 0644, 0, 0, &out), -EINVAL);
	assert_int_equal(ext2_create(fs, &root, "a\0b", 3, 0644, 0, 0, &out), -EINVAL);
	assert_int_equal(ext2_create(fs, &root, "", 0, 0644, 0, 0, &out), -EINVAL);
	char longname[EXT2_NAME_MAX + 1];
	memset(longname, 'n', sizeof(longname));
	assert_int_equal(ext2_create(fs, &root, longname, sizeof(longname), 0644, 0, 0, &out), -ENAMETOOLONG);
	assert_int_equal(ext2_create(fs, &root, longname, EXT2_NAME_MAX, 0644, 0, 0, &out), 0);
	assert_int_equal(ext2_create(fs, &file, "x", 1, 0644, 0, 0, &out), -ENOTDIR);
	ext2_get_info(fs, &after);
	assert_int_equal(before.free_inodes - after.free_inodes, 1); /* only the 255-byte name */
	ext2_unmount(fs);
	memcpy(img, pristine, pristine_size);
	fs = ext2fx_mount(&dev, img, pristine_size);
	root = c_inode(fs, "/");
	assert_int_equal(ext2_create(fs, &root, "x", 1, 0644, 0, 0, &out), -EROFS);
	assert_int_equal(ext2_mkdir(fs, &root, "x", 1, 0755, 0, 0, &out), -EROFS);
	ext2_unmount(fs);
	assert_memory_equal(img, pristine, pristine_size);
	free(img);
}

/* EXT2-076: fast and slow symlinks, their limits, and their removal */
static void test_symlinks(void **state)
{
	(void)state;
	uint8_t *img = malloc(pristine_size);
	memcpy(img, pristine, pristine_size);
	blockdev_t dev;
	assert_int_equal(ramdisk_init(&dev, "ram0", img, pristine_size, false), 0);
	ext2_fs_t *fs = NULL;
	char reason[EXT2_REASON_MAX];
	assert_int_equal(ext2_mount(&dev, &fs, reason, sizeof(reason)), 0);
	ext2_inode_t root = c_inode(fs, "/");
	ext2_info_t before, mid;
	ext2_get_info(fs, &before);
	static const size_t lengths[] = {1, 59, 60, 61, 500, 1023};
	char target[1100], name[C_NAME];
	for (size_t i = 0; i < sizeof(target); i++)
		target[i] = (char)('a' + i % 26);
	ext2_inode_t l;
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		snprintf(name, sizeof(name), "link%zu", lengths[i]);
		assert_int_equal(ext2_symlink(fs, &root, name, strlen(name), target, lengths[i], 0, 0, &l), 0);
		assert_int_equal(l.blocks512, lengths[i] < 60 ? 0u : 2u);
	}
	ext2_get_info(fs, &mid);
	assert_int_equal(before.free_blocks - mid.free_blocks, 4); /* the four slow links */
	assert_int_equal(ext2_symlink(fs, &root, "toolong", 7, target, 1024, 0, 0, &l), -ENAMETOOLONG);
	assert_int_equal(ext2_symlink(fs, &root, "empty", 5, target, 0, 0, 0, &l), -EINVAL);
	assert_int_equal(ext2_symlink(fs, &root, "nul", 3, "a\0b", 3, 0, 0, &l), -EINVAL);
	assert_int_equal(ext2_symlink(fs, &root, "link1", 5, "x", 1, 0, 0, &l), -EEXIST);
	ext2_get_info(fs, &before);
	assert_int_equal(before.free_inodes, mid.free_inodes);
	ext2_unmount(fs);
	char *dir = ext2fx_tmpdir();
	char file[EXT2FX_PATH_MAX], cmd[EXT2FX_CMD_MAX];
	snprintf(file, sizeof(file), "%s/image", dir);
	ext2fx_write_file(file, img, pristine_size);
	snprintf(cmd, sizeof(cmd), "e2fsck -fn '%s' >&2", file);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "debugfs -R 'stat /link59' '%s' 2>/dev/null | grep -qF '%.59s'", file, target);
	assert_int_equal(system(cmd), 0);
	fs = ext2fx_mount(&dev, img, pristine_size);
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		char path[C_NAME], got[1100];
		snprintf(path, sizeof(path), "/link%zu", lengths[i]);
		ext2_inode_t in = c_inode(fs, path);
		assert_int_equal(ext2_symlink_read(fs, &in, got, sizeof(got)), (int)lengths[i]);
		assert_memory_equal(got, target, lengths[i]);
	}
	ext2_unmount(fs);
	assert_int_equal(ramdisk_init(&dev, "ram0", img, pristine_size, false), 0);
	assert_int_equal(ext2_mount(&dev, &fs, reason, sizeof(reason)), 0);
	root = c_inode(fs, "/");
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		snprintf(name, sizeof(name), "link%zu", lengths[i]);
		assert_int_equal(ext2_unlink(fs, &root, name, strlen(name)), 0);
	}
	ext2_info_t after;
	ext2_get_info(fs, &after);
	ext2_unmount(fs);
	assert_int_equal(after.free_inodes, mid.free_inodes + 6);
	assert_int_equal(after.free_blocks, mid.free_blocks + 4);
	ext2fx_write_file(file, img, pristine_size);
	snprintf(cmd, sizeof(cmd), "e2fsck -fn '%s' >&2", file);
	assert_int_equal(system(cmd), 0);
	ext2fx_rmtree(dir);
	free(dir);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_many),
		cmocka_unit_test(test_create_refusals),
		cmocka_unit_test(test_symlinks),
	};
	return cmocka_run_group_tests_name("ext2 create", tests, create_setup, create_teardown);
}
