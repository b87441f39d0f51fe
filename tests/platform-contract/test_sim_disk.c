/*
 * The simulator's disks (spec/platform-contract.md PLAT-010..PLAT-013): a
 * host file seen through platform_disk_get as 512-byte sectors, writes that
 * land in the file at once, the fail-after write cut-off, and --disk texts
 * that are refused with a reason and leave no disk behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs/blockdev.h"
#include "platform.h"
#include "sim.h"

#define SECTOR SIM_DISK_SECTOR_SIZE
#define DISK_SECTORS 8u
#define TAIL_BYTES 100u /* a partial sector after the last whole one: not part of the disk */
#define FILE_BYTES (DISK_SECTORS * SECTOR + TAIL_BYTES)
#define WHY_MAX 512u
#define SPEC_MAX 600u

typedef struct {
	char path[64];
	char spec[SPEC_MAX];
	char why[WHY_MAX];
	uint8_t original[FILE_BYTES];
} fixture_t;

static void file_read_all(const char *path, uint8_t *out, size_t len)
{
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, out, len, 0), (ssize_t)len);
	uint8_t extra;
	assert_int_equal(pread(fd, &extra, 1, (off_t)len), 0);
	close(fd);
}

static void file_expect(const fixture_t *f, const uint8_t *want)
{
	uint8_t now[FILE_BYTES];
	file_read_all(f->path, now, sizeof(now));
	assert_memory_equal(now, want, FILE_BYTES);
}

static int fixture_setup(void **state)
{
	fixture_t *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	strcpy(f->path, "/tmp/aegis-simdisk-XXXXXX");
	int fd = mkstemp(f->path);
	assert_true(fd >= 0);
	for (size_t i = 0; i < FILE_BYTES; i++)
		f->original[i] = (uint8_t)(i * 13 + 5);
	assert_int_equal(write(fd, f->original, FILE_BYTES), (ssize_t)FILE_BYTES);
	close(fd);
	sim_disk_reset();
	*state = f;
	return 0;
}

static int fixture_teardown(void **state)
{
	fixture_t *f = *state;
	sim_disk_reset();
	unlink(f->path);
	free(f);
	return 0;
}

static const char *spec_of(fixture_t *f, const char *suffix)
{
	snprintf(f->spec, sizeof(f->spec), "%s%s", f->path, suffix);
	return f->spec;
}

/* PLAT-010 PLAT-011: the file is disk0, whole sectors only */
static void test_disk_geometry(void **state)
{
	fixture_t *f = *state;
	assert_null(platform_disk_get(0));
	assert_int_equal(sim_disk_add(f->path, f->why, sizeof(f->why)), 0);
	blockdev_t *dev = platform_disk_get(0);
	assert_non_null(dev);
	assert_ptr_equal(platform_disk_get(0), dev);
	assert_null(platform_disk_get(1));
	assert_string_equal(dev->name, "disk0");
	assert_int_equal(dev->sector_size, SECTOR);
	assert_int_equal(dev->sector_count, DISK_SECTORS);
	assert_false(dev->read_only);
	assert_int_equal(blockdev_bytes(dev), DISK_SECTORS * SECTOR);
}

/* PLAT-011: reads see the file, writes land in it at once and touch nothing else */
static void test_disk_read_write(void **state)
{
	fixture_t *f = *state;
	assert_int_equal(sim_disk_add(f->path, f->why, sizeof(f->why)), 0);
	blockdev_t *dev = platform_disk_get(0);
	uint8_t buf[3 * SECTOR];
	assert_int_equal(blockdev_read(dev, 5, 3, buf), 0);
	assert_memory_equal(buf, f->original + 5 * SECTOR, sizeof(buf));

	uint8_t want[FILE_BYTES];
	memcpy(want, f->original, sizeof(want));
	memset(buf, 0xA5, sizeof(buf));
	assert_int_equal(blockdev_write(dev, 2, 3, buf), 0);
	memset(want + 2 * SECTOR, 0xA5, 3 * SECTOR);
	file_expect(f, want);
	memset(buf, 0x3C, SECTOR);
	assert_int_equal(blockdev_write(dev, DISK_SECTORS - 1, 1, buf), 0);
	memset(want + (DISK_SECTORS - 1) * SECTOR, 0x3C, SECTOR);
	file_expect(f, want);

	uint8_t back[3 * SECTOR];
	assert_int_equal(blockdev_read(dev, 2, 3, back), 0);
	assert_memory_equal(back, want + 2 * SECTOR, sizeof(back));
}

/* PLAT-011: ranges outside the disk (the partial tail included) are refused, the file stays */
static void test_disk_out_of_range(void **state)
{
	fixture_t *f = *state;
	assert_int_equal(sim_disk_add(f->path, f->why, sizeof(f->why)), 0);
	blockdev_t *dev = platform_disk_get(0);
	uint8_t buf[2 * SECTOR];
	memset(buf, 0xEE, sizeof(buf));
	assert_int_equal(blockdev_read(dev, DISK_SECTORS, 1, buf), -EINVAL);
	assert_int_equal(blockdev_read(dev, DISK_SECTORS - 1, 2, buf), -EINVAL);
	assert_int_equal(blockdev_read(dev, 0, 0, buf), -EINVAL);
	assert_int_equal(blockdev_read(dev, UINT64_MAX, 2, buf), -EINVAL);
	assert_int_equal(blockdev_write(dev, DISK_SECTORS, 1, buf), -EINVAL);
	assert_int_equal(blockdev_write(dev, DISK_SECTORS - 1, 2, buf), -EINVAL);
	assert_int_equal(blockdev_write(dev, UINT64_MAX - 1, 4, buf), -EINVAL);
	assert_int_equal(blockdev_write(dev, 0, 1, NULL), -EINVAL);
	file_expect(f, f->original);
}

/* PLAT-012: with fail-after=3, writes 1..3 land, the 4th and later give -EIO and change nothing */
static void test_disk_fail_after(void **state)
{
	fixture_t *f = *state;
	const uint64_t allowed = 3;
	assert_int_equal(sim_disk_add(spec_of(f, ",fail-after=3"), f->why, sizeof(f->why)), 0);
	blockdev_t *dev = platform_disk_get(0);
	uint8_t buf[SECTOR];
	/* A write blockdev_write refuses never reaches the disk, so it is not counted. */
	assert_int_equal(blockdev_write(dev, DISK_SECTORS, 1, buf), -EINVAL);
	uint8_t want[FILE_BYTES];
	memcpy(want, f->original, sizeof(want));
	for (uint64_t i = 0; i < allowed; i++) {
		memset(buf, (int)(0x10 + i), sizeof(buf));
		assert_int_equal(blockdev_write(dev, i, 1, buf), 0);
		memset(want + i * SECTOR, (int)(0x10 + i), SECTOR);
	}
	file_expect(f, want);
	for (uint64_t i = 0; i < DISK_SECTORS; i++) {
		memset(buf, 0x77, sizeof(buf));
		assert_int_equal(blockdev_write(dev, i, 1, buf), -EIO);
	}
	file_expect(f, want);
	assert_int_equal(blockdev_read(dev, 0, 1, buf), 0);
	assert_memory_equal(buf, want, SECTOR);
}

/* PLAT-012: fail-after=0 refuses the first write; each disk counts its own writes */
static void test_disk_fail_after_zero(void **state)
{
	fixture_t *f = *state;
	assert_int_equal(sim_disk_add(spec_of(f, ",fail-after=0"), f->why, sizeof(f->why)), 0);
	assert_int_equal(sim_disk_add(spec_of(f, ",fail-after=1"), f->why, sizeof(f->why)), 0);
	blockdev_t *none = platform_disk_get(0), *one = platform_disk_get(1);
	assert_string_equal(one->name, "disk1");
	uint8_t buf[SECTOR];
	memset(buf, 0x42, sizeof(buf));
	assert_int_equal(blockdev_write(none, 0, 1, buf), -EIO);
	file_expect(f, f->original);
	assert_int_equal(blockdev_write(one, 0, 1, buf), 0);
	assert_int_equal(blockdev_write(one, 1, 1, buf), -EIO);
	uint8_t want[FILE_BYTES];
	memcpy(want, f->original, sizeof(want));
	memset(want, 0x42, SECTOR);
	file_expect(f, want);
}

/* PLAT-013: each bad text is refused with a reason and adds no disk */
static void test_disk_bad_specs(void **state)
{
	fixture_t *f = *state;
	static const char *const bad_suffixes[] = {
		",fail-after=", ",fail-after=x", ",fail-after=-1", ",fail-after=+2", ",fail-after=3x",
		",fail-after=99999999999999999999999", ",color=red", ",", ",fail-after= 3",
	};
	for (size_t i = 0; i < sizeof(bad_suffixes) / sizeof(bad_suffixes[0]); i++) {
		f->why[0] = '\0';
		assert_int_equal(sim_disk_add(spec_of(f, bad_suffixes[i]), f->why, sizeof(f->why)), -EINVAL);
		assert_true(strlen(f->why) > 0);
		assert_null(platform_disk_get(0));
	}
	assert_int_equal(sim_disk_add("", f->why, sizeof(f->why)), -EINVAL);
	assert_int_equal(sim_disk_add(",fail-after=1", f->why, sizeof(f->why)), -EINVAL);
	assert_int_equal(sim_disk_add("/nonexistent/aegis.img", f->why, sizeof(f->why)), -ENOENT);
	assert_non_null(strstr(f->why, "/nonexistent/aegis.img"));
	assert_int_equal(sim_disk_add("/tmp", f->why, sizeof(f->why)), -EISDIR);
	assert_int_equal(sim_disk_add("/dev/null", f->why, sizeof(f->why)), -EINVAL);
	assert_non_null(strstr(f->why, "not a regular file"));
	assert_null(platform_disk_get(0));

	/* Less than one sector. */
	assert_int_equal(truncate(f->path, SECTOR - 1), 0);
	assert_int_equal(sim_disk_add(f->path, f->why, sizeof(f->why)), -EINVAL);
	assert_non_null(strstr(f->why, "less than one"));
	assert_null(platform_disk_get(0));
}

/* PLAT-011 PLAT-013: four disks in order, a fifth is refused */
static void test_disk_limit(void **state)
{
	fixture_t *f = *state;
	for (unsigned i = 0; i < SIM_DISKS_MAX; i++)
		assert_int_equal(sim_disk_add(f->path, f->why, sizeof(f->why)), 0);
	assert_int_equal(sim_disk_add(f->path, f->why, sizeof(f->why)), -ENOSPC);
	assert_non_null(strstr(f->why, "at most"));
	assert_string_equal(platform_disk_get(SIM_DISKS_MAX - 1)->name, "disk3");
	assert_null(platform_disk_get(SIM_DISKS_MAX));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_disk_geometry, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_disk_read_write, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_disk_out_of_range, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_disk_fail_after, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_disk_fail_after_zero, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_disk_bad_specs, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_disk_limit, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("sim disks", tests, NULL, NULL);
}
