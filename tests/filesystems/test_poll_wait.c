/*
 * Tests of the poll wait queue's notification count (spec/filesystems.md
 * FS-065): a notification that arrives after a poller's scan makes its wait
 * return at once instead of sleeping, so it cannot be lost.  Without the
 * count the wait below would go to sleep on a machine with nothing to wake
 * it (here: with no scheduler at all, which fails the test).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "ipc/poll_wait.h"
#include "platform.h"
#include "proc/proc_internal.h"

#define FAR_NS 3600000000000ull /* an hour */

static process_t proc;

/* FS-065 */
static void test_notify_after_scan_is_not_lost(void **state)
{
	(void)state;
	uint64_t seen = poll_generation();
	poll_notify(); /* what an interrupt does after the caller's scan */
	assert_int_equal(poll_wait_once(&proc, platform_time_ns() + FAR_NS, seen), 0);
	assert_int_equal(poll_generation(), seen + 1);
}

/* FS-065 */
static void test_each_notify_counts(void **state)
{
	(void)state;
	uint64_t before = poll_generation();
	for (int i = 0; i < 5; i++)
		poll_notify();
	assert_int_equal(poll_generation(), before + 5);
	/* an old count still returns at once; a deadline already past is -ETIMEDOUT first */
	assert_int_equal(poll_wait_once(&proc, platform_time_ns() + FAR_NS, before), 0);
	assert_int_equal(poll_wait_once(&proc, 0, poll_generation()), -ETIMEDOUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notify_after_scan_is_not_lost),
		cmocka_unit_test(test_each_notify_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
