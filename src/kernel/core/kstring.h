/*
 * Byte and string helpers for kernel code.
 *
 * The kernel links against no C library (and in the sim must not clash with
 * the host's), so these carry a k prefix.  The compiler may still emit calls
 * to memcpy/memset for structure copies: each platform provides those four
 * symbols (the sim through the host libc, x86_64 in src/arch/x86_64/).
 */
#ifndef AEGIS_KERNEL_KSTRING_H
#define AEGIS_KERNEL_KSTRING_H

#include <stddef.h>

void *kmemcpy(void *dst, const void *src, size_t n);
void *kmemmove(void *dst, const void *src, size_t n);
void *kmemset(void *dst, int byte, size_t n);
int kmemcmp(const void *a, const void *b, size_t n);
size_t kstrlen(const char *s);
size_t kstrnlen(const char *s, size_t max);
int kstrcmp(const char *a, const char *b);
int kstrncmp(const char *a, const char *b, size_t n);

/* Copy at most size-1 bytes and always terminate; returns strlen(src). */
size_t kstrlcpy(char *dst, const char *src, size_t size);

#endif
