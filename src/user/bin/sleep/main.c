/*
 * /bin/sleep: pause for the sum of the given intervals (spec/coreutils.md
 * CU-413).  An interval is a decimal number with an optional fraction
 * (`1`, `0.25`, `.5`, `2.`) and an optional suffix s, m, h or d; GNU's
 * strtod forms (exponents, hex, inf) are not taken.  A bad one is
 * `sleep: invalid time interval 'x'` with status 1 (every bad one is
 * reported), none at all `sleep: missing operand`.  The sum is capped at
 * SLEEP_MAX_SECONDS.  Signals keep their default actions, so SIGINT and
 * SIGTERM end it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_msg.h"
#include "cu/cu_opt.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define NS_PER_S 1000000000ull
#define SLEEP_MAX_SECONDS (UINT64_MAX / NS_PER_S / 2)
#define SLEEP_DECIMAL 10u
#define SLEEP_FRACTION_DIGITS 9 /* nanoseconds: later digits are dropped */

static const char suffixes[] = "smhd";
static const uint64_t suffix_seconds[] = { 1, 60, 3600, 86400 };

static int sleep_option(void *ctx, int opt, const char *arg)
{
	(void)ctx;
	if (opt == CU_OPT_LONG && strcmp(arg, "--help") == 0) {
		uio_printf(CU_STDOUT, "Usage: sleep NUMBER[SUFFIX]...\n");
		sys_exit_group(CU_EXIT_OK);
	}
	return opt == CU_OPT_LONG ? cu_usage_unrecognized("sleep", arg) : 0;
}

/* The interval text names in nanoseconds (capped), or false when it is not one. */
static bool sleep_parse(const char *text, uint64_t *ns)
{
	uint64_t whole = 0, frac = 0, scale = NS_PER_S;
	const char *p = text;
	bool digits = false;

	for (; *p >= '0' && *p <= '9'; p++, digits = true)
		if (whole < SLEEP_MAX_SECONDS)
			whole = whole * SLEEP_DECIMAL + (uint64_t)(*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits = true)
			if (scale > 1) {
				scale /= SLEEP_DECIMAL;
				frac += (uint64_t)(*p - '0') * scale;
			}
	uint64_t unit = 1;
	if (*p) {
		const char *s = strchr(suffixes, *p);
		if (!s || p[1])
			return false;
		unit = suffix_seconds[s - suffixes];
	}
	if (!digits)
		return false;
	if (whole > SLEEP_MAX_SECONDS / unit)
		whole = SLEEP_MAX_SECONDS / unit;
	*ns = whole * unit * NS_PER_S + frac * unit;
	return true;
}

int main(int argc, char **argv)
{
	cu_opt_error_t err;
	uint64_t total = 0, one;
	bool ok = true;
	int n = cu_opt_parse(argc, argv, "", 0, sleep_option, NULL, &err);

	if (n < 0)
		return cu_usage_fail("sleep", n, &err, CU_EXIT_FAIL);
	if (n == 0) {
		cu_msg("sleep", "missing operand");
		cu_usage_try("sleep");
		return CU_EXIT_FAIL;
	}
	for (int i = 1; i <= n; i++) {
		if (!sleep_parse(argv[i], &one)) {
			cu_msg("sleep", "invalid time interval '%s'", argv[i]);
			ok = false;
		} else if (total < SLEEP_MAX_SECONDS * NS_PER_S) {
			total += one;
		}
	}
	if (!ok) {
		cu_usage_try("sleep");
		return CU_EXIT_FAIL;
	}
	aegis_timespec_t req = { (int64_t)(total / NS_PER_S), (int64_t)(total % NS_PER_S) }, rem;
	long r;
	while ((r = sys_nanosleep(&req, &rem)) == -EINTR)
		req = rem;
	return r == 0 ? CU_EXIT_OK : CU_EXIT_FAIL;
}
