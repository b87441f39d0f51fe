/*
 * The credential decision on file contents (see check.h).  The order of
 * work is fixed: look both files up, then verify exactly once; when there is
 * nothing to verify against, verify against a locked placeholder, which
 * costs the same as a real hash (verify.c hashes for every field class).
 */
#include <string.h>

#include "crypto/wipe.h"
#include "libauth/check.h"
#include "libauth/shadow.h"
#include "libauth/verify.h"

#define PASSWD_PATH "/etc/passwd"
#define SHADOW_PATH "/etc/shadow"
#define NO_ACCOUNT_FIELD "!" /* a locked placeholder: verified only for its cost */

/* "file: " in front of a reason that came from a file parser. */
static void reason_prefix_file(auth_reason_t *why, const char *path)
{
	auth_reason_t inner;

	if (!why)
		return;
	inner = *why;
	auth_reason_set(why, 0, "%s: %s", path, inner.text);
}

/* Spend the cost of one verification; the outcome is known to be a failure. */
static void burn_equal_time(const char *password)
{
	(void)auth_verify_hash(NO_ACCOUNT_FIELD, password ? password : "", NULL);
}

auth_result_t auth_check_files(const char *passwd, size_t passwd_len, const char *shadow,
			       size_t shadow_len, const char *user, const char *password,
			       auth_passwd_t *account, auth_reason_t *why)
{
	auth_shadow_t entry;
	auth_result_t r;

	auth_reason_clear(why);
	if (!user || !password || !account) {
		burn_equal_time(password);
		auth_reason_set(why, 0, "no user, password or result buffer");
		return AUTH_DENY;
	}
	r = auth_passwd_find_name(passwd, passwd_len, user, account, why);
	if (r != AUTH_OK) {
		burn_equal_time(password);
		if (r == AUTH_NOT_FOUND) {
			auth_reason_set(why, 0, "unknown user");
			return AUTH_DENY;
		}
		reason_prefix_file(why, PASSWD_PATH);
		return r;
	}
	r = auth_shadow_find_name(shadow, shadow_len, user, &entry, why);
	if (r != AUTH_OK) {
		burn_equal_time(password);
		if (r == AUTH_NOT_FOUND) {
			auth_reason_set(why, 0, "user has no shadow entry");
			return AUTH_DENY;
		}
		reason_prefix_file(why, SHADOW_PATH);
		return r;
	}
	r = auth_verify_password(&entry, password, why);
	crypto_wipe(&entry, sizeof(entry));
	return r;
}
