/*
 * /bin/date: print or set the time, always in UTC (spec/coreutils.md
 * CU-415).  `date [-u] [-d @SECONDS] [-R | -I] [+FORMAT]`: the default
 * format is GNU's `%a %b %e %H:%M:%S %Z %Y`, -R is RFC 5322's
 * `%a, %d %b %Y %H:%M:%S +0000`, -I the date as `%Y-%m-%d`.  Only @SECONDS
 * dates are understood (`date: invalid date 'x'`, status 1 otherwise).
 * `-s @SECONDS` sets the clock with clock_settime, which needs
 * NET_ADMIN(W): without it `date: cannot set date: Capability not held`.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_opt.h"
#include "cu/cu_out.h"
#include "cu/cu_usage.h"
#include "date_format.h"
#include "glue/glue.h"

#define DATE_CLOCK_REALTIME 0
#define DATE_DEFAULT "%a %b %e %H:%M:%S %Z %Y"
#define DATE_RFC5322 "%a, %d %b %Y %H:%M:%S +0000"
#define DATE_ISO "%Y-%m-%d"

typedef struct {
	const char *date; /* -d */
	const char *set;  /* -s */
	const char *format;
} date_opts_t;

static date_opts_t o = { .format = DATE_DEFAULT };

static int date_option(void *ctx, int opt, const char *arg)
{
	(void)ctx;
	switch (opt) {
	case 'u': break;
	case 'd': o.date = arg; break;
	case 's': o.set = arg; break;
	case 'R': o.format = DATE_RFC5322; break;
	case 'I': o.format = DATE_ISO; break;
	default:
		if (strcmp(arg, "--help") == 0) {
			uio_printf(CU_STDOUT, "Usage: date [-u] [-d @SECONDS] [-s @SECONDS] [-R|-I] [+FORMAT]\n");
			sys_exit_group(CU_EXIT_OK);
		}
		if (strcmp(arg, "--utc") == 0 || strcmp(arg, "--universal") == 0)
			return 0;
		return cu_usage_unrecognized("date", arg);
	}
	return 0;
}

/* @SECONDS as a number of seconds; false when text is not that form. */
static bool date_parse(const char *text, int64_t *secs)
{
	char *end;
	if (text[0] != '@' || text[1] == '\0')
		return false;
	long long v = strtoll(text + 1, &end, 10);
	*secs = (int64_t)v;
	return *end == '\0';
}

int main(int argc, char **argv)
{
	cu_opt_error_t err;
	aegis_timespec_t now = { 0, 0 };
	int n = cu_opt_parse(argc, argv, "ud:s:RI", 0, date_option, NULL, &err);

	if (n < 0)
		return cu_usage_fail("date", n, &err, CU_EXIT_FAIL);
	if (n > 1 || (n == 1 && argv[1][0] != '+')) {
		cu_msg("date", n > 1 ? "extra operand '%s'" : "invalid date '%s'", argv[n > 1 ? 2 : 1]);
		if (n > 1)
			cu_usage_try("date");
		return CU_EXIT_FAIL;
	}
	if (n == 1)
		o.format = argv[1] + 1;
	const char *given = o.set ? o.set : o.date;
	if (given) {
		if (!date_parse(given, &now.tv_sec)) {
			cu_msg("date", "invalid date '%s'", given);
			return CU_EXIT_FAIL;
		}
	} else {
		sys_clock_gettime(DATE_CLOCK_REALTIME, &now);
	}
	if (o.set) {
		long r = sys_clock_settime(DATE_CLOCK_REALTIME, &now);
		if (r < 0) {
			cu_msg_err("date", r, "cannot set date");
			return CU_EXIT_FAIL;
		}
	}
	cu_out_t out;
	cu_out_init(&out, CU_STDOUT);
	date_format(&out, o.format, now.tv_sec, (long)now.tv_nsec);
	cu_out_char(&out, '\n');
	return cu_finish(&out, "date", CU_EXIT_OK);
}
