/*
 * /bin/cat: concatenate files to standard output, like GNU cat
 * (spec/coreutils.md CU-110).
 *
 *   cat [-AbeEnstTv] [FILE]...     (no FILE, or "-": standard input)
 *
 * Without options the bytes are streamed unchanged; with any option the
 * text goes through cat_filter, which numbers, squeezes and marks lines.
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "cat_filter.h"
#include "cu/cu_msg.h"
#include "cu/cu_out.h"
#include "cu/cu_stream.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define PROG "cat"
#define USAGE \
	"Usage: cat [OPTION]... [FILE]...\n" \
	"Concatenate FILE(s) to standard output; with no FILE, or when FILE is -, read standard input.\n" \
	"  -A  same as -vET          -b  number nonempty output lines\n" \
	"  -e  same as -vE           -E  display $ at end of each line\n" \
	"  -n  number all output lines\n" \
	"  -s  suppress repeated empty output lines\n" \
	"  -t  same as -vT           -T  display TAB characters as ^I\n" \
	"  -v  use ^ and M- notation, except for LFD and TAB\n"

typedef struct {
	cat_flags_t f;
	bool any;
	bool help;
} cat_opts_t;

static int cat_opt(void *ctx, int opt, const char *arg)
{
	cat_opts_t *o = ctx;

	o->any = true;
	switch (opt) {
	case 'A': o->f.nonprint = o->f.ends = o->f.tabs = true; break;
	case 'b': o->f.number_nonblank = true; break;
	case 'e': o->f.nonprint = o->f.ends = true; break;
	case 'E': o->f.ends = true; break;
	case 'n': o->f.number = true; break;
	case 's': o->f.squeeze = true; break;
	case 't': o->f.nonprint = o->f.tabs = true; break;
	case 'T': o->f.tabs = true; break;
	case 'v': o->f.nonprint = true; break;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
	return 0;
}

static cu_out_t out;
static cat_state_t state;

/* One input through the filter or straight through; false on a read error (reported) or a write error (*wfail). */
static bool cat_one(const cat_opts_t *o, int fd, const char *name, bool *wfail)
{
	static char buf[CU_STREAM_BUF];
	long r;

	if (!o->any) {
		bool write_side;
		r = cu_stream_copy(fd, CU_STDOUT, &write_side);
		if (r < 0 && write_side) {
			*wfail = true;
			cu_msg_err(PROG, r, "write error");
			return false;
		}
	} else {
		while ((r = sys_read(fd, buf, sizeof(buf))) > 0 || r == -EINTR)
			if (r > 0)
				cat_filter(&o->f, &state, &out, buf, (size_t)r);
	}
	if (r < 0) {
		cu_msg_err(PROG, r, "%s", name);
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	static char *stdin_only[] = {"-"};
	cat_opts_t o = {0};
	cu_opt_error_t err;
	int n = cu_opt_parse(argc, argv, "AbeEnstTv", 0, cat_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	cu_out_init(&out, CU_STDOUT);
	cat_state_init(&state);
	char **names = n ? argv + 1 : stdin_only;
	int count = n ? n : 1;
	int status = CU_EXIT_OK;
	bool wfail = false;
	for (int i = 0; i < count && !wfail; i++) {
		bool is_stdin = strcmp(names[i], "-") == 0;
		long fd = is_stdin ? CU_STDIN : sys_open(names[i], AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
		if (fd < 0) {
			cu_msg_err(PROG, fd, "%s", names[i]);
			status = CU_EXIT_FAIL;
			continue;
		}
		if (!cat_one(&o, (int)fd, names[i], &wfail))
			status = CU_EXIT_FAIL;
		if (!is_stdin)
			sys_close((int)fd);
	}
	long w = cu_out_flush(&out);
	if (w < 0) {
		cu_msg_err(PROG, w, "write error");
		status = CU_EXIT_FAIL;
	}
	return status;
}
