/*
 * Process life: fork, exit statuses, wait4 (blocking, WNOHANG, ECHILD),
 * zombies, orphans going to PID 1 (an exited one with SIGCHLD), and fork + execve with arguments and
 * environment.  PROC-050.. in spec/processes.md.
 */
#include <aegis/signal.h>

#include "glue/glue.h"
#include "proctest.h"
#include "tcheck/tcheck.h"
#include "pt_status.h"

#define PT_CHILD_CODE 7
#define PT_EXEC_CODE 42
#define PT_ZOMBIE_WAIT_NS 20000000 /* 20 ms */
#define PT_EXIT_WIDE 0x107         /* exit(263) is seen as 7 */
#define PT_EXIT_GROUP_WIDE 0x1234  /* exit_group(0x1234) is seen as 0x34 */

static void life_identity(void)
{
	tcheck(sys_getpid() == 1, "PROC-050", "the first process is PID 1", "getpid() = %ld", sys_getpid());
	tcheck(sys_getppid() == 0, "PROC-050", "PID 1 has no parent", "getppid() = %ld", sys_getppid());
	tcheck(sys_gettid() == sys_getpid(), "PROC-051", "gettid equals getpid for one thread", "gettid() = %ld",
		 sys_gettid());
}

static int child_code(void *ctx)
{
	(void)ctx;
	return PT_CHILD_CODE;
}

static int child_ppid(void *ctx)
{
	long parent = *(long *)ctx;
	return sys_getppid() == parent ? 0 : 1;
}

static void life_fork_wait(void)
{
	int s = pt_fork_run(child_code, NULL);
	tcheck(s >= 0 && pt_exited(s) && pt_exit_code(s) == PT_CHILD_CODE, "PROC-052",
		 "fork: the child's exit code reaches wait4", "status 0x%x", s);
	long me = sys_getpid();
	s = pt_fork_run(child_ppid, &me);
	tcheck(s == 0, "PROC-052", "fork: the child's parent is the caller", "status 0x%x", s);
	long r = sys_wait4(-1, NULL, 0, NULL);
	tcheck(r == -PT_ECHILD, "PROC-053", "wait4 without children fails with ECHILD", "wait4 = %ld", r);
	r = sys_wait4(-1, NULL, 0x4000000, NULL);
	tcheck(r == -PT_EINVAL, "PROC-053", "wait4 with unknown options fails with EINVAL", "wait4 = %ld", r);
}

static void life_zombie(void)
{
	long pid = sys_fork();
	if (pid == 0)
		sys_exit(3);
	aegis_timespec_t nap = { 0, PT_ZOMBIE_WAIT_NS };
	sys_nanosleep(&nap, NULL);
	int s = -1;
	long r = sys_wait4((int)pid, &s, PT_WNOHANG, NULL);
	tcheck(r == pid && pt_exit_code(s) == 3, "PROC-054", "an exited child stays a zombie until waited for",
		 "wait4(WNOHANG) = %ld, status 0x%x", r, s);
	r = sys_wait4((int)pid, &s, PT_WNOHANG, NULL);
	tcheck(r == -PT_ECHILD, "PROC-054", "a reaped zombie is gone", "second wait4 = %ld", r);
}

static void life_wnohang(void)
{
	int fds[2];
	if (sys_pipe(fds) != 0) {
		tcheck(false, "PROC-055", "WNOHANG with a running child returns 0", "pipe failed");
		return;
	}
	long pid = sys_fork();
	if (pid == 0) {
		char c;
		sys_close(fds[1]);
		long n = sys_read(fds[0], &c, 1);
		sys_exit(n == 1 && c == 'x' ? 0 : 1);
	}
	sys_close(fds[0]);
	long r = sys_wait4((int)pid, NULL, PT_WNOHANG, NULL);
	tcheck(r == 0, "PROC-055", "WNOHANG with a running child returns 0", "wait4 = %ld", r);
	sys_write(fds[1], "x", 1);
	sys_close(fds[1]);
	int s = -1;
	r = sys_wait4((int)pid, &s, 0, NULL);
	tcheck(r == pid && s == 0, "PROC-055", "a child blocked on a pipe runs on when data arrives",
		 "wait4 = %ld status 0x%x", r, s);
}

/* The middle child forks a grandchild and exits; the grandchild reports its new parent through a pipe. */
static void life_orphan(void)
{
	int fds[2];
	if (sys_pipe(fds) != 0) {
		tcheck(false, "PROC-056", "orphans are adopted by PID 1", "pipe failed");
		return;
	}
	long mid = sys_fork();
	if (mid == 0) {
		long grand = sys_fork();
		if (grand == 0) {
			aegis_timespec_t nap = { 0, PT_ZOMBIE_WAIT_NS };
			sys_nanosleep(&nap, NULL);
			char ppid = (char)sys_getppid();
			sys_write(fds[1], &ppid, 1);
			sys_exit(0);
		}
		sys_exit(grand > 0 ? 0 : 1);
	}
	sys_close(fds[1]);
	int s = -1;
	sys_wait4((int)mid, &s, 0, NULL);
	char got = 0;
	long n = sys_read(fds[0], &got, 1);
	sys_close(fds[0]);
	tcheck(s == 0 && n == 1 && got == 1, "PROC-056", "an orphan's parent becomes PID 1",
		 "middle status 0x%x, read %ld, ppid %d", s, n, got);
	long r = sys_wait4(-1, &s, 0, NULL);
	tcheck(r > 0 && s == 0, "PROC-056", "PID 1 reaps the adopted orphan", "wait4 = %ld status 0x%x", r, s);
}

/*
 * A zombie handed to PID 1 by a process that is not PID 1's child: only the
 * hand-over can tell PID 1 (its own child A is still alive), so SIGCHLD must
 * be pending.  A forks B, B forks Z, Z exits, B waits for Z to be a zombie and
 * exits, A reports B's end and holds on until PID 1 has looked.
 */
static void adopt_middle(int report, int hold)
{
	long b = sys_fork();
	if (b == 0) {
		long z = sys_fork();
		if (z == 0)
			sys_exit(0);
		aegis_timespec_t nap = { 0, PT_ZOMBIE_WAIT_NS };
		sys_nanosleep(&nap, NULL);
		sys_exit(z > 0 ? 0 : 1);
	}
	int s = -1;
	long r = b > 0 ? sys_wait4((int)b, &s, 0, NULL) : b;
	char ok = r == b && s == 0;
	sys_write(report, &ok, 1);
	char c;
	(void)sys_read(hold, &c, 1);
	sys_exit(0);
}

static void life_orphan_zombie(void)
{
	int up[2], down[2];
	aegis_sigset_t chld = (aegis_sigset_t)1 << (SIGCHLD - 1), old = 0, pending = 0;
	if (sys_pipe(up) != 0 || sys_pipe(down) != 0 || sys_rt_sigprocmask(SIG_BLOCK, &chld, &old, sizeof(chld)) != 0) {
		tcheck(false, "PROC-056", "an exited orphan handed to PID 1 sends it SIGCHLD", "setup failed");
		return;
	}
	long a = sys_fork();
	if (a == 0) {
		sys_close(up[0]);
		sys_close(down[1]);
		adopt_middle(up[1], down[0]);
	}
	sys_close(up[1]);
	sys_close(down[0]);
	char ok = 0;
	long n = sys_read(up[0], &ok, 1);
	(void)sys_rt_sigpending(&pending, sizeof(pending));
	tcheck(a > 0 && n == 1 && ok && (pending & chld) != 0, "PROC-056",
	       "an exited orphan handed to PID 1 by a process that is not its child sends PID 1 SIGCHLD",
	       "fork %ld, read %ld, middle ok %d, pending %#llx", a, n, ok, (unsigned long long)pending);
	sys_close(down[1]);
	sys_close(up[0]);
	int s = -1;
	long mid = sys_wait4((int)a, &s, 0, NULL);
	long zombie = sys_wait4(-1, &s, PT_WNOHANG, NULL);
	tcheck(mid == a && zombie > 0, "PROC-056", "PID 1 reaps the adopted zombie and its own child",
	       "wait4 = %ld then %ld", mid, zombie);
	(void)sys_rt_sigprocmask(SIG_SETMASK, &old, NULL, sizeof(old));
}

static int run_exec(const char *const argv[], const char *const envp[])
{
	long pid = sys_fork();
	if (pid == 0) {
		long r = sys_execve(pt_self, (char *const *)argv, (char *const *)envp);
		sys_exit(100 + (int)(-r & 0x3f));
	}
	int s = -1;
	if (sys_wait4((int)pid, &s, 0, NULL) != pid)
		return -1;
	return s;
}

static void life_exec(void)
{
	const char *const exit_argv[] = { "proctest", "exit", "42", NULL };
	int s = run_exec(exit_argv, NULL);
	tcheck(pt_exited(s) && pt_exit_code(s) == PT_EXEC_CODE, "PROC-057",
		 "fork + execve runs the program and its exit code reaches the parent", "status 0x%x", s);
	const char *const argv[] = { "proctest", "argv", "A", "B c", NULL };
	s = run_exec(argv, NULL);
	tcheck(s == 0, "PROC-058", "execve passes argv exactly", "status 0x%x", s);
	const char *const env_argv[] = { "proctest", "env", "AEGIS_TEST", "yes=1", NULL };
	const char *const envp[] = { "X=1", "AEGIS_TEST=yes=1", NULL };
	s = run_exec(env_argv, envp);
	tcheck(s == 0, "PROC-058", "execve passes the environment exactly", "status 0x%x", s);
	long pid = sys_fork();
	if (pid == 0) {
		const char *const pid_argv[] = { "proctest", "pid", NULL };
		sys_execve(pt_self, (char *const *)pid_argv, NULL);
		sys_exit(99);
	}
	s = -1;
	sys_wait4((int)pid, &s, 0, NULL);
	tcheck(pt_exited(s) && pt_exit_code(s) == (int)(pid % 256), "PROC-059", "execve keeps the PID",
		 "pid %ld, status 0x%x", pid, s);
	long r = sys_execve("/no/such/program", (char *const *)exit_argv, NULL);
	tcheck(r == -PT_ENOENT, "PROC-060", "execve of a missing file fails with ENOENT and the caller goes on",
		 "execve = %ld", r);
}

static int exit_high_bits(void *ctx)
{
	(void)ctx;
	sys_exit(PT_EXIT_WIDE);
}

static int exit_group_high_bits(void *ctx)
{
	(void)ctx;
	sys_exit_group(PT_EXIT_GROUP_WIDE);
}

static void life_exit_bits(void)
{
	int s = pt_fork_run(exit_high_bits, NULL);
	tcheck(pt_exited(s) && pt_exit_code(s) == (PT_EXIT_WIDE & 0xff), "PROC-061",
		 "exit keeps the low 8 bits of its argument", "status 0x%x", s);
	s = pt_fork_run(exit_group_high_bits, NULL);
	tcheck(pt_exited(s) && pt_exit_code(s) == (PT_EXIT_GROUP_WIDE & 0xff), "PROC-061",
		 "exit_group keeps the low 8 bits of its argument", "status 0x%x", s);
}

void pt_run_life(void)
{
	life_identity();
	life_fork_wait();
	life_zombie();
	life_wnohang();
	life_orphan();
	life_orphan_zombie();
	life_exec();
	life_exit_bits();
}
