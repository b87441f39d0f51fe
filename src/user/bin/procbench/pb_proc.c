/*
 * procbench's process operations: a bare system call (getpid), and the two
 * ways a shell starts a command, fork + exit + wait4 and fork + execve +
 * wait4.  Each iteration checks what it got back (the pid, a status of 0),
 * so a figure is never the cost of a call that failed.
 */
#include "glue/glue.h"
#include "procbench.h"

/* Exit code of a child whose execve returned; any non-zero status fails the run. */
#define PB_EXEC_FAILED_CODE 127

/* What a forked child does: exits at once, or becomes "procbench exit". */
typedef void (*pb_child_fn)(const pb_env_t *env);

bool pb_op_getpid(const char *name, unsigned n, const pb_env_t *env, uint64_t *elapsed_ns)
{
	(void)env;
	long want = sys_getpid();
	if (want <= 0) {
		pb_fail(name, "getpid", want);
		return false;
	}
	for (unsigned i = 0; i < pb_warmup_of(n); i++)
		sys_getpid();
	long bad = 0;
	uint64_t start = pb_now_ns();
	for (unsigned i = 0; i < n; i++) {
		long pid = sys_getpid();
		if (pid != want)
			bad = pid;
	}
	*elapsed_ns = pb_now_ns() - start;
	if (bad != 0) {
		pb_fail(name, "getpid changed its answer", bad);
		return false;
	}
	return true;
}

static void child_exit(const pb_env_t *env)
{
	(void)env;
	sys_exit(0);
}

static void child_exec(const pb_env_t *env)
{
	char *argv[] = { (char *)env->self, PB_EXIT_ARG, NULL };
	sys_execve(env->self, argv, env->envp);
	sys_exit(PB_EXEC_FAILED_CODE);
}

/* One fork, the child's action, and the wait for it; false after a FAILED line. */
static bool fork_once(const char *name, pb_child_fn child, const pb_env_t *env)
{
	long pid = sys_fork();
	if (pid < 0) {
		pb_fail(name, "fork", pid);
		return false;
	}
	if (pid == 0)
		child(env);
	int status = -1;
	long r = sys_wait4((int)pid, &status, 0, NULL);
	if (r != pid) {
		pb_fail(name, "wait4", r);
		return false;
	}
	if (status != 0) {
		pb_fail(name, "the child's wait status is not 0", status);
		return false;
	}
	return true;
}

static bool fork_loop(const char *name, unsigned n, pb_child_fn child, const pb_env_t *env, uint64_t *elapsed_ns)
{
	for (unsigned i = 0; i < pb_warmup_of(n); i++)
		if (!fork_once(name, child, env))
			return false;
	uint64_t start = pb_now_ns();
	for (unsigned i = 0; i < n; i++)
		if (!fork_once(name, child, env))
			return false;
	*elapsed_ns = pb_now_ns() - start;
	return true;
}

bool pb_op_fork_exit_wait(const char *name, unsigned n, const pb_env_t *env, uint64_t *elapsed_ns)
{
	return fork_loop(name, n, child_exit, env, elapsed_ns);
}

bool pb_op_fork_execve_wait(const char *name, unsigned n, const pb_env_t *env, uint64_t *elapsed_ns)
{
	return fork_loop(name, n, child_exec, env, elapsed_ns);
}
