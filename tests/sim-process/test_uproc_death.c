/*
 * Processes that die or misbehave, seen from the kernel side of the sim's
 * process mechanism (spec/sim-process.md SIMP-040..SIMP-043, SIMP-050).
 * Every case must end in an event with the host status, never a hang.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/resource.h>
#include <time.h>

#include <aegis/errno.h>
#include <aegis/syscall_nr.h>

#include "sim-process/uproc_test.h"

#define HOSTEXIT_STATUS 9 /* uprog_crash's host _exit status */

/* Spawn uprog_crash in mode, let it make its getpid call and run on: returns the death event. */
static uproc_event_t run_crash(uproc_t *p, const char *mode)
{
	ut_spawn(p, "uprog_crash", mode);
	assert_int_equal(uproc_reply_return(p, 0), 0);
	ut_expect_call(p, SYS_getpid);
	assert_int_equal(uproc_reply_return(p, UPROG_FAKE_PID), 0);
	uproc_event_t ev;
	assert_int_equal(uproc_next_event(p, &ev), 0);
	assert_int_equal(ev.kind, UPROC_EV_DIED);
	assert_true(p->dead);
	assert_int_equal(p->chan_fd, -1);
	assert_int_equal(ev.host_status, p->host_status);
	return ev;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SIMP-040: abort() is reported with its signal, reaped. */
static void test_abort_reported_SIMP_040(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	uproc_event_t ev = run_crash(&p, "abort");
	assert_true(WIFSIGNALED(ev.host_status));
	assert_int_equal(WTERMSIG(ev.host_status), SIGABRT);
	assert_null(ev.why);
	uproc_release(&p);
	ut_assert_clean(fds);
}

/* SIMP-040: a host _exit behind the kernel's back is reported with its exit status. */
static void test_host_exit_reported_SIMP_040(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	uproc_event_t ev = run_crash(&p, "hostexit");
	assert_true(WIFEXITED(ev.host_status));
	assert_int_equal(WEXITSTATUS(ev.host_status), HOSTEXIT_STATUS);
	assert_null(ev.why);
	uproc_release(&p);
	ut_assert_clean(fds);
}

/* SIMP-041: channel closed, process alive: killed after the grace period, and we say why. */
static void test_closed_channel_killed_SIMP_041(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	double t0 = now_s();
	uproc_event_t ev = run_crash(&p, "close");
	double waited = now_s() - t0;
	assert_true(WIFSIGNALED(ev.host_status));
	assert_int_equal(WTERMSIG(ev.host_status), SIGKILL);
	assert_non_null(ev.why);
	assert_non_null(strstr(ev.why, "kept running"));
	/* It waited the grace period, and not much more. */
	assert_true(waited >= UPROC_EXIT_GRACE_MS / 1000.0 * 0.9);
	assert_true(waited < UPROC_EXIT_GRACE_MS / 1000.0 + 5.0);
	uproc_release(&p);
	ut_assert_clean(fds);
}

/* SIMP-042: a malformed message, a forged pid, a smuggled descriptor: killed, reaped, named. */
static void test_protocol_violations_SIMP_042(void **state)
{
	int fds = ut_count_fds();
	static const struct {
		const char *mode;
		const char *why;
	} cases[] = {
		{"garbage", "wrong size"},
		{"wrongpid", "wrong host pid"},
		{"fdpass", "unexpected descriptor"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uproc_t p;
		uproc_event_t ev = run_crash(&p, cases[i].mode);
		assert_true(WIFSIGNALED(ev.host_status));
		assert_int_equal(WTERMSIG(ev.host_status), SIGKILL);
		assert_non_null(ev.why);
		if (!strstr(ev.why, "protocol violation") || !strstr(ev.why, cases[i].why))
			fail_msg("mode %s: why is \"%s\"", cases[i].mode, ev.why);
		uproc_release(&p);
		/* The descriptor it tried to pass was closed, not kept. */
		ut_assert_clean(fds);
	}
}

/* SIMP-042: a fork reply naming a pid that is not ours: the liar goes, the named process is untouched. */
static void test_fork_liar_SIMP_042(void **state)
{
	int fds = ut_count_fds();
	uproc_t p, child;
	ut_spawn(&p, "uprog_crash", "forkliar");
	assert_int_equal(uproc_reply_return(&p, 0), 0);
	ut_expect_call(&p, SYS_getpid);
	assert_int_equal(uproc_reply_return(&p, UPROG_FAKE_PID), 0);
	ut_expect_call(&p, SYS_fork);
	/* It names this test process as its child; had we signalled it, this test would be dead. */
	assert_int_equal(uproc_fork(&p, &child), -ESRCH);
	assert_true(p.dead);
	assert_true(WIFSIGNALED(p.host_status));
	assert_int_equal(WTERMSIG(p.host_status), SIGKILL);
	assert_non_null(p.why);
	assert_non_null(strstr(p.why, "not a child"));
	assert_int_equal(child.host_pid, 0);
	assert_int_equal(child.chan_fd, -1);
	uproc_release(&p);
	ut_assert_clean(fds);
}

static bool owns(pid_t pid, void *ctx)
{
	return pid == *(pid_t *)ctx;
}

/*
 * SIMP-044: a process left behind by a dead user process is ours to end; owned ones are spared.
 * SIMP-040: the orphan holds the dead process's channel open, yet its death is reported (pidfd).
 */
static void test_strays_reaped_SIMP_044(void **state)
{
	int fds = ut_count_fds();
	uproc_t keep, p;
	ut_spawn(&keep, "uprog_basic", NULL);
	uproc_event_t ev = run_crash(&p, "orphan");
	assert_true(WIFSIGNALED(ev.host_status));
	uproc_release(&p);
	/* The orphan now hangs on us: exactly one stray, and the owned process is not it. */
	assert_int_equal(uproc_reap_strays(owns, &keep.host_pid), 1);
	assert_int_equal(uproc_reap_strays(owns, &keep.host_pid), 0);
	assert_int_equal(kill(keep.host_pid, 0), 0);
	assert_int_equal(uproc_reply_return(&keep, 0), 0);
	ut_expect_call(&keep, SYS_write);
	uproc_release(&keep);
	ut_assert_clean(fds);
}

/* SIMP-043: uproc_kill ends a waiting or running process with the signal given, and reaps it. */
static void test_kill_SIMP_043(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	ut_spawn(&p, "uprog_crash", "wait");
	assert_int_equal(uproc_kill(&p, 0), -EINVAL);
	assert_int_equal(uproc_kill(&p, NSIG + 1), -EINVAL);
	assert_int_equal(uproc_reply_return(&p, 0), 0);
	ut_expect_call(&p, SYS_getpid);
	assert_int_equal(uproc_kill(&p, SIGTERM), 0); /* waiting in its glue */
	assert_true(p.dead);
	assert_true(WIFSIGNALED(p.host_status));
	assert_int_equal(WTERMSIG(p.host_status), SIGTERM);
	assert_int_equal(uproc_kill(&p, SIGKILL), -ESRCH);
	uproc_release(&p);

	ut_spawn(&p, "uprog_crash", "close");
	assert_int_equal(uproc_reply_return(&p, 0), 0); /* running */
	assert_int_equal(uproc_kill(&p, SIGKILL), 0);
	assert_true(WIFSIGNALED(p.host_status));
	assert_int_equal(WTERMSIG(p.host_status), SIGKILL);
	uproc_release(&p);
	ut_assert_clean(fds);
}

static int no_core_dumps(void **state)
{
	struct rlimit none = {0, 0};
	return setrlimit(RLIMIT_CORE, &none); /* abort() should not write cores */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_abort_reported_SIMP_040, ut_teardown),
		cmocka_unit_test_teardown(test_host_exit_reported_SIMP_040, ut_teardown),
		cmocka_unit_test_teardown(test_closed_channel_killed_SIMP_041, ut_teardown),
		cmocka_unit_test_teardown(test_protocol_violations_SIMP_042, ut_teardown),
		cmocka_unit_test_teardown(test_fork_liar_SIMP_042, ut_teardown),
		cmocka_unit_test_teardown(test_kill_SIMP_043, ut_teardown),
		cmocka_unit_test_teardown(test_strays_reaped_SIMP_044, ut_teardown),
	};
	return cmocka_run_group_tests(tests, no_core_dumps, NULL);
}
