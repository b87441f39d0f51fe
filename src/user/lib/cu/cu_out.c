/*
 * The buffered writer (see cu_out.h).
 */
#include "cu/cu_out.h"

#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"

void cu_out_init_via(cu_out_t *o, int fd, uio_write_fn writer)
{
	o->fd = fd;
	o->writer = writer;
	o->err = 0;
	o->cut = false;
	o->used = 0;
}

void cu_out_init(cu_out_t *o, int fd)
{
	cu_out_init_via(o, fd, sys_write);
}

static void cu_out_drain(cu_out_t *o)
{
	if (o->used && !o->err) {
		long r = uio_write_all_via(o->writer, o->fd, o->buf, o->used);
		if (r < 0)
			o->err = r;
	}
	o->used = 0;
}

void cu_out_write(cu_out_t *o, const void *data, size_t len)
{
	const char *p = data;

	while (len && !o->err) {
		if (o->used == CU_OUT_BUF)
			cu_out_drain(o);
		size_t room = CU_OUT_BUF - o->used;
		size_t n = len < room ? len : room;
		memcpy(o->buf + o->used, p, n);
		o->used += n;
		p += n;
		len -= n;
	}
}

void cu_out_str(cu_out_t *o, const char *s)
{
	cu_out_write(o, s, strlen(s));
}

void cu_out_char(cu_out_t *o, char c)
{
	cu_out_write(o, &c, 1);
}

void cu_out_printf(cu_out_t *o, const char *fmt, ...)
{
	char text[UIO_PRINTF_MAX + 1];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0) {
		o->err = o->err ? o->err : -EINVAL;
		return;
	}
	if ((size_t)n > UIO_PRINTF_MAX) {
		n = UIO_PRINTF_MAX;
		o->cut = true;
	}
	cu_out_write(o, text, (size_t)n);
}

long cu_out_flush(cu_out_t *o)
{
	cu_out_drain(o);
	return o->err ? o->err : o->cut ? -EMSGSIZE : 0;
}
