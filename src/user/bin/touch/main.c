/*
 * /bin/touch: change file times, making missing files, like GNU touch
 * (spec/coreutils.md CU-150).
 *
 *   touch [-acm] [-d DATE | -t STAMP | -r FILE] FILE...
 *
 * DATE is `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (or with a `T`) or
 * `@SECONDS`, all UTC; STAMP is `[[CC]YY]MMDDhhmm[.ss]`.  -c makes no file,
 * -a/-m change only the access/modification time.
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "cu/cu_msg.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"
#include "touch_date.h"

#define PROG "touch"
#define TOUCH_NEW_MODE 0666u
#define TOUCH_ATIME 0
#define TOUCH_MTIME 1
#define USAGE \
	"Usage: touch [OPTION]... FILE...\n" \
	"Update the access and modification times of each FILE to the current time.\n" \
	"  -a         change only the access time\n" \
	"  -c         do not create any files\n" \
	"  -d STRING  use YYYY-MM-DD[ HH:MM[:SS]] or @SECONDS (UTC) instead of current time\n" \
	"  -m         change only the modification time\n" \
	"  -r FILE    use this file's times instead of current time\n" \
	"  -t STAMP   use [[CC]YY]MMDDhhmm[.ss] instead of current time\n"

typedef struct {
	bool no_create, only_a, only_m, help;
	const char *date, *stamp, *ref;
} touch_opts_t;

static int touch_opt(void *ctx, int opt, const char *arg)
{
	touch_opts_t *o = ctx;

	switch (opt) {
	case 'a': o->only_a = true; return 0;
	case 'c': o->no_create = true; return 0;
	case 'm': o->only_m = true; return 0;
	case 'd': o->date = arg; return 0;
	case 't': o->stamp = arg; return 0;
	case 'r': o->ref = arg; return 0;
	default:
		return cu_usage_long(PROG, arg, &o->help);
	}
}

/* The two times to set (UTIME_NOW when none is given); false when a source is bad (reported). */
static bool touch_times(const touch_opts_t *o, aegis_timespec_t *t)
{
	int64_t secs;

	t[TOUCH_ATIME].tv_sec = t[TOUCH_MTIME].tv_sec = 0;
	t[TOUCH_ATIME].tv_nsec = t[TOUCH_MTIME].tv_nsec = AEGIS_UTIME_NOW;
	if (o->ref) {
		aegis_stat_t st;
		long r = sys_stat(o->ref, &st);
		if (r < 0) {
			cu_msg_err(PROG, r, "failed to get attributes of '%s'", o->ref);
			return false;
		}
		t[TOUCH_ATIME] = (aegis_timespec_t){(int64_t)st.st_atime_sec, (int64_t)st.st_atime_nsec};
		t[TOUCH_MTIME] = (aegis_timespec_t){(int64_t)st.st_mtime_sec, (int64_t)st.st_mtime_nsec};
	} else if (o->date || o->stamp) {
		bool ok = o->date ? touch_date_parse(o->date, &secs) : touch_stamp_parse(o->stamp, &secs);
		if (!ok) {
			cu_msg(PROG, "invalid date format '%s'", o->date ? o->date : o->stamp);
			return false;
		}
		t[TOUCH_ATIME] = t[TOUCH_MTIME] = (aegis_timespec_t){secs, 0};
	}
	if (o->only_a && !o->only_m)
		t[TOUCH_MTIME].tv_nsec = AEGIS_UTIME_OMIT;
	if (o->only_m && !o->only_a)
		t[TOUCH_ATIME].tv_nsec = AEGIS_UTIME_OMIT;
	return true;
}

int main(int argc, char **argv)
{
	touch_opts_t o = {0};
	cu_opt_error_t err;
	aegis_timespec_t times[2];
	int n = cu_opt_parse(argc, argv, "acmd:t:r:", 0, touch_opt, &o, &err);

	if (n < 0)
		return cu_usage_fail(PROG, n, &err, CU_EXIT_FAIL);
	if (o.help)
		return cu_usage_help(USAGE);
	if (n == 0) {
		cu_msg(PROG, "missing file operand");
		cu_usage_try(PROG);
		return CU_EXIT_FAIL;
	}
	if (!touch_times(&o, times))
		return CU_EXIT_FAIL;
	int status = CU_EXIT_OK;
	for (int i = 1; i <= n; i++) {
		long r = sys_utimensat(AEGIS_AT_FDCWD, argv[i], times, 0);
		if (r == -ENOENT && o.no_create)
			continue;
		if (r == -ENOENT) {
			long fd = sys_open(argv[i], AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_CLOEXEC, TOUCH_NEW_MODE);
			r = fd < 0 ? fd : sys_close((int)fd);
			if (r == 0)
				r = sys_utimensat(AEGIS_AT_FDCWD, argv[i], times, 0);
		}
		if (r < 0) {
			cu_msg_err(PROG, r, "cannot touch '%s'", argv[i]);
			status = CU_EXIT_FAIL;
		}
	}
	return status;
}
