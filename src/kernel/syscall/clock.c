/*
 * Clock readings and timespec conversions (see clock.h).
 */
#include "syscall/clock.h"

#include <aegis/errno.h>

#include "platform.h"
#include "sched/sched.h"

/* The latest deadline a sleep can have: one below "no deadline". */
#define CLOCK_LAST_DEADLINE (SCHED_NO_DEADLINE - 1)

static uint64_t realtime_offset_ns;

int clock_read_ns(int clock, uint64_t *ns)
{
	uint64_t now = platform_time_ns();
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = now + realtime_offset_ns;
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_PROCESS_CPUTIME_ID: /* no CPU accounting yet: wall time since boot bounds it */
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = now;
		return 0;
	default:
		return -EINVAL;
	}
}

int clock_set_ns(int clock, uint64_t ns)
{
	if (clock != CLOCK_REALTIME)
		return -EINVAL;
	/* Modular arithmetic: an offset "below zero" wraps and now + offset is still ns. */
	realtime_offset_ns = ns - platform_time_ns();
	return 0;
}

aegis_timespec_t clock_ns_to_timespec(uint64_t ns)
{
	return (aegis_timespec_t){ (int64_t)(ns / NS_PER_SEC), (int64_t)(ns % NS_PER_SEC) };
}

int clock_timespec_to_ns(const aegis_timespec_t *ts, uint64_t *ns)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || (uint64_t)ts->tv_nsec >= NS_PER_SEC)
		return -EINVAL;
	if ((uint64_t)ts->tv_sec > (UINT64_MAX - NS_PER_SEC) / NS_PER_SEC)
		*ns = UINT64_MAX - NS_PER_SEC; /* effectively forever */
	else
		*ns = (uint64_t)ts->tv_sec * NS_PER_SEC + (uint64_t)ts->tv_nsec;
	return 0;
}

uint64_t clock_deadline_after(uint64_t delay_ns)
{
	uint64_t now = platform_time_ns();
	return delay_ns > CLOCK_LAST_DEADLINE - now ? CLOCK_LAST_DEADLINE : now + delay_ns;
}

int clock_deadline_at(int clock, uint64_t abs_ns, uint64_t *deadline)
{
	uint64_t now;
	int r = clock_read_ns(clock, &now);
	if (r != 0)
		return r;
	*deadline = clock_deadline_after(abs_ns > now ? abs_ns - now : 0);
	return 0;
}
