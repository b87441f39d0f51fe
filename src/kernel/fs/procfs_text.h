/*
 * A bounded text builder for the generated files of /proc: appends go into a
 * caller's buffer of cap bytes, which stays NUL-terminated, and the length
 * the whole text would have is counted past the end, as snprintf counts, so
 * a generator returns it and the caller sees a cut (spec/filesystems.md
 * FS-080).
 */
#ifndef AEGIS_FS_PROCFS_TEXT_H
#define AEGIS_FS_PROCFS_TEXT_H

#include <stddef.h>

typedef struct {
	char *buf;
	size_t cap; /* bytes of buf, the NUL included */
	size_t len; /* length of the whole text so far (may pass cap - 1) */
} procfs_text_t;

/* Start an empty text in buf (cap may be 0: then nothing is ever written). */
void procfs_text_init(procfs_text_t *t, char *buf, size_t cap);

/* Append formatted text (format.h's conversions). */
__attribute__((format(printf, 2, 3))) void procfs_text_printf(procfs_text_t *t, const char *fmt, ...);

/* Append len raw bytes (NULs included). */
void procfs_text_bytes(procfs_text_t *t, const void *bytes, size_t len);

/* Append spaces until the current line is column characters long (nothing when it already is). */
void procfs_text_pad(procfs_text_t *t, size_t line_start, size_t column);

/* Append value in octal, at least digits digits with leading zeros. */
void procfs_text_octal(procfs_text_t *t, unsigned value, unsigned digits);

#endif
