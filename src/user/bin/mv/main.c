/*
 * /bin/mv: move (rename) files, like GNU mv (spec/coreutils.md CU-210).
 *
 *   mv [-fnv] SOURCE DEST | SOURCE... DIRECTORY
 *
 * A rename; across file systems (EXDEV: /tmp is ramfs, / is ext2) the
 * source is copied with everything kept (cu_copy as cp -a) and then removed
 * (cu_remove as rm -r).  -n never overwrites, -v says `renamed 'a' -> 'b'`.
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_arena.h"
#include "cu/cu_copy.h"
#include "cu/cu_msg.h"
#include "cu/cu_remove.h"
#include "cu/cu_target.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define PROG "mv"
#define MV_ARENA (1024u * 1024u)
#define USAGE \
	"Usage: mv [OPTION]... SOURCE DEST\n" \
	"  or:  mv [OPTION]... SOURCE... DIRECTORY\n" \
	"Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n" \
	"  -f  do not prompt before overwriting\n" \
	"  -n  do not overwrite an existing file\n" \
	"  -v  explain what is being done\n"

typedef struct {
	bool no_clobber, verbose, help;
	cu_out_t *out;
	cu_arena_t *arena;
} mv_opts_t;

static int mv_opt(void *ctx, int opt, const char *arg)
{
	mv_opts_t *o = ctx;

	switch (opt) {
	case 'f': o->no_clobber = false; return 0;
	case 'n': o->no_clobber = true; return 0;
	case 'v': o->verbose = true; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

/* Copy everything, then remove the source: the move across file systems. */
static bool mv_across(const mv_opts_t *o, const char *src, const char *dst)
{
	cu_copy_opts_t c = {.prog = PROG, .recursive = true, .no_deref = true, .preserve = true,
			    .out = o->out, .arena = o->arena};
	cu_remove_opts_t r = {.prog = PROG, .recursive = true, .out = o->out, .arena = o->arena};
	aegis_stat_t st;

	if (sys_lstat(dst, &st) == 0 && !cu_remove(&r, dst))
		return false;
	return cu_copy(&c, src, dst) && cu_remove(&r, src);
}

static bool mv_each(void *ctx, const char *src, const char *dst)
{
	const mv_opts_t *o = ctx;
	aegis_stat_t st, dst_st;
	long r = sys_lstat(src, &st);

	if (r < 0) {
		cu_msg_err(PROG, r, "cannot stat '%s'", src);
		return false;
	}
	bool exists = sys_lstat(dst, &dst_st) == 0;
	if (exists && o->no_clobber)
		return true;
	if (exists && dst_st.st_dev == st.st_dev && dst_st.st_ino == st.st_ino) {
		cu_msg(PROG, "'%s' and '%s' are the same file", src, dst);
		return false;
	}
	r = sys_rename(src, dst);
	if (r == -EXDEV && !mv_across(o, src, dst))
		return false;
	if (r < 0 && r != -EXDEV) {
		cu_msg_err(PROG, r, "cannot move '%s' to '%s'", src, dst);
		return false;
	}
	if (o->verbose)
		cu_out_printf(o->out, "renamed '%s' -> '%s'\n", src, dst);
	cu_out_flush(o->out);
	return true;
}

int main(int argc, char **argv)
{
	static char arena_buf[MV_ARENA];
	cu_arena_t arena;
	cu_out_t out;
	mv_opts_t o = {.out = &out, .arena = &arena};
	cu_opt_error_t err;
	int n = cu_opt_parse(argc, argv, "fnv", 0, mv_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	cu_arena_init(&arena, arena_buf, sizeof(arena_buf));
	cu_out_init(&out, CU_STDOUT);
	int status = cu_target_each(PROG, n, argv + 1, false, mv_each, &o);
	if (cu_out_flush(&out) < 0)
		status = CU_EXIT_FAIL;
	return status;
}
