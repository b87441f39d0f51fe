/*
 * /bin/readlink: print a symbolic link's target or a canonical path, like
 * GNU readlink (spec/coreutils.md CU-320).
 *
 *   readlink [-f|-e|-m] [-n] FILE...
 *
 * Without -f/-e/-m: the link's target; a file that is not a link fails
 * silently (status 1).  -f: the canonical path, every component but the
 * last must exist; -e: all must exist; -m: none need.  -n: no newline.
 */
#include <stdbool.h>
#include <string.h>

#include "cu/cu_msg.h"
#include "cu/cu_out.h"
#include "cu/cu_path.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"
#include "readlink_canon.h"

#define PROG "readlink"
#define USAGE \
	"Usage: readlink [OPTION]... FILE...\n" \
	"Print value of a symbolic link or canonical file name\n" \
	"  -f  canonicalize; all but the last component must exist\n" \
	"  -e  canonicalize; all components must exist\n" \
	"  -m  canonicalize without requirements on components existence\n" \
	"  -n  do not output the trailing delimiter\n"

typedef struct {
	bool canon, no_newline, help;
	readlink_need_t need;
} readlink_opts_t;

static int readlink_opt(void *ctx, int opt, const char *arg)
{
	readlink_opts_t *o = ctx;

	switch (opt) {
	case 'f': o->canon = true; o->need = READLINK_NEED_PARENTS; return 0;
	case 'e': o->canon = true; o->need = READLINK_NEED_ALL; return 0;
	case 'm': o->canon = true; o->need = READLINK_NEED_NONE; return 0;
	case 'n': o->no_newline = true; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

int main(int argc, char **argv)
{
	static char result[CU_PATH_MAX];
	readlink_opts_t o = {0};
	cu_opt_error_t err;
	cu_out_t out;
	int n = cu_opt_parse(argc, argv, "femn", 0, readlink_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	if (n == 0) {
		cu_msg(PROG, "missing operand");
		cu_usage_try(PROG);
		return CU_EXIT_FAIL;
	}
	cu_out_init(&out, CU_STDOUT);
	int status = CU_EXIT_OK;
	for (int i = 1; i <= n; i++) {
		long r;
		if (o.canon) {
			r = readlink_canon(argv[i], o.need, result, sizeof(result));
		} else {
			r = sys_readlink(argv[i], result, sizeof(result) - 1);
			if (r >= 0)
				result[r] = '\0';
		}
		if (r < 0) {
			status = CU_EXIT_FAIL;
			continue;
		}
		cu_out_str(&out, result);
		if (!o.no_newline || n > 1)
			cu_out_char(&out, '\n');
	}
	if (cu_out_flush(&out) < 0)
		status = CU_EXIT_FAIL;
	return status;
}
