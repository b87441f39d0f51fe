/*
 * Output without stdio (uio.h): whole-buffer writes through the glue and
 * bounded formatted printing.  Uses only vsnprintf and strlen from libc.
 */
#include "uio/uio.h"

#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"

long uio_write_all_via(uio_write_fn writer, int fd, const void *buf, size_t len)
{
	const char *p = buf;
	size_t done = 0;
	if (!writer || (!buf && len > 0))
		return -EINVAL;
	while (done < len) {
		long n = writer(fd, p + done, len - done);
		if (n == -EINTR)
			continue;
		if (n < 0)
			return n;
		if (n == 0 || (size_t)n > len - done)
			return -EIO;
		done += (size_t)n;
	}
	return (long)len;
}

long uio_write_all(int fd, const void *buf, size_t len)
{
	return uio_write_all_via(sys_write, fd, buf, len);
}

long uio_write_str(int fd, const char *s)
{
	if (!s)
		return -EINVAL;
	return uio_write_all(fd, s, strlen(s));
}

long uio_vprintf_via(uio_write_fn writer, int fd, const char *fmt, va_list ap)
{
	char text[UIO_PRINTF_MAX + 1];
	if (!fmt)
		return -EINVAL;
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	if (n < 0)
		return -EINVAL;
	size_t len = (size_t)n > UIO_PRINTF_MAX ? UIO_PRINTF_MAX : (size_t)n;
	long w = uio_write_all_via(writer, fd, text, len);
	if (w < 0)
		return w;
	return (size_t)n > UIO_PRINTF_MAX ? -EMSGSIZE : w;
}

long uio_printf(int fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	long r = uio_vprintf_via(sys_write, fd, fmt, ap);
	va_end(ap);
	return r;
}
