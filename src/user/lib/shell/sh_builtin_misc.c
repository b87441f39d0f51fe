/* The small builtins: exit, echo and wait (sh_builtin.h). */
#include "shell/sh_builtin.h"

#include <stdlib.h>
#include <string.h>

#include "shell/sh_status.h"
#include "uio/uio.h"

#define SH_EXIT_MASK 0xff

int sh_builtin_exit(sh_shell_t *sh, int argc, char **argv)
{
	int status = sh->status;

	if (argc > 2) {
		sh_complain(sh, "exit: too many arguments");
		return SH_STATUS_FAIL;
	}
	if (argc == 2) {
		char *end = NULL;
		long n = strtol(argv[1], &end, 10);
		if (argv[1][0] == '\0' || *end != '\0') {
			sh_complain(sh, "exit: %s: numeric argument required", argv[1]);
			status = SH_STATUS_SYNTAX;
		} else {
			status = (int)(n & SH_EXIT_MASK);
		}
	}
	sh->exiting = true;
	return status;
}

int sh_builtin_echo(sh_shell_t *sh, int argc, char **argv)
{
	int i = 1;
	bool newline = true;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = false;
		i++;
	}
	for (; i < argc; i++) {
		uio_write_str(1, argv[i]);
		if (i + 1 < argc)
			uio_write_str(1, " ");
	}
	if (newline)
		uio_write_str(1, "\n");
	return 0;
}

int sh_builtin_wait(sh_shell_t *sh, int argc, char **argv)
{
	sh_jobs_reap(&sh->jobs, 2, 1);
	return 0;
}
