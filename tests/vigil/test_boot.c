/*
 * Boot mode and quiet from the command line, mode filtering and standard
 * output in quiet mode (spec/vigil.md VIG-080..082).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/vigil_boot.h"

static char last[VIGIL_MSG_MAX];
static int reported;

static void collect(const char *line, void *ctx)
{
	(void)ctx;
	snprintf(last, sizeof(last), "%s", line);
	reported++;
}

static vigil_boot_t boot(const char *line, int want_problems)
{
	vigil_boot_t b;
	reported = 0;
	last[0] = '\0';
	assert_int_equal(vigil_boot_parse(line, strlen(line), &b, collect, NULL), want_problems);
	assert_int_equal(reported, want_problems);
	return b;
}

/* VIG-080: the two words Vigil reads; others ignored; bad values reported */
static void test_vig080_cmdline(void **state)
{
	(void)state;
	vigil_boot_t b = boot("", 0);
	assert_int_equal(b.mode, VIGIL_BOOT_TEXT);
	assert_false(b.quiet);
	b = boot("boot=graphical quiet\n", 0);
	assert_int_equal(b.mode, VIGIL_BOOT_GRAPHICAL);
	assert_true(b.quiet);
	b = boot("console=ttyS0 test=boot\tboot=graphical boot=text", 0);
	assert_int_equal(b.mode, VIGIL_BOOT_TEXT);
	assert_false(b.quiet);
	b = boot("boot=graphical boot=fancy quiet=1 xquiet", 1);
	assert_int_equal(b.mode, VIGIL_BOOT_GRAPHICAL);
	assert_false(b.quiet);
	assert_string_equal(last, "unknown boot mode 'fancy' on the command line; ignored");
	b = boot("boot=\x1b[2J", 1);
	assert_string_equal(last, "unknown boot mode '?[2J' on the command line; ignored");

	/* a NUL ends the line */
	static const char nul[] = "boot=text\0boot=graphical quiet";
	reported = 0;
	assert_int_equal(vigil_boot_parse(nul, sizeof(nul) - 1, &b, collect, NULL), 0);
	assert_int_equal(b.mode, VIGIL_BOOT_TEXT);
	assert_false(b.quiet);

	/* nothing past VIGIL_CMDLINE_MAX is read, and the cut is reported */
	static char longline[VIGIL_CMDLINE_MAX + 16];
	memset(longline, ' ', sizeof(longline));
	memcpy(longline + VIGIL_CMDLINE_MAX - 5, "quiet", 5);
	memcpy(longline + VIGIL_CMDLINE_MAX, "boot=graphical", 14);
	reported = 0;
	assert_int_equal(vigil_boot_parse(longline, VIGIL_CMDLINE_MAX, &b, collect, NULL), 0);
	assert_true(b.quiet);
	assert_int_equal(vigil_boot_parse(longline, sizeof(longline), &b, collect, NULL), 1);
	assert_string_equal(last, "command line longer than 512 bytes; the rest is ignored");
	assert_true(b.quiet);
	assert_int_equal(b.mode, VIGIL_BOOT_TEXT);
	assert_int_equal(vigil_boot_parse(NULL, 4, &b, NULL, NULL), 0);
	assert_int_equal(b.mode, VIGIL_BOOT_TEXT);
}

/* VIG-081: which services run in which boot */
static void test_vig081_mode_filter(void **state)
{
	(void)state;
	vigil_boot_t text = { .mode = VIGIL_BOOT_TEXT, .quiet = false };
	vigil_boot_t gfx = { .mode = VIGIL_BOOT_GRAPHICAL, .quiet = false };
	assert_true(vigil_boot_runs(&text, VIGIL_MODE_BOTH));
	assert_true(vigil_boot_runs(&text, VIGIL_MODE_TEXT));
	assert_false(vigil_boot_runs(&text, VIGIL_MODE_GRAPHICAL));
	assert_true(vigil_boot_runs(&gfx, VIGIL_MODE_BOTH));
	assert_false(vigil_boot_runs(&gfx, VIGIL_MODE_TEXT));
	assert_true(vigil_boot_runs(&gfx, VIGIL_MODE_GRAPHICAL));

	/* a dependency on a service of the other mode is still a known name */
	vigil_service_t s[2];
	vigil_order_t o;
	char msg[VIGIL_MSG_MAX];
	memset(s, 0, sizeof(s));
	snprintf(s[0].name, sizeof(s[0].name), "bastion");
	s[0].mode = VIGIL_MODE_GRAPHICAL;
	snprintf(s[1].name, sizeof(s[1].name), "getty");
	s[1].mode = VIGIL_MODE_TEXT;
	assert_int_equal(vigil_after_parse("bastion", 7, &s[1].after, msg), 0);
	assert_int_equal(vigil_order_start(s, 2, &o, NULL, NULL), 0);
	size_t runs = 0;
	for (size_t i = 0; i < o.count; i++)
		if (vigil_boot_runs(&text, s[o.index[i]].mode))
			assert_string_equal(s[o.index[i]].name, (runs++, "getty"));
	assert_int_equal(runs, 1);
}

/* VIG-082: quiet keeps stdout only for console services */
static void test_vig082_quiet(void **state)
{
	(void)state;
	vigil_boot_t loud = { .mode = VIGIL_BOOT_TEXT, .quiet = false };
	vigil_boot_t quiet = { .mode = VIGIL_BOOT_TEXT, .quiet = true };
	vigil_policy_t plain, console;
	char msg[VIGIL_MSG_MAX];
	assert_int_equal(vigil_policy_parse("respawn", 7, &plain, msg), 0);
	assert_int_equal(vigil_policy_parse("respawn console", 15, &console, msg), 0);
	assert_true(vigil_boot_keeps_stdout(&loud, &plain));
	assert_true(vigil_boot_keeps_stdout(&loud, &console));
	assert_false(vigil_boot_keeps_stdout(&quiet, &plain));
	assert_true(vigil_boot_keeps_stdout(&quiet, &console));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vig080_cmdline),
		cmocka_unit_test(test_vig081_mode_filter),
		cmocka_unit_test(test_vig082_quiet),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
