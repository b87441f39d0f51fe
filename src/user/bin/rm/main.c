/*
 * /bin/rm: remove files and directories, like GNU rm (spec/coreutils.md CU-190).
 *
 *   rm [-f] [-r|-R] [-d] [-v] FILE...
 *
 * Refuses `.` and `..` (`rm: refusing to remove '.' or '..' directory:
 * skipping '..'`) and, with -r, `/`; -f: missing files are no error and no
 * operand is no error; -i (asking) is not provided.
 */
#include <stdbool.h>
#include <string.h>

#include "cu/cu_arena.h"
#include "cu/cu_dir.h"
#include "cu/cu_msg.h"
#include "cu/cu_path.h"
#include "cu/cu_remove.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define PROG "rm"
#define RM_ARENA (1024u * 1024u)
#define USAGE \
	"Usage: rm [OPTION]... [FILE]...\n" \
	"Remove (unlink) the FILE(s).\n" \
	"  -f      ignore nonexistent files, never prompt\n" \
	"  -r, -R  remove directories and their contents recursively\n" \
	"  -d      remove empty directories\n" \
	"  -v      explain what is being done\n"

typedef struct {
	cu_remove_opts_t r;
	bool help;
} rm_opts_t;

static int rm_opt(void *ctx, int opt, const char *arg)
{
	rm_opts_t *o = ctx;

	switch (opt) {
	case 'f': o->r.force = true; return 0;
	case 'r':
	case 'R': o->r.recursive = true; return 0;
	case 'd': o->r.dirs = true; return 0;
	case 'v': o->r.verbose = true; return 0;
	default:
		if (strcmp(arg, "--recursive") == 0) {
			o->r.recursive = true;
			return 0;
		}
		if (strcmp(arg, "--force") == 0) {
			o->r.force = true;
			return 0;
		}
		return cu_usage_long(PROG, arg, &o->help);
	}
}

static bool rm_is_root(const char *path)
{
	if (*path != '/')
		return false;
	while (*path == '/')
		path++;
	return *path == '\0';
}

int main(int argc, char **argv)
{
	static char arena_buf[RM_ARENA];
	static char base[CU_PATH_MAX];
	cu_arena_t arena;
	cu_out_t out;
	rm_opts_t o = {.r = {.prog = PROG, .out = &out, .arena = &arena}};
	cu_opt_error_t err;
	int n = cu_opt_parse(argc, argv, "frRdv", 0, rm_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	if (n == 0) {
		if (o.r.force)
			return CU_EXIT_OK;
		cu_msg(PROG, "missing operand");
		cu_usage_try(PROG);
		return CU_EXIT_FAIL;
	}
	cu_arena_init(&arena, arena_buf, sizeof(arena_buf));
	cu_out_init(&out, CU_STDOUT);
	int status = CU_EXIT_OK;
	for (int i = 1; i <= n; i++) {
		if (o.r.recursive && rm_is_root(argv[i])) {
			cu_msg(PROG, "it is dangerous to operate recursively on '/'");
			cu_msg(PROG, "use --no-preserve-root to override this failsafe");
			status = CU_EXIT_FAIL;
			continue;
		}
		if (cu_path_base(argv[i], base, sizeof(base)) == 0 && cu_dir_is_dots(base)) {
			cu_msg(PROG, "refusing to remove '.' or '..' directory: skipping '%s'", argv[i]);
			status = CU_EXIT_FAIL;
			continue;
		}
		if (!cu_remove(&o.r, argv[i]))
			status = CU_EXIT_FAIL;
		cu_out_flush(&out);
	}
	if (cu_out_flush(&out) < 0)
		status = CU_EXIT_FAIL;
	return status;
}
