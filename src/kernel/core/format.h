/*
 * printf-style formatting into a caller's buffer, for kernel logs and procfs.
 *
 * Supports %d %i %u %x %X %p %s %c %% with the flags '-' and '0', a field
 * width, and the length modifiers hh h l ll z.  Output is always terminated;
 * the return value is the length the full output would have had (as C99's
 * vsnprintf), so truncation is visible to the caller.  Unknown conversions
 * are copied literally rather than guessed at.
 */
#ifndef AEGIS_KERNEL_FORMAT_H
#define AEGIS_KERNEL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

size_t kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__attribute__((format(printf, 3, 4))) size_t ksnprintf(char *buf, size_t size, const char *fmt, ...);

#endif
