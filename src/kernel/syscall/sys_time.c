/*
 * Clocks and sleeping (the clocks themselves are syscall/clock.h).
 * Sleeps end early with -EINTR when a signal arrives (nanosleep then writes
 * the time left).
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/linux_abi.h>

#include "core/timer.h"
#include "proc/proc_cap.h"
#include "proc/proc_internal.h"
#include "proc/usercopy.h"
#include "syscall/clock.h"
#include "syscall/handlers.h"

#define TIMER_ABSTIME 0x1
#define NS_PER_USEC 1000ull
#define CLOCK_RESOLUTION_NS 1ull

SYSCALL_HANDLER(clock_gettime)
{
	uint64_t ns;
	int r = clock_read_ns((int)args->a[0], &ns);
	if (r != 0)
		return r;
	aegis_timespec_t ts = clock_ns_to_timespec(ns);
	return copy_to_user(p, args->a[1], &ts, sizeof(ts));
}

/*
 * Only CLOCK_REALTIME can be set, and only by a holder of NET_ADMIN(W)
 * (spec/capability-model.md item 7; chronos's policy grants it).  Malformed
 * arguments are judged first (spec/credentials.md CRED-086).
 */
SYSCALL_HANDLER(clock_settime)
{
	uint64_t ns;
	if ((int)args->a[0] != CLOCK_REALTIME)
		return -EINVAL;
	aegis_timespec_t ts;
	if (copy_from_user(p, &ts, args->a[1], sizeof(ts)) != 0)
		return -EFAULT;
	int r = clock_timespec_to_ns(&ts, &ns);
	if (r != 0)
		return r;
	r = proc_cap_require(p, CAP_KIND_NET_ADMIN, CAP_RIGHTS_WRITE);
	if (r != 0)
		return r;
	return clock_set_ns(CLOCK_REALTIME, ns);
}

SYSCALL_HANDLER(clock_getres)
{
	uint64_t ns;
	int r = clock_read_ns((int)args->a[0], &ns);
	if (r != 0)
		return r;
	if (!args->a[1])
		return 0;
	aegis_timespec_t ts = clock_ns_to_timespec(CLOCK_RESOLUTION_NS);
	return copy_to_user(p, args->a[1], &ts, sizeof(ts));
}

SYSCALL_HANDLER(gettimeofday)
{
	if (!args->a[0])
		return 0;
	uint64_t ns;
	(void)clock_read_ns(CLOCK_REALTIME, &ns);
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
	uint64_t req_ns, now, deadline;
	int r = clock_timespec_to_ns(&req, &req_ns);
	if (r != 0)
		return r;
	if (absolute) {
		r = clock_deadline_at(clock, req_ns, &deadline);
	} else {
		r = clock_read_ns(clock, &now);
		deadline = clock_deadline_after(req_ns);
	}
	if (r != 0)
		return r;
	r = sleep_until(p, deadline);
	if (r == -EINTR && !absolute && rem_addr) {
		uint64_t after = platform_time_ns();
		aegis_timespec_t rem = clock_ns_to_timespec(deadline > after ? deadline - after : 0);
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
