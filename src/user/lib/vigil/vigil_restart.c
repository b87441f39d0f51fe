/*
 * Vigil library: the restart decision (spec/vigil.md VIG-070..073).
 * Doubling stops as soon as the cap is reached, and the restart time
 * saturates at UINT64_MAX, so nothing can overflow.
 */
#include "vigil/vigil_restart.h"

uint32_t vigil_backoff_ms(uint32_t restarts)
{
	uint32_t delay = VIGIL_BACKOFF_BASE_MS;

	for (uint32_t k = 0; k < restarts && delay < VIGIL_BACKOFF_CAP_MS; k++)
		delay *= 2;
	return delay < VIGIL_BACKOFF_CAP_MS ? delay : VIGIL_BACKOFF_CAP_MS;
}

vigil_decision_t vigil_restart_decide(const vigil_policy_t *policy, const vigil_history_t *h,
				      uint64_t now_ms)
{
	vigil_decision_t d = { .action = VIGIL_DECIDE_DONE, .restart_at_ms = 0, .history = *h };
	uint64_t ran_ms = now_ms >= h->last_start_ms ? now_ms - h->last_start_ms : 0;

	if (policy->kind == VIGIL_ONESHOT)
		return d;
	if (ran_ms >= VIGIL_STABLE_MS)
		d.history.restarts = 0;
	if (d.history.restarts >= policy->max_restarts) {
		d.action = VIGIL_DECIDE_GIVE_UP;
		return d;
	}
	d.action = VIGIL_DECIDE_RESTART;
	uint32_t delay = vigil_backoff_ms(d.history.restarts);
	d.restart_at_ms = now_ms <= UINT64_MAX - delay ? now_ms + delay : UINT64_MAX;
	d.history.restarts++;
	d.history.last_start_ms = d.restart_at_ms;
	return d;
}
