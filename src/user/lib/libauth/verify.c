/*
 * Password verification (see verify.h).
 *
 * Order: classify the shadow field without hashing; for a SHA-crypt hash
 * parse it strictly, recompute from the password and the stored setting and
 * compare the whole strings in constant time.  For every class that cannot
 * authenticate, hash the password once against a fixed default-cost setting
 * and throw the result away, so the caller's response time is the same.
 */
#include <string.h>

#include "crypto/ct_equal.h"
#include "crypto/wipe.h"
#include "libauth/crypt_setting.h"
#include "libauth/crypt_sha.h"
#include "libauth/scheme_name.h"
#include "libauth/verify.h"

#define LOCK_MARK '!'
/* Same cost as a default $6$ hash: 5000 rounds, a 16-character salt. */
#define DUMMY_SETTING "$6$aegisdummysalt"

auth_hash_kind_t auth_hash_classify(const char *field)
{
	size_t len;

	if (!field || field[0] == '\0')
		return AUTH_HASH_EMPTY;
	if (field[0] == LOCK_MARK)
		return AUTH_HASH_LOCKED;
	len = strlen(field);
	if (len >= 3 && (memcmp(field, "$5$", 3) == 0 || memcmp(field, "$6$", 3) == 0))
		return AUTH_HASH_SHA_CRYPT;
	if (auth_scheme_name_other(field, len))
		return AUTH_HASH_UNSUPPORTED;
	return AUTH_HASH_DISABLED;
}

/* Length of password up to limit + 1, to tell "too long" without reading far past it. */
static size_t password_len(const char *password, size_t limit)
{
	size_t n = 0;

	while (n <= limit && password[n] != '\0')
		n++;
	return n;
}

/* Spend the time one real verification would take; the result is discarded. */
static void burn_equal_time(const char *password, size_t len)
{
	auth_crypt_setting_t dummy;
	char out[AUTH_CRYPT_MAX];

	if (auth_crypt_parse_setting(DUMMY_SETTING, strlen(DUMMY_SETTING), &dummy, NULL) == AUTH_OK)
		(void)auth_crypt_compute(password, len, &dummy, out, sizeof(out), NULL);
	crypto_wipe(out, sizeof(out));
}

static auth_result_t verify_sha_crypt(const char *stored, const char *password, size_t pw_len,
				      auth_reason_t *why)
{
	auth_crypt_setting_t setting;
	char computed[AUTH_CRYPT_MAX];
	size_t stored_len = strlen(stored);
	auth_result_t r;

	r = auth_crypt_parse_hash(stored, stored_len, &setting, why);
	if (r != AUTH_OK) {
		burn_equal_time(password, pw_len);
		return r;
	}
	r = auth_crypt_compute(password, pw_len, &setting, computed, sizeof(computed), why);
	if (r != AUTH_OK)
		return r == AUTH_LIMIT ? AUTH_DENY : r;
	/* Same parse rules produced both, so equal lengths unless something is off. */
	if (strlen(computed) != stored_len || !crypto_ct_equal(computed, stored, stored_len)) {
		r = AUTH_DENY;
		auth_reason_set(why, 0, "password does not match");
	} else {
		auth_reason_clear(why);
	}
	crypto_wipe(computed, sizeof(computed));
	return r;
}

auth_result_t auth_verify_hash(const char *stored, const char *password, auth_reason_t *why)
{
	size_t pw_len;

	auth_reason_clear(why);
	if (!password) {
		auth_reason_set(why, 0, "no password given");
		return AUTH_DENY;
	}
	pw_len = password_len(password, AUTH_PASSWORD_MAX);
	if (pw_len > AUTH_PASSWORD_MAX) {
		auth_reason_set(why, 0, "password longer than %d bytes", AUTH_PASSWORD_MAX);
		return AUTH_DENY;
	}

	switch (auth_hash_classify(stored)) {
	case AUTH_HASH_SHA_CRYPT:
		return verify_sha_crypt(stored, password, pw_len, why);
	case AUTH_HASH_LOCKED:
		burn_equal_time(password, pw_len);
		auth_reason_set(why, 0, "account is locked");
		return AUTH_DENY;
	case AUTH_HASH_EMPTY:
		burn_equal_time(password, pw_len);
		auth_reason_set(why, 0, "account has no password");
		return AUTH_DENY;
	case AUTH_HASH_UNSUPPORTED:
		burn_equal_time(password, pw_len);
		auth_reason_set(why, 0, "unsupported hash scheme: %s",
				auth_scheme_name_other(stored, strlen(stored)));
		return AUTH_UNSUPPORTED;
	case AUTH_HASH_DISABLED:
		break;
	}
	burn_equal_time(password, pw_len);
	auth_reason_set(why, 0, "password login is disabled");
	return AUTH_DENY;
}

auth_result_t auth_verify_password(const auth_shadow_t *entry, const char *password,
				   auth_reason_t *why)
{
	if (!entry) {
		auth_reason_set(why, 0, "no shadow entry");
		return AUTH_DENY;
	}
	return auth_verify_hash(entry->hash, password, why);
}
