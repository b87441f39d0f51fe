/* Filling an sh_error_t (sh_error.h). */
#include "shell/sh_error.h"

#include <stdarg.h>
#include <stdio.h>

long sh_error_set(sh_error_t *err, long code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}
