/*
 * The system log of Aegis's services (spec/auth-flow.md AUTH-077): plain
 * text files under /var/log, one line per event,
 *   2026-12-07T11:22:33Z login[12]: text
 * appended in one write with O_APPEND, so lines from several processes never
 * interleave.  Control bytes and bytes above 0x7e in the text become '?', so
 * nothing a user typed can forge a line or reach a terminal that shows the
 * log.  Lines longer than SLOG_LINE_MAX are cut, ending in "...\n".
 */
#ifndef AEGIS_SLOG_H
#define AEGIS_SLOG_H

#include <stddef.h>
#include <stdint.h>

#define SLOG_PARENT "/var"
#define SLOG_DIR "/var/log"
#define SLOG_AUTH "/var/log/auth.log" /* logins and their failures; mode 0600, root's */
#define SLOG_LINE_MAX 512
#define SLOG_FILE_MODE 0600u
#define SLOG_DIR_MODE 0755u

/* Format one line into out (SLOG_LINE_MAX + 1 bytes); returns its length. */
size_t slog_format(char *out, int64_t epoch_sec, const char *tag, long pid, const char *text);

/* Append one line to path (made if missing, with /var and /var/log); returns 0 or -errno. */
long slog_append(const char *path, const char *tag, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
