/*
 * The kernel's disk probe (spec/platform-contract.md PLAT-014): one [DISK]
 * line per disk the platform offers, SKIP for none, FAIL for a device the
 * platform describes wrongly (which is then not offered), and the limit of
 * DISK_MAX disks.  Stand-in platforms give the devices; one case probes the
 * simulator's real --disk path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/console_capture.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fs/disk.h"
#include "platform.h"
#include "sim.h"

#define SECTOR 512u
#define KIB 1024u
#define FAKE_MAX 12u
#define WHY_MAX 256u

static int fake_read(blockdev_t *dev, uint64_t lba, uint32_t count, void *buf)
{
	(void)dev;
	(void)lba;
	memset(buf, 0, (size_t)count * SECTOR);
	return 0;
}

static int fake_write(blockdev_t *dev, uint64_t lba, uint32_t count, const void *buf)
{
	(void)dev;
	(void)lba;
	(void)count;
	(void)buf;
	return 0;
}

static const blockdev_ops_t fake_ops = { .read = fake_read, .write = fake_write };
static const blockdev_ops_t fake_ops_read_only = { .read = fake_read, .write = NULL };
static const blockdev_ops_t fake_ops_no_read = { .read = NULL, .write = fake_write };

static blockdev_t fakes[FAKE_MAX];
static unsigned fake_count;

static blockdev_t *fake_source(unsigned index)
{
	return index < fake_count ? &fakes[index] : NULL;
}

static void fake_set(unsigned index, const char *name, uint32_t sector_size, uint64_t sectors,
                     const blockdev_ops_t *ops)
{
	fakes[index] = (blockdev_t){ .name = name, .sector_size = sector_size, .sector_count = sectors, .ops = ops };
}

static int reset(void **state)
{
	(void)state;
	console_capture_reset();
	memset(fakes, 0, sizeof(fakes));
	fake_count = 0;
	return 0;
}

/* PLAT-014: no disks at all */
static void test_probe_none(void **state)
{
	(void)state;
	assert_int_equal(disk_probe_from(fake_source), 0);
	assert_string_equal(serial_out, "[DISK] SKIP: no disks\n");
	assert_null(disk_get(0));
}

/* PLAT-014: one OK line per good disk, in order, with its size */
static void test_probe_good(void **state)
{
	(void)state;
	fake_set(0, "disk0", SECTOR, 8192, &fake_ops);
	fake_set(1, "disk1", 4096, 3, &fake_ops_read_only);
	fake_count = 2;
	assert_int_equal(disk_probe_from(fake_source), 2);
	assert_string_equal(serial_out, "[DISK] OK: disk0, 4096 KiB\n[DISK] OK: disk1, 12 KiB, read-only\n");
	assert_ptr_equal(disk_get(0), &fakes[0]);
	assert_ptr_equal(disk_get(1), &fakes[1]);
	assert_null(disk_get(2));
	assert_null(disk_get(DISK_MAX));
	assert_null(disk_get(UINT32_MAX));
}

/* PLAT-014: each kind of wrong description fails with its reason and is not offered */
static void test_probe_bad(void **state)
{
	(void)state;
	fake_set(0, NULL, SECTOR, 8, &fake_ops);
	fake_set(1, "", SECTOR, 8, &fake_ops);
	fake_set(2, "d2", SECTOR, 8, NULL);
	fake_set(3, "d3", SECTOR, 8, &fake_ops_no_read);
	fake_set(4, "d4", 0, 8, &fake_ops);
	fake_set(5, "d5", 768, 8, &fake_ops);
	fake_set(6, "d6", SECTOR, 0, &fake_ops);
	fake_set(7, "d7", SECTOR, UINT64_MAX / 2, &fake_ops);
	fake_count = 8;
	assert_int_equal(disk_probe_from(fake_source), 0);
	assert_string_equal(serial_out, "[DISK] FAIL: disk 0: no name\n"
	                                "[DISK] FAIL: disk 1: no name\n"
	                                "[DISK] FAIL: disk 2: no read operation\n"
	                                "[DISK] FAIL: disk 3: no read operation\n"
	                                "[DISK] FAIL: disk 4: sector size is not a power of two\n"
	                                "[DISK] FAIL: disk 5: sector size is not a power of two\n"
	                                "[DISK] FAIL: disk 6: no sectors\n"
	                                "[DISK] FAIL: disk 7: size beyond 64 bits\n");
	for (unsigned i = 0; i < DISK_MAX; i++)
		assert_null(disk_get(i));
}

/* PLAT-014: a bad disk between good ones keeps the others' numbers; a new probe forgets old disks */
static void test_probe_mixed(void **state)
{
	(void)state;
	fake_set(0, "disk0", SECTOR, 2, &fake_ops);
	fake_set(1, "disk1", SECTOR, 0, &fake_ops);
	fake_set(2, "disk2", SECTOR, 4, &fake_ops);
	fake_count = 3;
	assert_int_equal(disk_probe_from(fake_source), 2);
	assert_ptr_equal(disk_get(0), &fakes[0]);
	assert_null(disk_get(1));
	assert_ptr_equal(disk_get(2), &fakes[2]);
	fake_count = 0;
	assert_int_equal(disk_probe_from(fake_source), 0);
	assert_null(disk_get(0));
	assert_null(disk_get(2));
}

/* PLAT-014: at most DISK_MAX disks, then a warning */
static void test_probe_limit(void **state)
{
	(void)state;
	static char names[FAKE_MAX][8];
	for (unsigned i = 0; i < FAKE_MAX; i++) {
		snprintf(names[i], sizeof(names[i]), "disk%u", i);
		fake_set(i, names[i], SECTOR, 2, &fake_ops);
	}
	fake_count = FAKE_MAX;
	assert_int_equal(disk_probe_from(fake_source), DISK_MAX);
	assert_non_null(strstr(serial_out, "[DISK] OK: disk7, 1 KiB\n[DISK] WARN: more than 8 disks, the rest are ignored\n"));
	assert_null(strstr(serial_out, "disk8"));
	assert_null(disk_get(DISK_MAX));
}

/* PLAT-010 PLAT-014: the boot step probes the simulator's --disk files */
static void test_probe_boot_sim(void **state)
{
	(void)state;
	char path[] = "/tmp/aegis-diskprobe-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 64 * KIB + 7), 0);
	close(fd);
	char why[WHY_MAX];
	sim_disk_reset();
	disk_probe_boot();
	assert_string_equal(serial_out, "[DISK] SKIP: no disks\n");
	assert_int_equal(sim_disk_add(path, why, sizeof(why)), 0);
	console_capture_reset();
	disk_probe_boot();
	assert_string_equal(serial_out, "[DISK] OK: disk0, 64 KiB\n");
	assert_ptr_equal(disk_get(0), platform_disk_get(0));
	sim_disk_reset();
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_probe_none, reset),  cmocka_unit_test_setup(test_probe_good, reset),
		cmocka_unit_test_setup(test_probe_bad, reset),   cmocka_unit_test_setup(test_probe_mixed, reset),
		cmocka_unit_test_setup(test_probe_limit, reset), cmocka_unit_test_setup(test_probe_boot_sim, reset),
	};
	return cmocka_run_group_tests_name("disk probe", tests, NULL, NULL);
}
