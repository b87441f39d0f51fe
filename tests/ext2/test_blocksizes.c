/*
 * The write side on 1, 2 and 4 KiB blocks (spec/ext2.md EXT2-084).  The
 * read side at each size is test_tree.c's; here an empty mke2fs image of
 * each size takes mkdir, create, writes that reach single, double and
 * triple indirection (sparse, so cheap even at 4 KiB where triple
 * indirection starts past 4 GiB), a link, a rename, the truncate of a
 * triple-indirect tree and an unlink.  Judges: e2fsck -fn; debugfs's block
 * map of each written block, whose bytes in the image must be ours; a
 * remount reading the bytes and zeros in the holes; the free-block count.
 */
#include "ext2/ext2_fixture.h"
#include "fs/ext2/ext2_internal.h"

#define BS_IMAGE_KIB 8192u
#define BS_CHUNK 3000u          /* each write crosses a block boundary */
#define BS_REGIONS 5u
#define BS_TRUNC_KEEP 100u

static mem_rng_t rng;

static int bs_setup(void **state)
{
	(void)state;
	ext2fx_machine();
	rng = (mem_rng_t){mem_seed()};
	return 0;
}

/* File offsets in each range of the block map for block size bs. */
static void bs_offsets(uint64_t bs, uint64_t off[BS_REGIONS])
{
	uint64_t p = bs / EXT2_BLOCK_PTR_SIZE;
	off[0] = 5;                                           /* direct */
	off[1] = EXT2_NDIR_BLOCKS * bs - 7;                   /* last direct into single */
	off[2] = (EXT2_NDIR_BLOCKS + p) * bs + bs / 2;        /* double */
	off[3] = (EXT2_NDIR_BLOCKS + p + p * p) * bs - 100;   /* last double into triple */
	off[4] = (EXT2_NDIR_BLOCKS + p + p * p + 3 * p) * bs + 11; /* triple, another subtree */
}

/* The physical block debugfs maps logical block index of path to, in the saved image file. */
static uint32_t bs_debugfs_bmap(const char *file, const char *path, uint64_t index)
{
	char cmd[EXT2FX_CMD_MAX];
	snprintf(cmd, sizeof(cmd), "debugfs -R 'bmap %s %llu' '%s' 2>/dev/null", path, (unsigned long long)index, file);
	FILE *out = popen(cmd, "r");
	assert_non_null(out);
	unsigned long phys = 0;
	int n = fscanf(out, "%lu", &phys);
	assert_int_equal(pclose(out), 0);
	assert_int_equal(n, 1);
	return (uint32_t)phys;
}

static void bs_one_size(unsigned bs)
{
	size_t size;
	uint8_t *img = ext2fx_mkfs(NULL, bs, NULL, BS_IMAGE_KIB, &size);
	blockdev_t dev;
	ext2_fs_t *fs = ext2fx_mount_rw(&dev, img, size);
	ext2_info_t start, end;
	ext2_get_info(fs, &start);
	assert_int_equal(start.block_size, bs);
	ext2_inode_t root = ext2fx_inode(fs, "/");
	ext2_inode_t d, f, t, u;
	assert_int_equal(ext2_mkdir(fs, &root, "d", 1, 0755, 0, 0, &d), 0);
	assert_int_equal(ext2_create(fs, &d, "f", 1, 0644, 0, 0, &f), 0);
	uint64_t off[BS_REGIONS];
	bs_offsets(bs, off);
	uint8_t data[BS_REGIONS][BS_CHUNK];
	for (unsigned r = 0; r < BS_REGIONS; r++) {
		for (unsigned i = 0; i < BS_CHUNK; i++)
			data[r][i] = (uint8_t)mem_rng_next(&rng);
		assert_int_equal(ext2_file_write(fs, &f, off[r], data[r], BS_CHUNK), BS_CHUNK);
	}
	for (unsigned level = EXT2_IND_BLOCK; level <= EXT2_TIND_BLOCK; level++)
		assert_int_not_equal(f.block[level], 0);
	assert_int_equal(ext2_link(fs, &root, "g", 1, &f), 0);
	assert_int_equal(ext2_rename(fs, &root, "g", 1, &d, "h", 1), 0);
	/* a second file through triple indirection, cut back to its first block; and one unlinked */
	assert_int_equal(ext2_create(fs, &root, "t", 1, 0644, 0, 0, &t), 0);
	assert_int_equal(ext2_file_write(fs, &t, 0, data[0], BS_CHUNK), BS_CHUNK);
	assert_int_equal(ext2_file_write(fs, &t, off[4], data[4], BS_CHUNK), BS_CHUNK);
	assert_int_equal(ext2_truncate(fs, &t, BS_TRUNC_KEEP), 0);
	assert_int_equal(t.block[EXT2_TIND_BLOCK], 0);
	assert_int_equal(t.blocks512, bs / EXT2_SECTOR_BYTES);
	assert_int_equal(ext2_create(fs, &d, "u", 1, 0644, 0, 0, &u), 0);
	assert_int_equal(ext2_file_write(fs, &u, off[3], data[3], BS_CHUNK), BS_CHUNK);
	assert_int_equal(ext2_unlink(fs, &d, "u", 1), 0);
	ext2_get_info(fs, &end);
	uint32_t sectors = bs / EXT2_SECTOR_BYTES;
	assert_int_equal(start.free_blocks - end.free_blocks, (d.blocks512 + f.blocks512 + t.blocks512) / sectors);
	ext2_unmount(fs);
	/* outside judges */
	char file[EXT2FX_PATH_MAX];
	char *dir = ext2fx_save(img, size, file);
	assert_int_equal(ext2fx_sh("e2fsck -fn '%s' >&2", file), 0);
	for (unsigned r = 0; r < BS_REGIONS; r++) {
		for (uint64_t at = off[r]; at < off[r] + BS_CHUNK; at = (at / bs + 1) * bs) {
			uint32_t phys = bs_debugfs_bmap(file, "/d/h", at / bs);
			uint64_t in_block = at % bs;
			uint64_t n = bs - in_block < off[r] + BS_CHUNK - at ? bs - in_block : off[r] + BS_CHUNK - at;
			assert_true(phys > 0 && (uint64_t)phys * bs + bs <= size);
			assert_memory_equal(img + (uint64_t)phys * bs + in_block, data[r] + (at - off[r]), n);
		}
	}
	ext2fx_rmtree(dir);
	free(dir);
	/* our reader after a remount: the bytes, and zeros in the holes */
	fs = ext2fx_mount(&dev, img, size);
	ext2_inode_t back = ext2fx_inode(fs, "/d/h");
	assert_int_equal(back.ino, f.ino);
	assert_int_equal(back.links, 2); /* /d/f and /d/h */
	assert_int_equal(back.size, off[BS_REGIONS - 1] + BS_CHUNK);
	uint8_t got[BS_CHUNK];
	for (unsigned r = 0; r < BS_REGIONS; r++) {
		assert_int_equal(ext2_file_read(fs, &back, off[r], got, BS_CHUNK), BS_CHUNK);
		assert_memory_equal(got, data[r], BS_CHUNK);
		uint64_t hole = off[r] + BS_CHUNK + bs;
		if (r + 1 == BS_REGIONS)
			break; /* the end of the file */
		assert_int_equal(ext2_file_read(fs, &back, hole, got, BS_CHUNK), BS_CHUNK);
		for (unsigned i = 0; i < BS_CHUNK; i++)
			assert_int_equal(got[i], 0);
	}
	ext2_inode_t tb = ext2fx_inode(fs, "/t");
	assert_int_equal(tb.size, BS_TRUNC_KEEP);
	assert_int_equal(ext2_file_read(fs, &tb, 0, got, BS_CHUNK), BS_TRUNC_KEEP);
	assert_memory_equal(got, data[0], BS_TRUNC_KEEP);
	ext2_unmount(fs);
	free(img);
}

/* EXT2-084: 1 KiB blocks */
static void test_writes_1k(void **state)
{
	(void)state;
	bs_one_size(1024);
}

/* EXT2-084: 2 KiB blocks */
static void test_writes_2k(void **state)
{
	(void)state;
	bs_one_size(2048);
}

/* EXT2-084: 4 KiB blocks (triple indirection past 4 GiB) */
static void test_writes_4k(void **state)
{
	(void)state;
	bs_one_size(4096);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writes_1k),
		cmocka_unit_test(test_writes_2k),
		cmocka_unit_test(test_writes_4k),
	};
	fprintf(stderr, "# AEGIS_TEST_SEED=%llu\n", (unsigned long long)mem_seed());
	return cmocka_run_group_tests_name("ext2 block sizes", tests, bs_setup, NULL);
}
