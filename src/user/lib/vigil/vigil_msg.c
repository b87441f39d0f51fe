/*
 * Vigil library: one-line error messages (spec/vigil.md VIG-002).
 * Pure libc (vsnprintf into a buffer); no system call.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vigil/vigil_msg.h"

#define MSG_FIRST_PRINTABLE 0x20
#define MSG_DEL 0x7f

static void msg_make_printable(char *msg)
{
	for (char *p = msg; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < MSG_FIRST_PRINTABLE || c == MSG_DEL)
			*p = '?';
	}
}

void vigil_msg_set(char *msg, const char *fmt, ...)
{
	va_list ap;

	if (msg == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, VIGIL_MSG_MAX, fmt, ap);
	va_end(ap);
	msg_make_printable(msg);
}

void vigil_msg_prefix(char *msg, const char *name, const char *file)
{
	char reason[VIGIL_MSG_MAX];

	if (msg == NULL)
		return;
	memcpy(reason, msg, VIGIL_MSG_MAX);
	reason[VIGIL_MSG_MAX - 1] = '\0';
	vigil_msg_set(msg, "service '%s': %s: %s", name, file, reason);
}
