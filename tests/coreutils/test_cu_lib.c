/*
 * Tests of the tools' support library (spec/coreutils.md CU-001..004):
 * error texts, diagnostics, buffered output and the option parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "cu/cu_errtext.h"
#include "cu/cu_msg.h"
#include "cu/cu_opt.h"
#include "cu/cu_out.h"

#define SINK_MAX 16384

static char sink[SINK_MAX];
static size_t sink_len;
static unsigned sink_calls;
static long sink_fail_after = -1; /* calls before the writer fails with -ENOSPC */

static long sink_write(int fd, const void *buf, size_t len)
{
	(void)fd;
	if (sink_fail_after >= 0 && sink_calls >= (unsigned long)sink_fail_after)
		return -ENOSPC;
	sink_calls++;
	if (sink_len + len > SINK_MAX)
		len = SINK_MAX - sink_len;
	memcpy(sink + sink_len, buf, len);
	sink_len += len;
	return (long)len;
}

static int sink_reset(void **state)
{
	(void)state;
	sink_len = 0;
	sink_calls = 0;
	sink_fail_after = -1;
	memset(sink, 0, sizeof(sink));
	cu_msg_writer = sink_write;
	return 0;
}

/* CU-001 */
static void test_errtext_words(void **state)
{
	(void)state;
	assert_string_equal(cu_errtext(ENOENT), "No such file or directory");
	assert_string_equal(cu_errtext(-ENOENT), "No such file or directory");
	assert_string_equal(cu_errtext(-EACCES), "Permission denied");
	assert_string_equal(cu_errtext(ENOTEMPTY), "Directory not empty");
	assert_string_equal(cu_errtext(-ENOCAP), "Capability not held");
	assert_string_equal(cu_errtext(-EXDEV), "Invalid cross-device link");
	assert_string_equal(cu_errtext(999), "Unknown error 999");
	assert_string_equal(cu_errtext(0), "Unknown error 0");
	/* every number the errno header names has its own text */
	for (long e = 1; e <= ENOCAP; e++)
		if (strncmp(cu_errtext(e), "Unknown", 7) != 0)
			for (long f = 1; f < e; f++)
				if (strncmp(cu_errtext(f), "Unknown", 7) != 0)
					assert_string_not_equal(cu_errtext(e), cu_errtext(f));
}

/* CU-002 */
static void test_msg_lines(void **state)
{
	(void)state;
	cu_msg("ls", "cannot access '%s'", "x");
	assert_string_equal(sink, "ls: cannot access 'x'\n");
	assert_int_equal(sink_calls, 1);
	sink_reset(NULL);
	cu_msg_err("ls", -ENOENT, "cannot access '%s'", "x");
	assert_string_equal(sink, "ls: cannot access 'x': No such file or directory\n");
	assert_int_equal(sink_calls, 1);
	sink_reset(NULL);
	char longname[3000];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	cu_msg_err("rm", ENOENT, "cannot remove '%s'", longname);
	assert_true(sink_len > 0 && sink[sink_len - 1] == '\n');
	assert_int_equal(sink_calls, 1);
}

/* CU-003 */
static void test_out_buffers_and_keeps_order(void **state)
{
	cu_out_t o;
	(void)state;
	cu_out_init_via(&o, 1, sink_write);
	for (int i = 0; i < 2000; i++)
		cu_out_printf(&o, "%d\n", i);
	assert_true(sink_calls <= 3); /* about 8.9 KB in 4 KiB blocks */
	assert_int_equal(cu_out_flush(&o), 0);
	char expect[SINK_MAX];
	size_t n = 0;
	for (int i = 0; i < 2000; i++)
		n += (size_t)snprintf(expect + n, sizeof(expect) - n, "%d\n", i);
	assert_int_equal(sink_len, n);
	assert_memory_equal(sink, expect, n);
}

/* CU-003 */
static void test_out_keeps_first_error(void **state)
{
	cu_out_t o;
	(void)state;
	sink_fail_after = 1;
	cu_out_init_via(&o, 1, sink_write);
	for (int i = 0; i < 3000; i++)
		cu_out_str(&o, "line of text\n");
	assert_int_equal(cu_out_flush(&o), -ENOSPC);
	assert_int_equal(sink_len, CU_OUT_BUF);
	assert_int_equal(cu_out_flush(&o), -ENOSPC);

	sink_reset(NULL);
	char big[UIO_PRINTF_MAX + 100];
	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cu_out_init_via(&o, 1, sink_write);
	cu_out_printf(&o, "%s", big);
	assert_int_equal(cu_out_flush(&o), -EMSGSIZE);
	assert_int_equal(sink_len, UIO_PRINTF_MAX);
}

typedef struct {
	char seen[64];
	char args[8][32];
	int nargs;
	int refuse;
} opt_log_t;

static int opt_record(void *ctx, int opt, const char *arg)
{
	opt_log_t *log = ctx;
	size_t n = strlen(log->seen);
	log->seen[n] = (char)opt;
	log->seen[n + 1] = '\0';
	if (arg && log->nargs < 8)
		snprintf(log->args[log->nargs++], sizeof(log->args[0]), "%s", arg);
	return opt == log->refuse;
}

static int opt_run(opt_log_t *log, char **argv, const char *spec, unsigned flags, cu_opt_error_t *err)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	memset(log, 0, sizeof(*log));
	return cu_opt_parse(argc, argv, spec, flags, opt_record, log, err);
}

/* CU-004 */
static void test_opt_gnu_order(void **state)
{
	opt_log_t log;
	cu_opt_error_t err;
	(void)state;
	char *a1[] = { "ls", "dir", "-la", "other", "-n5", "-n", "7", "--", "-x", "-", NULL };
	int n = opt_run(&log, a1, "aln:", 0, &err);
	assert_int_equal(n, 4);
	assert_string_equal(log.seen, "lann");
	assert_string_equal(log.args[0], "5");
	assert_string_equal(log.args[1], "7");
	assert_string_equal(a1[1], "dir");
	assert_string_equal(a1[2], "other");
	assert_string_equal(a1[3], "-x");
	assert_string_equal(a1[4], "-");
	assert_null(a1[5]);

	char *a2[] = { "env", "-i", "cmd", "-l", "--", "x", NULL };
	n = opt_run(&log, a2, "il", CU_OPT_FIRST_OPERAND, &err);
	assert_int_equal(n, 4);
	assert_string_equal(log.seen, "i");
	assert_string_equal(a2[1], "cmd");
	assert_string_equal(a2[2], "-l");
	assert_string_equal(a2[3], "--");

	char *a3[] = { "ls", "--all", "x", NULL };
	n = opt_run(&log, a3, "a", 0, &err);
	assert_int_equal(n, 1);
	assert_string_equal(log.seen, "-");
	assert_string_equal(log.args[0], "--all");
}

/* CU-004 */
static void test_opt_errors(void **state)
{
	opt_log_t log;
	cu_opt_error_t err;
	(void)state;
	char *a1[] = { "ls", "-lq", NULL };
	assert_int_equal(opt_run(&log, a1, "l", 0, &err), CU_OPT_UNKNOWN);
	assert_int_equal(err.bad_opt, 'q');
	cu_opt_complain("ls", CU_OPT_UNKNOWN, &err);
	assert_string_equal(sink, "ls: invalid option -- 'q'\n");

	sink_reset(NULL);
	char *a2[] = { "head", "-n", NULL };
	assert_int_equal(opt_run(&log, a2, "n:", 0, &err), CU_OPT_NEEDS_ARG);
	assert_int_equal(err.bad_opt, 'n');
	cu_opt_complain("head", CU_OPT_NEEDS_ARG, &err);
	assert_string_equal(sink, "head: option requires an argument -- 'n'\n");

	char *a3[] = { "x", "-ab", NULL };
	memset(&log, 0, sizeof(log));
	log.refuse = 'b';
	assert_int_equal(cu_opt_parse(2, a3, "ab", 0, opt_record, &log, &err), CU_OPT_REFUSED);
	assert_int_equal(err.bad_opt, 'b');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_errtext_words, sink_reset),
		cmocka_unit_test_setup(test_msg_lines, sink_reset),
		cmocka_unit_test_setup(test_out_buffers_and_keeps_order, sink_reset),
		cmocka_unit_test_setup(test_out_keeps_first_error, sink_reset),
		cmocka_unit_test_setup(test_opt_gnu_order, sink_reset),
		cmocka_unit_test_setup(test_opt_errors, sink_reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
