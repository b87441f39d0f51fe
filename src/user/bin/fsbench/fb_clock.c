/*
 * fsbench's clock, random offsets and report lines (fsbench.h gives the
 * format).  Rates are integers computed from the elapsed nanoseconds:
 * MB/s (10^6 bytes) with two decimals, and whole operations per second.
 */
#include "fsbench.h"
#include "glue/glue.h"
#include "uio/uio.h"

#define FB_CLOCK_MONOTONIC 1
#define FB_NS_PER_SEC 1000000000ull
#define FB_HUNDREDTHS_MB_PER_BYTE_NS 100000ull /* bytes/ns * 1e9 / 1e6 * 100 */
#define FB_HUNDRED 100u
#define FB_XS_A 13
#define FB_XS_B 7
#define FB_XS_C 17

uint64_t fb_now_ns(void)
{
	aegis_timespec_t ts = { 0, 0 };
	if (sys_clock_gettime(FB_CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * FB_NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* xorshift64: the same offsets on every build and run. */
uint64_t fb_random(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x << FB_XS_A;
	x ^= x >> FB_XS_B;
	x ^= x << FB_XS_C;
	*state = x;
	return x;
}

void fb_start(const fb_target_t *t, const char *op)
{
	uio_printf(1, "fsbench: start %s %s\n", t->fs, op);
}

void fb_report(const fb_target_t *t, const char *op, uint64_t amount, fb_unit_t unit, uint64_t ns)
{
	unsigned long long a = amount, n = ns;
	const char *what = unit == FB_BYTES ? "bytes" : "files";
	const char *per = unit == FB_BYTES ? "MB/s" : "ops/s";
	uio_printf(1, "bench: %s %s %llu %s in %llu ns, ", t->fs, op, a, what, n);
	if (ns == 0) {
		uio_printf(1, "- %s\n", per);
	} else if (unit == FB_BYTES) {
		unsigned long long h = a * FB_HUNDREDTHS_MB_PER_BYTE_NS / n;
		uio_printf(1, "%llu.%02llu %s\n", h / FB_HUNDRED, h % FB_HUNDRED, per);
	} else {
		uio_printf(1, "%llu %s\n", a * FB_NS_PER_SEC / n, per);
	}
}

bool fb_fail(const fb_target_t *t, const char *op, const char *what, long result)
{
	uio_printf(1, "bench: %s %s FAILED: %s (result %ld)\n", t->fs, op, what, result);
	return false;
}
