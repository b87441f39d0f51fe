/*
 * Crash safety (spec/ext2.md EXT2-085).  A device wrapper refuses every
 * write after its k-th, as a power cut would.  A seeded workload runs in
 * rounds (mkdir; files of many sizes, some past the direct and single
 * indirect ranges; a sparse file reaching triple indirection; a link;
 * renames within a directory and into the root; an unlinked file kept open,
 * written and released; a truncate; a directory made, renamed and removed),
 * each ending with ext2_sync.  Later rounds never touch earlier rounds'
 * files.  For many k: every file of a round whose sync returned 0 must read
 * back byte for byte from a fresh mount of a copy of the image, and e2fsck
 * -fy must repair the image (exit 0, 1 or 2) so that e2fsck -fn is clean.
 */
#include "ext2/ext2_fixture.h"

#define CR_IMAGE_KIB 4096u
#define CR_BS 1024u
#define CR_ROUNDS 4u
#define CR_FILES 6u              /* f0..f5 per round */
#define CR_MODEL_MAX 64u
#define CR_PATH 48u
#define CR_SEGS 2u
#define CR_CHUNK_MAX 9000u
#define CR_CUTS 24u
#define CR_TRIPLE_BLOCK (12ull + 256ull + 65536ull) /* first triple-indirect block at 1 KiB */
#define CR_SPARSE_TAIL 600u
#define CR_KEPT_EXTRA 100u
#define CR_SEED_SALT 0x6372617368ull   /* "crash" */
#define CR_EXIT_FIXED_MAX 2            /* e2fsck -fy: 0 clean, 1 fixed, 2 fixed (reboot) */

/* File sizes a round picks from: edges of blocks and of the direct and single-indirect ranges. */
static const uint32_t cr_sizes[] = {0, 1, 700, 1024, 5000, 12 * 1024, 12 * 1024 + 1, 30000, 268 * 1024 + 500};

/* ---- the cut device ---------------------------------------------------------- */

typedef struct {
	blockdev_t dev;
	blockdev_t *inner;
	uint64_t writes;    /* accepted so far */
	uint64_t limit;     /* writes accepted before the cut */
	bool cut;           /* a write has been refused */
} cr_cutdev_t;

static int cr_read(blockdev_t *dev, uint64_t lba, uint32_t count, void *buf)
{
	cr_cutdev_t *cd = dev->priv;
	return blockdev_read(cd->inner, lba, count, buf);
}

static int cr_write(blockdev_t *dev, uint64_t lba, uint32_t count, const void *buf)
{
	cr_cutdev_t *cd = dev->priv;
	if (cd->writes >= cd->limit) {
		cd->cut = true;
		return -EIO;
	}
	cd->writes++;
	return blockdev_write(cd->inner, lba, count, buf);
}

static const blockdev_ops_t cr_ops = {.read = cr_read, .write = cr_write};

static void cr_cutdev_init(cr_cutdev_t *cd, blockdev_t *inner, uint64_t limit)
{
	*cd = (cr_cutdev_t){.inner = inner, .limit = limit};
	cd->dev = (blockdev_t){.name = "cut0", .sector_size = inner->sector_size,
			       .sector_count = inner->sector_count, .ops = &cr_ops, .priv = cd};
}

/* ---- the model of what the files hold --------------------------------------- */

typedef struct {
	char path[CR_PATH];
	uint64_t size;
	unsigned segs;
	uint64_t seg_off[CR_SEGS];
	uint32_t seg_len[CR_SEGS];
	uint32_t seg_seed[CR_SEGS];   /* zeros outside the segments */
} cr_file_t;

typedef struct {
	ext2_fs_t *fs;
	cr_cutdev_t *cd;
	mem_rng_t rng;
	cr_file_t durable[CR_MODEL_MAX];
	unsigned durable_n;
	cr_file_t pending[CR_MODEL_MAX];
	unsigned pending_n;
	uint8_t chunk[CR_CHUNK_MAX];
} cr_run_t;

static uint8_t cr_byte(uint32_t seed, uint64_t pos)
{
	uint64_t x = (pos + 1) * 0x9E3779B97F4A7C15ull ^ seed;
	return (uint8_t)(x >> 29 ^ x >> 7);
}

/* An operation failed: fine after the cut, a bug before it.  Returns -1 to stop the run. */
static int cr_stop(cr_run_t *run, int64_t rc, const char *what)
{
	if (!run->cd->cut)
		fail_msg("%s failed before the cut: %lld (%s)", what, (long long)rc, ext2_reason(run->fs));
	return -1;
}

#define CR_TRY(run, expr)                                  \
	do {                                               \
		int64_t cr_rc_ = (expr);                   \
		if (cr_rc_ < 0)                            \
			return cr_stop((run), cr_rc_, #expr); \
	} while (0)

/* Write segment seg of model m into inode in chunks of random length. */
static int cr_write_seg(cr_run_t *run, ext2_inode_t *in, const cr_file_t *m, unsigned seg)
{
	uint32_t done = 0;
	while (done < m->seg_len[seg]) {
		uint32_t n = 1 + (uint32_t)mem_rng_below(&run->rng, CR_CHUNK_MAX);
		if (n > m->seg_len[seg] - done)
			n = m->seg_len[seg] - done;
		for (uint32_t i = 0; i < n; i++)
			run->chunk[i] = cr_byte(m->seg_seed[seg], done + i);
		int64_t got = ext2_file_write(run->fs, in, m->seg_off[seg] + done, run->chunk, n);
		if (got != (int64_t)n)
			return cr_stop(run, got < 0 ? got : -EIO, "ext2_file_write");
		done += n;
	}
	return 0;
}

static cr_file_t *cr_pending_add(cr_run_t *run, const char *path)
{
	assert_true(run->pending_n < CR_MODEL_MAX);
	cr_file_t *m = &run->pending[run->pending_n++];
	*m = (cr_file_t){.segs = 0};
	snprintf(m->path, sizeof(m->path), "%s", path);
	return m;
}

static void cr_seg_add(cr_run_t *run, cr_file_t *m, uint64_t off, uint32_t len)
{
	m->seg_off[m->segs] = off;
	m->seg_len[m->segs] = len;
	m->seg_seed[m->segs] = (uint32_t)mem_rng_next(&run->rng);
	m->segs++;
	m->size = off + len;
}

/* Files f0..f5 of round r in dir, each in the model. */
static int cr_round_files(cr_run_t *run, unsigned r, ext2_inode_t *dir)
{
	for (unsigned i = 0; i < CR_FILES; i++) {
		char name[CR_PATH], path[CR_PATH];
		snprintf(name, sizeof(name), "f%u", i);
		snprintf(path, sizeof(path), "/r%u/f%u", r, i);
		ext2_inode_t in;
		CR_TRY(run, ext2_create(run->fs, dir, name, strlen(name), 0644, 0, 0, &in));
		cr_file_t *m = cr_pending_add(run, path);
		uint32_t size = cr_sizes[mem_rng_below(&run->rng, sizeof(cr_sizes) / sizeof(cr_sizes[0]))];
		cr_seg_add(run, m, 0, size);
		if (cr_write_seg(run, &in, m, 0) < 0)
			return -1;
	}
	ext2_inode_t sp;
	char path[CR_PATH];
	snprintf(path, sizeof(path), "/r%u/sparse", r);
	CR_TRY(run, ext2_create(run->fs, dir, "sparse", 6, 0600, 0, 0, &sp));
	cr_file_t *m = cr_pending_add(run, path);
	cr_seg_add(run, m, 0, 1 + r);
	cr_seg_add(run, m, (CR_TRIPLE_BLOCK + 7 * r) * CR_BS + 100, CR_SPARSE_TAIL);
	if (cr_write_seg(run, &sp, m, 0) < 0 || cr_write_seg(run, &sp, m, 1) < 0)
		return -1;
	return 0;
}

/* Links, renames, a kept unlink, a truncate and a short-lived directory in round r. */
static int cr_round_changes(cr_run_t *run, unsigned r, ext2_inode_t *root, ext2_inode_t *dir, cr_file_t *files)
{
	char name[CR_PATH / 2];
	ext2_inode_t in;
	/* f0 gets a second name */
	CR_TRY(run, ext2_path_lookup(run->fs, files[0].path, &in.ino));
	CR_TRY(run, ext2_inode_read(run->fs, in.ino, &in));
	CR_TRY(run, ext2_link(run->fs, dir, "link0", 5, &in));
	cr_file_t *copy = cr_pending_add(run, "");
	*copy = files[0];
	snprintf(copy->path, sizeof(copy->path), "/r%u/link0", r);
	/* f1 renamed in place, f2 into the root */
	CR_TRY(run, ext2_rename(run->fs, dir, "f1", 2, dir, "g1", 2));
	snprintf(files[1].path, sizeof(files[1].path), "/r%u/g1", r);
	snprintf(name, sizeof(name), "r%u-moved", r);
	CR_TRY(run, ext2_rename(run->fs, dir, "f2", 2, root, name, strlen(name)));
	snprintf(files[2].path, sizeof(files[2].path), "/%s", name);
	/* f3 unlinked while "open": still written and read, then released */
	uint32_t victim = 0;
	CR_TRY(run, ext2_unlink_ex(run->fs, dir, "f3", 2, EXT2_REMOVE_KEEP, &victim));
	CR_TRY(run, ext2_inode_read(run->fs, victim, &in));
	assert_int_equal(in.links, 0);
	CR_TRY(run, ext2_file_write(run->fs, &in, in.size, run->chunk, CR_KEPT_EXTRA));
	CR_TRY(run, ext2_inode_release(run->fs, victim));
	files[3].path[0] = '\0'; /* gone from the model */
	/* f4 cut to half */
	CR_TRY(run, ext2_path_lookup(run->fs, files[4].path, &in.ino));
	CR_TRY(run, ext2_inode_read(run->fs, in.ino, &in));
	CR_TRY(run, ext2_truncate(run->fs, &in, files[4].size / 2));
	files[4].size /= 2;
	files[4].seg_len[0] = (uint32_t)files[4].size;
	/* a directory made, filled, renamed, emptied and removed; another kept */
	ext2_inode_t sub, x;
	CR_TRY(run, ext2_mkdir(run->fs, dir, "sub", 3, 0755, 0, 0, &sub));
	CR_TRY(run, ext2_create(run->fs, &sub, "x", 1, 0644, 0, 0, &x));
	CR_TRY(run, ext2_file_write(run->fs, &x, 0, run->chunk, CR_KEPT_EXTRA));
	CR_TRY(run, ext2_rename(run->fs, dir, "sub", 3, dir, "sub2", 4));
	CR_TRY(run, ext2_unlink(run->fs, &sub, "x", 1));
	CR_TRY(run, ext2_rmdir(run->fs, dir, "sub2", 4));
	CR_TRY(run, ext2_mkdir(run->fs, dir, "kept", 4, 0700, 0, 0, &sub));
	return 0;
}

static int cr_round(cr_run_t *run, unsigned r)
{
	ext2_inode_t root, dir;
	char name[CR_PATH];
	CR_TRY(run, ext2_inode_read(run->fs, EXT2_ROOT_INO, &root));
	snprintf(name, sizeof(name), "r%u", r);
	CR_TRY(run, ext2_mkdir(run->fs, &root, name, strlen(name), 0755, 0, 0, &dir));
	run->pending_n = 0;
	if (cr_round_files(run, r, &dir) < 0 || cr_round_changes(run, r, &root, &dir, run->pending) < 0)
		return -1;
	CR_TRY(run, ext2_sync(run->fs));
	for (unsigned i = 0; i < run->pending_n; i++)
		if (run->pending[i].path[0] != '\0')
			run->durable[run->durable_n++] = run->pending[i];
	return 0;
}

/* Run the workload on img through a device that takes limit writes; returns the writes it took. */
static uint64_t cr_workload(cr_run_t *run, uint8_t *img, size_t size, uint64_t limit)
{
	blockdev_t ram;
	assert_int_equal(ramdisk_init(&ram, "ram0", img, size, false), 0);
	cr_cutdev_t cd;
	cr_cutdev_init(&cd, &ram, limit);
	run->cd = &cd;
	run->durable_n = 0;
	run->rng = (mem_rng_t){mem_seed() ^ CR_SEED_SALT};
	char reason[EXT2_REASON_MAX];
	assert_int_equal(ext2_mount(&cd.dev, &run->fs, reason, sizeof(reason)), 0);
	for (unsigned r = 0; r < CR_ROUNDS; r++)
		if (cr_round(run, r) < 0)
			break;
	ext2_unmount(run->fs);
	assert_int_equal(cd.cut, limit < UINT64_MAX); /* the unmount's sync reaches every cut */
	return cd.writes;
}

/* Every durable file reads back from a fresh mount of a copy of img. */
static void cr_verify(const cr_run_t *run, const uint8_t *img, size_t size)
{
	uint8_t *copy = malloc(size);
	assert_non_null(copy);
	memcpy(copy, img, size);
	blockdev_t dev;
	ext2_fs_t *fs = ext2fx_mount(&dev, copy, size);
	uint8_t *got = malloc(CR_CHUNK_MAX);
	for (unsigned i = 0; i < run->durable_n; i++) {
		const cr_file_t *m = &run->durable[i];
		ext2_inode_t in = ext2fx_inode(fs, m->path);
		assert_int_equal(in.size, m->size);
		for (unsigned s = 0; s < m->segs; s++) {
			for (uint32_t at = 0; at < m->seg_len[s]; at += CR_CHUNK_MAX) {
				uint32_t n = m->seg_len[s] - at < CR_CHUNK_MAX ? m->seg_len[s] - at : CR_CHUNK_MAX;
				assert_int_equal(ext2_file_read(fs, &in, m->seg_off[s] + at, got, n), n);
				for (uint32_t b = 0; b < n; b++)
					if (got[b] != cr_byte(m->seg_seed[s], at + b))
						fail_msg("%s: byte %llu differs", m->path, (unsigned long long)(m->seg_off[s] + at + b));
			}
		}
		if (m->segs == CR_SEGS) { /* the hole before the far segment */
			assert_int_equal(ext2_file_read(fs, &in, m->seg_off[1] - CR_CHUNK_MAX, got, CR_CHUNK_MAX), CR_CHUNK_MAX);
			for (uint32_t b = 0; b < CR_CHUNK_MAX; b++)
				assert_int_equal(got[b], 0);
		}
	}
	ext2_unmount(fs);
	free(got);
	free(copy);
}

/* EXT2-085: for many cut points, synced rounds survive and e2fsck repairs the rest */
static void test_power_cuts(void **state)
{
	(void)state;
	size_t size;
	uint8_t *pristine = ext2fx_mkfs(NULL, CR_BS, NULL, CR_IMAGE_KIB, &size);
	uint8_t *img = malloc(size);
	cr_run_t *run = calloc(1, sizeof(*run));
	assert_non_null(img);
	assert_non_null(run);
	bool fsck = ext2fx_have("e2fsck");
	/* no cut: every round is durable and the image is clean as it is */
	memcpy(img, pristine, size);
	uint64_t total = cr_workload(run, img, size, UINT64_MAX);
	unsigned all_files = run->durable_n;
	assert_true(all_files >= CR_ROUNDS * CR_FILES);
	cr_verify(run, img, size);
	if (fsck)
		assert_int_equal(ext2fx_fsck(img, size, "-fn"), 0);
	mem_rng_t pick = {mem_seed()};
	fprintf(stderr, "# crash: the workload makes %llu device writes; %u files survive it\n",
		(unsigned long long)total, all_files);
	unsigned fixed = 0;
	for (unsigned c = 0; c < CR_CUTS; c++) {
		uint64_t k = c == 0 ? 0 : c == 1 ? total - 1 : mem_rng_below(&pick, total);
		memcpy(img, pristine, size);
		cr_workload(run, img, size, k);
		fprintf(stderr, "# crash: cut after write %llu: %u of %u files synced\n", (unsigned long long)k,
			run->durable_n, all_files);
		cr_verify(run, img, size);
		if (!fsck)
			continue;
		char file[EXT2FX_PATH_MAX];
		char *dir = ext2fx_save(img, size, file);
		int st = ext2fx_sh("e2fsck -fy '%s' >/dev/null 2>&1", file);
		if (st < 0 || st > CR_EXIT_FIXED_MAX)
			fail_msg("e2fsck -fy after a cut at write %llu exited %d", (unsigned long long)k, st);
		fixed += st != 0;
		assert_int_equal(ext2fx_sh("e2fsck -fn '%s' >&2", file), 0);
		ext2fx_rmtree(dir);
		free(dir);
	}
	fprintf(stderr, "# crash: e2fsck -fy repaired %u of %u cut images\n", fixed, CR_CUTS);
	free(run);
	free(img);
	free(pristine);
	if (!fsck)
		skip(); /* e2fsck not installed: the repair half did not run */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_power_cuts),
	};
	ext2fx_machine();
	fprintf(stderr, "# AEGIS_TEST_SEED=%llu\n", (unsigned long long)mem_seed());
	return cmocka_run_group_tests_name("ext2 crash", tests, NULL, NULL);
}
