/*
 * Restart decisions in virtual time: oneshot, doubling back-off with a cap,
 * reset after a stable run, max_restarts (spec/vigil.md VIG-070..073).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/vigil_restart.h"

#define SEC(s) ((uint64_t)(s) * 1000u)
#define CRASH_AFTER_MS 10u /* a service that dies right after its start */

static vigil_policy_t respawn(uint32_t max)
{
	vigil_policy_t p = { .kind = VIGIL_RESPAWN, .max_restarts = max, .console = false };
	return p;
}

/* VIG-070: oneshot is done whatever happens; the decision is pure */
static void test_vig070_oneshot_and_purity(void **state)
{
	(void)state;
	vigil_policy_t p = { .kind = VIGIL_ONESHOT, .max_restarts = 5, .console = false };
	vigil_history_t h = { .restarts = 0, .last_start_ms = SEC(3) };
	vigil_decision_t d = vigil_restart_decide(&p, &h, SEC(4));
	assert_int_equal(d.action, VIGIL_DECIDE_DONE);
	assert_int_equal(d.history.restarts, 0);

	p = respawn(5);
	vigil_history_t before = h;
	vigil_decision_t d1 = vigil_restart_decide(&p, &h, SEC(4));
	vigil_decision_t d2 = vigil_restart_decide(&p, &h, SEC(4));
	assert_memory_equal(&h, &before, sizeof(h));
	assert_int_equal(d1.action, d2.action);
	assert_int_equal(d1.restart_at_ms, d2.restart_at_ms);
	assert_int_equal(d1.history.restarts, d2.history.restarts);
}

/* VIG-071 VIG-073: a crash loop backs off 1, 2, 4, 8, 16 s, then gives up at 5 */
static void test_vig071_backoff_until_max(void **state)
{
	(void)state;
	vigil_policy_t p = respawn(5);
	vigil_history_t h = { .restarts = 0, .last_start_ms = 0 };
	uint64_t now = 0;
	const uint32_t want_delay[] = { 1000, 2000, 4000, 8000, 16000 };

	for (size_t i = 0; i < sizeof(want_delay) / sizeof(want_delay[0]); i++) {
		now = h.last_start_ms + CRASH_AFTER_MS;
		vigil_decision_t d = vigil_restart_decide(&p, &h, now);
		assert_int_equal(d.action, VIGIL_DECIDE_RESTART);
		assert_int_equal(d.restart_at_ms, now + want_delay[i]);
		assert_int_equal(d.history.restarts, i + 1);
		assert_int_equal(d.history.last_start_ms, d.restart_at_ms);
		h = d.history;
	}
	vigil_decision_t d = vigil_restart_decide(&p, &h, h.last_start_ms + CRASH_AFTER_MS);
	assert_int_equal(d.action, VIGIL_DECIDE_GIVE_UP);
	assert_int_equal(d.history.restarts, 5);
}

/* VIG-071: the delay is capped and never overflows */
static void test_vig071_cap(void **state)
{
	(void)state;
	assert_int_equal(vigil_backoff_ms(0), VIGIL_BACKOFF_BASE_MS);
	assert_int_equal(vigil_backoff_ms(5), 32000);
	assert_int_equal(vigil_backoff_ms(6), VIGIL_BACKOFF_CAP_MS);
	assert_int_equal(vigil_backoff_ms(40), VIGIL_BACKOFF_CAP_MS);
	assert_int_equal(vigil_backoff_ms(UINT32_MAX), VIGIL_BACKOFF_CAP_MS);
	vigil_policy_t p = respawn(VIGIL_MAX_RESTARTS_LIMIT);
	vigil_history_t h = { .restarts = 9999, .last_start_ms = UINT64_MAX - SEC(100) };
	vigil_decision_t d = vigil_restart_decide(&p, &h, UINT64_MAX - SEC(100));
	assert_int_equal(d.action, VIGIL_DECIDE_RESTART);
	assert_int_equal(d.restart_at_ms, UINT64_MAX - SEC(100) + VIGIL_BACKOFF_CAP_MS);
	assert_int_equal(d.history.restarts, 10000);
}

/* VIG-072: a stable run resets the count; a clock going back counts as no run */
static void test_vig072_stable_reset(void **state)
{
	(void)state;
	vigil_policy_t p = respawn(5);
	vigil_history_t h = { .restarts = 4, .last_start_ms = SEC(100) };

	vigil_decision_t d = vigil_restart_decide(&p, &h, SEC(100) + VIGIL_STABLE_MS - 1);
	assert_int_equal(d.action, VIGIL_DECIDE_RESTART);
	assert_int_equal(d.history.restarts, 5);
	assert_int_equal(d.restart_at_ms, SEC(100) + VIGIL_STABLE_MS - 1 + 16000);

	d = vigil_restart_decide(&p, &h, SEC(100) + VIGIL_STABLE_MS);
	assert_int_equal(d.action, VIGIL_DECIDE_RESTART);
	assert_int_equal(d.history.restarts, 1);
	assert_int_equal(d.restart_at_ms, SEC(100) + VIGIL_STABLE_MS + VIGIL_BACKOFF_BASE_MS);

	/* given up without reset, restarted with it: one crash a day never gives up */
	h.restarts = 5;
	assert_int_equal(vigil_restart_decide(&p, &h, SEC(101)).action, VIGIL_DECIDE_GIVE_UP);
	uint64_t now = SEC(100);
	for (int day = 0; day < 30; day++) {
		now += SEC(86400);
		d = vigil_restart_decide(&p, &h, now);
		assert_int_equal(d.action, VIGIL_DECIDE_RESTART);
		h = d.history;
	}

	h = (vigil_history_t){ .restarts = 5, .last_start_ms = SEC(500) };
	assert_int_equal(vigil_restart_decide(&p, &h, SEC(1)).action, VIGIL_DECIDE_GIVE_UP);
}

/* VIG-073: max_restarts=0 gives up at the first exit */
static void test_vig073_zero(void **state)
{
	(void)state;
	vigil_policy_t p = respawn(0);
	vigil_history_t h = { .restarts = 0, .last_start_ms = 0 };
	vigil_decision_t d = vigil_restart_decide(&p, &h, SEC(1000));
	assert_int_equal(d.action, VIGIL_DECIDE_GIVE_UP);
	p = respawn(1);
	d = vigil_restart_decide(&p, &h, 5);
	assert_int_equal(d.action, VIGIL_DECIDE_RESTART);
	d = vigil_restart_decide(&p, &d.history, d.history.last_start_ms + 5);
	assert_int_equal(d.action, VIGIL_DECIDE_GIVE_UP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vig070_oneshot_and_purity),
		cmocka_unit_test(test_vig071_backoff_until_max),
		cmocka_unit_test(test_vig071_cap),
		cmocka_unit_test(test_vig072_stable_reset),
		cmocka_unit_test(test_vig073_zero),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
