/*
 * procbench's clock and report lines (procbench.h gives the format).
 *
 * The clock is CLOCK_MONOTONIC through the glue.  A figure is the elapsed
 * nanoseconds divided by the iterations, rounded down, so it is an integer
 * on every build and a test can parse it with one pattern.
 */
#include "glue/glue.h"
#include "procbench.h"
#include "uio/uio.h"

#define PB_CLOCK_MONOTONIC 1
#define PB_NS_PER_SEC 1000000000ull
#define PB_WARMUP_DIVISOR 10u

uint64_t pb_now_ns(void)
{
	aegis_timespec_t ts = { 0, 0 };
	if (sys_clock_gettime(PB_CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * PB_NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

unsigned pb_warmup_of(unsigned n)
{
	unsigned w = n / PB_WARMUP_DIVISOR;
	return w ? w : 1;
}

void pb_report(const char *name, unsigned n, uint64_t elapsed_ns)
{
	unsigned long long per_op = n ? elapsed_ns / n : 0;
	uio_printf(1, "bench: %s %u iterations, %llu ns/op\n", name, n, per_op);
}

void pb_fail(const char *name, const char *what, long result)
{
	uio_printf(1, "bench: %s FAILED: %s (result %ld)\n", name, what, result);
}
