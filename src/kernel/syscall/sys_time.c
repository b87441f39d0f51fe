/*
 * Clocks and sleeping.  CLOCK_MONOTONIC and CLOCK_BOOTTIME are platform time
 * since boot; CLOCK_REALTIME is that plus an offset that clock_settime
 * (the credentials issue) will set; until then it counts from the epoch.
 * Sleeps end early with -EINTR when a signal arrives (nanosleep then writes
 * the time left).
 */
#include <aegis/errno.h>
#include <aegis/linux_abi.h>

#include "core/timer.h"
#include "proc/proc_internal.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 0x1
#define NS_PER_SEC 1000000000ull
#define NS_PER_USEC 1000ull
#define CLOCK_RESOLUTION_NS 1ull

static uint64_t realtime_offset_ns;

static int clock_read(int clock, uint64_t *ns)
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

static aegis_timespec_t ns_to_timespec(uint64_t ns)
{
	return (aegis_timespec_t){ (int64_t)(ns / NS_PER_SEC), (int64_t)(ns % NS_PER_SEC) };
}

static int timespec_to_ns(const aegis_timespec_t *ts, uint64_t *ns)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || (uint64_t)ts->tv_nsec >= NS_PER_SEC)
		return -EINVAL;
	if ((uint64_t)ts->tv_sec > (UINT64_MAX - NS_PER_SEC) / NS_PER_SEC)
		*ns = UINT64_MAX - NS_PER_SEC; /* effectively forever */
	else
		*ns = (uint64_t)ts->tv_sec * NS_PER_SEC + (uint64_t)ts->tv_nsec;
	return 0;
}

SYSCALL_HANDLER(clock_gettime)
{
	uint64_t ns;
	int r = clock_read((int)args->a[0], &ns);
	if (r != 0)
		return r;
	aegis_timespec_t ts = ns_to_timespec(ns);
	return copy_to_user(p, args->a[1], &ts, sizeof(ts));
}

SYSCALL_HANDLER(clock_getres)
{
	uint64_t ns;
	int r = clock_read((int)args->a[0], &ns);
	if (r != 0)
		return r;
	if (!args->a[1])
		return 0;
	aegis_timespec_t ts = ns_to_timespec(CLOCK_RESOLUTION_NS);
	return copy_to_user(p, args->a[1], &ts, sizeof(ts));
}

SYSCALL_HANDLER(gettimeofday)
{
	if (!args->a[0])
		return 0;
	uint64_t ns;
	(void)clock_read(CLOCK_REALTIME, &ns);
	aegis_timeval_t tv = { (int64_t)(ns / NS_PER_SEC), (int64_t)((ns % NS_PER_SEC) / NS_PER_USEC) };
	return copy_to_user(p, args->a[0], &tv, sizeof(tv));
}

/* Sleep until the monotonic deadline; -EINTR when a signal ends it first. */
static int sleep_until(process_t *p, uint64_t deadline)
{
	for (;;) {
		if (proc_signal_pending(p))
			return -EINTR;
		int r = sched_sleep(NULL, deadline);
		if (r == -ETIMEDOUT)
			return 0;
		if (r == -EINTR)
			return -EINTR;
	}
}

static int64_t do_nanosleep(process_t *p, int clock, bool absolute, uint64_t req_addr, uint64_t rem_addr)
{
	aegis_timespec_t req;
	if (copy_from_user(p, &req, req_addr, sizeof(req)) != 0)
		return -EFAULT;
	uint64_t req_ns, now;
	int r = timespec_to_ns(&req, &req_ns);
	if (r != 0)
		return r;
	r = clock_read(clock, &now);
	if (r != 0)
		return r;
	uint64_t mono_now = platform_time_ns();
	uint64_t delay = absolute ? (req_ns > now ? req_ns - now : 0) : req_ns;
	uint64_t deadline = delay > UINT64_MAX - mono_now - 1 ? UINT64_MAX - 1 : mono_now + delay;
	r = sleep_until(p, deadline);
	if (r == -EINTR && !absolute && rem_addr) {
		uint64_t after = platform_time_ns();
		aegis_timespec_t rem = ns_to_timespec(deadline > after ? deadline - after : 0);
		if (copy_to_user(p, rem_addr, &rem, sizeof(rem)) != 0)
			return -EFAULT;
	}
	return r;
}

SYSCALL_HANDLER(nanosleep)
{
	return do_nanosleep(p, CLOCK_MONOTONIC, false, args->a[0], args->a[1]);
}

SYSCALL_HANDLER(clock_nanosleep)
{
	int clock = (int)args->a[0];
	if (clock == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	return do_nanosleep(p, clock, (args->a[1] & TIMER_ABSTIME) != 0, args->a[2], args->a[3]);
}
