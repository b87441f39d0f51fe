/*
 * Tests for kernel logging and the marker format (spec/boot-order.md).
 * This program supplies its own serial and screen writers, so it sees exactly
 * what the kernel sends to each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/log.h"

#include "common/console_capture.h"

static int reset(void **state)
{
	(void)state;
	serial_len = screen_len = 0;
	serial_out[0] = screen_out[0] = '\0';
	log_set_screen_quiet(false);
	return 0;
}

/* BOOT-001 */
static void test_BOOT_001_marker_format(void **state)
{
	(void)state;
	boot_mark("PMM", MARK_OK, "%dMB usable across %d regions", 62, 2);
	boot_mark("SMAP", MARK_WARN, "CPU lacks SMAP");
	boot_mark("X", MARK_FAIL, "broken");
	boot_mark("VGA", MARK_SKIP, "none");
	boot_mark_platform("PIT", (platform_result_t){PLATFORM_OK, "timer at 100 Hz"});
	boot_mark_platform("PIC", (platform_result_t){PLATFORM_ABSENT, "no controller"});
	boot_mark_platform("BAD", (platform_result_t){(platform_status_t)99, NULL});
	assert_string_equal(serial_out, "[PMM] OK: 62MB usable across 2 regions\n"
	                                "[SMAP] WARN: CPU lacks SMAP\n"
	                                "[X] FAIL: broken\n"
	                                "[VGA] SKIP: none\n"
	                                "[PIT] OK: timer at 100 Hz\n"
	                                "[PIC] SKIP: no controller\n"
	                                "[BAD] FAIL: (no detail)\n");
	assert_string_equal(screen_out, serial_out);
}

/* BOOT-001: an over-long line is cut, ends in "...", and keeps its newline. */
static void test_BOOT_001_long_line_cut(void **state)
{
	(void)state;
	char detail[600];
	memset(detail, 'd', sizeof(detail) - 1);
	detail[sizeof(detail) - 1] = '\0';
	printk("[LONG] OK: %s\n", detail);
	assert_int_equal(serial_len, LOG_LINE_MAX - 1);
	assert_memory_equal(serial_out + serial_len - 4, "...\n", 4);
	assert_memory_equal(serial_out, "[LONG] OK: ddd", 14);
}

/* BOOT-008 */
static void test_BOOT_008_quiet_keeps_serial(void **state)
{
	(void)state;
	printk("before\n");
	log_set_screen_quiet(true);
	printk("during %d\n", 1);
	boot_mark("RNG", MARK_OK, "seeded");
	log_set_screen_quiet(false);
	printk("after\n");
	assert_string_equal(serial_out, "before\nduring 1\n[RNG] OK: seeded\nafter\n");
	assert_string_equal(screen_out, "before\nafter\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_BOOT_001_marker_format, reset),
		cmocka_unit_test_setup(test_BOOT_001_long_line_cut, reset),
		cmocka_unit_test_setup(test_BOOT_008_quiet_keeps_serial, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
