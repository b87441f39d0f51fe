/*
 * Console capture for cmocka tests of kernel code: this header supplies the
 * platform's serial and screen writers, so the test sees exactly what the
 * kernel prints to each (serial_out, screen_out).  Supplying both keeps the
 * sim's console object out of the link (it defines them too).  Include it
 * once, after <cmocka.h>; console_capture_reset() empties both buffers.
 */
#ifndef AEGIS_TESTS_CONSOLE_CAPTURE_H
#define AEGIS_TESTS_CONSOLE_CAPTURE_H

#include <stddef.h>
#include <string.h>

#define CONSOLE_CAPTURE_BYTES 8192u

static char serial_out[CONSOLE_CAPTURE_BYTES], screen_out[CONSOLE_CAPTURE_BYTES];
static size_t serial_len, screen_len;

static void console_capture_append(char *out, size_t *len, const char *buf, size_t n)
{
	assert_true(*len + n < CONSOLE_CAPTURE_BYTES);
	memcpy(out + *len, buf, n);
	*len += n;
	out[*len] = '\0';
}

void platform_serial_write(const char *buf, size_t len)
{
	console_capture_append(serial_out, &serial_len, buf, len);
}

void platform_screen_write(const char *buf, size_t len)
{
	console_capture_append(screen_out, &screen_len, buf, len);
}

static inline void console_capture_reset(void)
{
	serial_len = screen_len = 0;
	serial_out[0] = screen_out[0] = '\0';
}

#endif
