/* tests/signals: rt_sigprocmask, rt_sigpending and rt_sigsuspend masks (SIG-030..035). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "proc/signal_mask.h"
#include "proc/signal_set.h"

#define INT_BIT signal_set_bit(SIGINT)
#define TERM_BIT signal_set_bit(SIGTERM)
#define RT_BIT signal_set_bit(50)

/* SIG-030 */
static void test_SIG_030_block_unblock_setmask(void **state)
{
	(void)state;
	aegis_sigset_t blocked = INT_BIT, set = TERM_BIT | RT_BIT;
	assert_int_equal(signal_mask_change(&blocked, SIG_BLOCK, &set, NULL, AEGIS_SIGSET_SIZE), 0);
	assert_int_equal(blocked, INT_BIT | TERM_BIT | RT_BIT);
	set = INT_BIT | RT_BIT;
	assert_int_equal(signal_mask_change(&blocked, SIG_UNBLOCK, &set, NULL, AEGIS_SIGSET_SIZE), 0);
	assert_int_equal(blocked, TERM_BIT);
	set = RT_BIT;
	assert_int_equal(signal_mask_change(&blocked, SIG_SETMASK, &set, NULL, AEGIS_SIGSET_SIZE), 0);
	assert_int_equal(blocked, RT_BIT);
	set = 0;
	assert_int_equal(signal_mask_change(&blocked, SIG_SETMASK, &set, NULL, AEGIS_SIGSET_SIZE), 0);
	assert_int_equal(blocked, 0);
}

/* SIG-031 */
static void test_SIG_031_refusals(void **state)
{
	(void)state;
	aegis_sigset_t blocked = INT_BIT, set = TERM_BIT, old = 0x1234;
	assert_int_equal(signal_mask_change(&blocked, 3, &set, &old, AEGIS_SIGSET_SIZE), -EINVAL);
	assert_int_equal(signal_mask_change(&blocked, -1, &set, &old, AEGIS_SIGSET_SIZE), -EINVAL);
	assert_int_equal(signal_mask_change(&blocked, SIG_BLOCK, &set, &old, 4), -EINVAL);
	assert_int_equal(signal_mask_change(&blocked, SIG_BLOCK, NULL, &old, 16), -EINVAL);
	assert_int_equal(blocked, INT_BIT);
	assert_int_equal(old, 0x1234);
	/* no set: how is not looked at */
	assert_int_equal(signal_mask_change(&blocked, 99, NULL, &old, AEGIS_SIGSET_SIZE), 0);
	assert_int_equal(old, INT_BIT);
	assert_int_equal(blocked, INT_BIT);
}

/* SIG-032 */
static void test_SIG_032_old_mask(void **state)
{
	(void)state;
	aegis_sigset_t blocked = INT_BIT, set = TERM_BIT, old = 0;
	assert_int_equal(signal_mask_change(&blocked, SIG_SETMASK, &set, &old, AEGIS_SIGSET_SIZE), 0);
	assert_int_equal(old, INT_BIT);
	assert_int_equal(blocked, TERM_BIT);
	/* set and oldset the same memory: old written after the set was read */
	aegis_sigset_t both = RT_BIT;
	assert_int_equal(signal_mask_change(&blocked, SIG_BLOCK, &both, &both, AEGIS_SIGSET_SIZE), 0);
	assert_int_equal(both, TERM_BIT);
	assert_int_equal(blocked, TERM_BIT | RT_BIT);
}

/* SIG-033 */
static void test_SIG_033_kill_stop_never_blocked(void **state)
{
	(void)state;
	const int hows[] = { SIG_BLOCK, SIG_SETMASK };
	for (size_t i = 0; i < 2; i++) {
		aegis_sigset_t blocked = 0, set = SIGNAL_SET_FULL;
		assert_int_equal(signal_mask_change(&blocked, hows[i], &set, NULL, AEGIS_SIGSET_SIZE), 0);
		assert_int_equal(blocked, signal_set_sanitize_mask(SIGNAL_SET_FULL));
	}
	/* even a corrupt starting mask is cleaned by any call */
	aegis_sigset_t blocked = SIGNAL_SET_FULL, set = 0;
	assert_int_equal(signal_mask_change(&blocked, SIG_UNBLOCK, &set, NULL, AEGIS_SIGSET_SIZE), 0);
	assert_false(signal_set_has(blocked, SIGKILL));
	assert_false(signal_set_has(blocked, SIGSTOP));
}

/* SIG-034 */
static void test_SIG_034_sigpending(void **state)
{
	(void)state;
	aegis_sigset_t out = 0x77;
	assert_int_equal(signal_mask_pending(INT_BIT | TERM_BIT, TERM_BIT | RT_BIT, &out, AEGIS_SIGSET_SIZE), 0);
	assert_int_equal(out, TERM_BIT);
	out = 0x77;
	assert_int_equal(signal_mask_pending(INT_BIT, INT_BIT, &out, 4), -EINVAL);
	assert_int_equal(out, 0x77);
}

/* SIG-035 */
static void test_SIG_035_sigsuspend(void **state)
{
	(void)state;
	aegis_sigset_t blocked = INT_BIT | TERM_BIT, mask = SIGNAL_SET_FULL & ~INT_BIT, saved = 0;
	assert_int_equal(signal_mask_suspend(&blocked, &mask, &saved, AEGIS_SIGSET_SIZE), 0);
	assert_int_equal(saved, INT_BIT | TERM_BIT);
	assert_int_equal(blocked, signal_set_sanitize_mask(SIGNAL_SET_FULL & ~INT_BIT));
	/* mask and saved may be the same memory */
	aegis_sigset_t both = RT_BIT;
	assert_int_equal(signal_mask_suspend(&blocked, &both, &both, AEGIS_SIGSET_SIZE), 0);
	assert_int_equal(blocked, RT_BIT);
	assert_int_equal(both, signal_set_sanitize_mask(SIGNAL_SET_FULL & ~INT_BIT));
	aegis_sigset_t keep = blocked;
	saved = 5;
	assert_int_equal(signal_mask_suspend(&blocked, &mask, &saved, 16), -EINVAL);
	assert_int_equal(blocked, keep);
	assert_int_equal(saved, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_030_block_unblock_setmask),
		cmocka_unit_test(test_SIG_031_refusals),
		cmocka_unit_test(test_SIG_032_old_mask),
		cmocka_unit_test(test_SIG_033_kill_stop_never_blocked),
		cmocka_unit_test(test_SIG_034_sigpending),
		cmocka_unit_test(test_SIG_035_sigsuspend),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
