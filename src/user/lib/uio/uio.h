/*
 * Output without stdio, for Aegis programs and services (spec/glue.md): write
 * a whole buffer through the system-call glue, retrying short writes and
 * interrupted ones, and print formatted text into a bounded buffer first.
 *
 * Every function returns the number of bytes written (>= 0) or -errno.  The
 * *_via variants take the writer to use, so tests can feed short writes and
 * errors; the plain ones use sys_write.
 */
#ifndef AEGIS_UIO_H
#define AEGIS_UIO_H

#include <stdarg.h>
#include <stddef.h>

/* Longest text uio_printf produces (the terminating NUL excluded). */
#define UIO_PRINTF_MAX 1023

/* A writer: like sys_write, returns the bytes written (> 0) or -errno. */
typedef long (*uio_write_fn)(int fd, const void *buf, size_t len);

/*
 * Write all len bytes of buf to fd: short writes continue where they stopped,
 * -EINTR is retried.  Returns len, or -errno from the writer once it fails
 * with anything else (an unknown number of bytes may have gone out before).
 * A writer that reports 0 or more than it was given is -EIO.
 */
long uio_write_all_via(uio_write_fn writer, int fd, const void *buf, size_t len);
long uio_write_all(int fd, const void *buf, size_t len);

/* uio_write_all of a NUL-terminated string, without the NUL. */
long uio_write_str(int fd, const char *s);

/*
 * Format like snprintf into a buffer of UIO_PRINTF_MAX + 1 bytes, then write
 * it all.  Returns the bytes written.  Text longer than UIO_PRINTF_MAX is cut
 * there, the first UIO_PRINTF_MAX bytes are written and the result is
 * -EMSGSIZE, so truncation is never silent.  A format snprintf rejects, or a
 * NULL format, is -EINVAL and writes nothing.
 */
long uio_vprintf_via(uio_write_fn writer, int fd, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
long uio_printf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
