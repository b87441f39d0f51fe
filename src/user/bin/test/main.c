/*
 * /bin/test and /bin/[ (a link to it): evaluate a POSIX test expression
 * (spec/coreutils.md CU-414); status 0 true, 1 false, 2 a syntax error.
 * Run as `[` the last operand must be `]` (`[: missing ']'` otherwise);
 * `[ --help` alone prints the usage.  test takes no options at all.
 */
#include <string.h>

#include "cu/cu_msg.h"
#include "test_expr.h"
#include "uio/uio.h"

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	const char *prog = slash ? slash + 1 : argv[0];

	if (strcmp(prog, "[") == 0) {
		if (argc == 2 && strcmp(argv[1], "--help") == 0) {
			uio_printf(CU_STDOUT, "Usage: [ EXPRESSION ]\n");
			return TEST_TRUE;
		}
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
			cu_msg("[", "missing ']'");
			return TEST_ERROR;
		}
		argc--;
	} else {
		prog = "test";
	}
	return test_evaluate(prog, argc - 1, argv + 1);
}
