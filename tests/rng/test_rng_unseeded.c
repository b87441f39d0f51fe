/*
 * Using the generator before rng_init() panics (spec/rng.md RNG-005).
 *
 * This program replaces the platform's halt and interrupt functions so the
 * panic comes back here (through longjmp) instead of stopping the process,
 * and captures the serial console to read the panic report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/rng.h"
#include "platform.h"

static jmp_buf halted;
#include "common/console_capture.h"

unsigned long platform_irq_save(void)
{
	return 0;
}

void platform_irq_restore(unsigned long token)
{
	(void)token;
}

void platform_halt(void)
{
	longjmp(halted, 1);
}

void platform_test_exit(unsigned code)
{
	(void)code;
	longjmp(halted, 2);
}

size_t platform_entropy(void *buf, size_t len, const char **source)
{
	fail_msg("rng_bytes must not seed itself (asked for %zu bytes)", len);
	(void)buf;
	*source = "never";
	return 0;
}

/* RNG-005 */
static void test_RNG_005_use_before_seed_panics(void **state)
{
	(void)state;
	uint8_t buf[16];
	memset(buf, 0x5A, sizeof(buf));
	if (setjmp(halted) == 0) {
		rng_bytes(buf, sizeof(buf));
		fail_msg("rng_bytes returned without a seed");
	}
	assert_non_null(strstr(serial_out, "[PANIC] RNG used before it was seeded\n"));
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0x5A);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_RNG_005_use_before_seed_panics),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
