/*
 * echo -e's escapes as GNU echo decodes them: \\ \a \b \c \e \f \n \r \t
 * \v, \0NNN and \NNN (up to three octal digits after the 0, or in all),
 * \xHH (one or two hex digits; without one the backslash stays), and a
 * backslash before any other character stays as it is.
 */
#include "echo_escape.h"

#include <ctype.h>
#include <string.h>

#define ECHO_OCTAL_DIGITS 3
#define ECHO_HEX_DIGITS 2
#define ECHO_OCTAL_BASE 8
#define ECHO_HEX_BASE 16

static const char simple_from[] = "\\abefnrtv";
static const char simple_to[] = "\\\a\b\033\f\n\r\t\v";

static int echo_hex_value(char c)
{
	return isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
}

/* Decode the escape after a backslash at *s (advanced past it); -1 for \c, -2 when not an escape. */
static int echo_escape_one(const char **s)
{
	const char *p = *s;
	const char *simple = *p ? strchr(simple_from, *p) : NULL;
	int value = 0, digits = 0;

	if (simple) {
		*s = p + 1;
		return (unsigned char)simple_to[simple - simple_from];
	}
	if (*p == 'c')
		return -1;
	if (*p == 'x') {
		for (p++; digits < ECHO_HEX_DIGITS && isxdigit((unsigned char)*p); digits++, p++)
			value = value * ECHO_HEX_BASE + echo_hex_value(*p);
		if (digits == 0)
			return -2;
		*s = p;
		return value & 0xff;
	}
	if (*p >= '0' && *p <= '7') {
		if (*p == '0')
			p++;
		for (; digits < ECHO_OCTAL_DIGITS && *p >= '0' && *p <= '7'; digits++, p++)
			value = value * ECHO_OCTAL_BASE + (*p - '0');
		*s = p;
		return value & 0xff;
	}
	return -2;
}

bool echo_escape_write(cu_out_t *out, const char *s)
{
	while (*s) {
		if (*s != '\\') {
			cu_out_char(out, *s++);
			continue;
		}
		s++;
		int c = echo_escape_one(&s);
		if (c == -1)
			return false;
		if (c == -2)
			cu_out_char(out, '\\');
		else
			cu_out_char(out, (char)c);
	}
	return true;
}
