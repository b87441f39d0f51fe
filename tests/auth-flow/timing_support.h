/*
 * Timing comparisons for the equal-time requirements (AUTH-004, AUTH-022,
 * AUTH-051).
 *
 * Robust against a busy machine: reference and candidate run alternately
 * and the best (smallest) time of each is kept, so a burst of load hits both
 * sides and is then forgotten.  When the ratio of the bests is outside the
 * accepted band, more rounds are measured (the bests can only get closer to
 * the undisturbed times) up to a limit.  A candidate that really does less
 * or more work stays outside the band however long this runs, so the check
 * can still fail; an honest one only needs one quiet moment per side.
 */
#ifndef AUTH_TIMING_SUPPORT_H
#define AUTH_TIMING_SUPPORT_H

#include <stdbool.h>
#include <time.h>

#define AUTH_TIMING_RUNS 7        /* alternating pairs per round */
#define AUTH_TIMING_MAX_ROUNDS 12 /* rounds before giving up on a quiet moment */

typedef void (*auth_timed_fn)(const void *arg);

static inline double auth_test_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* best time of candidate / best time of reference; stops early once inside [lo, hi]. */
static inline double auth_test_time_ratio(auth_timed_fn reference, const void *ref_arg, auth_timed_fn candidate,
					  const void *cand_arg, double lo, double hi)
{
	double best_ref = 1e30, best_cand = 1e30, ratio = 0;

	for (int round = 0; round < AUTH_TIMING_MAX_ROUNDS; round++) {
		for (int i = 0; i < AUTH_TIMING_RUNS; i++) {
			double t0 = auth_test_now_ns();
			reference(ref_arg);
			double t1 = auth_test_now_ns();
			candidate(cand_arg);
			double t2 = auth_test_now_ns();
			if (t1 - t0 < best_ref)
				best_ref = t1 - t0;
			if (t2 - t1 < best_cand)
				best_cand = t2 - t1;
		}
		ratio = best_cand / (best_ref > 0 ? best_ref : 1);
		if (ratio > lo && ratio < hi)
			break;
	}
	return ratio;
}

#endif
