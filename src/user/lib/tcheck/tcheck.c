/*
 * Check reporting for in-system conformance programs (see tcheck.h).
 */
#include "tcheck/tcheck.h"

#include <stdarg.h>
#include <stdio.h>

#include "uio/uio.h"

static unsigned tcheck_passed, tcheck_failed, tcheck_skipped;

void tcheck(bool ok, const char *id, const char *text, const char *fmt, ...)
{
	if (ok) {
		tcheck_passed++;
		uio_printf(1, "ok - %s %s\n", id, text);
		return;
	}
	char detail[TCHECK_DETAIL_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	tcheck_failed++;
	uio_printf(1, "not ok - %s %s: %s\n", id, text, detail);
}

void tcheck_skip(const char *id, const char *text, const char *why)
{
	tcheck_skipped++;
	uio_printf(1, "skip - %s %s: %s\n", id, text, why);
}

bool tcheck_summary(const char *name)
{
	uio_printf(1, "%s: %u passed, %u failed, %u skipped\n", name, tcheck_passed, tcheck_failed, tcheck_skipped);
	return tcheck_failed == 0;
}
