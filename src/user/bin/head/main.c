/*
 * /bin/head: the first part of files, like GNU head (spec/coreutils.md CU-340).
 *
 *   head [-n [-]N] [-c [-]N] [-q] [-v] [-N] [FILE]...
 *
 * -n N the first N lines (default 10), -n -N all but the last N; -c the same
 * in bytes; headers `==> name <==` with several files (-q never, -v always).
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_msg.h"
#include "cu/cu_num.h"
#include "cu/cu_slice.h"
#include "cu/cu_usage.h"

#define PROG "head"
#define HEAD_DEFAULT_LINES 10u
#define HEAD_LEGACY_MAX 64u
#define USAGE \
	"Usage: head [OPTION]... [FILE]...\n" \
	"Print the first 10 lines of each FILE to standard output.\n" \
	"  -c [-]NUM  the first NUM bytes; with -, all but the last NUM bytes\n" \
	"  -n [-]NUM  the first NUM lines; with -, all but the last NUM lines\n" \
	"  -q         never print headers    -v  always print headers\n"

typedef struct {
	bool by_lines;
	bool all_but; /* -n -N, -c -N */
	uint64_t count;
	bool quiet, verbose, help;
} head_opts_t;

static int head_count(head_opts_t *o, const char *arg, bool by_lines)
{
	bool neg = arg[0] == '-';

	if (cu_num_parse(neg ? arg + 1 : arg, &o->count) < 0) {
		cu_msg(PROG, "invalid number of %s: '%s'", by_lines ? "lines" : "bytes", arg);
		return -1;
	}
	o->by_lines = by_lines;
	o->all_but = neg;
	return 0;
}

static int head_opt(void *ctx, int opt, const char *arg)
{
	head_opts_t *o = ctx;

	switch (opt) {
	case 'n': return head_count(o, arg, true);
	case 'c': return head_count(o, arg, false);
	case 'q': o->quiet = true; o->verbose = false; return 0;
	case 'v': o->verbose = true; o->quiet = false; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

static long head_one(void *ctx, int fd, cu_out_t *out)
{
	const head_opts_t *o = ctx;
	cu_slice_src_t src;
	uint64_t total = 0;
	long r = cu_slice_open(&src, fd, o->all_but);

	if (r == 0 && o->all_but)
		r = cu_slice_count(&src, o->by_lines, &total);
	if (r < 0)
		return r;
	uint64_t take = o->all_but ? (total > o->count ? total - o->count : 0) : o->count;
	return cu_slice_emit(&src, o->by_lines, 0, take, out);
}

int main(int argc, char **argv)
{
	static char legacy[HEAD_LEGACY_MAX];
	head_opts_t o = {.by_lines = true, .count = HEAD_DEFAULT_LINES};
	cu_opt_error_t err;

	cu_num_legacy(argc, argv, legacy, sizeof(legacy));
	int n = cu_opt_parse(argc, argv, "n:c:qv", 0, head_opt, &o, &err);
	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	return cu_slice_run(PROG, argv + 1, n, o.quiet, o.verbose, head_one, &o);
}
