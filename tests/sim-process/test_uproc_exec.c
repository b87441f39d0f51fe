/*
 * Exec through the sim's process mechanism, with this test playing the
 * kernel (spec/sim-process.md SIMP-020, SIMP-021, SIMP-050).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/syscall_nr.h>

#include "sim-process/uproc_test.h"

/* Start uprog_exec and run it to its execve request; checks the path it passed. */
static void run_to_execve(uproc_t *p)
{
	ut_spawn(p, "uprog_exec", NULL);
	assert_int_equal(uproc_reply_return(p, 0), 0);
	uproc_event_t ev = ut_expect_call(p, SYS_execve);
	char path[sizeof(UPROG_EXEC_PATH)];
	assert_int_equal(uproc_copy_from_user(p, path, (uint64_t)ev.args[0], sizeof(path)), 0);
	assert_string_equal(path, UPROG_EXEC_PATH);
}

/* SIMP-020: the new image says HELLO from the same host pid and runs with the argv and envp given. */
static void test_exec_runs_new_image_SIMP_020(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	run_to_execve(&p);
	pid_t before = p.host_pid;
	ut_image_t second = ut_load("uprog_second");
	char *argv[] = {UPROG_EXEC_PATH, UPROG_EXEC_ARG, NULL};
	char *envp[] = {UPROG_EXEC_ENV, NULL};
	assert_int_equal(uproc_exec(&p, second.bytes, second.len, argv, envp), 0);
	ut_free(&second);
	assert_int_equal(p.host_pid, before);
	assert_true(p.awaiting_reply);
	assert_int_equal(uproc_reply_return(&p, 0), 0);
	/* The first call of the new image, not of the old one. */
	ut_expect_call(&p, SYS_getpid);
	assert_int_equal(uproc_reply_return(&p, UPROG_FAKE_PID), 0);
	uproc_event_t ev = ut_expect_call(&p, SYS_write);
	char word[sizeof(UPROG_EXEC_ARG) - 1];
	assert_int_equal(ev.args[2], (long)sizeof(word));
	assert_int_equal(uproc_copy_from_user(&p, word, (uint64_t)ev.args[1], sizeof(word)), 0);
	assert_memory_equal(word, UPROG_EXEC_ARG, sizeof(word));
	assert_int_equal(uproc_reply_return(&p, (long)sizeof(word)), 0);
	ut_expect_exit(&p, UPROG_OK_SECOND_BASE + 2);
	ut_assert_clean(fds);
}

/* SIMP-020: too many strings are -E2BIG and the process still waits, untouched. */
static void test_exec_too_big_leaves_process_SIMP_020(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	run_to_execve(&p);
	ut_image_t second = ut_load("uprog_second");
	size_t count = SIM_EXEC_MAX_STRINGS + 1;
	char **envp = calloc(count + 1, sizeof(char *));
	assert_non_null(envp);
	for (size_t i = 0; i < count; i++)
		envp[i] = "E=1";
	char *argv[] = {UPROG_EXEC_PATH, NULL};
	assert_int_equal(uproc_exec(&p, second.bytes, second.len, argv, envp), -E2BIG);
	free(envp);
	ut_free(&second);
	assert_true(p.awaiting_reply);
	assert_int_equal(uproc_reply_return(&p, -E2BIG), 0);
	/* The old image goes on: it reports the refused exec with its exit status. */
	ut_expect_exit(&p, UPROG_FAIL_EXEC);
	ut_assert_clean(fds);
}

/* SIMP-020: an exec with no strings at all (no block is sent) still runs the image. */
static void test_exec_without_strings_SIMP_020(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	run_to_execve(&p);
	ut_image_t second = ut_load("uprog_second");
	assert_int_equal(uproc_exec(&p, second.bytes, second.len, NULL, NULL), 0);
	ut_free(&second);
	assert_int_equal(uproc_reply_return(&p, 0), 0);
	/* uprog_second refuses to run without its arguments: that is its first call. */
	ut_expect_exit(&p, UPROG_FAIL_ARGS);
	ut_assert_clean(fds);
}

/* SIMP-021: an image that does not start: -ENOEXEC, the process dead and reaped. */
static void test_exec_bad_image_SIMP_021(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	run_to_execve(&p);
	static const char junk[] = "\177ELF but not really";
	char *argv[] = {UPROG_EXEC_PATH, NULL};
	assert_int_equal(uproc_exec(&p, junk, sizeof(junk), argv, NULL), -ENOEXEC);
	assert_true(p.dead);
	assert_true(WIFEXITED(p.host_status));
	assert_int_equal(WEXITSTATUS(p.host_status), SIM_GLUE_STATUS_EXEC_FAILED);
	uproc_event_t ev;
	assert_int_equal(uproc_next_event(&p, &ev), -ESRCH);
	uproc_release(&p);
	ut_assert_clean(fds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_exec_runs_new_image_SIMP_020, ut_teardown),
		cmocka_unit_test_teardown(test_exec_too_big_leaves_process_SIMP_020, ut_teardown),
		cmocka_unit_test_teardown(test_exec_without_strings_SIMP_020, ut_teardown),
		cmocka_unit_test_teardown(test_exec_bad_image_SIMP_021, ut_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
