/*
 * Log lines (see slog.h).
 */
#include "slog/slog.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>

#include "civil/civil_time.h"
#include "glue/glue.h"
#include "uio/uio.h"

#define SLOG_CLOCK_REALTIME 0
#define SLOG_CUT_MARK "...\n"
#define SLOG_PRINTABLE_FIRST 0x20
#define SLOG_PRINTABLE_LAST 0x7e

size_t slog_format(char *out, int64_t epoch_sec, const char *tag, long pid, const char *text)
{
	civil_time_t t;
	civil_from_epoch(epoch_sec, &t);
	int n = snprintf(out, SLOG_LINE_MAX + 1, "%04lld-%02d-%02dT%02d:%02d:%02dZ %s[%ld]: ", (long long)t.year,
			 t.month, t.day, t.hour, t.minute, t.second, tag, pid);
	size_t len = n < 0 ? 0 : (size_t)n > SLOG_LINE_MAX ? SLOG_LINE_MAX : (size_t)n;
	for (const unsigned char *p = (const unsigned char *)text; *p && len < SLOG_LINE_MAX; p++)
		out[len++] = (*p >= SLOG_PRINTABLE_FIRST && *p <= SLOG_PRINTABLE_LAST) ? (char)*p : '?';
	if (len >= SLOG_LINE_MAX) {
		len = SLOG_LINE_MAX - (sizeof(SLOG_CUT_MARK) - 1);
		memcpy(out + len, SLOG_CUT_MARK, sizeof(SLOG_CUT_MARK) - 1);
		len += sizeof(SLOG_CUT_MARK) - 1;
	} else {
		out[len++] = '\n';
	}
	out[len] = '\0';
	return len;
}

long slog_append(const char *path, const char *tag, const char *fmt, ...)
{
	char text[SLOG_LINE_MAX + 1];
	char line[SLOG_LINE_MAX + 1];
	aegis_timespec_t now = { 0, 0 };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	sys_clock_gettime(SLOG_CLOCK_REALTIME, &now);
	size_t len = slog_format(line, now.tv_sec, tag, sys_getpid(), text);
	(void)sys_mkdir(SLOG_PARENT, SLOG_DIR_MODE);
	(void)sys_mkdir(SLOG_DIR, SLOG_DIR_MODE);
	long fd = sys_open(path, AEGIS_O_WRONLY | AEGIS_O_APPEND | AEGIS_O_CREAT | AEGIS_O_CLOEXEC, SLOG_FILE_MODE);
	if (fd < 0)
		return fd;
	long r = uio_write_all((int)fd, line, len);
	sys_close((int)fd);
	return r < 0 ? r : 0;
}
