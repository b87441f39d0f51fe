/*
 * Timing comparisons for the equal-work requirements (AUTH-022, AUTH-051).
 *
 * Robust against a busy machine: the reference and the candidate are run
 * alternately, several times, and the best (smallest) time of each is
 * compared, so a burst of load hits both sides rather than one.
 */
#ifndef AUTH_TIMING_SUPPORT_H
#define AUTH_TIMING_SUPPORT_H

#include <time.h>

#define AUTH_TIMING_RUNS 7

typedef void (*auth_timed_fn)(const void *arg);

static inline double auth_test_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* best time of candidate / best time of reference, interleaved. */
static inline double auth_test_time_ratio(auth_timed_fn reference, const void *ref_arg,
					  auth_timed_fn candidate, const void *cand_arg)
{
	double best_ref = 1e30, best_cand = 1e30;

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
	return best_cand / (best_ref > 0 ? best_ref : 1);
}

#endif
