/* Tests for the kernel command-line parser (spec/boot-order.md, BOOT-005..007). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/cmdline.h"

typedef struct {
	int count;
	char last[160];
} warnings_t;

static void collect(const char *message, void *ctx)
{
	warnings_t *w = ctx;
	w->count++;
	snprintf(w->last, sizeof(w->last), "%s", message);
}

static int parse(const char *text, cmdline_t *out, warnings_t *w)
{
	memset(w, 0, sizeof(*w));
	return cmdline_parse(text, text ? strlen(text) : 0, out, collect, w);
}

/* BOOT-006 */
static void test_BOOT_006_defaults_and_words(void **state)
{
	(void)state;
	cmdline_t c;
	warnings_t w;
	assert_int_equal(parse(NULL, &c, &w), 0);
	assert_int_equal(c.boot_mode, BOOT_MODE_TEXT);
	assert_false(c.quiet);
	assert_int_equal(c.test, TEST_ACTION_NONE);
	assert_string_equal(c.raw, "");

	assert_int_equal(parse("boot=graphical quiet", &c, &w), 0);
	assert_int_equal(c.boot_mode, BOOT_MODE_GRAPHICAL);
	assert_true(c.quiet);

	assert_int_equal(parse("  test=boot   boot=text  ", &c, &w), 0);
	assert_int_equal(c.test, TEST_ACTION_BOOT);
	assert_int_equal(c.boot_mode, BOOT_MODE_TEXT);
	assert_string_equal(c.raw, "  test=boot   boot=text  ");

	/* Later words override earlier ones. */
	assert_int_equal(parse("test=boot test=panic boot=graphical boot=text", &c, &w), 0);
	assert_int_equal(c.test, TEST_ACTION_PANIC);
	assert_int_equal(c.boot_mode, BOOT_MODE_TEXT);
}

/* BOOT-006: exact matches only, unlike the original's substring checks. */
static void test_BOOT_006_no_substring_matches(void **state)
{
	(void)state;
	cmdline_t c;
	warnings_t w;
	assert_int_equal(parse("boot=graphicalx quietly xquiet test=", &c, &w), 4);
	assert_int_equal(c.boot_mode, BOOT_MODE_TEXT);
	assert_false(c.quiet);
	assert_int_equal(c.test, TEST_ACTION_NONE);
	assert_string_equal(w.last, "unknown option 'test=' ignored");
}

/* BOOT-005: a very long unknown word is shown shortened, and says so. */
static void test_BOOT_005_long_word_reported(void **state)
{
	(void)state;
	char word[200];
	memset(word, 'q', sizeof(word) - 1);
	word[sizeof(word) - 1] = '\0';
	cmdline_t c;
	warnings_t w;
	assert_int_equal(parse(word, &c, &w), 1);
	assert_non_null(strstr(w.last, "...' ignored"));
	assert_true(strlen(w.last) < 100);
}

/* BOOT-007 */
static void test_BOOT_007_overlong_is_cut_loudly(void **state)
{
	(void)state;
	char text[CMDLINE_MAX + 100];
	memset(text, ' ', sizeof(text));
	memcpy(text, "quiet", 5);
	text[sizeof(text) - 1] = '\0';
	cmdline_t c;
	warnings_t w;
	assert_int_equal(parse(text, &c, &w), 1);
	assert_int_equal(strlen(c.raw), CMDLINE_MAX - 1);
	assert_true(c.quiet);
	char expect[80];
	snprintf(expect, sizeof(expect), "command line of %zu bytes cut to %d", sizeof(text) - 1, CMDLINE_MAX - 1);
	assert_string_equal(w.last, expect);
}

/* BOOT-005: a length that stops before a NUL, and a NUL that stops before the length. */
static void test_BOOT_005_length_and_nul(void **state)
{
	(void)state;
	cmdline_t c;
	warnings_t w = {0};
	assert_int_equal(cmdline_parse("quiet test=boot", 5, &c, collect, &w), 0);
	assert_string_equal(c.raw, "quiet");
	assert_int_equal(c.test, TEST_ACTION_NONE);
	assert_int_equal(cmdline_parse("quiet\0test=boot", 15, &c, collect, &w), 0);
	assert_string_equal(c.raw, "quiet");
	assert_int_equal(cmdline_parse("bogus", 5, &c, NULL, NULL), 1); /* no callback: still counted */
}

/* BOOT-006: the stored boot-time result is what cmdline_get returns. */
static void test_BOOT_006_set_and_get(void **state)
{
	(void)state;
	cmdline_t c;
	warnings_t w;
	parse("quiet boot=graphical", &c, &w);
	cmdline_set(&c);
	assert_true(cmdline_get()->quiet);
	assert_int_equal(cmdline_get()->boot_mode, BOOT_MODE_GRAPHICAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_BOOT_006_defaults_and_words),
		cmocka_unit_test(test_BOOT_006_no_substring_matches),
		cmocka_unit_test(test_BOOT_005_long_word_reported),
		cmocka_unit_test(test_BOOT_007_overlong_is_cut_loudly),
		cmocka_unit_test(test_BOOT_005_length_and_nul),
		cmocka_unit_test(test_BOOT_006_set_and_get),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
