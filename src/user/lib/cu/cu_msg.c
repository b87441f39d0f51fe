/*
 * The diagnostics (see cu_msg.h), formatted into one buffer so each line
 * reaches standard error in one write.
 */
#include "cu/cu_msg.h"

#include <stdarg.h>
#include <stdio.h>

#include "cu/cu_errtext.h"
#include "glue/glue.h"
#include "uio/uio.h"

uio_write_fn cu_msg_writer = sys_write;

static void cu_msg_emit(const char *prog, const char *fmt, va_list ap, const char *suffix)
{
	char text[UIO_PRINTF_MAX + 1];
	char line[UIO_PRINTF_MAX + 1];

	vsnprintf(text, sizeof(text), fmt, ap);
	int n = suffix ? snprintf(line, sizeof(line), "%s: %s: %s\n", prog, text, suffix)
		       : snprintf(line, sizeof(line), "%s: %s\n", prog, text);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line)) { /* cut: keep the line ending */
		n = (int)sizeof(line) - 1;
		line[n - 1] = '\n';
	}
	uio_write_all_via(cu_msg_writer, CU_STDERR, line, (size_t)n);
}

void cu_msg(const char *prog, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cu_msg_emit(prog, fmt, ap, NULL);
	va_end(ap);
}

void cu_msg_err(const char *prog, long err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cu_msg_emit(prog, fmt, ap, cu_errtext(err));
	va_end(ap);
}
