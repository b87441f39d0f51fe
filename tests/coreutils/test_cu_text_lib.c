/*
 * The helpers the text and system tools share (spec/coreutils.md CU-011,
 * CU-007, CU-010): cu_finish's write-error report, the signal names and
 * the UTC calendar.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <aegis/errno.h>

#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_signal.h"
#include "cu/cu_time.h"

#define ERR_MAX 256

static char errors[ERR_MAX];

static long full_write(int fd, const void *buf, size_t len)
{
	(void)fd;
	(void)buf;
	(void)len;
	return -ENOSPC;
}

static long err_write(int fd, const void *buf, size_t len)
{
	(void)fd;
	size_t used = strlen(errors);
	if (used + len >= ERR_MAX)
		len = ERR_MAX - 1 - used;
	memcpy(errors + used, buf, len);
	return (long)len;
}

static void test_cu_011_write_error(void **state)
{
	(void)state;
	cu_out_t out;
	memset(errors, 0, sizeof(errors));
	cu_msg_writer = err_write;
	cu_out_init_via(&out, CU_STDOUT, full_write);
	cu_out_str(&out, "text\n");
	assert_int_equal(cu_finish(&out, "echo", CU_EXIT_OK), CU_EXIT_FAIL);
	assert_string_equal(errors, "echo: write error: No space left on device\n");
}

static void test_cu_007_signal_names(void **state)
{
	(void)state;
	assert_int_equal(cu_signal_parse("TERM"), 15);
	assert_int_equal(cu_signal_parse("sigkill"), 9);
	assert_int_equal(cu_signal_parse("SIGHUP"), 1);
	assert_int_equal(cu_signal_parse("0"), 0);
	assert_int_equal(cu_signal_parse("64"), 64);
	assert_int_equal(cu_signal_parse("65"), -1);
	assert_int_equal(cu_signal_parse("9x"), -1);
	assert_int_equal(cu_signal_parse("SIG"), -1);
	assert_int_equal(cu_signal_parse("FOO"), -1);
	assert_string_equal(cu_signal_name(29), "POLL");
	assert_string_equal(cu_signal_name(31), "SYS");
	assert_null(cu_signal_name(0));
	assert_null(cu_signal_name(32));
}

static void test_cu_010_calendar(void **state)
{
	(void)state;
	civil_time_t t;
	civil_from_epoch(0, &t);
	assert_true(t.year == 1970 && t.month == 1 && t.day == 1 && t.weekday == 4 && t.yearday == 0);
	civil_from_epoch(951825845, &t); /* 2000-02-29 12:04:05, a Tuesday */
	assert_true(t.year == 2000 && t.month == 2 && t.day == 29 && t.hour == 12 && t.minute == 4 &&
		    t.second == 5 && t.weekday == 2 && t.yearday == 59);
	civil_from_epoch(-1, &t);
	assert_true(t.year == 1969 && t.month == 12 && t.day == 31 && t.hour == 23 && t.second == 59 &&
		    t.weekday == 3 && t.yearday == 364);
	civil_from_epoch(1767322800, &t);
	assert_true(t.year == 2026 && t.month == 1 && t.day == 2 && t.hour == 3 && t.weekday == 5);
	assert_string_equal(cu_time_month_abbr(12), "Dec");
	assert_string_equal(cu_time_day_abbr(0), "Sun");
	assert_string_equal(cu_time_day_abbr(7), "???");
	assert_string_equal(cu_time_month_abbr(0), "???");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cu_011_write_error),
		cmocka_unit_test(test_cu_007_signal_names),
		cmocka_unit_test(test_cu_010_calendar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
