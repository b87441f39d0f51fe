/*
 * tests/signals: wait4 status words (SIG-040..042), compared with the host's
 * <sys/wait.h> macros.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "proc/wait_status.h"

/* The decoders agree with the host's W* macros on status. */
static void check_against_host(int status)
{
	assert_int_equal(wait_status_is_exited(status), WIFEXITED(status) != 0);
	if (WIFEXITED(status))
		assert_int_equal(wait_status_exit_code(status), WEXITSTATUS(status));
	assert_int_equal(wait_status_is_signaled(status), WIFSIGNALED(status) != 0);
	if (WIFSIGNALED(status)) {
		assert_int_equal(wait_status_term_sig(status), WTERMSIG(status));
		assert_int_equal(wait_status_core_dumped(status), WCOREDUMP(status) != 0);
	}
	assert_int_equal(wait_status_is_stopped(status), WIFSTOPPED(status) != 0);
	if (WIFSTOPPED(status))
		assert_int_equal(wait_status_stop_sig(status), WSTOPSIG(status));
	assert_int_equal(wait_status_is_continued(status), WIFCONTINUED(status) != 0);
}

/* SIG-040: the encodings. */
static void test_SIG_040_encodings(void **state)
{
	(void)state;
	assert_int_equal(wait_status_exited(0), 0);
	assert_int_equal(wait_status_exited(3), 0x300);
	assert_int_equal(wait_status_exited(255), 0xff00);
	assert_int_equal(wait_status_killed(9, false), 9);
	assert_int_equal(wait_status_killed(11, true), 0x8b);
	assert_int_equal(wait_status_stopped(19), 0x137f);
	assert_int_equal(wait_status_stopped(20), 0x147f);
	assert_int_equal(wait_status_continued(), 0xffff);
}

/* SIG-041: every encodable status decodes as the host says. */
static void test_SIG_041_decoders_match_host(void **state)
{
	(void)state;
	for (int code = 0; code < 256; code++) {
		int s = wait_status_exited(code);
		check_against_host(s);
		assert_true(wait_status_is_exited(s));
		assert_int_equal(wait_status_exit_code(s), code);
	}
	for (int sig = 1; sig <= 64; sig++) {
		for (int core = 0; core < 2; core++) {
			int s = wait_status_killed(sig, core != 0);
			check_against_host(s);
			assert_true(wait_status_is_signaled(s));
			assert_int_equal(wait_status_term_sig(s), sig);
			assert_int_equal(wait_status_core_dumped(s), core != 0);
		}
		int s = wait_status_stopped(sig);
		check_against_host(s);
		assert_true(wait_status_is_stopped(s));
		assert_int_equal(wait_status_stop_sig(s), sig);
	}
	int c = wait_status_continued();
	check_against_host(c);
	assert_true(wait_status_is_continued(c));
	assert_false(wait_status_is_exited(c));
	assert_false(wait_status_is_signaled(c));
	assert_false(wait_status_is_stopped(c));
	/* and every 16-bit word, whatever produced it */
	for (int s = 0; s <= 0xffff; s++)
		check_against_host(s);
}

/* SIG-042: only the low 8 bits of the exit code. */
static void test_SIG_042_exit_code_truncated(void **state)
{
	(void)state;
	assert_int_equal(wait_status_exit_code(wait_status_exited(256)), 0);
	assert_int_equal(wait_status_exit_code(wait_status_exited(-1)), 255);
	assert_int_equal(wait_status_exit_code(wait_status_exited(0x1234)), 0x34);
	assert_true(wait_status_is_exited(wait_status_exited(-1)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_040_encodings),
		cmocka_unit_test(test_SIG_041_decoders_match_host),
		cmocka_unit_test(test_SIG_042_exit_code_truncated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
