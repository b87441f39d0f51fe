/*
 * The job table and waiting for a foreground job (spec/shell.md SH-052,
 * SH-055), with this test's own glue_syscall6 standing in for the transport
 * (as tests/glue/test_uio.c): wait4 answers from a script, writes are
 * captured, anything else is -ENOSYS.  So a stopped child (which the kernel
 * cannot produce yet, PROC-088) is reported as the shell reports it.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/signal.h>
#include <aegis/syscall_nr.h>

#include "shell/sh_jobs.h"
#include "shell/sh_shell.h"

#define WAIT_SCRIPT_MAX 8
#define CAPTURE_MAX 1024
#define STOPPED_BY(sig) (((sig) << 8) | 0x7f)
#define EXITED_WITH(n) ((n) << 8)

typedef struct {
	long pid;    /* what wait4 returns */
	int wstatus; /* the status word it stores */
} wait_answer_t;

static wait_answer_t wait_script[WAIT_SCRIPT_MAX];
static size_t wait_count, wait_next;
static char captured[CAPTURE_MAX];
static size_t captured_len;

static void script_reset(void)
{
	wait_count = wait_next = 0;
	captured_len = 0;
	captured[0] = '\0';
}

static void script_wait(long pid, int wstatus)
{
	wait_script[wait_count++] = (wait_answer_t){ pid, wstatus };
}

long glue_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	(void)a4, (void)a5, (void)a6;
	if (nr == SYS_write) {
		size_t n = (size_t)a3;
		if (captured_len + n >= CAPTURE_MAX)
			return -ENOSPC;
		memcpy(captured + captured_len, (const void *)(uintptr_t)a2, n);
		captured_len += n;
		captured[captured_len] = '\0';
		return (long)n;
	}
	if (nr == SYS_wait4) {
		if (wait_next == wait_count)
			return -ECHILD;
		wait_answer_t w = wait_script[wait_next++];
		if (w.pid > 0 && a2 != 0)
			*(int *)(uintptr_t)a2 = w.wstatus;
		return w.pid;
	}
	return -ENOSYS;
}

void glue_signal_restorer(void)
{
}

static const sh_config_t test_cfg = { "stsh", true, NULL };

/* SH-055: a stopped foreground job is kept in the job table, reported, and its status is 128 + the stop signal. */
static void test_sh_055_stopped_job_is_kept(void **state)
{
	static sh_shell_t sh;
	const int pids[] = { 40, 41 };
	const char text[] = "/bin/shpause | /bin/shpause";

	memset(&sh, 0, sizeof(sh));
	sh.cfg = &test_cfg;
	script_reset();
	script_wait(40, STOPPED_BY(SIGTSTP));
	script_wait(-EINTR, 0); /* an interrupted wait is retried */
	script_wait(41, STOPPED_BY(SIGTSTP));
	assert_int_equal(sh_wait_foreground(&sh, pids, 2, text, strlen(text)), 128 + SIGTSTP);
	assert_string_equal(captured, "\n[1] Stopped /bin/shpause | /bin/shpause\n");
	assert_int_equal(sh.jobs.job[0].id, 1);
	assert_int_equal(sh.jobs.job[0].npids, 2);
	assert_int_equal(sh.jobs.job[0].pids[1], 41);
	assert_string_equal(sh.jobs.job[0].text, text);

	/* Once it has ended, the reaping before a prompt reports it and frees its slot. */
	script_reset();
	script_wait(40, EXITED_WITH(0));
	script_wait(41, EXITED_WITH(3));
	sh_jobs_reap(&sh.jobs, 2, 0);
	assert_string_equal(captured, "[1] Exit 3 /bin/shpause | /bin/shpause\n");
	assert_int_equal(sh.jobs.job[0].id, 0);

	/* A job that ends normally is no job: nothing kept, nothing said. */
	script_reset();
	script_wait(40, EXITED_WITH(5));
	assert_int_equal(sh_wait_foreground(&sh, pids, 1, "x", 1), 5);
	assert_string_equal(captured, "");
	assert_int_equal(sh.jobs.job[0].id, 0);
}

/* SH-052, SH-055: SH_JOBS_MAX jobs are tracked; one more is refused, and a stop then says it is not tracked. */
static void test_sh_052_job_table_bound(void **state)
{
	static sh_shell_t sh;
	const int pid = 7;

	memset(&sh, 0, sizeof(sh));
	sh.cfg = &test_cfg;
	for (int i = 1; i <= SH_JOBS_MAX; i++)
		assert_int_equal(sh_jobs_add(&sh.jobs, &pid, 1, "job", 3), i);
	assert_int_equal(sh_jobs_add(&sh.jobs, &pid, 1, "job", 3), -ENOSPC);
	script_reset();
	script_wait(pid, STOPPED_BY(SIGTSTP));
	assert_int_equal(sh_wait_foreground(&sh, &pid, 1, "cmd", 3), 128 + SIGTSTP);
	assert_string_equal(captured, "stsh: too many jobs (at most 16); this stopped one is not tracked: cmd\n");

	/* A freed slot is used again, numbered after the highest in use. */
	sh.jobs.job[0].id = 0;
	assert_int_equal(sh_jobs_add(&sh.jobs, &pid, 1, "job", 3), SH_JOBS_MAX + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sh_055_stopped_job_is_kept),
		cmocka_unit_test(test_sh_052_job_table_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
