/*
 * /bin/cp: copy files and directories, like GNU cp (spec/coreutils.md CU-200).
 *
 *   cp [-aRrpfnvP] SOURCE DEST | SOURCE... DIRECTORY
 *
 * -r/-R copy directories (symbolic links inside are copied as links), -p
 * keeps mode, owner (when allowed) and times, -a is -pR with links kept,
 * -P copies a link operand as a link, -n never overwrites, -f replaces a
 * destination it cannot open, -v names each copy.
 */
#include <stdbool.h>
#include <string.h>

#include "cu/cu_arena.h"
#include "cu/cu_copy.h"
#include "cu/cu_msg.h"
#include "cu/cu_target.h"
#include "cu/cu_usage.h"

#define PROG "cp"
#define CP_ARENA (1024u * 1024u)
#define USAGE \
	"Usage: cp [OPTION]... SOURCE DEST\n" \
	"  or:  cp [OPTION]... SOURCE... DIRECTORY\n" \
	"Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.\n" \
	"  -a      same as -dR --preserve=all    -f  remove a destination that cannot be opened\n" \
	"  -n      do not overwrite an existing file\n" \
	"  -P      never follow symbolic links in SOURCE\n" \
	"  -p      preserve mode, ownership and timestamps\n" \
	"  -R, -r  copy directories recursively\n" \
	"  -v      explain what is being done\n"

typedef struct {
	cu_copy_opts_t c;
	bool help;
} cp_opts_t;

static int cp_opt(void *ctx, int opt, const char *arg)
{
	cp_opts_t *o = ctx;

	switch (opt) {
	case 'a': o->c.recursive = o->c.preserve = o->c.no_deref = true; return 0;
	case 'r':
	case 'R': o->c.recursive = o->c.no_deref = true; return 0;
	case 'p': o->c.preserve = true; return 0;
	case 'P': o->c.no_deref = true; return 0;
	case 'f': o->c.force = true; o->c.no_clobber = false; return 0;
	case 'n': o->c.no_clobber = true; return 0;
	case 'v': o->c.verbose = true; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

static bool cp_each(void *ctx, const char *src, const char *dst)
{
	const cp_opts_t *o = ctx;
	bool ok = cu_copy(&o->c, src, dst);

	cu_out_flush(o->c.out);
	return ok;
}

int main(int argc, char **argv)
{
	static char arena_buf[CP_ARENA];
	cu_arena_t arena;
	cu_out_t out;
	cp_opts_t o = {.c = {.prog = PROG, .out = &out, .arena = &arena}};
	cu_opt_error_t err;
	int n = cu_opt_parse(argc, argv, "arRpPfnv", 0, cp_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	cu_arena_init(&arena, arena_buf, sizeof(arena_buf));
	cu_out_init(&out, CU_STDOUT);
	int status = cu_target_each(PROG, n, argv + 1, false, cp_each, &o);
	if (cu_out_flush(&out) < 0)
		status = CU_EXIT_FAIL;
	return status;
}
