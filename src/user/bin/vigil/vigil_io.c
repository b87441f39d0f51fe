/*
 * Vigil's small I/O helpers: the "vigil: " log line, bounded file reads and
 * the monotonic clock (see vigil.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "uio/uio.h"
#include "vigil.h"

#define VIGIL_LOG_FD 1
#define VIGIL_CLOCK_MONOTONIC 1
#define VIGIL_MS_PER_SEC 1000u
#define VIGIL_NS_PER_MS 1000000u

void vigil_log(const char *fmt, ...)
{
	char line[UIO_PRINTF_MAX + 1];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	(void)uio_printf(VIGIL_LOG_FD, "vigil: %s\n", line);
}

void vigil_log_report(const char *line, void *ctx)
{
	(void)ctx;
	vigil_log("%s", line);
}

int vigil_read_file(const char *path, char *buf, size_t cap, size_t *len)
{
	*len = 0;
	long fd = sys_open(path, AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
	if (fd < 0)
		return (int)fd;
	int err = 0;
	while (*len < cap) {
		long n = sys_read((int)fd, buf + *len, cap - *len);
		if (n == -EINTR)
			continue;
		if (n < 0) {
			err = (int)n;
			break;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	(void)sys_close((int)fd);
	return err;
}

uint64_t vigil_now_ms(void)
{
	aegis_timespec_t ts = { 0, 0 };
	if (sys_clock_gettime(VIGIL_CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * VIGIL_MS_PER_SEC + (uint64_t)ts.tv_nsec / VIGIL_NS_PER_MS;
}
