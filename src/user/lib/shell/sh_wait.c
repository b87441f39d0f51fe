/*
 * Waiting for a foreground job (sh_shell.h, spec/shell.md SH-030, SH-053,
 * SH-055): every pid of the pipeline, its last one's status, a report for a
 * signal other than SIGINT/SIGPIPE, a stopped job kept in the job table,
 * and the terminal back to the shell afterwards.
 */
#include <aegis/errno.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "shell/sh_shell.h"
#include "shell/sh_status.h"
#include "shell/sh_term.h"
#include "uio/uio.h"

#define SH_WAIT_UNTRACED 2

static void sh_wait_report_stop(sh_shell_t *sh, const int *pids, size_t n, const char *text, size_t textlen)
{
	long id = sh_jobs_add(&sh->jobs, pids, n, text, textlen);

	if (id < 0)
		sh_complain(sh, "too many jobs (at most %d); this stopped one is not tracked: %.*s", SH_JOBS_MAX,
			    (int)textlen, text);
	else
		uio_printf(2, "\n[%ld] Stopped %.*s\n", id, (int)textlen, text);
}

int sh_wait_foreground(sh_shell_t *sh, const int *pids, size_t n, const char *text, size_t textlen)
{
	int status = 0;
	bool stopped = false;

	for (size_t i = 0; i < n; i++) {
		int wstatus = 0;
		long rc;
		do
			rc = sys_wait4(pids[i], &wstatus, SH_WAIT_UNTRACED, NULL);
		while (rc == -EINTR);
		if (rc < 0)
			continue;
		stopped = stopped || sh_status_stopped(wstatus);
		if (i + 1 == n)
			status = sh_status_of_wait(wstatus);
		int sig = sh_status_signal(wstatus);
		if (i + 1 == n && sig == SIGINT)
			uio_write_str(1, "\n");
		else if (i + 1 == n && sig != 0 && sig != SIGPIPE)
			sh_complain(sh, "pid %d ended by signal %d", pids[i], sig);
	}
	if (stopped)
		sh_wait_report_stop(sh, pids, n, text, textlen);
	if (sh->interactive)
		(void)sh_term_foreground(SH_TTY_FD, sh->pgid);
	return status;
}
