/*
 * proctest's entry and bookkeeping (see proctest.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "glue/glue.h"
#include "proctest.h"
#include "pt_status.h"
#include "uio/uio.h"

#define PT_DETAIL_MAX 256

const char *pt_self = "/bin/proctest";
static unsigned passed, failed, skipped;

void pt_check(bool ok, const char *id, const char *text, const char *fmt, ...)
{
	if (ok) {
		passed++;
		uio_printf(1, "ok - %s %s\n", id, text);
		return;
	}
	char detail[PT_DETAIL_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	failed++;
	uio_printf(1, "not ok - %s %s: %s\n", id, text, detail);
}

void pt_skip(const char *id, const char *text, const char *why)
{
	skipped++;
	uio_printf(1, "skip - %s %s: %s\n", id, text, why);
}

bool pt_user_paged(void)
{
	return sys_brk(NULL) != -PT_ENOSYS;
}

int pt_fork_run(int (*fn)(void *ctx), void *ctx)
{
	long pid = sys_fork();
	if (pid < 0)
		return (int)pid;
	if (pid == 0)
		sys_exit(fn(ctx));
	int status = 0;
	long r = sys_wait4((int)pid, &status, 0, NULL);
	if (r < 0)
		return (int)r;
	return status;
}

int main(int argc, char **argv, char **envp)
{
	if (argc > 1)
		sys_exit(pt_helper_main(argc, argv, envp));
	if (argc > 0 && argv[0][0] == '/')
		pt_self = argv[0];
	uio_printf(1, "proctest: pid %ld, running the process checks\n", sys_getpid());
	pt_run_life();
	pt_run_memory();
	pt_run_signals();
	pt_run_faults();
	pt_run_misc();
	pt_run_files();
	pt_run_futex();
	pt_run_sysinfo(); /* last: its leak check measures after everything above */
	uio_printf(1, "proctest: %u passed, %u failed, %u skipped\n", passed, failed, skipped);
	sys_exit(failed ? 1 : 0);
}
