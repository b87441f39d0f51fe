/*
 * The block-device interface and the RAM disk (spec/ext2.md EXT2-001,
 * EXT2-002): range checks before the driver, read-only refusal, exact
 * sector copies.
 */
#include "ext2/ext2_fixture.h"

#define BD_SECTORS 8u
#define BD_BYTES (BD_SECTORS * RAMDISK_SECTOR_SIZE)

static uint8_t bd_mem[BD_BYTES + 100]; /* + a partial sector that is not part of the disk */

static void bd_fill(void)
{
	for (size_t i = 0; i < sizeof(bd_mem); i++)
		bd_mem[i] = (uint8_t)(i * 7 + 3);
}

/* EXT2-002 */
static void test_ramdisk_init(void **state)
{
	(void)state;
	blockdev_t dev;
	assert_int_equal(ramdisk_init(&dev, "rd", bd_mem, sizeof(bd_mem), false), 0);
	assert_int_equal(dev.sector_size, RAMDISK_SECTOR_SIZE);
	assert_int_equal(dev.sector_count, BD_SECTORS);
	assert_string_equal(dev.name, "rd");
	assert_int_equal(blockdev_bytes(&dev), BD_BYTES);
	assert_int_equal(ramdisk_init(&dev, "rd", NULL, sizeof(bd_mem), false), -EINVAL);
	assert_int_equal(ramdisk_init(&dev, "rd", bd_mem, RAMDISK_SECTOR_SIZE - 1, false), -EINVAL);
	assert_int_equal(ramdisk_init(NULL, "rd", bd_mem, sizeof(bd_mem), false), -EINVAL);
}

/* EXT2-002: reads and writes copy exactly the sectors asked for */
static void test_ramdisk_copies(void **state)
{
	(void)state;
	bd_fill();
	blockdev_t dev;
	assert_int_equal(ramdisk_init(&dev, "rd", bd_mem, sizeof(bd_mem), false), 0);
	uint8_t buf[3 * RAMDISK_SECTOR_SIZE + 1];
	memset(buf, 0xEE, sizeof(buf));
	assert_int_equal(blockdev_read(&dev, 2, 3, buf), 0);
	assert_memory_equal(buf, bd_mem + 2 * RAMDISK_SECTOR_SIZE, 3 * RAMDISK_SECTOR_SIZE);
	assert_int_equal(buf[3 * RAMDISK_SECTOR_SIZE], 0xEE);
	memset(buf, 0x5A, sizeof(buf));
	uint8_t before[BD_BYTES + 100];
	memcpy(before, bd_mem, sizeof(bd_mem));
	assert_int_equal(blockdev_write(&dev, 7, 1, buf), 0);
	assert_memory_equal(bd_mem, before, 7 * RAMDISK_SECTOR_SIZE);
	for (size_t i = 0; i < RAMDISK_SECTOR_SIZE; i++)
		assert_int_equal(bd_mem[7 * RAMDISK_SECTOR_SIZE + i], 0x5A);
	assert_memory_equal(bd_mem + BD_BYTES, before + BD_BYTES, 100);
}

/* EXT2-001: bad ranges and read-only devices are refused before the driver */
static void test_blockdev_ranges(void **state)
{
	(void)state;
	bd_fill();
	uint8_t before[sizeof(bd_mem)];
	memcpy(before, bd_mem, sizeof(bd_mem));
	blockdev_t dev;
	assert_int_equal(ramdisk_init(&dev, "rd", bd_mem, sizeof(bd_mem), false), 0);
	uint8_t buf[BD_BYTES * 2];
	assert_int_equal(blockdev_read(&dev, 0, 0, buf), -EINVAL);
	assert_int_equal(blockdev_read(&dev, BD_SECTORS, 1, buf), -EINVAL);
	assert_int_equal(blockdev_read(&dev, 7, 2, buf), -EINVAL);
	assert_int_equal(blockdev_read(&dev, 1, UINT32_MAX, buf), -EINVAL);
	assert_int_equal(blockdev_read(&dev, UINT64_MAX, 2, buf), -EINVAL);
	assert_int_equal(blockdev_read(&dev, 0, 1, NULL), -EINVAL);
	assert_int_equal(blockdev_read(NULL, 0, 1, buf), -EINVAL);
	assert_int_equal(blockdev_read(&dev, 0, BD_SECTORS, buf), 0);
	memset(buf, 0, sizeof(buf));
	assert_int_equal(blockdev_write(&dev, 7, 2, buf), -EINVAL);
	assert_int_equal(blockdev_write(&dev, UINT64_MAX - 1, 4, buf), -EINVAL);
	assert_int_equal(blockdev_write(&dev, 0, 0, buf), -EINVAL);
	assert_memory_equal(bd_mem, before, sizeof(bd_mem));
	assert_int_equal(ramdisk_init(&dev, "rd", bd_mem, sizeof(bd_mem), true), 0);
	assert_int_equal(blockdev_write(&dev, 0, 1, buf), -EROFS);
	assert_memory_equal(bd_mem, before, sizeof(bd_mem));
	assert_int_equal(blockdev_read(&dev, 0, 1, buf), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ramdisk_init),
		cmocka_unit_test(test_ramdisk_copies),
		cmocka_unit_test(test_blockdev_ranges),
	};
	return cmocka_run_group_tests_name("ext2 blockdev", tests, NULL, NULL);
}
