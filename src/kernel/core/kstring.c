/*
 * Byte and string helpers for kernel code (see kstring.h for why the k prefix).
 * Plain byte loops: correctness first; the hot paths can specialise later.
 */
#include "core/kstring.h"

#include <stdint.h>

void *kmemcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *kmemmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if ((uintptr_t)d < (uintptr_t)s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

void *kmemset(void *dst, int byte, size_t n)
{
	unsigned char *d = dst;
	while (n--)
		*d++ = (unsigned char)byte;
	return dst;
}

int kmemcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++) {
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	}
	return 0;
}

size_t kstrlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t kstrnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int kstrncmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x != y)
			return x < y ? -1 : 1;
		if (x == 0)
			return 0;
	}
	return 0;
}

int kstrcmp(const char *a, const char *b)
{
	return kstrncmp(a, b, SIZE_MAX);
}

size_t kstrlcpy(char *dst, const char *src, size_t size)
{
	size_t len = kstrlen(src);
	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;
		kmemcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
