/*
 * proctest's entry and bookkeeping (see proctest.h).
 */

#include "glue/glue.h"
#include "proctest.h"
#include "tcheck/tcheck.h"
#include "pt_status.h"
#include "uio/uio.h"


const char *pt_self = "/bin/proctest";
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
	pt_run_writable();
	pt_run_procfs();
	pt_run_futex();
	pt_run_sysinfo(); /* last: its leak check measures after everything above */
	sys_exit(tcheck_summary("proctest") ? 0 : 1);
}
