/*
 * Tests of the civil-time conversion (spec/coreutils.md CU-005), judged by
 * the host C library's gmtime_r and timegm over a seeded random sample of
 * second counts (AEGIS_TEST_SEED) and the boundaries of leap years, eras and
 * 1970.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>

#include "civil/civil_time.h"

#define SAMPLES 200000
#define RANGE_SEC (400LL * 366 * 86400 * 20) /* about +-8000 years around 1970 */
#define TM_YEAR_BASE 1900

static void check_one(int64_t s)
{
	civil_time_t c;
	struct tm tm;
	time_t t = (time_t)s;

	assert_non_null(gmtime_r(&t, &tm));
	civil_from_epoch(s, &c);
	if (c.year != (int64_t)tm.tm_year + TM_YEAR_BASE || c.month != tm.tm_mon + 1 || c.day != tm.tm_mday ||
	    c.hour != tm.tm_hour || c.minute != tm.tm_min || c.second != tm.tm_sec || c.weekday != tm.tm_wday ||
	    c.yearday != tm.tm_yday)
		fail_msg("%lld: got %lld-%d-%d %d:%d:%d wd %d yd %d", (long long)s, (long long)c.year, c.month, c.day,
			 c.hour, c.minute, c.second, c.weekday, c.yearday);
	assert_int_equal(civil_to_epoch(c.year, c.month, c.day, c.hour, c.minute, c.second), s);
}

static unsigned long long seed_from_env(void)
{
	const char *s = getenv("AEGIS_TEST_SEED");
	unsigned long long seed = s ? strtoull(s, NULL, 0) : 5;
	printf("# AEGIS_TEST_SEED=%llu\n", seed);
	return seed;
}

/* CU-005 */
static void test_random_sample_matches_gmtime(void **state)
{
	unsigned long long x = seed_from_env() | 1;
	(void)state;
	for (int i = 0; i < SAMPLES; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		check_one((int64_t)(x % (2 * RANGE_SEC)) - RANGE_SEC);
	}
}

/* CU-005 */
static void test_boundaries(void **state)
{
	static const int64_t days[] = { 0, -1, 59, 60, 365, 366, 10957, 11016, 11017, -25508, -719468, -719469,
					-146097, 146097, 2932896, 47482 };
	(void)state;
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		for (int64_t d = -1; d <= 1; d++)
			for (int64_t sec = -1; sec <= 1; sec++)
				check_one((days[i] + d) * 86400 + sec);
}

/* CU-005 */
static void test_unnormalised_fields(void **state)
{
	(void)state;
	assert_int_equal(civil_to_epoch(2025, 13, 1, 0, 0, 0), civil_to_epoch(2026, 1, 1, 0, 0, 0));
	assert_int_equal(civil_to_epoch(2024, 3, 0, 0, 0, 0), civil_to_epoch(2024, 2, 29, 0, 0, 0));
	assert_int_equal(civil_to_epoch(1970, 1, 1, 0, 0, 0), 0);
	assert_int_equal(civil_to_epoch(1970, 0, 1, 0, 0, 0), civil_to_epoch(1969, 12, 1, 0, 0, 0));
	assert_int_equal(civil_to_epoch(2026, 12, 7, 11, 22, 33), 1796642553);
}

/* CU-005: a date is valid exactly when the calendar gives it back unchanged */
static void test_validity(void **state)
{
	(void)state;
	for (int64_t year = 1899; year <= 2101; year += 1)
		for (int month = 0; month <= 13; month++)
			for (int day = 0; day <= 32; day++) {
				civil_time_t t = { .year = year, .month = month, .day = day, .hour = 12 };
				civil_time_t back;
				civil_from_epoch(civil_time_to_epoch(&t), &back);
				bool same = back.year == year && back.month == month && back.day == day;
				assert_int_equal(civil_is_valid(&t), same);
			}
	civil_time_t leap = { .year = 2016, .month = 12, .day = 31, .hour = 23, .minute = 59, .second = 60 };
	assert_true(civil_is_valid(&leap));
	leap.second = 61;
	assert_false(civil_is_valid(&leap));
	leap.second = 0;
	leap.hour = 24;
	assert_false(civil_is_valid(&leap));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_sample_matches_gmtime),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_unnormalised_fields),
		cmocka_unit_test(test_validity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
