/*
 * Usage errors and --help (see cu_usage.h).
 */
#include "cu/cu_usage.h"

#include <string.h>

#include "cu/cu_msg.h"
#include "uio/uio.h"

void cu_usage_try(const char *prog)
{
	uio_printf(CU_STDERR, "Try '%s --help' for more information.\n", prog);
}

int cu_usage_fail(const char *prog, int result, const cu_opt_error_t *err, int status)
{
	cu_opt_complain(prog, result, err);
	if (result != CU_OPT_REFUSED || err->bad_opt == CU_OPT_LONG)
		cu_usage_try(prog); /* a refused value was explained by the tool, GNU adds no Try line */
	return status;
}

int cu_usage_unrecognized(const char *prog, const char *word)
{
	cu_msg(prog, "unrecognized option '%s'", word);
	return -1;
}

int cu_usage_long(const char *prog, const char *word, bool *help)
{
	if (strcmp(word, "--help") == 0) {
		*help = true;
		return 0;
	}
	return cu_usage_unrecognized(prog, word);
}

int cu_usage_help(const char *text)
{
	return uio_write_str(CU_STDOUT, text) < 0 ? CU_EXIT_FAIL : CU_EXIT_OK;
}
