/* tests/signals: signal numbers and sets (SIG-001..003). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <aegis/signal.h>

#include "proc/signal_set.h"

/* SIG-001: the numbers of signal(7) on x86_64. */
static void test_SIG_001_numbers(void **state)
{
	(void)state;
	static const int expect[] = {
		SIGHUP, 1, SIGINT, 2, SIGQUIT, 3, SIGILL, 4, SIGTRAP, 5, SIGABRT, 6, SIGBUS, 7,
		SIGFPE, 8, SIGKILL, 9, SIGUSR1, 10, SIGSEGV, 11, SIGUSR2, 12, SIGPIPE, 13,
		SIGALRM, 14, SIGTERM, 15, SIGSTKFLT, 16, SIGCHLD, 17, SIGCONT, 18, SIGSTOP, 19,
		SIGTSTP, 20, SIGTTIN, 21, SIGTTOU, 22, SIGURG, 23, SIGXCPU, 24, SIGXFSZ, 25,
		SIGVTALRM, 26, SIGPROF, 27, SIGWINCH, 28, SIGPOLL, 29, SIGIO, 29, SIGPWR, 30,
		SIGSYS, 31, SIGIOT, 6,
	};
	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i += 2)
		assert_int_equal(expect[i], expect[i + 1]);
	assert_int_equal(AEGIS_SIGSTD_MAX, 31);
	assert_int_equal(AEGIS_SIGRTMIN, 32);
	assert_int_equal(AEGIS_SIGRTMAX, 64);
	assert_int_equal(AEGIS_NSIG, 64);
	assert_int_equal(SA_RESTORER, 0x04000000);
	assert_int_equal(AEGIS_SIG_DFL, 0);
	assert_int_equal(AEGIS_SIG_IGN, 1);
}

/* SIG-002: classification of numbers. */
static void test_SIG_002_classify(void **state)
{
	(void)state;
	assert_false(signal_is_valid(0));
	assert_false(signal_is_valid(-1));
	assert_false(signal_is_valid(65));
	assert_true(signal_is_valid(1));
	assert_true(signal_is_valid(64));
	assert_false(signal_is_realtime(31));
	assert_true(signal_is_realtime(32));
	assert_true(signal_is_realtime(64));
	assert_false(signal_is_realtime(65));
	assert_true(signal_is_unblockable(SIGKILL));
	assert_true(signal_is_unblockable(SIGSTOP));
	assert_false(signal_is_unblockable(SIGTSTP));
	assert_false(signal_is_unblockable(0));
}

/* SIG-002: the set operations, including the edges 1 and 64 and bad numbers. */
static void test_SIG_002_set_operations(void **state)
{
	(void)state;
	aegis_sigset_t s = SIGNAL_SET_EMPTY;
	assert_int_equal(signal_set_first(s), 0);
	signal_set_add(&s, 1);
	assert_int_equal(s, 1);
	signal_set_add(&s, 64);
	assert_int_equal(s, 0x8000000000000001ull);
	assert_true(signal_set_has(s, 64));
	assert_false(signal_set_has(s, 63));
	assert_int_equal(signal_set_first(s), 1);
	signal_set_del(&s, 1);
	assert_int_equal(signal_set_first(s), 64);
	/* invalid numbers change nothing and are never members */
	aegis_sigset_t before = s;
	signal_set_add(&s, 0);
	signal_set_add(&s, 65);
	signal_set_add(&s, -3);
	signal_set_add(&s, 1000);
	signal_set_del(&s, 0);
	signal_set_del(&s, 65);
	assert_int_equal(s, before);
	assert_false(signal_set_has(SIGNAL_SET_FULL, 0));
	assert_false(signal_set_has(SIGNAL_SET_FULL, 65));
	assert_int_equal(signal_set_bit(70), 0);
	assert_int_equal(signal_set_bit(SIGINT), 2);
	assert_int_equal(signal_set_or(3, 12), 15);
	assert_int_equal(signal_set_andnot(15, 6), 9);
	for (int sig = 1; sig <= AEGIS_NSIG; sig++) {
		aegis_sigset_t one = SIGNAL_SET_EMPTY;
		signal_set_add(&one, sig);
		assert_int_equal(signal_set_first(one), sig);
		assert_int_equal(signal_set_first(one | signal_set_bit(AEGIS_NSIG)), sig);
	}
}

/* SIG-003: sanitising a mask removes exactly SIGKILL and SIGSTOP. */
static void test_SIG_003_sanitize_mask(void **state)
{
	(void)state;
	aegis_sigset_t m = signal_set_sanitize_mask(SIGNAL_SET_FULL);
	assert_false(signal_set_has(m, SIGKILL));
	assert_false(signal_set_has(m, SIGSTOP));
	for (int sig = 1; sig <= AEGIS_NSIG; sig++)
		if (!signal_is_unblockable(sig))
			assert_true(signal_set_has(m, sig));
	assert_int_equal(SIGNAL_SET_UNBLOCKABLE, signal_set_bit(SIGKILL) | signal_set_bit(SIGSTOP));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_001_numbers),
		cmocka_unit_test(test_SIG_002_classify),
		cmocka_unit_test(test_SIG_002_set_operations),
		cmocka_unit_test(test_SIG_003_sanitize_mask),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
