/*
 * init= and test=init on the kernel command line (spec/processes.md PROC-004).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/cmdline.h"

static int warnings;
static char last[160];

static void collect(const char *message, void *ctx)
{
	(void)ctx;
	warnings++;
	strncpy(last, message, sizeof(last) - 1);
}

static int parse(const char *text, cmdline_t *c)
{
	warnings = 0;
	last[0] = '\0';
	return cmdline_parse(text, strlen(text), c, collect, NULL);
}

static void test_init_path(void **state)
{
	(void)state;
	cmdline_t c;
	assert_int_equal(parse("boot=text init=/bin/proctest test=init", &c), 0);
	assert_string_equal(c.init_path, "/bin/proctest");
	assert_int_equal(c.test, TEST_ACTION_INIT);
	assert_int_equal(parse("boot=text", &c), 0);
	assert_string_equal(c.init_path, "");
	assert_int_equal(parse("init=/a init=/b/c", &c), 0);
	assert_string_equal(c.init_path, "/b/c");
}

static void test_init_refused(void **state)
{
	(void)state;
	cmdline_t c;
	assert_int_equal(parse("init=bin/sh", &c), 1);
	assert_string_equal(c.init_path, "");
	assert_non_null(strstr(last, "init= needs an absolute path"));
	assert_int_equal(parse("init=", &c), 1);
	assert_string_equal(c.init_path, "");
	char longline[300] = "init=/";
	memset(longline + 6, 'x', 200);
	longline[206] = '\0';
	assert_int_equal(parse(longline, &c), 1);
	assert_string_equal(c.init_path, "");
	assert_int_equal(parse("initx=/bin/sh", &c), 1); /* not init= at all: an unknown word */
	assert_non_null(strstr(last, "unknown option"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_path),
		cmocka_unit_test(test_init_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
