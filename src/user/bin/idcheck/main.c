/*
 * idcheck's entry (see idcheck.h).  PID 1 holds SETUID(W) from the test's
 * policy for /bin/idcheck: a forked child runs the privileged checks with
 * it; then PID 1 runs the copy /test/ids/idcheck, which no policy matches,
 * as "idcheck plain" for the unprivileged cases.
 */
#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "idcheck.h"
#include "tcheck/tcheck.h"
#include "uio/uio.h"

#define IC_PLAIN_COPY "/test/ids/idcheck"
#define IC_NO_SETUID_CODE 2
#define IC_EXEC_FAILED 127
#define IC_WAIT_SIG_MASK 0x7f
#define IC_WAIT_CODE_SHIFT 8

/* Exit code of a child running fn, or path with argument arg when fn is NULL (-1: no exit). */
static int ic_child(int (*fn)(void), const char *path, const char *arg)
{
	int status = 0;
	long pid = sys_fork();

	if (pid == 0 && fn)
		sys_exit(fn());
	if (pid == 0) {
		char *const argv[] = { (char *)path, (char *)arg, NULL };
		char *const envp[] = { NULL };
		sys_execve(path, argv, envp);
		sys_exit(IC_EXEC_FAILED);
	}
	long w = pid > 0 ? sys_wait4((int)pid, &status, 0, NULL) : pid;
	return w > 0 && (status & IC_WAIT_SIG_MASK) == 0 ? status >> IC_WAIT_CODE_SHIFT : -1;
}

static int ic_plain_main(void)
{
	long probe = sys_setgroups(0, NULL);
	tcheck(probe == -ENOCAP, "CRED-109", "the unprivileged side holds no SETUID(W)", "setgroups %ld", probe);
	ic_run_cases();
	return tcheck_summary("idcheck unprivileged side") ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "plain") == 0)
		return ic_plain_main();
	uio_printf(1, "idcheck: pid %ld, checking id, groups, whoami and initgroups\n", sys_getpid());
	int code = ic_child(ic_priv_main, NULL, NULL);
	if (code == IC_NO_SETUID_CODE)
		tcheck_skip("CRED-109", "the privileged checks", "PID 1 holds no SETUID (no policy for /bin/idcheck)");
	else
		tcheck(code == 0, "CRED-109", "the privileged side passed", "exit %d", code);
	code = ic_child(NULL, IC_PLAIN_COPY, "plain");
	tcheck(code == 0, "CRED-109", "the unprivileged side passed", "exit %d", code);
	sys_exit(tcheck_summary("idcheck") ? 0 : 1);
}
