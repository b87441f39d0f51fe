/*
 * Starting one service (spec/vigil.md VIG-104, VIG-105): fork; in the child
 * unblock signals, start a new session, send standard output to /dev/null
 * when quiet mode says so, drop to the service's user (supplementary groups,
 * then gid, then uid, each result checked) and exec the program with the
 * arguments of `run`, no shell involved.  A child that cannot get that far
 * says why and exits with a distinct status, which Vigil treats as any
 * other exit.
 */
#include <aegis/fcntl.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "vigil.h"

#define VIGIL_DEV_NULL "/dev/null"
#define VIGIL_STDOUT_FD 1
#define VIGIL_EXIT_SETUP 125 /* the child could not set up its identity or output */
#define VIGIL_EXIT_EXEC 127  /* the program could not be executed */

static char *const VIGIL_ENV[] = { "HOME=/", "PATH=/bin:/sbin", "TERM=linux", NULL };

/* Check one setup step in the child; a failure ends the child. */
static void child_check(const vigil_unit_t *u, long r, const char *what)
{
	if (r >= 0)
		return;
	vigil_log("service '%s': %s failed (error %ld); not started", u->svc->name, what, r);
	sys_exit(VIGIL_EXIT_SETUP);
}

static __attribute__((noreturn)) void child_run(vigil_t *v, vigil_unit_t *u)
{
	aegis_sigset_t none = 0;
	aegis_sigaction_t dfl = { AEGIS_SIG_DFL, 0, 0, 0 };
	child_check(u, sys_rt_sigaction(SIGPIPE, &dfl, NULL, AEGIS_SIGSET_SIZE), "restoring SIGPIPE");
	child_check(u, sys_rt_sigprocmask(SIG_SETMASK, &none, NULL, AEGIS_SIGSET_SIZE), "unblocking signals");
	child_check(u, sys_setsid(), "setsid");
	if (!vigil_boot_keeps_stdout(&v->boot, &u->svc->policy)) {
		long fd = sys_open(VIGIL_DEV_NULL, AEGIS_O_WRONLY, 0);
		child_check(u, fd, "opening " VIGIL_DEV_NULL);
		child_check(u, sys_dup2((int)fd, VIGIL_STDOUT_FD), "redirecting standard output");
		if (fd != VIGIL_STDOUT_FD)
			(void)sys_close((int)fd);
	}
	if (u->ident.change) {
		child_check(u, sys_setgroups(u->ident.ngroups, u->ident.groups), "setgroups");
		child_check(u, sys_setgid(u->ident.gid), "setgid");
		child_check(u, sys_setuid(u->ident.uid), "setuid");
	}
	char *argv[VIGIL_ARGV_MAX + 1];
	(void)vigil_run_argv(&u->svc->run, argv);
	long r = sys_execve(argv[0], argv, VIGIL_ENV);
	vigil_log("service '%s': cannot run %s (error %ld)", u->svc->name, argv[0], r);
	sys_exit(VIGIL_EXIT_EXEC);
}

void vigil_spawn(vigil_t *v, vigil_unit_t *u, uint64_t now_ms)
{
	u->history.last_start_ms = now_ms;
	long pid = sys_fork();
	if (pid == 0)
		child_run(v, u);
	if (pid < 0) {
		vigil_log("service '%s': cannot fork (error %ld)", u->svc->name, pid);
		vigil_unit_ended(v, u, VIGIL_EXIT_SETUP << VIGIL_WAIT_EXIT_SHIFT, now_ms);
		return;
	}
	u->pid = pid;
	u->state = UNIT_RUNNING;
	vigil_log("started '%s' (pid %ld)", u->svc->name, pid);
}
