/*
 * /bin/ls: list directory contents, like GNU ls (spec/coreutils.md CU-100..102).
 *
 *   ls [-aAdFhilrRStl1] [FILE]...
 *
 * File operands first, then each directory as a `name:` block; one name
 * per line unless standard output is a terminal (then columns of its width,
 * 80 when it has none).  Exit 2 when an operand cannot be accessed, 1 when
 * a directory met on the way cannot be read.
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/termios.h>

#include "cu/cu_arena.h"
#include "cu/cu_dir.h"
#include "cu/cu_mode.h"
#include "cu/cu_msg.h"
#include "cu/cu_path.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"
#include "ls.h"

#define PROG "ls"
#define LS_ARENA (4u * 1024u * 1024u)
#define LS_DEFAULT_WIDTH 80u
#define LS_EXIT_MINOR 1
#define LS_EXIT_SERIOUS 2
#define USAGE \
	"Usage: ls [OPTION]... [FILE]...\n" \
	"List information about the FILEs (the current directory by default).\n" \
	"  -a  do not ignore entries starting with .    -A  do not list implied . and ..\n" \
	"  -d  list directories themselves              -F  append indicator (one of */=@|)\n" \
	"  -h  with -l, print sizes like 1K 234M 2G     -i  print the index number of each file\n" \
	"  -l  use a long listing format                -r  reverse order while sorting\n" \
	"  -R  list subdirectories recursively          -S  sort by file size, largest first\n" \
	"  -t  sort by time, newest first               -1  list one file per line\n"

static cu_arena_t arena;
static cu_out_t out;
static int status = CU_EXIT_OK;
static bool printed_any;

static int ls_opt(void *ctx, int opt, const char *arg)
{
	ls_opts_t *o = ctx;

	switch (opt) {
	case 'a': o->all = true; o->almost_all = false; return 0;
	case 'A': o->almost_all = true; o->all = false; return 0;
	case 'd': o->dirs_only = true; return 0;
	case 'F': o->classify = true; return 0;
	case 'h': o->human = true; return 0;
	case 'i': o->inode = true; return 0;
	case 'l': o->long_form = true; return 0;
	case 'r': o->reverse = true; return 0;
	case 'R': o->recursive = true; return 0;
	case 'S': o->sort = LS_SORT_SIZE; return 0;
	case 't': o->sort = LS_SORT_TIME; return 0;
	case '1': o->one_per_line = true; o->long_form = false; return 0;
	default:
		if (strcmp(arg, "--all") == 0) {
			o->all = true;
			return 0;
		}
		return cu_usage_long(PROG, arg, &o->help);
	}
}

static void ls_fail(int level)
{
	if (level > status)
		status = level;
}

static void ls_dir(const ls_opts_t *o, const char *path, bool header)
{
	size_t mark = cu_arena_mark(&arena);
	cu_dir_list_t list;
	long r = cu_dir_read(path, o->all, &arena, &list);

	if (header)
		cu_out_printf(&out, "%s%s:\n", printed_any ? "\n" : "", path);
	printed_any = true;
	if (r < 0) {
		cu_out_flush(&out);
		cu_msg_err(PROG, r, "cannot open directory '%s'", path);
		ls_fail(LS_EXIT_MINOR);
		return;
	}
	ls_entry_t *e = cu_arena_alloc(&arena, (list.count ? list.count : 1) * sizeof(*e));
	size_t n = 0;
	for (size_t i = 0; e && i < list.count; i++) {
		if (!o->all && !o->almost_all && list.names[i][0] == '.')
			continue;
		size_t need = strlen(path) + strlen(list.names[i]) + 2;
		char *full = cu_arena_bytes(&arena, need);
		if (!full || cu_path_join(path, list.names[i], full, need) < 0)
			break;
		if (sys_lstat(full, &e[n].st) < 0)
			memset(&e[n].st, 0, sizeof(e[n].st));
		e[n].name = list.names[i];
		e[n].path = full;
		n++;
	}
	ls_sort(o, e, n);
	ls_print(o, &out, e, n, true);
	for (size_t i = 0; o->recursive && i < n; i++)
		if (cu_mode_is_dir(e[i].st.st_mode) && !cu_dir_is_dots(e[i].name))
			ls_dir(o, e[i].path, true);
	cu_arena_release(&arena, mark);
}

static void ls_operands(const ls_opts_t *o, char **names, int n)
{
	ls_entry_t *files = cu_arena_alloc(&arena, (size_t)n * sizeof(*files));
	ls_entry_t *dirs = cu_arena_alloc(&arena, (size_t)n * sizeof(*dirs));
	size_t nf = 0, nd = 0;

	if (!files || !dirs)
		return;
	for (int i = 0; i < n; i++) {
		aegis_stat_t st;
		bool follow = !o->long_form && !o->dirs_only && !o->classify;
		long r = follow ? sys_stat(names[i], &st) : -ENOENT;
		if (r < 0)
			r = sys_lstat(names[i], &st);
		if (r < 0) {
			cu_msg_err(PROG, r, "cannot access '%s'", names[i]);
			ls_fail(LS_EXIT_SERIOUS);
			continue;
		}
		ls_entry_t *x = (!o->dirs_only && cu_mode_is_dir(st.st_mode)) ? &dirs[nd++] : &files[nf++];
		x->st = st;
		x->name = x->path = names[i];
	}
	ls_sort(o, files, nf);
	ls_sort(o, dirs, nd);
	ls_print(o, &out, files, nf, false);
	printed_any = nf > 0;
	bool headers = n > 1 || o->recursive || nf > 0 || status != CU_EXIT_OK;
	for (size_t i = 0; i < nd; i++)
		ls_dir(o, dirs[i].path, headers);
}

static unsigned ls_terminal_width(void)
{
	aegis_winsize_t ws;

	if (sys_ioctl(CU_STDOUT, TIOCGWINSZ, (unsigned long)&ws) < 0)
		return 0;
	return ws.ws_col ? ws.ws_col : LS_DEFAULT_WIDTH;
}

int main(int argc, char **argv)
{
	static char arena_buf[LS_ARENA];
	static char *dot[] = {"."};
	ls_opts_t o = {0};
	cu_opt_error_t err;
	aegis_timespec_t now;
	int n = cu_opt_parse(argc, argv, "aAdFhilrRSt1", 0, ls_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, LS_EXIT_SERIOUS);
	if (o.help)
		return cu_usage_help(USAGE);
	o.width = ls_terminal_width();
	o.now = sys_clock_gettime(0, &now) == 0 ? now.tv_sec : 0;
	cu_arena_init(&arena, arena_buf, sizeof(arena_buf));
	cu_out_init(&out, CU_STDOUT);
	ls_operands(&o, n ? argv + 1 : dot, n ? n : 1);
	long w = cu_out_flush(&out);
	if (w < 0) {
		cu_msg_err(PROG, w, "write error");
		ls_fail(LS_EXIT_SERIOUS);
	}
	return status;
}
