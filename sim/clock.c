/*
 * Virtual time for the simulator.
 *
 * Time stands still while anything can run and jumps only when the kernel
 * waits: to the first timer-tick boundary at or after the kernel's deadline.
 * Every tick boundary crossed delivers one tick, as a periodic timer would; a
 * tick is a function call, so a 60-second back-off (6000 ticks) costs well
 * under a millisecond of real time, and a run depends only on the seed and
 * the input.  When the kernel waits with no deadline, the next line of
 * --input (sim/input.c) is the only thing that can still happen: it is
 * delivered, and when there is none the run ends with status 0 and a [SIM]
 * line.
 */
#include <stdio.h>
#include <stdlib.h>

#include "platform.h"
#include "sim.h"
#include "sim_internal.h"

#define NS_PER_SEC 1000000000ull
#define NS_PER_MS 1000000ull

static uint64_t now_ns;
static uint64_t tick_period_ns; /* 0 until the timer is started */

void sim_clock_reset(void)
{
	now_ns = 0;
	tick_period_ns = 0;
}

uint64_t sim_time_ns(void)
{
	return now_ns;
}

void sim_time_advance_to(uint64_t t_ns)
{
	if (t_ns > now_ns)
		now_ns = t_ns;
}

uint64_t platform_time_ns(void)
{
	return now_ns;
}

platform_result_t platform_timer_init(uint32_t hz)
{
	static char detail[64];
	if (hz == 0 || hz > 10000) {
		snprintf(detail, sizeof(detail), "refusing a virtual timer at %u Hz", hz);
		return (platform_result_t){PLATFORM_FAIL, detail};
	}
	tick_period_ns = NS_PER_SEC / hz;
	snprintf(detail, sizeof(detail), "virtual timer at %u Hz", hz);
	return (platform_result_t){PLATFORM_OK, detail};
}

void platform_wait_for_interrupt(uint64_t deadline_ns)
{
	platform_irq_enable();
	/* Input is typed when the machine waits for nothing else (no deadline): the next line, if any. */
	if (deadline_ns == UINT64_MAX && sim_input_deliver(true))
		return;
	if (deadline_ns == UINT64_MAX) {
		char line[128];
		int n = snprintf(line, sizeof(line), "[SIM] OK: nothing left to run at %llu ms virtual time, exiting\n",
		                 (unsigned long long)(now_ns / NS_PER_MS));
		sim_write_all(1, line, (size_t)n);
		exit(0);
	}
	uint64_t target = deadline_ns > now_ns ? deadline_ns : now_ns;
	if (tick_period_ns == 0) {
		now_ns = target;
		return;
	}
	uint64_t t = (target + tick_period_ns - 1) / tick_period_ns * tick_period_ns;
	if (t <= now_ns)
		t = (now_ns / tick_period_ns + 1) * tick_period_ns;
	/* Deliver each tick at its own time, so the kernel sees a steady clock. */
	uint64_t next = (now_ns / tick_period_ns + 1) * tick_period_ns;
	for (; next <= t; next += tick_period_ns) {
		now_ns = next;
		kernel_timer_tick();
	}
}
