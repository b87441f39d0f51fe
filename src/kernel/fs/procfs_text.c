/*
 * The bounded text builder of the /proc generators (see procfs_text.h).
 */
#include "fs/procfs_text.h"

#include <stdarg.h>

#include "core/format.h"
#include "core/kstring.h"

#define PROCFS_OCTAL_DIGITS_MAX 11u /* a 32-bit value in octal */
#define PROCFS_OCTAL_SHIFT 3u
#define PROCFS_OCTAL_MASK 7u

void procfs_text_init(procfs_text_t *t, char *buf, size_t cap)
{
	t->buf = buf;
	t->cap = cap;
	t->len = 0;
	if (cap)
		buf[0] = '\0';
}

/* Room left for text (the NUL excluded) after what was written so far. */
static size_t procfs_text_room(const procfs_text_t *t)
{
	return t->len + 1 < t->cap ? t->cap - 1 - t->len : 0;
}

void procfs_text_printf(procfs_text_t *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t room = procfs_text_room(t);
	size_t n;
	if (room) {
		n = kvsnprintf(t->buf + t->len, room + 1, fmt, ap);
	} else {
		char scratch[1];
		n = kvsnprintf(scratch, sizeof(scratch), fmt, ap); /* only counts */
	}
	va_end(ap);
	t->len += n;
}

void procfs_text_bytes(procfs_text_t *t, const void *bytes, size_t len)
{
	size_t room = procfs_text_room(t);
	size_t n = len < room ? len : room;
	if (n) {
		kmemcpy(t->buf + t->len, bytes, n);
		t->buf[t->len + n] = '\0';
	}
	t->len += len;
}

void procfs_text_pad(procfs_text_t *t, size_t line_start, size_t column)
{
	static const char spaces[] = "                ";
	size_t chunk = sizeof(spaces) - 1;
	while (t->len - line_start < column) {
		size_t want = column - (t->len - line_start);
		procfs_text_bytes(t, spaces, want < chunk ? want : chunk);
	}
}

void procfs_text_octal(procfs_text_t *t, unsigned value, unsigned digits)
{
	char out[PROCFS_OCTAL_DIGITS_MAX];
	unsigned n = 0;
	if (digits > PROCFS_OCTAL_DIGITS_MAX)
		digits = PROCFS_OCTAL_DIGITS_MAX;
	do {
		out[PROCFS_OCTAL_DIGITS_MAX - 1 - n] = (char)('0' + (value & PROCFS_OCTAL_MASK));
		value >>= PROCFS_OCTAL_SHIFT;
		n++;
	} while (value && n < PROCFS_OCTAL_DIGITS_MAX);
	while (n < digits)
		out[PROCFS_OCTAL_DIGITS_MAX - 1 - n++] = '0';
	procfs_text_bytes(t, out + PROCFS_OCTAL_DIGITS_MAX - n, n);
}
