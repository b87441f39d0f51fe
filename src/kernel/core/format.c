/*
 * printf-style formatting for the kernel (see format.h for what is supported).
 *
 * One output cursor struct tracks the buffer and the would-be length; every
 * conversion goes through emit_char, so nothing writes past size-1.
 */
#include "core/format.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	char *buf;
	size_t size;
	size_t len; /* characters the full output needs */
} format_out_t;

static void emit_char(format_out_t *out, char c)
{
	if (out->size > 0 && out->len < out->size - 1)
		out->buf[out->len] = c;
	out->len++;
}

static void emit_padded(format_out_t *out, const char *s, size_t n, unsigned width, bool left, char pad)
{
	size_t fill = width > n ? width - n : 0;
	if (!left) {
		/* Zero padding goes after a sign, space padding before it. */
		if (pad == '0' && n > 0 && s[0] == '-') {
			emit_char(out, '-');
			s++;
			n--;
		}
		while (fill--)
			emit_char(out, pad);
	}
	for (size_t i = 0; i < n; i++)
		emit_char(out, s[i]);
	if (left) {
		while (fill--)
			emit_char(out, ' ');
	}
}

/* Digits of v in base, most significant first, into tmp (at least 24 bytes). */
static size_t format_unsigned(char *tmp, uint64_t v, unsigned base, bool upper, bool negative)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	size_t n = 0;
	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v);
	size_t k = 0;
	if (negative)
		tmp[k++] = '-';
	while (n)
		tmp[k++] = rev[--n];
	return k;
}

size_t kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	format_out_t out = {buf, size, 0};
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			emit_char(&out, *p);
			continue;
		}
		const char *start = p++;
		bool left = false;
		char pad = ' ';
		for (;; p++) {
			if (*p == '-')
				left = true;
			else if (*p == '0')
				pad = '0';
			else
				break;
		}
		unsigned width = 0;
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (unsigned)(*p++ - '0');
		int longs = 0; /* -2 hh, -1 h, 0 int, 1 long, 2 long long/size_t */
		for (;; p++) {
			if (*p == 'l')
				longs++;
			else if (*p == 'z')
				longs = 2;
			else if (*p == 'h')
				longs--;
			else
				break;
		}
		char tmp[24];
		switch (*p) {
		case 'd':
		case 'i': {
			int64_t v = longs >= 2 ? va_arg(ap, long long) : longs == 1 ? va_arg(ap, long) : va_arg(ap, int);
			if (longs == -1)
				v = (short)v;
			else if (longs <= -2)
				v = (signed char)v;
			uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
			emit_padded(&out, tmp, format_unsigned(tmp, mag, 10, false, v < 0), width, left, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			uint64_t v = longs >= 2 ? va_arg(ap, unsigned long long)
			             : longs == 1 ? va_arg(ap, unsigned long)
			                          : va_arg(ap, unsigned int);
			if (longs == -1)
				v = (unsigned short)v;
			else if (longs <= -2)
				v = (unsigned char)v;
			unsigned base = *p == 'u' ? 10 : 16;
			emit_padded(&out, tmp, format_unsigned(tmp, v, base, *p == 'X', false), width, left, pad);
			break;
		}
		case 'p': {
			uintptr_t v = (uintptr_t)va_arg(ap, void *);
			emit_char(&out, '0');
			emit_char(&out, 'x');
			emit_padded(&out, tmp, format_unsigned(tmp, v, 16, false, false), 16, false, '0');
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t n = 0;
			while (s[n])
				n++;
			emit_padded(&out, s, n, width, left, ' ');
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			emit_padded(&out, &c, 1, width, left, ' ');
			break;
		}
		case '%':
			emit_char(&out, '%');
			break;
		default:
			/* Unknown or truncated conversion: copy it as written. */
			for (const char *q = start; q <= p && *q; q++)
				emit_char(&out, *q);
			if (!*p)
				p--;
			break;
		}
	}
	if (size > 0)
		buf[out.len < size ? out.len : size - 1] = '\0';
	return out.len;
}

size_t ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
