/*
 * What the VFS needs from the core (spec/ext2.md EXT2-079..EXT2-083): hard
 * links, removal that keeps an unlinked inode until it is released, rename
 * reporting its victim (and NOREPLACE, one pointer for both directories,
 * EMLINK), attributes through ext2_inode_write, and the large_file feature
 * set by growth past 2 GiB.  Every image is judged by e2fsck -fn at the end.
 */
#include "ext2/ext2_fixture.h"
#include "fs/ext2/ext2_internal.h"

#define L_IMAGE_KIB 2048u
#define L_BS 1024u
#define L_FILE_BYTES 20000u           /* past the 12 direct blocks */
#define L_TWO_GIB (1ull << 31)
#define L_SB_RO_COMPAT (1024u + 100u) /* s_feature_ro_compat in the image */
#define L_LARGE_FILE 0x2u

static uint8_t *pristine;
static size_t pristine_size;
static char *src_dir;
static mem_rng_t rng;
static uint8_t file_bytes[L_FILE_BYTES];

static int link_setup(void **state)
{
	(void)state;
	ext2fx_machine();
	rng = (mem_rng_t){mem_seed()};
	src_dir = ext2fx_tmpdir();
	char path[EXT2FX_PATH_MAX];
	for (size_t i = 0; i < sizeof(file_bytes); i++)
		file_bytes[i] = (uint8_t)mem_rng_next(&rng);
	snprintf(path, sizeof(path), "%s/f", src_dir);
	ext2fx_write_file(path, file_bytes, sizeof(file_bytes));
	snprintf(path, sizeof(path), "%s/d", src_dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/d/empty", src_dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/other", src_dir);
	ext2fx_write_file(path, "other", 5);
	pristine = ext2fx_mkfs(src_dir, L_BS, NULL, L_IMAGE_KIB, &pristine_size);
	return 0;
}

static int link_teardown(void **state)
{
	(void)state;
	free(pristine);
	ext2fx_rmtree(src_dir);
	free(src_dir);
	return 0;
}

static uint8_t *l_copy(void)
{
	uint8_t *img = malloc(pristine_size);
	assert_non_null(img);
	memcpy(img, pristine, pristine_size);
	return img;
}

static void l_assert_reads(ext2_fs_t *fs, const char *path, const void *want, size_t len)
{
	ext2_inode_t in = ext2fx_inode(fs, path);
	assert_int_equal(in.size, len);
	uint8_t *got = malloc(len + 1);
	assert_int_equal(ext2_file_read(fs, &in, 0, got, len + 1), (int64_t)len);
	assert_memory_equal(got, want, len);
	free(got);
}

/* EXT2-079: a second name, its count, the refusals, and the first name going away */
static void test_link(void **state)
{
	(void)state;
	uint8_t *img = l_copy();
	blockdev_t dev;
	ext2_fs_t *fs = ext2fx_mount_rw(&dev, img, pristine_size);
	ext2_inode_t d = ext2fx_inode(fs, "/d");
	ext2_inode_t f = ext2fx_inode(fs, "/f");
	ext2_inode_t stale = f;
	assert_int_equal(ext2_link(fs, &d, "g", 1, &f), 0);
	assert_int_equal(f.links, 2);
	assert_int_equal(ext2fx_inode(fs, "/d/g").ino, f.ino);
	l_assert_reads(fs, "/d/g", file_bytes, sizeof(file_bytes));
	/* a stale copy (links 1) does not lower the count: the core re-reads it */
	assert_int_equal(ext2_link(fs, &d, "h", 1, &stale), 0);
	assert_int_equal(stale.links, 3);
	assert_int_equal(ext2fx_inode(fs, "/f").links, 3);
	/* refusals change nothing */
	ext2_inode_t root = ext2fx_inode(fs, "/");
	ext2_inode_t sub = ext2fx_inode(fs, "/d/empty");
	ext2_info_t before, after;
	ext2_get_info(fs, &before);
	assert_int_equal(ext2_link(fs, &root, "dirlink", 7, &sub), -EPERM);
	assert_int_equal(ext2_link(fs, &root, "other", 5, &f), -EEXIST);
	assert_int_equal(ext2_link(fs, &root, ".", 1, &f), -EEXIST);
	assert_int_equal(ext2_link(fs, &root, "a/b", 3, &f), -EINVAL);
	assert_int_equal(ext2_link(fs, &root, "", 0, &f), -EINVAL);
	char longname[EXT2_NAME_MAX + 1];
	memset(longname, 'n', sizeof(longname));
	assert_int_equal(ext2_link(fs, &root, longname, sizeof(longname), &f), -ENAMETOOLONG);
	ext2_inode_t other = ext2fx_inode(fs, "/other");
	assert_int_equal(ext2_link(fs, &other, "x", 1, &f), -ENOTDIR);
	ext2_inode_t full = ext2fx_inode(fs, "/other");
	full.links = EXT2_LINK_MAX;
	assert_int_equal(ext2_inode_write(fs, &full), 0);
	assert_int_equal(ext2_link(fs, &root, "x", 1, &full), -EMLINK);
	assert_true(strstr(ext2_reason(fs), "links already") != NULL);
	full.links = 1;
	assert_int_equal(ext2_inode_write(fs, &full), 0);
	ext2_get_info(fs, &after);
	assert_int_equal(after.free_blocks, before.free_blocks);
	assert_int_equal(after.free_inodes, before.free_inodes);
	assert_int_equal(ext2fx_inode(fs, "/f").links, 3);
	/* the first name goes: the others keep the bytes */
	root = ext2fx_inode(fs, "/");
	assert_int_equal(ext2_unlink(fs, &root, "f", 1), 0);
	assert_int_equal(ext2_unlink(fs, &d, "h", 1), 0);
	assert_int_equal(ext2fx_inode(fs, "/d/g").links, 1);
	l_assert_reads(fs, "/d/g", file_bytes, sizeof(file_bytes));
	ext2_unmount(fs);
	char file[EXT2FX_PATH_MAX];
	char *dir = ext2fx_save(img, pristine_size, file);
	assert_int_equal(ext2fx_sh("e2fsck -fn '%s' >&2", file), 0);
	assert_int_equal(ext2fx_sh("debugfs -R 'stat /d/g' '%s' 2>/dev/null | grep -q 'Links: 1 '", file), 0);
	ext2fx_rmtree(dir);
	free(dir);
	/* read-only */
	memcpy(img, pristine, pristine_size);
	fs = ext2fx_mount(&dev, img, pristine_size);
	d = ext2fx_inode(fs, "/d");
	f = ext2fx_inode(fs, "/f");
	assert_int_equal(ext2_link(fs, &d, "g", 1, &f), -EROFS);
	ext2_unmount(fs);
	assert_memory_equal(img, pristine, pristine_size);
	free(img);
}

/* EXT2-080: an unlinked file kept open stays usable until released; then its space is back */
static void test_keep_and_release(void **state)
{
	(void)state;
	uint8_t *img = l_copy();
	blockdev_t dev;
	ext2_fs_t *fs = ext2fx_mount_rw(&dev, img, pristine_size);
	ext2_info_t start, now;
	ext2_get_info(fs, &start);
	ext2_inode_t root = ext2fx_inode(fs, "/");
	ext2_inode_t open_file;
	assert_int_equal(ext2_create(fs, &root, "open", 4, 0644, 0, 0, &open_file), 0);
	assert_int_equal(ext2_file_write(fs, &open_file, 0, file_bytes, sizeof(file_bytes)), sizeof(file_bytes));
	uint32_t victim = 99;
	assert_int_equal(ext2_unlink_ex(fs, &root, "open", 4, EXT2_REMOVE_KEEP, &victim), 0);
	assert_int_equal(victim, open_file.ino);
	uint32_t ino;
	assert_int_equal(ext2_path_lookup(fs, "/open", &ino), -ENOENT);
	ext2_inode_t kept;
	assert_int_equal(ext2_inode_read(fs, victim, &kept), 0);
	assert_int_equal(kept.links, 0);
	uint8_t got[L_FILE_BYTES];
	assert_int_equal(ext2_file_read(fs, &kept, 0, got, sizeof(got)), sizeof(got));
	assert_memory_equal(got, file_bytes, sizeof(got));
	assert_int_equal(ext2_file_write(fs, &kept, sizeof(got), "tail", 4), 4);
	assert_int_equal(ext2_link(fs, &root, "back", 4, &kept), -ENOENT);
	ext2_get_info(fs, &now);
	assert_true(now.free_blocks < start.free_blocks);
	assert_int_equal(ext2_inode_release(fs, victim), 0);
	ext2_get_info(fs, &now);
	assert_int_equal(now.free_blocks, start.free_blocks);
	assert_int_equal(now.free_inodes, start.free_inodes);
	assert_int_equal(ext2_inode_release(fs, victim), -EINVAL); /* twice */
	assert_true(strstr(ext2_reason(fs), "not in use") != NULL);
	assert_int_equal(ext2_inode_release(fs, 1), -EINVAL);
	assert_int_equal(ext2_inode_release(fs, start.inodes_count + 1), -EINVAL);
	/* one of two links kept: release does nothing, the other name still reads */
	ext2_inode_t f = ext2fx_inode(fs, "/f");
	assert_int_equal(ext2_link(fs, &root, "f2", 2, &f), 0);
	assert_int_equal(ext2_unlink_ex(fs, &root, "f", 1, EXT2_REMOVE_KEEP, &victim), 0);
	assert_int_equal(victim, f.ino);
	assert_int_equal(ext2_inode_release(fs, victim), 0);
	l_assert_reads(fs, "/f2", file_bytes, sizeof(file_bytes));
	/* rmdir kept: the parent's count drops now, the directory's space goes at release */
	ext2_inode_t d = ext2fx_inode(fs, "/d");
	uint16_t d_links = d.links;
	ext2_get_info(fs, &start);
	assert_int_equal(ext2_unlink_ex(fs, &d, "empty", 5, EXT2_REMOVE_DIR | EXT2_REMOVE_KEEP, &victim), 0);
	assert_int_equal(d.links, d_links - 1);
	assert_int_equal(ext2_inode_read(fs, victim, &kept), 0);
	assert_int_equal(kept.links, 0);
	ext2_get_info(fs, &now);
	assert_int_equal(now.free_inodes, start.free_inodes);
	assert_int_equal(ext2_inode_release(fs, victim), 0);
	ext2_get_info(fs, &now);
	assert_int_equal(now.free_inodes, start.free_inodes + 1);
	assert_int_equal(now.free_blocks, start.free_blocks + 1);
	/* refusals report no victim */
	assert_int_equal(ext2_unlink_ex(fs, &root, "nothing", 7, 0, &victim), -ENOENT);
	assert_int_equal(victim, 0);
	victim = 5;
	assert_int_equal(ext2_unlink_ex(fs, &root, "d", 1, 0, &victim), -EISDIR);
	assert_int_equal(victim, 0);
	assert_int_equal(ext2_unlink_ex(fs, &root, "f2", 2, 0x80, &victim), -EINVAL);
	assert_int_equal(ext2_unlink_ex(fs, &root, "f2", 2, EXT2_REMOVE_DIR, &victim), -ENOTDIR);
	assert_int_equal(ext2_unlink_ex(fs, &d, "..", 2, EXT2_REMOVE_DIR, &victim), -EINVAL);
	ext2_unmount(fs);
	assert_int_equal(ext2fx_fsck(img, pristine_size, "-fn"), 0);
	free(img);
}

/* EXT2-081: rename's victim, NOREPLACE, one pointer for both sides, EMLINK */
static void test_rename_ex(void **state)
{
	(void)state;
	uint8_t *img = l_copy();
	blockdev_t dev;
	ext2_fs_t *fs = ext2fx_mount_rw(&dev, img, pristine_size);
	ext2_inode_t root = ext2fx_inode(fs, "/");
	ext2_inode_t other = ext2fx_inode(fs, "/other");
	uint32_t victim = 7;
	assert_int_equal(ext2_rename_ex(fs, &root, "f", 1, &root, "other", 5, EXT2_RENAME_NOREPLACE, &victim), -EEXIST);
	assert_int_equal(victim, 0);
	assert_int_equal(ext2fx_inode(fs, "/other").ino, other.ino);
	assert_int_equal(ext2_rename_ex(fs, &root, "f", 1, &root, "g", 1, 0x100, &victim), -EINVAL);
	/* one pointer as both directories, replacing a file that is kept */
	assert_int_equal(ext2_rename_ex(fs, &root, "f", 1, &root, "other", 5, EXT2_REMOVE_KEEP, &victim), 0);
	assert_int_equal(victim, other.ino);
	ext2_inode_t kept;
	assert_int_equal(ext2_inode_read(fs, victim, &kept), 0);
	assert_int_equal(kept.links, 0);
	l_assert_reads(fs, "/other", file_bytes, sizeof(file_bytes));
	ext2_inode_t disk_root = ext2fx_inode(fs, "/");
	assert_int_equal(root.size, disk_root.size);
	assert_int_equal(root.links, disk_root.links);
	assert_int_equal(ext2_inode_release(fs, victim), 0);
	/* NOREPLACE onto a free name works; no victim */
	assert_int_equal(ext2_rename_ex(fs, &root, "other", 5, &root, "f", 1, EXT2_RENAME_NOREPLACE, &victim), 0);
	assert_int_equal(victim, 0);
	/* one pointer again, replacing an empty directory: the count stays right */
	ext2_inode_t made;
	assert_int_equal(ext2_mkdir(fs, &root, "e1", 2, 0755, 0, 0, &made), 0);
	assert_int_equal(ext2_mkdir(fs, &root, "e2", 2, 0755, 0, 0, &made), 0);
	assert_int_equal(ext2_rename_ex(fs, &root, "e1", 2, &root, "e2", 2, 0, &victim), 0);
	assert_int_not_equal(victim, 0);
	disk_root = ext2fx_inode(fs, "/");
	assert_int_equal(root.links, disk_root.links);
	/* EMLINK: a parent at the limit takes no new directory */
	ext2_inode_t d = ext2fx_inode(fs, "/d");
	uint16_t d_links = d.links;
	d.links = EXT2_LINK_MAX;
	assert_int_equal(ext2_inode_write(fs, &d), 0);
	assert_int_equal(ext2_mkdir(fs, &d, "more", 4, 0755, 0, 0, &made), -EMLINK);
	assert_int_equal(ext2_rename_ex(fs, &root, "e2", 2, &d, "e2", 2, 0, &victim), -EMLINK);
	assert_int_equal(ext2_rename_ex(fs, &root, "f", 1, &d, "file", 4, 0, &victim), 0); /* files are fine */
	d.links = d_links;
	assert_int_equal(ext2_inode_write(fs, &d), 0);
	assert_int_equal(ext2_rename_ex(fs, &root, "e2", 2, &d, "e2", 2, 0, &victim), 0);
	assert_int_equal(d.links, d_links + 1);
	ext2_unmount(fs);
	assert_int_equal(ext2fx_fsck(img, pristine_size, "-fn"), 0);
	free(img);
}

/* EXT2-082: mode bits, 32-bit owners and the three times, seen by debugfs and a remount */
static void test_attributes(void **state)
{
	(void)state;
	uint8_t *img = l_copy();
	blockdev_t dev;
	ext2_fs_t *fs = ext2fx_mount_rw(&dev, img, pristine_size);
	ext2_inode_t f = ext2fx_inode(fs, "/f");
	f.mode = (uint16_t)((f.mode & EXT2_S_IFMT) | 04751);
	f.uid = 70000;
	f.gid = 80001;
	f.atime = 1700000001;
	f.ctime = 1700000002;
	f.mtime = 1700000003;
	assert_int_equal(ext2_inode_write(fs, &f), 0);
	ext2_unmount(fs);
	char file[EXT2FX_PATH_MAX];
	char *dir = ext2fx_save(img, pristine_size, file);
	assert_int_equal(ext2fx_sh("e2fsck -fn '%s' >&2", file), 0);
	assert_int_equal(ext2fx_sh("debugfs -R 'stat /f' '%s' 2>/dev/null | grep -q 'Mode:  04751'", file), 0);
	assert_int_equal(ext2fx_sh("debugfs -R 'stat /f' '%s' 2>/dev/null | grep -Eq 'User: +70000 +Group: +80001'", file),
			 0);
	assert_int_equal(ext2fx_sh("debugfs -R 'stat /f' '%s' 2>/dev/null | grep -q 'mtime: 0x6553f103'", file), 0);
	ext2fx_rmtree(dir);
	free(dir);
	fs = ext2fx_mount(&dev, img, pristine_size);
	ext2_inode_t back = ext2fx_inode(fs, "/f");
	assert_int_equal(back.mode, EXT2_S_IFREG | 04751);
	assert_int_equal(back.uid, 70000);
	assert_int_equal(back.gid, 80001);
	assert_int_equal(back.atime, 1700000001);
	assert_int_equal(back.ctime, 1700000002);
	assert_int_equal(back.mtime, 1700000003);
	back.uid = 0;
	assert_int_equal(ext2_inode_write(fs, &back), -EROFS);
	ext2_unmount(fs);
	free(img);
}

/* An empty image without large_file (mke2fs always sets it now: the test clears it). */
static uint8_t *l_small_files_only(size_t *size)
{
	uint8_t *img = ext2fx_mkfs(NULL, L_BS, NULL, L_IMAGE_KIB, size);
	img[L_SB_RO_COMPAT] &= (uint8_t)~L_LARGE_FILE;
	assert_int_equal(ext2fx_fsck(img, *size, "-fn"), 0);
	return img;
}

/* EXT2-083: growth past 2 GiB sets large_file; revision 0 refuses it */
static void test_large_file(void **state)
{
	(void)state;
	size_t size;
	uint8_t *img = l_small_files_only(&size);
	blockdev_t dev;
	ext2_fs_t *fs = ext2fx_mount_rw(&dev, img, size);
	ext2_inode_t root = ext2fx_inode(fs, "/");
	ext2_inode_t a, b;
	assert_int_equal(ext2_create(fs, &root, "a", 1, 0644, 0, 0, &a), 0);
	assert_int_equal(ext2_create(fs, &root, "b", 1, 0644, 0, 0, &b), 0);
	assert_int_equal(ext2_file_write(fs, &a, L_TWO_GIB - 5, "four", 4), 4); /* 2 GiB - 1: still small */
	ext2_unmount(fs);
	assert_int_equal(img[L_SB_RO_COMPAT] & L_LARGE_FILE, 0);
	assert_int_equal(ext2fx_fsck(img, size, "-fn"), 0);
	fs = ext2fx_mount_rw(&dev, img, size);
	b = ext2fx_inode(fs, "/b");
	assert_int_equal(ext2_file_write(fs, &b, L_TWO_GIB, "big", 3), 3);
	ext2_unmount(fs);
	assert_int_equal(img[L_SB_RO_COMPAT] & L_LARGE_FILE, L_LARGE_FILE);
	assert_int_equal(ext2fx_fsck(img, size, "-fn"), 0);
	free(img);
	/* the same by truncate */
	img = l_small_files_only(&size);
	fs = ext2fx_mount_rw(&dev, img, size);
	root = ext2fx_inode(fs, "/");
	assert_int_equal(ext2_create(fs, &root, "t", 1, 0644, 0, 0, &a), 0);
	assert_int_equal(ext2_truncate(fs, &a, 3 * L_TWO_GIB), 0);
	ext2_unmount(fs);
	assert_int_equal(img[L_SB_RO_COMPAT] & L_LARGE_FILE, L_LARGE_FILE);
	assert_int_equal(ext2fx_fsck(img, size, "-fn"), 0);
	free(img);
	/* revision 0 */
	img = ext2fx_mkfs(NULL, L_BS, "-r 0", L_IMAGE_KIB, &size);
	fs = ext2fx_mount_rw(&dev, img, size);
	root = ext2fx_inode(fs, "/");
	assert_int_equal(ext2_create(fs, &root, "r", 1, 0644, 0, 0, &a), 0);
	assert_int_equal(ext2_sync(fs), 0);
	uint8_t *synced = malloc(size);
	memcpy(synced, img, size);
	assert_int_equal(ext2_file_write(fs, &a, L_TWO_GIB, "x", 1), -EFBIG);
	assert_int_equal(ext2_truncate(fs, &a, L_TWO_GIB), -EFBIG);
	assert_true(strstr(ext2_reason(fs), "2 GiB") != NULL);
	assert_int_equal(a.size, 0);
	ext2_unmount(fs);
	assert_memory_equal(img, synced, size);
	assert_int_equal(ext2fx_fsck(img, size, "-fn"), 0);
	free(synced);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_link),
		cmocka_unit_test(test_keep_and_release),
		cmocka_unit_test(test_rename_ex),
		cmocka_unit_test(test_attributes),
		cmocka_unit_test(test_large_file),
	};
	fprintf(stderr, "# AEGIS_TEST_SEED=%llu\n", (unsigned long long)mem_seed());
	return cmocka_run_group_tests_name("ext2 link", tests, link_setup, link_teardown);
}
