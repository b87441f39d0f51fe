/* Tests for the kernel byte and string helpers (spec/kernel-library.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/kstring.h"

/* KLIB-005 */
static void test_KLIB_005_memmove_overlap(void **state)
{
	(void)state;
	char a[] = "0123456789";
	kmemmove(a + 2, a, 6);
	assert_string_equal(a, "0101234589");
	char b[] = "0123456789";
	kmemmove(b, b + 3, 7);
	assert_string_equal(b, "3456789789");
}

/* KLIB-005 */
static void test_KLIB_005_compare_unsigned(void **state)
{
	(void)state;
	const unsigned char hi[] = {0x80}, lo[] = {0x7f};
	assert_true(kmemcmp(hi, lo, 1) > 0);
	assert_true(kstrcmp("\x80", "\x7f") > 0);
	assert_int_equal(kstrcmp("abc", "abc"), 0);
	assert_true(kstrcmp("ab", "abc") < 0);
	assert_int_equal(kstrncmp("abcX", "abcY", 3), 0);
	assert_true(kstrncmp("abcX", "abcY", 4) < 0);
	assert_int_equal(kstrnlen("abcdef", 3), 3);
	assert_int_equal(kstrlen(""), 0);
}

/* KLIB-005 */
static void test_KLIB_005_strlcpy(void **state)
{
	(void)state;
	char d[4];
	assert_int_equal(kstrlcpy(d, "abcdef", sizeof(d)), 6);
	assert_string_equal(d, "abc");
	assert_int_equal(kstrlcpy(d, "x", sizeof(d)), 1);
	assert_string_equal(d, "x");
	d[0] = 'Q';
	assert_int_equal(kstrlcpy(d, "zz", 0), 2);
	assert_int_equal(d[0], 'Q');
	char big[16];
	kmemset(big, 0x5a, sizeof(big));
	assert_int_equal((unsigned char)big[15], 0x5a);
	kmemcpy(big, "hello", 6);
	assert_string_equal(big, "hello");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_KLIB_005_memmove_overlap),
		cmocka_unit_test(test_KLIB_005_compare_unsigned),
		cmocka_unit_test(test_KLIB_005_strlcpy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
