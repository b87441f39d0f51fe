/*
 * Password verification against a stored /etc/shadow hash field.
 *
 * The field is classified first (shadow(5)): '!' prefix locked, empty no
 * password, '$5$'/'$6$' a SHA-crypt hash, another crypt scheme
 * unsupported, anything else ('*', 'x') disabled.  Only a valid SHA-crypt
 * hash can authenticate; for every other class the password is still hashed
 * once with the default cost, so timing does not tell the classes apart.
 * The recomputed string is compared with crypto_ct_equal.
 */
#ifndef LIBAUTH_VERIFY_H
#define LIBAUTH_VERIFY_H

#include "libauth/result.h"
#include "libauth/shadow.h"

typedef enum {
	AUTH_HASH_SHA_CRYPT,  /* $5$ or $6$: may authenticate if well formed */
	AUTH_HASH_LOCKED,     /* starts with '!' */
	AUTH_HASH_EMPTY,      /* no password: never allowed */
	AUTH_HASH_DISABLED,   /* '*' or any other non-hash text */
	AUTH_HASH_UNSUPPORTED /* another crypt scheme */
} auth_hash_kind_t;

auth_hash_kind_t auth_hash_classify(const char *field);

/* AUTH_OK, AUTH_DENY, AUTH_MALFORMED or AUTH_UNSUPPORTED, with a reason. */
auth_result_t auth_verify_hash(const char *stored, const char *password, auth_reason_t *why);
auth_result_t auth_verify_password(const auth_shadow_t *entry, const char *password,
				   auth_reason_t *why);

#endif
