/*
 * Invariant checks shared by the libauth fuzz harnesses (fuzz/passwd,
 * fuzz/shadow, fuzz/group, fuzz/crypt-string).  Header-only so each harness
 * stays one file for the fuzz frame.  A broken invariant aborts, which the
 * replay counts as a failure and AFL++ records as a crash.
 */
#ifndef AUTH_FUZZ_SUPPORT_H
#define AUTH_FUZZ_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libauth/auth.h"

__attribute__((noreturn)) static inline void auth_fuzz_fail(const char *harness, const char *what)
{
	fprintf(stderr, "%s harness: invariant broken: %s\n", harness, what);
	abort();
}

/* Failure: a non-empty printable one-line reason. Success: an empty one (AUTH-017). */
static inline void auth_fuzz_check_reason(const char *harness, auth_result_t r, const auth_reason_t *why)
{
	size_t n = strnlen(why->text, sizeof(why->text));

	if (n == sizeof(why->text))
		auth_fuzz_fail(harness, "reason not terminated");
	if (r != AUTH_OK && r != AUTH_NOT_FOUND && n == 0)
		auth_fuzz_fail(harness, "failure without a reason");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)why->text[i];
		if (c < 0x20 || c >= 0x7f)
			auth_fuzz_fail(harness, "reason holds a control or non-ASCII byte");
	}
}

/* s must be a terminated string inside [base, base + size). */
static inline void auth_fuzz_check_inside(const char *harness, const char *s, const char *base, size_t size)
{
	if (!s || s < base || s >= base + size)
		auth_fuzz_fail(harness, "field outside the entry's storage");
	if (!memchr(s, '\0', (size_t)(base + size - s)))
		auth_fuzz_fail(harness, "field not terminated inside the storage");
}

/* A parsed name follows AUTH-034. */
static inline void auth_fuzz_check_name(const char *harness, const char *name)
{
	auth_reason_t why;

	if (auth_field_name(name, 1, "name", &why) != AUTH_OK)
		auth_fuzz_fail(harness, "accepted entry has an invalid name");
}

/* The fuzz input's first line (up to LF, at most 64 bytes, NUL-terminated) as a lookup key. */
static inline void auth_fuzz_first_token(const uint8_t *data, size_t size, char *out, size_t out_size)
{
	size_t n = 0;

	while (n < size && n + 1 < out_size && data[n] != '\n' && data[n] != ':')
		n++;
	memcpy(out, data, n);
	out[n] = '\0';
}

#endif
