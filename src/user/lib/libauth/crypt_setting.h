/*
 * Parsing SHA-crypt strings: "$5$[rounds=N$]salt[$hash]" and the same with $6$.
 *
 * Two modes, because the two uses have different rules:
 *
 *  - auth_crypt_parse_setting() reads a *setting*, the second argument of
 *    crypt(3), and follows glibc/libxcrypt so results are identical: rounds
 *    are clamped into [1000, 999999999], an explicit rounds= (even 5000) is
 *    remembered so the output repeats it, a salt longer than 16 characters
 *    is cut to 16 (the algorithm's definition; the output shows the salt
 *    used), and anything after the salt's closing '$' is ignored (it is the
 *    old hash when a stored hash is passed as the setting).
 *
 *  - auth_crypt_parse_hash() reads a *stored hash* from /etc/shadow and is
 *    strict, since a valid stored hash is always the output of the first
 *    mode: rounds written canonically (no leading zero) and inside the
 *    range, salt at most 16 characters, and exactly 43 ($5$) or 86 ($6$)
 *    hash characters, with nothing after them.
 *
 * In both modes salt characters must come from the crypt base64 alphabet
 * "./0-9A-Za-z".  glibc accepts any byte but '$'; no standard tool writes
 * such salts, and ':' or a newline in a salt would break the shadow format.
 * Known other schemes ($1$, $2b$, $y$, ...) are named in the reason and
 * give AUTH_UNSUPPORTED; everything else gives AUTH_MALFORMED.
 * Inputs are (pointer, length), may hold any bytes, and need no terminator.
 */
#ifndef LIBAUTH_CRYPT_SETTING_H
#define LIBAUTH_CRYPT_SETTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libauth/result.h"

#define AUTH_SALT_MAX 16
#define AUTH_ROUNDS_DEFAULT 5000u
#define AUTH_ROUNDS_MIN 1000u
#define AUTH_ROUNDS_MAX 999999999u
#define AUTH_SHA256_HASH_CHARS 43
#define AUTH_SHA512_HASH_CHARS 86
/* Longest string: "$6$rounds=999999999$" + 16-char salt + "$" + 86 chars = 123, plus NUL. */
#define AUTH_CRYPT_MAX 128

typedef enum {
	AUTH_SCHEME_SHA256 = 5,
	AUTH_SCHEME_SHA512 = 6,
} auth_scheme_t;

typedef struct {
	auth_scheme_t scheme;
	uint32_t rounds;      /* after clamping */
	bool rounds_explicit; /* the string said rounds=; the output must say it too */
	char salt[AUTH_SALT_MAX + 1];
	size_t salt_len;
	char hash[AUTH_SHA512_HASH_CHARS + 1]; /* auth_crypt_parse_hash only; else "" */
	size_t hash_len;
} auth_crypt_setting_t;

auth_result_t auth_crypt_parse_setting(const char *s, size_t len, auth_crypt_setting_t *out,
				       auth_reason_t *why);
auth_result_t auth_crypt_parse_hash(const char *s, size_t len, auth_crypt_setting_t *out,
				    auth_reason_t *why);

/* Number of hash characters the scheme produces (43 or 86). */
size_t auth_crypt_hash_chars(auth_scheme_t scheme);

#endif
