/*
 * Fuzz harness for the SHA-crypt string parsers (src/user/lib/libauth/
 * crypt_setting.c) and, for cheap settings, SHA-crypt and verification.
 *
 * Supports spec/auth-flow.md AUTH-044, and through it AUTH-011, AUTH-012,
 * AUTH-014, AUTH-015, AUTH-017 and AUTH-020.  The input is
 * "hash-or-setting" NUL "key": both parsers see the first part as exact
 * (pointer, length) bytes.  Invariants: results are one of the documented
 * ones with a one-line reason; an accepted stored hash is one the setting
 * parser also accepts with the same fields; rounds, salt and hash lengths are
 * inside their bounds; for settings at the minimum cost (1000 rounds, so a
 * run stays fast) the computed string parses as a stored hash and verifies
 * with its key, and a stored hash verifies exactly when recomputing it gives
 * the same string.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "auth-flow/fuzz_support.h"
#include "fuzz.h"

#define H "crypt-string"
#define CHEAP_ROUNDS AUTH_ROUNDS_MIN

static void check_setting(const auth_crypt_setting_t *st)
{
	if (st->scheme != AUTH_SCHEME_SHA256 && st->scheme != AUTH_SCHEME_SHA512)
		auth_fuzz_fail(H, "unknown scheme accepted");
	if (st->rounds < AUTH_ROUNDS_MIN || st->rounds > AUTH_ROUNDS_MAX)
		auth_fuzz_fail(H, "rounds outside the clamp range");
	if (st->salt_len > AUTH_SALT_MAX || strlen(st->salt) != st->salt_len)
		auth_fuzz_fail(H, "salt length wrong");
}

int fuzz_one(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const uint8_t *nul = memchr(data, '\0', size);
	size_t s_len = nul ? (size_t)(nul - data) : size;
	char key[AUTH_PASSWORD_MAX + 1];
	char stored[AUTH_CRYPT_MAX];
	char out[AUTH_CRYPT_MAX];
	auth_crypt_setting_t st, st2;
	auth_reason_t why;
	auth_result_t r, r2;

	size_t key_len = nul ? size - s_len - 1 : 0;
	if (key_len > AUTH_PASSWORD_MAX)
		key_len = AUTH_PASSWORD_MAX;
	if (nul)
		memcpy(key, nul + 1, key_len);
	key[key_len] = '\0';
	key_len = strlen(key);

	r = auth_crypt_parse_setting(s, s_len, &st, &why);
	auth_fuzz_check_reason(H, r, &why);
	if (r != AUTH_OK && r != AUTH_MALFORMED && r != AUTH_UNSUPPORTED)
		auth_fuzz_fail(H, "setting parser returned an undocumented result");
	if (r == AUTH_OK) {
		check_setting(&st);
		if (st.rounds == CHEAP_ROUNDS) {
			r2 = auth_crypt_compute(key, key_len, &st, out, sizeof(out), &why);
			if (r2 != AUTH_OK)
				auth_fuzz_fail(H, "compute failed on an accepted setting");
			if (auth_crypt_parse_hash(out, strlen(out), &st2, &why) != AUTH_OK)
				auth_fuzz_fail(H, "computed string is not a valid stored hash");
			if (auth_verify_hash(out, key, &why) != AUTH_OK)
				auth_fuzz_fail(H, "computed string does not verify with its key");
		}
	}

	r2 = auth_crypt_parse_hash(s, s_len, &st2, &why);
	auth_fuzz_check_reason(H, r2, &why);
	if (r2 != AUTH_OK && r2 != AUTH_MALFORMED && r2 != AUTH_UNSUPPORTED)
		auth_fuzz_fail(H, "hash parser returned an undocumented result");
	if (r2 == AUTH_OK) {
		check_setting(&st2);
		if (r != AUTH_OK || st.scheme != st2.scheme || st.rounds != st2.rounds ||
		    st.rounds_explicit != st2.rounds_explicit || strcmp(st.salt, st2.salt) != 0)
			auth_fuzz_fail(H, "stored-hash parse disagrees with setting parse");
		if (st2.hash_len != auth_crypt_hash_chars(st2.scheme) || strlen(st2.hash) != st2.hash_len)
			auth_fuzz_fail(H, "hash part length wrong");
		if (st2.rounds == CHEAP_ROUNDS && s_len < sizeof(stored)) {
			memcpy(stored, s, s_len);
			stored[s_len] = '\0';
			bool same = auth_crypt_compute(key, key_len, &st2, out, sizeof(out), NULL) == AUTH_OK &&
				    strcmp(out, stored) == 0;
			if ((auth_verify_hash(stored, key, &why) == AUTH_OK) != same)
				auth_fuzz_fail(H, "verification disagrees with recomputation");
		}
	}
	if (r2 == AUTH_UNSUPPORTED && r != AUTH_UNSUPPORTED)
		auth_fuzz_fail(H, "parsers disagree on an unsupported scheme");
	return 0;
}
