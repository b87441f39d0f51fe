/*
 * Tick counting and timed idle waits (see timer.h).
 */
#include "core/timer.h"

#include "platform.h"
#include "sched/sched.h"

static volatile uint64_t tick_count;

void kernel_timer_tick(void)
{
	tick_count++;
	sched_timer_tick();
}

uint64_t timer_ticks(void)
{
	return tick_count;
}

uint64_t timer_now_ns(void)
{
	return platform_time_ns();
}

uint64_t timer_wait_ticks(uint64_t n)
{
	uint64_t start_ns = platform_time_ns();
	uint64_t target = tick_count + n;
	uint64_t period_ns = 1000000000ull / TIMER_HZ;
	while (tick_count < target)
		platform_wait_for_interrupt(start_ns + n * period_ns);
	return platform_time_ns() - start_ns;
}
