/*
 * Tests of the system log's line format (spec/auth-flow.md AUTH-077): the
 * UTC time stamp, the tag and pid, bytes that could forge a line or drive a
 * terminal replaced by '?', and long lines cut visibly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "slog/slog.h"

#define LOG_TIME 1796642553 /* 2026-12-07T11:22:33Z */

/* AUTH-077 */
static void test_line_form(void **state)
{
	char line[SLOG_LINE_MAX + 1];
	(void)state;
	size_t n = slog_format(line, LOG_TIME, "login", 12, "FAILED LOGIN 1 on /dev/console for UNKNOWN: unknown user");
	assert_string_equal(line, "2026-12-07T11:22:33Z login[12]: FAILED LOGIN 1 on /dev/console for UNKNOWN: unknown user\n");
	assert_int_equal(n, strlen(line));
	slog_format(line, 0, "x", 1, "");
	assert_string_equal(line, "1970-01-01T00:00:00Z x[1]: \n");
}

/* AUTH-077 */
static void test_hostile_bytes(void **state)
{
	char line[SLOG_LINE_MAX + 1];
	(void)state;
	slog_format(line, LOG_TIME, "login", 3, "for 'ro\not\r\x1b[2J\x7f\xff'");
	assert_string_equal(line, "2026-12-07T11:22:33Z login[3]: for 'ro?ot?" "?[2J?" "?'\n");
	assert_null(strchr(line, '\x1b'));
	assert_int_equal(strchr(line, '\n') - line, (long)strlen(line) - 1);
}

/* AUTH-077 */
static void test_long_line_is_cut_visibly(void **state)
{
	char line[SLOG_LINE_MAX + 1];
	char text[2000];
	(void)state;
	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	size_t n = slog_format(line, LOG_TIME, "login", 3, text);
	assert_int_equal(n, SLOG_LINE_MAX);
	assert_int_equal(strlen(line), SLOG_LINE_MAX);
	assert_string_equal(line + n - 4, "...\n");
	memset(text, 'b', SLOG_LINE_MAX);
	text[SLOG_LINE_MAX - 40] = '\0'; /* fits with the prefix? either whole or cut, never without a newline */
	n = slog_format(line, LOG_TIME, "login", 3, text);
	assert_true(n <= SLOG_LINE_MAX && line[n - 1] == '\n');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_form),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test(test_long_line_is_cut_visibly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
