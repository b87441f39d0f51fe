/*
 * /bin/stat: display file status, like GNU stat (spec/coreutils.md CU-330).
 *
 *   stat [-L] [-c FORMAT] FILE...
 *
 * Without -c GNU's multi-line format (written in the same % sequences,
 * stat_format.c); times are UTC, Birth is `-` (no file system here keeps it).
 */
#include <stdbool.h>
#include <string.h>

#include "cu/cu_msg.h"
#include "cu/cu_out.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"
#include "stat_format.h"

#define PROG "stat"
#define STAT_DEFAULT \
	"  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n" \
	"Device: %Hd,%Ld\tInode: %-10i  Links: %h\n" \
	"Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n" \
	"Access: %x\nModify: %y\nChange: %z\n Birth: %w"
#define STAT_DEFAULT_DEV \
	"  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n" \
	"Device: %Hd,%Ld\tInode: %-10i  Links: %-5h Device type: %Hr,%Lr\n" \
	"Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n" \
	"Access: %x\nModify: %y\nChange: %z\n Birth: %w"
#define USAGE \
	"Usage: stat [OPTION]... FILE...\n" \
	"Display file or file system status.\n" \
	"  -L         follow links\n" \
	"  -c FORMAT  use the specified FORMAT instead of the default; output a newline after each use\n" \
	"Sequences: %a %A %b %B %d %F %g %G %h %i %n %N %o %s %u %U %x %X %y %Y %z %Z %%\n"

typedef struct {
	bool follow, help;
	const char *format;
} stat_opts_t;

static int stat_opt(void *ctx, int opt, const char *arg)
{
	stat_opts_t *o = ctx;

	switch (opt) {
	case 'L': o->follow = true; return 0;
	case 'c': o->format = arg; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

int main(int argc, char **argv)
{
	static ident_db_t db;
	stat_opts_t o = {0};
	cu_opt_error_t err;
	cu_out_t out;
	int n = cu_opt_parse(argc, argv, "Lc:", 0, stat_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	if (n == 0) {
		cu_msg(PROG, "missing operand");
		cu_usage_try(PROG);
		return CU_EXIT_FAIL;
	}
	ident_db_load(&db);
	cu_out_init(&out, CU_STDOUT);
	int status = CU_EXIT_OK;
	for (int i = 1; i <= n; i++) {
		aegis_stat_t st;
		long r = o.follow ? sys_stat(argv[i], &st) : sys_lstat(argv[i], &st);
		if (r < 0) {
			cu_out_flush(&out);
			cu_msg_err(PROG, r, "cannot stat '%s'", argv[i]);
			status = CU_EXIT_FAIL;
			continue;
		}
		const char *fmt = o.format ? o.format : stat_is_device(&st) ? STAT_DEFAULT_DEV : STAT_DEFAULT;
		stat_format(&out, &db, fmt, argv[i], &st, o.follow);
		cu_out_char(&out, '\n');
	}
	if (cu_out_flush(&out) < 0)
		status = CU_EXIT_FAIL;
	return status;
}
