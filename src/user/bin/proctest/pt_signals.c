/*
 * Signals: default actions (terminate, ignore), SIG_IGN, blocking, kill's
 * targeting and errors, what PID 1 refuses, and a caught signal with
 * SA_RESTORER returning through rt_sigreturn (on x86_64 a kernel-built
 * frame; in the sim the glue calls the handler).  PROC-080.. in spec/processes.md.
 */
#include <aegis/signal.h>

#include "glue/glue.h"
#include "glue/glue_call.h"
#include "proctest.h"
#include "tcheck/tcheck.h"
#include "pt_status.h"

#define PT_SIGKILL 9
#define PT_SIGUSR1 10
#define PT_SIGTERM 15
#define PT_SIGCHLD 17
#define PT_SIGTSTP 20
#define PT_SIGPIPE 13
#define PT_SA_RESTART 0x10000000ull
#define PT_SA_SIGINFO 4ull
#define PT_SI_USER 0
#define PT_CLD_EXITED 1
#define PT_SEGV_MAPERR 1
#define PT_SIGSEGV 11
#define PT_CHILD_STATUS 5
#define PT_FAULT_ADDR 0x10
#define PT_SA_ONSTACK 0x08000000ull
#define PT_ALTSTACK_SIZE 16384
#define PT_USR1_BIT (1ull << (PT_SIGUSR1 - 1))
#define PT_NAP_NS 20000000 /* 20 ms: long enough for a child to block */
#define PT_EPIPE 32
#define PT_SIG_BLOCK 0
#define PT_SIG_IGN 1ull
#define PT_SA_RESTORER 0x04000000ull
#define PT_ESRCH 3
#define PT_HANDLER_MAGIC 0x5a

static int self_term(void *ctx)
{
	(void)ctx;
	sys_kill((int)sys_getpid(), PT_SIGTERM);
	return 0; /* reached only if SIGTERM did not end us */
}

static int ignore_term(void *ctx)
{
	(void)ctx;
	aegis_sigaction_t act = { PT_SIG_IGN, 0, 0, 0 };
	if (sys_rt_sigaction(PT_SIGTERM, &act, NULL, sizeof(aegis_sigset_t)) != 0)
		return 2;
	sys_kill((int)sys_getpid(), PT_SIGTERM);
	return 0;
}

static int block_usr1(void *ctx)
{
	(void)ctx;
	aegis_sigset_t set = 1ull << (PT_SIGUSR1 - 1), old = 0;
	if (sys_rt_sigprocmask(PT_SIG_BLOCK, &set, &old, sizeof(set)) != 0)
		return 2;
	sys_kill((int)sys_getpid(), PT_SIGUSR1);
	aegis_sigset_t now = 0;
	sys_rt_sigprocmask(PT_SIG_BLOCK, NULL, &now, sizeof(now));
	return now == set ? 0 : 3; /* still alive while blocked */
}

static volatile int handler_seen;
static aegis_sigset_t handler_mask;

static void on_usr1(int sig)
{
	handler_seen = sig == PT_SIGUSR1 ? PT_HANDLER_MAGIC : -1;
	sys_rt_sigprocmask(PT_SIG_BLOCK, NULL, &handler_mask, sizeof(handler_mask));
}

static int catch_usr1(void *ctx)
{
	(void)ctx;
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)on_usr1, PT_SA_RESTORER,
				  (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
	if (sys_rt_sigaction(PT_SIGUSR1, &act, NULL, sizeof(aegis_sigset_t)) != 0)
		return 2;
	long r = sys_kill((int)sys_getpid(), PT_SIGUSR1);
	/* The handler ran before kill returned to us, and rt_sigreturn gave back kill's result. */
	if (handler_seen != PT_HANDLER_MAGIC || r != 0)
		return 3;
	/* The signal was blocked while its handler ran, and the old mask is back afterwards. */
	aegis_sigset_t after = 1;
	sys_rt_sigprocmask(PT_SIG_BLOCK, NULL, &after, sizeof(after));
	return handler_mask == (1ull << (PT_SIGUSR1 - 1)) && after == 0 ? 0 : 4;
}

static void signals_defaults(void)
{
	int s = pt_fork_run(self_term, NULL);
	tcheck(pt_signaled(s) && pt_term_sig(s) == PT_SIGTERM, "PROC-080",
		 "SIGTERM's default action terminates, and wait4 reports the signal", "status 0x%x", s);
	s = pt_fork_run(ignore_term, NULL);
	tcheck(s == 0, "PROC-081", "an ignored SIGTERM does nothing", "status 0x%x", s);
	s = pt_fork_run(block_usr1, NULL);
	tcheck(s == 0, "PROC-082", "a blocked signal stays pending and does not act", "status 0x%x", s);
}

static void signals_kill_blocked_child(void)
{
	int fds[2];
	sys_pipe(fds);
	long pid = sys_fork();
	if (pid == 0) {
		char c;
		sys_close(fds[1]);
		sys_read(fds[0], &c, 1); /* blocks until killed */
		sys_exit(0);
	}
	sys_close(fds[0]);
	aegis_timespec_t nap = { 0, 10000000 };
	sys_nanosleep(&nap, NULL);
	long r = sys_kill((int)pid, PT_SIGKILL);
	int s = -1;
	sys_wait4((int)pid, &s, 0, NULL);
	sys_close(fds[1]);
	tcheck(r == 0 && pt_signaled(s) && pt_term_sig(s) == PT_SIGKILL, "PROC-083",
		 "SIGKILL ends a child blocked in a system call", "kill = %ld, status 0x%x", r, s);
	r = sys_kill((int)pid, 0);
	tcheck(r == -PT_ESRCH, "PROC-084", "kill of a reaped PID fails with ESRCH", "kill = %ld", r);
	r = sys_kill((int)pid, 99);
	tcheck(r == -PT_EINVAL, "PROC-084", "kill with a bad signal number fails with EINVAL", "kill = %ld", r);
	aegis_sigaction_t act = { PT_SIG_IGN, 0, 0, 0 };
	r = sys_rt_sigaction(PT_SIGKILL, &act, NULL, sizeof(aegis_sigset_t));
	tcheck(r == -PT_EINVAL, "PROC-085", "SIGKILL cannot be ignored", "rt_sigaction = %ld", r);
	r = sys_kill(1, PT_SIGTERM);
	tcheck(r == 0, "PROC-086", "PID 1 survives a signal it has no handler for", "kill(1) = %ld", r);
}

static void signals_handler(void)
{
	int s = pt_fork_run(catch_usr1, NULL);
	tcheck(s == 0, "PROC-087", "a handler runs and rt_sigreturn resumes the program", "status 0x%x", s);
}

static int self_stop(void *ctx)
{
	(void)ctx;
	sys_kill((int)sys_getpid(), PT_SIGTSTP);
	return 0; /* a stop is ignored until job control exists */
}

static void signals_stop(void)
{
	int s = pt_fork_run(self_stop, NULL);
	tcheck(pt_exited(s) && pt_exit_code(s) == 0, "PROC-088", "a stop signal's default action is ignored",
		 "status 0x%x", s);
}

static volatile int sigchld_count;

static void on_sigchld(int sig)
{
	if (sig == PT_SIGCHLD)
		sigchld_count++;
}

static int exit_zero(void *ctx)
{
	(void)ctx;
	return 0;
}

/* A parent with a SIGCHLD handler hears about its child's exit. */
static int hear_child(void *ctx)
{
	(void)ctx;
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)on_sigchld, PT_SA_RESTORER,
				  (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
	if (sys_rt_sigaction(PT_SIGCHLD, &act, NULL, sizeof(aegis_sigset_t)) != 0)
		return 2;
	int s = pt_fork_run(exit_zero, NULL);
	return s == 0 && sigchld_count == 1 ? 0 : 3;
}

static int write_to_closed_pipe(void *ctx)
{
	bool ignore = ctx != NULL;
	if (ignore) {
		aegis_sigaction_t act = { PT_SIG_IGN, 0, 0, 0 };
		sys_rt_sigaction(PT_SIGPIPE, &act, NULL, sizeof(aegis_sigset_t));
	}
	int fds[2];
	if (sys_pipe(fds) != 0)
		return 2;
	sys_close(fds[0]);
	long r = sys_write(fds[1], "x", 1);
	return ignore && r == -PT_EPIPE ? 0 : 3;
}

static void signals_child_and_pipe(void)
{
	int s = pt_fork_run(hear_child, NULL);
	tcheck(s == 0, "PROC-089", "a child's exit sends SIGCHLD to its parent", "status 0x%x", s);
	s = pt_fork_run(exit_zero, NULL);
	tcheck(s == 0, "PROC-089", "SIGCHLD's default action is to ignore it", "status 0x%x", s);
	s = pt_fork_run(write_to_closed_pipe, NULL);
	tcheck(pt_signaled(s) && pt_term_sig(s) == PT_SIGPIPE, "PROC-089",
		 "writing to a pipe without readers kills with SIGPIPE", "status 0x%x", s);
	s = pt_fork_run(write_to_closed_pipe, (void *)1);
	tcheck(s == 0, "PROC-089", "with SIGPIPE ignored the write fails with EPIPE", "status 0x%x", s);
}

static volatile int usr1_count;

static void count_usr1(int sig)
{
	if (sig == PT_SIGUSR1)
		usr1_count++;
}

typedef struct {
	int fd;       /* the read end of a pipe the parent writes one byte into */
	bool restart; /* install the handler with SA_RESTART */
} pt_restart_case_t;

/* Blocked in read when SIGUSR1 comes: restarted with SA_RESTART, else -EINTR (then read again). */
static int read_through_signal(void *ctx)
{
	const pt_restart_case_t *c = ctx;
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)count_usr1, PT_SA_RESTORER | (c->restart ? PT_SA_RESTART : 0),
				  (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
	if (sys_rt_sigaction(PT_SIGUSR1, &act, NULL, sizeof(aegis_sigset_t)) != 0)
		return 2;
	char ch = 0;
	long first = sys_read(c->fd, &ch, 1);
	if (first == -PT_EINTR)
		(void)sys_read(c->fd, &ch, 1); /* the parent's byte, so it never writes to a closed pipe */
	bool ok = c->restart ? first == 1 : first == -PT_EINTR;
	if (!ok)
		return 3; /* the first read's result is wrong */
	return ch == 'x' && usr1_count == 1 ? 0 : 4;
}

static int run_restart_case(bool restart)
{
	int fds[2];
	if (sys_pipe(fds) != 0)
		return -1;
	pt_restart_case_t c = { fds[0], restart };
	long pid = sys_fork();
	if (pid == 0) {
		sys_close(fds[1]);
		sys_exit(read_through_signal(&c));
	}
	aegis_timespec_t nap = { 0, PT_NAP_NS };
	sys_nanosleep(&nap, NULL);
	sys_kill((int)pid, PT_SIGUSR1);
	sys_nanosleep(&nap, NULL);
	sys_write(fds[1], "x", 1);
	int s = -1;
	sys_wait4((int)pid, &s, 0, NULL);
	sys_close(fds[0]);
	sys_close(fds[1]);
	return s;
}

static void signals_restart(void)
{
	int s = run_restart_case(true);
	tcheck(s == 0, "PROC-083", "with SA_RESTART a read interrupted by a handled signal runs again", "status 0x%x", s);
	s = run_restart_case(false);
	tcheck(s == 0, "PROC-083", "without SA_RESTART the interrupted read fails with EINTR", "status 0x%x", s);
}

static volatile int info_result;
static volatile long info_expected_pid;

static void on_usr1_info(int sig, aegis_siginfo_t *info, void *uc)
{
	(void)uc;
	info_result = sig == PT_SIGUSR1 && info->si_signo == sig && info->si_code == PT_SI_USER &&
			      info->u.kill.pid == info_expected_pid && info->u.kill.uid == 0
		              ? 1
		              : -1;
}

static void on_chld_info(int sig, aegis_siginfo_t *info, void *uc)
{
	(void)uc;
	info_result = sig == PT_SIGCHLD && info->si_code == PT_CLD_EXITED && info->u.chld.pid == info_expected_pid &&
			      info->u.chld.status == PT_CHILD_STATUS
		              ? 1
		              : -1;
}

static void on_segv_info(int sig, aegis_siginfo_t *info, void *uc)
{
	(void)uc;
	bool ok = sig == PT_SIGSEGV && info->si_code == PT_SEGV_MAPERR && info->u.fault.addr == PT_FAULT_ADDR;
	sys_exit(ok ? 0 : 3); /* returning would fault again */
}

static int install_info(int sig, void (*fn)(int, aegis_siginfo_t *, void *))
{
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)fn, PT_SA_RESTORER | PT_SA_SIGINFO,
				  (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
	return (int)sys_rt_sigaction(sig, &act, NULL, sizeof(aegis_sigset_t));
}

static int info_from_kill(void *ctx)
{
	(void)ctx;
	if (install_info(PT_SIGUSR1, on_usr1_info) != 0)
		return 2;
	info_expected_pid = sys_getpid();
	sys_kill((int)info_expected_pid, PT_SIGUSR1);
	return info_result == 1 ? 0 : 3;
}

static int exit_child_status(void *ctx)
{
	(void)ctx;
	return PT_CHILD_STATUS;
}

static int info_from_child(void *ctx)
{
	(void)ctx;
	if (install_info(PT_SIGCHLD, on_chld_info) != 0)
		return 2;
	long pid = sys_fork();
	if (pid == 0)
		sys_exit(exit_child_status(NULL));
	info_expected_pid = pid;
	int s = -1;
	sys_wait4((int)pid, &s, 0, NULL);
	return info_result == 1 && pt_exit_code(s) == PT_CHILD_STATUS ? 0 : 3;
}

static int info_from_fault(void *ctx)
{
	volatile char *where = ctx; /* PT_FAULT_ADDR, passed in so the compiler sees no constant bad pointer */
	if (install_info(PT_SIGSEGV, on_segv_info) != 0)
		return 2;
	return *where; /* the handler exits */
}

static void signals_threads(void)
{
	long me = sys_getpid();
	long r1 = sys_tgkill((int)me, (int)me, 0);
	long r2 = sys_tgkill((int)me + 1, (int)me, 0);
	long r3 = sys_tgkill(0, (int)me, 0);
	long r4 = sys_tgkill((int)me, 0, 0);
	long r5 = sys_tkill((int)me, 0);
	tcheck(r1 == 0 && r2 == -PT_ESRCH && r3 == -PT_EINVAL && r4 == -PT_EINVAL && r5 == 0, "PROC-093",
		 "tgkill and tkill address the one thread of a process", "%ld %ld %ld %ld %ld", r1, r2, r3, r4, r5);
}

static void signals_siginfo(void)
{
	int s = pt_fork_run(info_from_kill, NULL);
	tcheck(s == 0, "PROC-087", "an SA_SIGINFO handler sees kill's SI_USER, sender pid and uid", "status 0x%x", s);
	s = pt_fork_run(info_from_child, NULL);
	tcheck(s == 0, "PROC-087", "SIGCHLD's siginfo names the child, CLD_EXITED and its status", "status 0x%x", s);
	if (!pt_user_paged()) {
		tcheck_skip("PROC-087", "a SIGSEGV handler sees SEGV_MAPERR and the faulting address",
			"ASan owns SIGSEGV in host programs (sim)");
		return;
	}
	s = pt_fork_run(info_from_fault, (void *)PT_FAULT_ADDR);
	tcheck(s == 0, "PROC-087", "a SIGSEGV handler sees SEGV_MAPERR and the faulting address", "status 0x%x", s);
}

static volatile int wait_handler_runs;

static void on_usr1_wait(int sig)
{
	if (sig == PT_SIGUSR1)
		wait_handler_runs++;
}

static int install_plain(int sig, void (*fn)(int), uint64_t extra_flags)
{
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)fn, PT_SA_RESTORER | extra_flags,
				  (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
	return (int)sys_rt_sigaction(sig, &act, NULL, sizeof(aegis_sigset_t));
}

/* Blocked and pending, then rt_sigsuspend with an empty mask: the handler runs, -EINTR, mask back. */
static int suspend_for_pending(void *ctx)
{
	(void)ctx;
	aegis_sigset_t block = PT_USR1_BIT, pending = 0, none = 0, after = 0;
	if (install_plain(PT_SIGUSR1, on_usr1_wait, 0) != 0 ||
	    sys_rt_sigprocmask(PT_SIG_BLOCK, &block, NULL, sizeof(block)) != 0)
		return 2;
	sys_kill((int)sys_getpid(), PT_SIGUSR1);
	if (sys_rt_sigpending(&pending, sizeof(pending)) != 0 || pending != PT_USR1_BIT || wait_handler_runs != 0)
		return 3;
	long r = sys_rt_sigsuspend(&none, sizeof(none));
	sys_rt_sigprocmask(PT_SIG_BLOCK, NULL, &after, sizeof(after));
	return r == -PT_EINTR && wait_handler_runs == 1 && after == PT_USR1_BIT ? 0 : 4;
}

static int pause_for_signal(void *ctx)
{
	(void)ctx;
	if (install_plain(PT_SIGUSR1, on_usr1_wait, 0) != 0)
		return 2;
	long r = sys_pause();
	return r == -PT_EINTR && wait_handler_runs == 1 ? 0 : 3;
}

static unsigned char altstack_area[PT_ALTSTACK_SIZE] __attribute__((aligned(16)));
static volatile int altstack_used;

static void on_usr1_onstack(int sig)
{
	volatile char here = 0;
	uintptr_t at = (uintptr_t)&here;
	altstack_used = sig == PT_SIGUSR1 && at >= (uintptr_t)altstack_area &&
	                at < (uintptr_t)altstack_area + sizeof(altstack_area);
}

static int run_on_altstack(void *ctx)
{
	bool paged = ctx != NULL;
	aegis_stack_t ss = { altstack_area, 0, sizeof(altstack_area) }, old;
	if (sys_sigaltstack(&ss, NULL) != 0 || sys_sigaltstack(NULL, &old) != 0 || old.ss_sp != altstack_area ||
	    old.ss_size != sizeof(altstack_area) || old.ss_flags != 0)
		return 2;
	if (!paged)
		return 0; /* the sim's glue runs handlers on the program's own stack */
	if (install_plain(PT_SIGUSR1, on_usr1_onstack, PT_SA_ONSTACK) != 0)
		return 3;
	sys_kill((int)sys_getpid(), PT_SIGUSR1);
	return altstack_used ? 0 : 4;
}

static void signals_waiting(void)
{
	int s = pt_fork_run(suspend_for_pending, NULL);
	tcheck(s == 0, "PROC-094", "rt_sigpending shows a blocked signal; rt_sigsuspend runs its handler, then -EINTR",
		 "status 0x%x", s);
	long pid = sys_fork();
	if (pid == 0)
		sys_exit(pause_for_signal(NULL));
	aegis_timespec_t nap = { 0, PT_NAP_NS };
	sys_nanosleep(&nap, NULL);
	sys_kill((int)pid, PT_SIGUSR1);
	s = -1;
	sys_wait4((int)pid, &s, 0, NULL);
	tcheck(s == 0, "PROC-094", "pause sleeps until a signal runs a handler", "status 0x%x", s);
	bool paged = pt_user_paged();
	s = pt_fork_run(run_on_altstack, paged ? (void *)1 : NULL);
	tcheck(s == 0, "PROC-094",
		 paged ? "sigaltstack: set, read back, and an SA_ONSTACK handler runs on it"
		       : "sigaltstack: set and read back (sim handlers run on the program's stack)",
		 "status 0x%x", s);
}

void pt_run_signals(void)
{
	signals_defaults();
	signals_kill_blocked_child();
	signals_handler();
	signals_stop();
	signals_child_and_pipe();
	signals_restart();
	signals_siginfo();
	signals_threads();
	signals_waiting();
}
