/*
 * /bin/tail: the last part of files, like GNU tail (spec/coreutils.md CU-350).
 *
 *   tail [-n [+]N] [-c [+]N] [-q] [-v] [-N] [FILE]...
 *
 * -n N the last N lines (default 10), -n +N from line N on; -c the same in
 * bytes; headers as head.  -f (follow) is not provided.
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_msg.h"
#include "cu/cu_num.h"
#include "cu/cu_slice.h"
#include "cu/cu_usage.h"

#define PROG "tail"
#define TAIL_DEFAULT_LINES 10u
#define TAIL_LEGACY_MAX 64u
#define USAGE \
	"Usage: tail [OPTION]... [FILE]...\n" \
	"Print the last 10 lines of each FILE to standard output.\n" \
	"  -c [+]NUM  the last NUM bytes; with +, from byte NUM on\n" \
	"  -n [+]NUM  the last NUM lines; with +, from line NUM on\n" \
	"  -q         never print headers    -v  always print headers\n"

typedef struct {
	bool by_lines;
	bool from_start; /* +N */
	uint64_t count;
	bool quiet, verbose, help;
} tail_opts_t;

static int tail_count(tail_opts_t *o, const char *arg, bool by_lines)
{
	bool plus = arg[0] == '+';
	const char *digits = (plus || arg[0] == '-') ? arg + 1 : arg;

	if (cu_num_parse(digits, &o->count) < 0) {
		cu_msg(PROG, "invalid number of %s: '%s'", by_lines ? "lines" : "bytes", arg);
		return -1;
	}
	o->by_lines = by_lines;
	o->from_start = plus;
	return 0;
}

static int tail_opt(void *ctx, int opt, const char *arg)
{
	tail_opts_t *o = ctx;

	switch (opt) {
	case 'n': return tail_count(o, arg, true);
	case 'c': return tail_count(o, arg, false);
	case 'q': o->quiet = true; o->verbose = false; return 0;
	case 'v': o->verbose = true; o->quiet = false; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

static long tail_one(void *ctx, int fd, cu_out_t *out)
{
	const tail_opts_t *o = ctx;
	cu_slice_src_t src;
	uint64_t total = 0;
	long r = cu_slice_open(&src, fd, !o->from_start);

	if (r == 0 && !o->from_start)
		r = cu_slice_count(&src, o->by_lines, &total);
	if (r < 0)
		return r;
	uint64_t skip;
	if (o->from_start)
		skip = o->count > 0 ? o->count - 1 : 0;
	else
		skip = total > o->count ? total - o->count : 0;
	return cu_slice_emit(&src, o->by_lines, skip, CU_SLICE_ALL, out);
}

int main(int argc, char **argv)
{
	static char legacy[TAIL_LEGACY_MAX];
	tail_opts_t o = {.by_lines = true, .count = TAIL_DEFAULT_LINES};
	cu_opt_error_t err;

	cu_num_legacy(argc, argv, legacy, sizeof(legacy));
	int n = cu_opt_parse(argc, argv, "n:c:qv", 0, tail_opt, &o, &err);
	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	return cu_slice_run(PROG, argv + 1, n, o.quiet, o.verbose, tail_one, &o);
}
