/*
 * /bin/uname: print what the kernel's uname reports (spec/coreutils.md
 * CU-404).  -s kernel name, -n node name, -r release, -v version, -m
 * machine, -p processor and -i hardware platform ("unknown", left out of
 * -a as GNU does), -o operating system ("Aegis": GNU prints "GNU/Linux"),
 * -a all of them; no option means -s.  Fields print in that fixed order,
 * separated by one space.  Operands are refused ("extra operand").
 */
#include <stdbool.h>
#include <string.h>

#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_opt.h"
#include "cu/cu_out.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define UNAME_OS "Aegis"
#define UNAME_UNKNOWN "unknown"

/* One bit per field, in output order. */
enum { F_S = 1, F_N = 2, F_R = 4, F_V = 8, F_M = 16, F_P = 32, F_I = 64, F_O = 128 };
#define UNAME_ALL_KNOWN (F_S | F_N | F_R | F_V | F_M | F_O)
#define UNAME_FIELDS 8

static const char letters[] = "snrvmpio";
static unsigned fields;
static bool all;

static int uname_option(void *ctx, int opt, const char *arg)
{
	(void)ctx;
	if (opt == CU_OPT_LONG) {
		if (strcmp(arg, "--all") == 0) {
			all = true;
			return 0;
		}
		if (strcmp(arg, "--help") == 0) {
			uio_printf(CU_STDOUT, "Usage: uname [-asnrvmpio]\n");
			sys_exit_group(CU_EXIT_OK);
		}
		return cu_usage_unrecognized("uname", arg);
	}
	if (opt == 'a')
		all = true;
	else
		fields |= 1u << (strchr(letters, opt) - letters);
	return 0;
}

int main(int argc, char **argv)
{
	aegis_utsname_t u;
	cu_opt_error_t err;
	cu_out_t out;
	int n = cu_opt_parse(argc, argv, "asnrvmpio", 0, uname_option, NULL, &err);

	if (n < 0)
		return cu_usage_fail("uname", n, &err, CU_EXIT_FAIL);
	if (n > 0) {
		cu_msg("uname", "extra operand '%s'", argv[1]);
		cu_usage_try("uname");
		return CU_EXIT_FAIL;
	}
	long r = sys_uname(&u);
	if (r < 0) {
		cu_msg_err("uname", r, "cannot get system name");
		return CU_EXIT_FAIL;
	}
	if (all)
		fields |= UNAME_ALL_KNOWN;
	if (fields == 0)
		fields = F_S;
	const char *text[UNAME_FIELDS] = { u.sysname, u.nodename, u.release, u.version,
					   u.machine, UNAME_UNKNOWN, UNAME_UNKNOWN, UNAME_OS };
	cu_out_init(&out, CU_STDOUT);
	bool first = true;
	for (unsigned i = 0; i < UNAME_FIELDS; i++) {
		if (!(fields & (1u << i)))
			continue;
		if (!first)
			cu_out_char(&out, ' ');
		cu_out_str(&out, text[i]);
		first = false;
	}
	cu_out_char(&out, '\n');
	return cu_finish(&out, "uname", CU_EXIT_OK);
}
