/*
 * The `run` file: words, quotes, escapes, errors with columns and bounds
 * (spec/vigil.md VIG-002, VIG-020..025).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "vigil/vigil_run.h"

static vigil_run_t run;
static char msg[VIGIL_MSG_MAX];

static int parse(const char *text)
{
	memset(msg, 0, sizeof(msg));
	return vigil_run_parse(text, strlen(text), &run, msg);
}

static void assert_words(const char *text, size_t n, const char *const *want)
{
	assert_int_equal(parse(text), 0);
	assert_int_equal(run.argc, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(vigil_run_word(&run, i), want[i]);
	assert_null(vigil_run_word(&run, n));
}

static void assert_rejected(const char *text, int err, const char *reason)
{
	assert_int_equal(parse(text), err);
	assert_non_null(strstr(msg, reason));
	assert_null(strchr(msg, '\n'));
	assert_int_equal(run.argc, 0);
	assert_null(vigil_run_word(&run, 0));
}

/* VIG-020: one line, trailing blanks ignored, empty and blank rejected */
static void test_vig020_one_line(void **state)
{
	(void)state;
	const char *one[] = { "/bin/login" };
	assert_words("/bin/login", 1, one);
	assert_words("/bin/login\n", 1, one);
	assert_words("  /bin/login \t\r\n\n", 1, one);
	assert_rejected("/bin/a\n/bin/b", -EINVAL, "run must be one line (line break at column 7)");
	assert_rejected("/bin/a 'x\ny'", -EINVAL, "line break at column 10");
	assert_rejected("/bin/a\r/bin/b", -EINVAL, "run must be one line");
	assert_rejected("", -EINVAL, "run is empty");
	assert_rejected(" \t\n\r\n", -EINVAL, "run is empty");
}

/* VIG-021: blanks, single quotes, double quotes with \" and \\, escapes */
static void test_vig021_grammar(void **state)
{
	(void)state;
	const char *w1[] = { "/bin/httpd", "-p", "80" };
	assert_words("/bin/httpd  -p\t\t80", 3, w1);
	const char *w2[] = { "/bin/echo", "a b  c", "it's", "x\\y" };
	assert_words("/bin/echo 'a b  c' \"it's\" 'x\\y'", 4, w2);
	const char *w3[] = { "/bin/echo", "say \"hi\" \\ \\n" };
	assert_words("/bin/echo \"say \\\"hi\\\" \\\\ \\n\"", 2, w3);
	const char *w4[] = { "/bin/echo", "a b", "'", "\"", "\\" };
	assert_words("/bin/echo a\\ b \\' \\\" \\\\", 5, w4);
	const char *w5[] = { "/bin/echo", "abcdef", "", "" };
	assert_words("/bin/echo ab'cd'\"ef\" '' \"\"", 4, w5);
	const char *w6[] = { "/bin/echo", "$HOME", "*", ";", "|", ">x", "#c" };
	assert_words("/bin/echo $HOME * ; | >x #c", 7, w6);
	const char *w7[] = { "/bin/echo", "\xc3\xa9t\xc3\xa9" };
	assert_words("/bin/echo \xc3\xa9t\xc3\xa9", 2, w7);
}

/* VIG-022: unterminated quotes, final backslash, control bytes, with columns */
static void test_vig022_errors(void **state)
{
	(void)state;
	assert_rejected("/bin/x 'abc", -EINVAL, "unterminated single quote opened at column 8");
	assert_rejected("/bin/x \"abc\\\"", -EINVAL, "unterminated double quote opened at column 8");
	assert_rejected("/bin/x abc\\", -EINVAL, "backslash at end of command (column 11)");
	assert_rejected("/bin/x a\x01", -EINVAL, "control byte 0x01 at column 9");
	assert_rejected("/bin/x '\x1b'", -EINVAL, "control byte 0x1b at column 9");
	assert_rejected("/bin/x \\\x7f", -EINVAL, "control byte 0x7f at column 9");
	assert_rejected("/bin/x \\\n", -EINVAL, "backslash at end of command");
	/* a NUL inside the file is an error, not an end */
	static const char nul[] = "/bin/x a\0b";
	assert_int_equal(vigil_run_parse(nul, sizeof(nul) - 1, &run, msg), -EINVAL);
	assert_non_null(strstr(msg, "control byte 0x00 at column 9"));
	assert_int_equal(run.argc, 0);
}

/* VIG-023: the program is an absolute path; no shell fallback */
static void test_vig023_absolute(void **state)
{
	(void)state;
	assert_rejected("login", -EINVAL, "program must be an absolute path");
	assert_rejected("echo hi > /tmp/x", -EINVAL, "program must be an absolute path");
	assert_rejected("'' /bin/x", -EINVAL, "program must be an absolute path");
	const char *w[] = { "/bin/my prog" };
	assert_words("'/bin/my prog'", 1, w);
}

/* VIG-024: bounds on file size, word count and word bytes; nothing truncated */
static void test_vig024_bounds(void **state)
{
	(void)state;
	static char big[VIGIL_FILE_MAX + 2];
	char text[VIGIL_FILE_MAX];
	size_t at;

	memset(big, ' ', sizeof(big));
	memcpy(big, "/bin/x", 6);
	assert_int_equal(vigil_run_parse(big, VIGIL_FILE_MAX, &run, msg), 0);
	assert_int_equal(vigil_run_parse(big, VIGIL_FILE_MAX + 1, &run, msg), -E2BIG);
	assert_non_null(strstr(msg, "file is larger than 4096 bytes"));
	assert_int_equal(run.argc, 0);

	/* exactly 32 words pass, 33 fail */
	at = (size_t)snprintf(text, sizeof(text), "/bin/x");
	for (int i = 1; i < VIGIL_ARGV_MAX; i++)
		at += (size_t)snprintf(text + at, sizeof(text) - at, " a");
	assert_int_equal(parse(text), 0);
	assert_int_equal(run.argc, VIGIL_ARGV_MAX);
	snprintf(text + at, sizeof(text) - at, " b");
	assert_rejected(text, -E2BIG, "more than 32 words");

	/* words of exactly VIGIL_RUN_MAX bytes with their NULs pass; one more fails */
	memset(text, 0, sizeof(text));
	memcpy(text, "/", 1);
	memset(text + 1, 'p', VIGIL_RUN_MAX - 2);
	assert_int_equal(parse(text), 0);
	assert_int_equal(run.used, VIGIL_RUN_MAX);
	assert_int_equal(strlen(vigil_run_word(&run, 0)), VIGIL_RUN_MAX - 1);
	text[VIGIL_RUN_MAX - 1] = 'p';
	assert_rejected(text, -E2BIG, "words take more than 1024 bytes");
}

/* VIG-025: argv for execv, NULL-terminated, and the result copies by value */
static void test_vig025_argv(void **state)
{
	(void)state;
	char *argv[VIGIL_ARGV_MAX + 1];
	vigil_run_t copy;

	assert_int_equal(parse("/bin/dhcp --iface 'eth 0'"), 0);
	copy = run;
	memset(&run, 0, sizeof(run));
	assert_int_equal(vigil_run_argv(&copy, argv), 3);
	assert_string_equal(argv[0], "/bin/dhcp");
	assert_string_equal(argv[1], "--iface");
	assert_string_equal(argv[2], "eth 0");
	assert_null(argv[3]);
	assert_true(argv[2] >= copy.storage && argv[2] < copy.storage + sizeof(copy.storage));
}

/* VIG-002: every failure fills a printable one-line message naming the problem */
static void test_vig002_messages(void **state)
{
	(void)state;
	const char *bad[] = { "", "x", "/a '", "/a \"", "/a \\", "/a \x02", "/a\n/b" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(msg, 0, sizeof(msg));
		assert_true(parse(bad[i]) < 0);
		assert_true(strlen(msg) > 0);
		for (const char *p = msg; *p; p++)
			assert_true((unsigned char)*p >= 0x20);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vig020_one_line),
		cmocka_unit_test(test_vig021_grammar),
		cmocka_unit_test(test_vig022_errors),
		cmocka_unit_test(test_vig023_absolute),
		cmocka_unit_test(test_vig024_bounds),
		cmocka_unit_test(test_vig025_argv),
		cmocka_unit_test(test_vig002_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
