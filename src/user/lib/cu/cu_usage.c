/*
 * Usage complaints (see cu_usage.h).
 */
#include "cu/cu_usage.h"

#include "cu/cu_msg.h"
#include "uio/uio.h"

void cu_usage_try(const char *prog)
{
	uio_printf(CU_STDERR, "Try '%s --help' for more information.\n", prog);
}

int cu_usage_fail(const char *prog, int result, const cu_opt_error_t *err, int status)
{
	cu_opt_complain(prog, result, err);
	cu_usage_try(prog);
	return status;
}

int cu_usage_long_unknown(const char *prog, const char *word)
{
	cu_msg(prog, "unrecognized option '%s'", word);
	return -1;
}
