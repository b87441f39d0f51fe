/* Tests for the kernel formatter (spec/kernel-library.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/format.h"

/* No format attribute here: the tests pass deliberately odd formats. */
static size_t format_unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#define CHECK_FORMAT(expect, ...)                                            \
	do {                                                                     \
		char buf_[128];                                                      \
		size_t n_ = format_unchecked(buf_, sizeof(buf_), __VA_ARGS__);              \
		assert_string_equal(buf_, expect);                                   \
		assert_int_equal(n_, strlen(expect));                                \
	} while (0)

/* KLIB-001 */
static void test_KLIB_001_conversions(void **state)
{
	(void)state;
	CHECK_FORMAT("42 -7 4294967295", "%d %i %u", 42, -7, 4294967295u);
	CHECK_FORMAT("ff FF 0xff", "%x %X 0x%x", 255u, 255u, 255u);
	CHECK_FORMAT("[   42][42   ][00042]", "[%5d][%-5d][%05d]", 42, 42, 42);
	CHECK_FORMAT("[-0042]", "[%05d]", -42);
	CHECK_FORMAT("abc|  abc|abc  |x|%", "%s|%5s|%-5s|%c|%%", "abc", "abc", "abc", 'x');
	CHECK_FORMAT("(null)", "%s", (const char *)NULL);
	CHECK_FORMAT("0x00000000deadbeef", "%p", (void *)(uintptr_t)0xdeadbeef);
	CHECK_FORMAT("1234567890123 18446744073709551615", "%ld %llu", 1234567890123L, 18446744073709551615ull);
	CHECK_FORMAT("99 -1 255", "%zu %hd %hhu", (size_t)99, (short)-1, (unsigned char)255);
	CHECK_FORMAT("ffffffffffffffff", "%lx", (unsigned long)-1);
}

/* KLIB-002 */
static void test_KLIB_002_truncation(void **state)
{
	(void)state;
	char buf[8];
	memset(buf, 'Z', sizeof(buf));
	size_t n = ksnprintf(buf, 5, "%s", "abcdefgh");
	assert_int_equal(n, 8);
	assert_string_equal(buf, "abcd");
	assert_int_equal(buf[5], 'Z'); /* nothing written past size */

	memset(buf, 'Z', sizeof(buf));
	n = ksnprintf(buf, 0, "%d", 12345);
	assert_int_equal(n, 5);
	assert_int_equal(buf[0], 'Z');

	n = ksnprintf(buf, 1, "x");
	assert_int_equal(n, 1);
	assert_string_equal(buf, "");
}

/* KLIB-003 */
static void test_KLIB_003_unknown_conversion(void **state)
{
	(void)state;
	CHECK_FORMAT("a %q b 7", "a %q b %d", 7);
	CHECK_FORMAT("end %", "end %");
	CHECK_FORMAT("%5w", "%5w");
}

/* KLIB-004 */
static void test_KLIB_004_extremes(void **state)
{
	(void)state;
	CHECK_FORMAT("-9223372036854775808", "%lld", (long long)INT64_MIN);
	CHECK_FORMAT("9223372036854775807", "%lld", (long long)INT64_MAX);
	CHECK_FORMAT("-2147483648", "%d", INT32_MIN);
	CHECK_FORMAT("0", "%u", 0u);
	CHECK_FORMAT("0", "%x", 0u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_KLIB_001_conversions),
		cmocka_unit_test(test_KLIB_002_truncation),
		cmocka_unit_test(test_KLIB_003_unknown_conversion),
		cmocka_unit_test(test_KLIB_004_extremes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
