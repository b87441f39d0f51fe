/*
 * /bin/ln: make links, like GNU ln (spec/coreutils.md CU-220).
 *
 *   ln [-sfnv] TARGET LINK_NAME | TARGET... DIRECTORY | TARGET
 *
 * Hard links by default (a symbolic link operand is linked itself), -s
 * symbolic ones, -f removes an existing destination first, -n treats a
 * destination that is a symbolic link to a directory as a file, -v says
 * `'link' -> 'target'` (`=>` for hard links).
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_mode.h"
#include "cu/cu_msg.h"
#include "cu/cu_target.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define PROG "ln"
#define LN_ARGS_MAX 2
#define USAGE \
	"Usage: ln [OPTION]... TARGET LINK_NAME\n" \
	"  or:  ln [OPTION]... TARGET\n" \
	"  or:  ln [OPTION]... TARGET... DIRECTORY\n" \
	"Create hard links by default, symbolic links with -s.\n" \
	"  -f  remove existing destination files\n" \
	"  -n  treat LINK_NAME as a normal file if it is a symbolic link to a directory\n" \
	"  -s  make symbolic links instead of hard links\n" \
	"  -v  print name of each linked file\n"

typedef struct {
	bool symbolic, force, no_deref, verbose, help;
} ln_opts_t;

static int ln_opt(void *ctx, int opt, const char *arg)
{
	ln_opts_t *o = ctx;

	switch (opt) {
	case 's': o->symbolic = true; return 0;
	case 'f': o->force = true; return 0;
	case 'n': o->no_deref = true; return 0;
	case 'v': o->verbose = true; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

static bool ln_each(void *ctx, const char *src, const char *dst)
{
	const ln_opts_t *o = ctx;
	const char *kind = o->symbolic ? "symbolic link" : "hard link";
	aegis_stat_t st;
	long r;

	if (!o->symbolic && (r = sys_lstat(src, &st)) < 0) {
		cu_msg_err(PROG, r, "failed to access '%s'", src);
		return false;
	}
	if (o->force && sys_lstat(dst, &st) == 0 && !cu_mode_is_dir(st.st_mode))
		(void)sys_unlink(dst);
	r = o->symbolic ? sys_symlink(src, dst) : sys_link(src, dst);
	if (r < 0) {
		cu_msg_err(PROG, r, "failed to create %s '%s'", kind, dst);
		return false;
	}
	if (o->verbose)
		uio_printf(CU_STDOUT, "'%s' %s '%s'\n", dst, o->symbolic ? "->" : "=>", src);
	return true;
}

int main(int argc, char **argv)
{
	static char dot[] = ".";
	char *two[LN_ARGS_MAX];
	ln_opts_t o = {0};
	cu_opt_error_t err;
	int n = cu_opt_parse(argc, argv, "sfnv", 0, ln_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	if (n == 1) {
		two[0] = argv[1];
		two[1] = dot;
		return cu_target_each(PROG, LN_ARGS_MAX, two, o.no_deref, ln_each, &o);
	}
	return cu_target_each(PROG, n, argv + 1, o.no_deref, ln_each, &o);
}
