/*
 * /bin/chmod: change file mode bits, like GNU chmod (spec/coreutils.md CU-300).
 *
 *   chmod [-Rvc] MODE FILE...
 *
 * MODE is octal or symbolic (cu_modechange); a mode that starts with a dash
 * (`chmod -w f`) is taken as the mode, as GNU does.  -R walks directories
 * (links inside are not followed), -v reports every file, -c only changes.
 */
#include <stdbool.h>
#include <string.h>

#include "cu/cu_arena.h"
#include "cu/cu_mode.h"
#include "cu/cu_modechange.h"
#include "cu/cu_msg.h"
#include "cu/cu_usage.h"
#include "cu/cu_walk.h"
#include "glue/glue.h"

#define PROG "chmod"
#define CHMOD_ARENA (1024u * 1024u)
#define CHMOD_MODE_WORD_CHARS "rwxXstugoa+-=,"
#define USAGE \
	"Usage: chmod [OPTION]... MODE[,MODE]... FILE...\n" \
	"  or:  chmod [OPTION]... OCTAL-MODE FILE...\n" \
	"Change the mode of each FILE to MODE.\n" \
	"  -c  like verbose but report only when a change is made\n" \
	"  -v  output a diagnostic for every file processed\n" \
	"  -R  change files and directories recursively\n"

typedef struct {
	bool recursive, verbose, changes, help;
	const char *mode;
	uint32_t umask;
} chmod_opts_t;

static int chmod_opt(void *ctx, int opt, const char *arg)
{
	chmod_opts_t *o = ctx;

	switch (opt) {
	case 'R': o->recursive = true; return 0;
	case 'v': o->verbose = true; return 0;
	case 'c': o->changes = true; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

static bool chmod_visit(void *ctx, const char *path, const aegis_stat_t *st)
{
	const chmod_opts_t *o = ctx;
	uint32_t mode;
	char before[CU_MODE_TEXT], after[CU_MODE_TEXT];

	if (cu_mode_is_link(st->st_mode))
		return true; /* met inside a tree: GNU neither follows nor changes it */
	if (cu_mode_change(o->mode, st->st_mode, cu_mode_is_dir(st->st_mode), o->umask, &mode) < 0)
		return false;
	long r = sys_chmod(path, mode & CU_MODE_PERM_MASK);
	if (r < 0) {
		cu_msg_err(PROG, r, "changing permissions of '%s'", path);
		return false;
	}
	bool changed = (mode & CU_MODE_PERM_MASK) != (st->st_mode & CU_MODE_PERM_MASK);
	cu_mode_text(st->st_mode, before);
	cu_mode_text(mode, after);
	if (changed && (o->verbose || o->changes))
		uio_printf(CU_STDOUT, "mode of '%s' changed from %04o (%s) to %04o (%s)\n", path,
			   (unsigned)(st->st_mode & CU_MODE_PERM_MASK), before + 1, (unsigned)(mode & CU_MODE_PERM_MASK),
			   after + 1);
	else if (!changed && o->verbose)
		uio_printf(CU_STDOUT, "mode of '%s' retained as %04o (%s)\n", path,
			   (unsigned)(st->st_mode & CU_MODE_PERM_MASK), before + 1);
	return true;
}

int main(int argc, char **argv)
{
	static char arena_buf[CHMOD_ARENA];
	cu_arena_t arena;
	chmod_opts_t o = {0};
	cu_opt_error_t err;
	char *dash_mode = NULL;
	static char placeholder[] = "=";

	/* a word like "-w" or "-rwx" is a mode, not options: hidden from the option parser */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (argv[i][0] == '-' && strchr("rwxXst", argv[i][1]) && argv[i][1] &&
		    strspn(argv[i] + 1, CHMOD_MODE_WORD_CHARS) == strlen(argv[i] + 1)) {
			dash_mode = argv[i];
			argv[i] = placeholder;
			break;
		}
	int n = cu_opt_parse(argc, argv, "Rvc", 0, chmod_opt, &o, &err);
	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	for (int i = 1; i <= n && dash_mode; i++)
		if (argv[i] == placeholder) {
			argv[i] = dash_mode;
			break;
		}
	if (n < 2) {
		if (n == 0)
			cu_msg(PROG, "missing operand");
		else
			cu_msg(PROG, "missing operand after '%s'", argv[1]);
		cu_usage_try(PROG);
		return CU_EXIT_FAIL;
	}
	o.mode = argv[1];
	o.umask = (uint32_t)sys_umask(0);
	(void)sys_umask(o.umask);
	uint32_t probe;
	if (cu_mode_change(o.mode, 0, false, o.umask, &probe) < 0) {
		cu_msg(PROG, "invalid mode: '%s'", o.mode);
		cu_usage_try(PROG);
		return CU_EXIT_FAIL;
	}
	cu_arena_init(&arena, arena_buf, sizeof(arena_buf));
	int status = CU_EXIT_OK;
	for (int i = 2; i <= n; i++)
		if (!cu_walk(PROG, argv[i], o.recursive, true, &arena, chmod_visit, &o))
			status = CU_EXIT_FAIL;
	return status;
}
