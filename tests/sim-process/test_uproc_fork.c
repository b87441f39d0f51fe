/*
 * Fork through the sim's process mechanism, with this test playing the
 * kernel and its scheduler (spec/sim-process.md SIMP-030..SIMP-032, SIMP-050).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include <aegis/errno.h>
#include <aegis/syscall_nr.h>

#include "sim-process/uproc_test.h"

/* A log of the requests the "kernel" saw, in arrival order. */
#define LOG_MAX 512

/* Host parent pid of pid, from /proc/<pid>/stat. */
static pid_t host_ppid(pid_t pid)
{
	char path[64], text[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	char *rp = strrchr(text, ')');
	assert_non_null(rp);
	char st;
	int ppid = 0;
	assert_int_equal(sscanf(rp + 1, " %c %d", &st, &ppid), 2);
	return (pid_t)ppid;
}

/* Answer one write of p: copy its bytes (SIMP-031) into the log, return the length. */
static void serve_write(uproc_t *p, const char *who, char *log)
{
	uproc_event_t ev = ut_expect_call(p, SYS_write);
	char text[32];
	assert_true(ev.args[2] > 0 && (size_t)ev.args[2] < sizeof(text));
	assert_int_equal(uproc_copy_from_user(p, text, (uint64_t)ev.args[1], (size_t)ev.args[2]), 0);
	text[ev.args[2]] = '\0';
	size_t used = strlen(log);
	snprintf(log + used, LOG_MAX - used, "%s:write(%s) ", who, text);
	assert_int_equal(uproc_reply_return(p, ev.args[2]), 0);
}

static void serve_exit(uproc_t *p, const char *who, char *log, int want)
{
	size_t used = strlen(log);
	snprintf(log + used, LOG_MAX - used, "%s:exit(%d) ", who, want);
	ut_expect_exit(p, want);
}

/*
 * Run uprog_fork to completion; the scheduler lets the child run first when
 * child_first, else the parent.  Each process runs until its next request.
 */
static void run_fork_script(bool child_first, char *log)
{
	uproc_t parent, child;
	log[0] = '\0';
	ut_spawn(&parent, "uprog_fork", NULL);
	assert_int_equal(uproc_reply_return(&parent, 0), 0);
	ut_expect_call(&parent, SYS_fork);
	assert_int_equal(uproc_fork(&parent, &child), 0);
	assert_true(parent.awaiting_reply);
	assert_true(child.awaiting_reply);
	assert_true(child.host_pid > 0 && child.host_pid != parent.host_pid);
	assert_true(child.chan_fd >= 0 && child.chan_fd != parent.chan_fd);
	/* SIMP-030 SIMP-031: the child is ours (re-parented through the double fork), not the parent's. */
	assert_int_equal(host_ppid(child.host_pid), getpid());
	if (child_first) {
		assert_int_equal(uproc_reply_return(&child, 0), 0);
		serve_write(&child, "C", log);
		serve_exit(&child, "C", log, UPROG_OK_CHILD);
		assert_int_equal(uproc_reply_return(&parent, UPROG_CHILD_PID), 0);
		serve_write(&parent, "P", log);
		serve_exit(&parent, "P", log, UPROG_OK_PARENT);
	} else {
		assert_int_equal(uproc_reply_return(&parent, UPROG_CHILD_PID), 0);
		serve_write(&parent, "P", log);
		assert_int_equal(uproc_reply_return(&child, 0), 0);
		serve_write(&child, "C", log);
		serve_exit(&parent, "P", log, UPROG_OK_PARENT);
		serve_exit(&child, "C", log, UPROG_OK_CHILD);
	}
}

/* SIMP-030 SIMP-031: fork gives a second process with its own channel; both run to their end. */
static void test_fork_child_first_SIMP_030_031(void **state)
{
	int fds = ut_count_fds();
	char log[LOG_MAX];
	run_fork_script(true, log);
	assert_string_equal(log, "C:write(child) C:exit(5) P:write(parent) P:exit(6) ");
	ut_assert_clean(fds);
}

/* SIMP-032: requests arrive in the order the kernel lets processes run, the same each time. */
static void test_fork_order_is_the_schedulers_SIMP_032(void **state)
{
	int fds = ut_count_fds();
	char first[LOG_MAX], again[LOG_MAX];
	run_fork_script(false, first);
	assert_string_equal(first, "P:write(parent) C:write(child) P:exit(6) C:exit(5) ");
	for (int run = 0; run < 5; run++) {
		run_fork_script(false, again);
		assert_string_equal(again, first);
	}
	ut_assert_clean(fds);
}

/* SIMP-031 SIMP-050: a fork child killed before it ran is reaped by us, and the parent goes on. */
static void test_fork_child_released_SIMP_031(void **state)
{
	int fds = ut_count_fds();
	uproc_t parent, child;
	ut_spawn(&parent, "uprog_fork", NULL);
	assert_int_equal(uproc_reply_return(&parent, 0), 0);
	ut_expect_call(&parent, SYS_fork);
	assert_int_equal(uproc_fork(&parent, &child), 0);
	int st = uproc_release(&child);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGKILL);
	assert_int_equal(uproc_reply_return(&parent, UPROG_CHILD_PID), 0);
	char log[LOG_MAX] = "";
	serve_write(&parent, "P", log);
	serve_exit(&parent, "P", log, UPROG_OK_PARENT);
	ut_assert_clean(fds);
}

/* SIMP-030: a failed host fork comes back as the error, with the parent waiting for its reply. */
static void test_fork_host_failure_SIMP_030(void **state)
{
	int fds = ut_count_fds();
	uproc_t parent, child;
	ut_spawn(&parent, "uprog_crash", "forkfail");
	assert_int_equal(uproc_reply_return(&parent, 0), 0);
	ut_expect_call(&parent, SYS_getpid);
	assert_int_equal(uproc_reply_return(&parent, UPROG_FAKE_PID), 0);
	ut_expect_call(&parent, SYS_fork);
	assert_int_equal(uproc_fork(&parent, &child), -EAGAIN);
	assert_int_equal(child.host_pid, 0);
	assert_int_equal(child.chan_fd, -1);
	assert_true(parent.awaiting_reply);
	assert_int_equal(uproc_reply_return(&parent, -EAGAIN), 0);
	uproc_event_t ev;
	assert_int_equal(uproc_next_event(&parent, &ev), 0);
	assert_int_equal(ev.kind, UPROC_EV_DIED);
	assert_true(WIFEXITED(ev.host_status));
	assert_int_equal(WEXITSTATUS(ev.host_status), EAGAIN); /* it saw our error reply */
	uproc_release(&parent);
	ut_assert_clean(fds);
}

#define LOOP_CALLS 2000

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* SIMP-033: many calls in a row, each answered in turn; prints the round-trip time as a figure. */
static void test_many_calls_in_order_SIMP_033(void **state)
{
	int fds = ut_count_fds();
	char count[16];
	snprintf(count, sizeof(count), "%d", LOOP_CALLS);
	double t0 = now_ms();
	uproc_t p;
	ut_spawn(&p, "uprog_loop", count);
	double t1 = now_ms();
	assert_int_equal(uproc_reply_return(&p, 0), 0);
	for (long i = 0; i < LOOP_CALLS; i++) {
		ut_expect_call(&p, SYS_getpid);
		assert_int_equal(uproc_reply_return(&p, i), 0);
	}
	double t2 = now_ms();
	ut_expect_exit(&p, UPROG_OK_BASIC);
	printf("# spawn to HELLO %.1f ms; %d system-call round trips in %.1f ms (%.1f us each)\n", t1 - t0,
	       LOOP_CALLS, t2 - t1, (t2 - t1) * 1e3 / LOOP_CALLS);
	ut_assert_clean(fds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_fork_child_first_SIMP_030_031, ut_teardown),
		cmocka_unit_test_teardown(test_fork_order_is_the_schedulers_SIMP_032, ut_teardown),
		cmocka_unit_test_teardown(test_fork_child_released_SIMP_031, ut_teardown),
		cmocka_unit_test_teardown(test_many_calls_in_order_SIMP_033, ut_teardown),
		cmocka_unit_test_teardown(test_fork_host_failure_SIMP_030, ut_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
