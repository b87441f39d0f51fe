/*
 * A whole shell run (sh_shell.h, spec/shell.md SH-080..SH-084): options
 * (`-c 'cmd' [$0 [$1...]]`, a script file with its arguments, or standard
 * input), the environment, interactive set-up on a terminal, then one line
 * at a time until the end of input or `exit`.
 */
#include <stdlib.h>
#include <string.h>

#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "shell/sh_errtext.h"
#include "shell/sh_input.h"
#include "shell/sh_shell.h"
#include "shell/sh_status.h"
#include "shell/sh_term.h"
#include "uio/uio.h"

/* Take the terminal for the shell: its own group in the foreground, job-control signals ignored. */
static void sh_interactive_setup(sh_shell_t *sh)
{
	sh->interactive = true;
	sh_term_signals(true);
	long pgrp = sys_getpgrp();
	if (pgrp != sys_getpid() && sys_setpgid(0, 0) == 0)
		pgrp = sys_getpid();
	sh->pgid = (int)pgrp;
	(void)sh_term_foreground(SH_TTY_FD, sh->pgid);
}

static int sh_loop(sh_shell_t *sh, int fd, bool edit)
{
	static char line[SH_LINE_MAX + 1];
	static sh_reader_t reader;

	sh_reader_init(&reader, fd);
	while (!sh->exiting) {
		if (sh->interactive)
			sh_jobs_reap(&sh->jobs, 2, 0);
		long n = edit ? sh_read_edit(sh, line) : sh_read_plain(sh, &reader, line);
		if (n == SH_INPUT_EOF)
			break;
		if (n >= 0)
			sh_run_line(sh, line, (size_t)n);
	}
	return sh->status;
}

int sh_main(const sh_config_t *cfg, int argc, char **argv, char **envp)
{
	static sh_shell_t sh;
	int status;

	memset(&sh, 0, sizeof(sh));
	sh.cfg = cfg;
	sh_vars_init(&sh.vars);
	sh_vars_import(&sh.vars, envp);
	sh_hist_init(&sh.hist);
	sh.argc = 1;
	sh.argv = argv;
	if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
		if (argc < 3) {
			sh_complain(&sh, "-c: option requires an argument");
			return SH_STATUS_SYNTAX;
		}
		sh.argv = argv + 3;
		sh.argc = argc - 3;
		if (sh.argc == 0) {
			sh.argv = argv;
			sh.argc = 1;
		}
		status = sh_run_line(&sh, argv[2], strlen(argv[2]));
	} else if (argc >= 2) {
		long fd = sys_open(argv[1], AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
		if (fd < 0) {
			sh_complain(&sh, "%s: %s", argv[1], sh_errtext(fd));
			return SH_STATUS_NOTFOUND;
		}
		sh.argv = argv + 1;
		sh.argc = argc - 1;
		status = sh_loop(&sh, (int)fd, false);
	} else {
		bool tty = sh_term_get(SH_TTY_FD, &sh.tty_mode);
		if (tty)
			sh_interactive_setup(&sh);
		status = sh_loop(&sh, 0, tty);
	}
	sh_vars_free(&sh.vars);
	return status;
}
