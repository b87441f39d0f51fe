/*
 * /bin/hostname: print or set the node name (spec/coreutils.md CU-405).
 * Without operands it prints what uname reports; `hostname NAME` sets it
 * with sethostname (170), which needs NET_ADMIN(W) (spec/network-config.md
 * NETCFG-020): without it `hostname: you must hold NET_ADMIN(W) to change
 * the host name` and status 1.  A name longer than 64 bytes or an empty one
 * is refused with status 1 before the call.
 */
#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_opt.h"
#include "cu/cu_out.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define HOSTNAME_MAX 64

static int hostname_option(void *ctx, int opt, const char *arg)
{
	(void)ctx;
	(void)opt;
	if (strcmp(arg, "--help") == 0) {
		uio_printf(CU_STDOUT, "Usage: hostname [NAME]\n");
		sys_exit_group(CU_EXIT_OK);
	}
	return cu_usage_unrecognized("hostname", arg);
}

static int hostname_set(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > HOSTNAME_MAX) {
		cu_msg("hostname", "the specified hostname is invalid");
		return CU_EXIT_FAIL;
	}
	long r = sys_sethostname(name, len);
	if (r == -ENOCAP) {
		cu_msg("hostname", "you must hold NET_ADMIN(W) to change the host name");
		return CU_EXIT_FAIL;
	}
	if (r < 0) {
		cu_msg_err("hostname", r, "cannot set the host name");
		return CU_EXIT_FAIL;
	}
	return CU_EXIT_OK;
}

int main(int argc, char **argv)
{
	aegis_utsname_t u;
	cu_opt_error_t err;
	cu_out_t out;
	int n = cu_opt_parse(argc, argv, "", 0, hostname_option, NULL, &err);

	if (n < 0)
		return cu_usage_fail("hostname", n, &err, CU_EXIT_FAIL);
	if (n > 1) {
		cu_msg("hostname", "extra operand '%s'", argv[2]);
		cu_usage_try("hostname");
		return CU_EXIT_FAIL;
	}
	if (n == 1)
		return hostname_set(argv[1]);
	long r = sys_uname(&u);
	if (r < 0) {
		cu_msg_err("hostname", r, "cannot get the host name");
		return CU_EXIT_FAIL;
	}
	cu_out_init(&out, CU_STDOUT);
	cu_out_str(&out, u.nodename);
	cu_out_char(&out, '\n');
	return cu_finish(&out, "hostname", CU_EXIT_OK);
}
