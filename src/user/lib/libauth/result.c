/* Reason strings and result names for libauth (see result.h). */
#include <stdarg.h>
#include <stdio.h>

#include "libauth/result.h"

void auth_reason_clear(auth_reason_t *why)
{
	if (why)
		why->text[0] = '\0';
}

void auth_reason_set(auth_reason_t *why, unsigned line_no, const char *fmt, ...)
{
	va_list ap;
	int used = 0;

	if (!why)
		return;
	if (line_no > 0)
		used = snprintf(why->text, sizeof(why->text), "line %u: ", line_no);
	if (used < 0 || (size_t)used >= sizeof(why->text))
		return;
	va_start(ap, fmt);
	vsnprintf(why->text + used, sizeof(why->text) - (size_t)used, fmt, ap);
	va_end(ap);
}

const char *auth_result_name(auth_result_t result)
{
	switch (result) {
	case AUTH_OK: return "ok";
	case AUTH_DENY: return "deny";
	case AUTH_NOT_FOUND: return "not-found";
	case AUTH_MALFORMED: return "malformed";
	case AUTH_UNSUPPORTED: return "unsupported";
	case AUTH_LIMIT: return "limit";
	}
	return "unknown";
}
