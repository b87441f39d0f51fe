/*
 * SHA-crypt ($5$ SHA-256, $6$ SHA-512) as Ulrich Drepper specified it and
 * glibc/libxcrypt implement it; output strings are byte-identical to theirs.
 *
 * auth_crypt() is the crypt_r() of this library: a key and a setting in, a
 * full "$6$[rounds=N$]salt$hash" string out.  auth_crypt_compute() does the
 * same from an already parsed setting.  Keys are limited to
 * AUTH_PASSWORD_MAX bytes (libxcrypt's passphrase bound), because the work
 * grows with rounds times key length.  Intermediate digests and the key
 * sequences are wiped before return.
 */
#ifndef LIBAUTH_CRYPT_SHA_H
#define LIBAUTH_CRYPT_SHA_H

#include <stddef.h>

#include "libauth/crypt_setting.h"
#include "libauth/result.h"

#define AUTH_PASSWORD_MAX 512

/* AUTH_LIMIT when the key is too long or out_size too small (out is then ""). */
auth_result_t auth_crypt_compute(const char *key, size_t key_len, const auth_crypt_setting_t *setting,
				 char *out, size_t out_size, auth_reason_t *why);

/* key and setting NUL-terminated; setting parsed with auth_crypt_parse_setting(). */
auth_result_t auth_crypt(const char *key, const char *setting, char *out, size_t out_size,
			 auth_reason_t *why);

#endif
