/*
 * Fuzz harness for the /etc/shadow parser (src/user/lib/libauth/shadow.c)
 * and the hash-field classification of verify.c.
 *
 * Supports spec/auth-flow.md AUTH-044, and through it AUTH-030..035,
 * AUTH-037, AUTH-040, AUTH-041 and AUTH-021: any bytes are a file; every
 * accepted entry has terminated fields in its storage, a valid name, day
 * fields unset or in range; rejections carry one-line reasons; a name
 * lookup never succeeds on a file with a bad line.  Hash fields are only
 * classified here (hashing every entry would make fuzzing slow); a field
 * that is locked, empty or disabled must never be classified as a hash.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "auth-flow/fuzz_support.h"
#include "fuzz.h"

#define H "shadow"
#define KEY_MAX 64

static void check_day(int64_t v)
{
	if (v != AUTH_SHADOW_UNSET && (v < 0 || v > (int64_t)AUTH_DAYS_MAX))
		auth_fuzz_fail(H, "day field out of range");
}

int fuzz_one(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	auth_file_iter_t it;
	static auth_shadow_t e, found;
	auth_reason_t why;
	auth_result_t r;
	size_t good = 0, bad = 0, counted = 0;
	char key[KEY_MAX];

	auth_file_iter_init(&it, buf, size);
	while ((r = auth_shadow_next(&it, &e, &why)) != AUTH_NOT_FOUND) {
		auth_fuzz_check_reason(H, r, &why);
		if (good + bad > size + 1)
			auth_fuzz_fail(H, "iteration does not end");
		if (r != AUTH_OK) {
			bad++;
			continue;
		}
		good++;
		auth_fuzz_check_inside(H, e.name, e.storage, sizeof(e.storage));
		auth_fuzz_check_inside(H, e.hash, e.storage, sizeof(e.storage));
		auth_fuzz_check_name(H, e.name);
		check_day(e.last_change);
		check_day(e.min_age);
		check_day(e.max_age);
		check_day(e.warn_days);
		check_day(e.inactive_days);
		check_day(e.expire_day);
		auth_hash_kind_t kind = auth_hash_classify(e.hash);
		if (kind == AUTH_HASH_SHA_CRYPT && (e.hash[0] != '$' || strlen(e.hash) < 3))
			auth_fuzz_fail(H, "a non-hash field classified as SHA-crypt");
		if ((e.hash[0] == '!' && kind != AUTH_HASH_LOCKED) || (e.hash[0] == '\0' && kind != AUTH_HASH_EMPTY))
			auth_fuzz_fail(H, "locked or empty field not classified as such");
	}

	r = auth_shadow_validate(buf, size, &counted, &why);
	auth_fuzz_check_reason(H, r, &why);
	if ((r == AUTH_OK) != (bad == 0) || (r == AUTH_OK && counted != good))
		auth_fuzz_fail(H, "validate disagrees with iteration");

	auth_fuzz_first_token(data, size, key, sizeof(key));
	r = auth_shadow_find_name(buf, size, key, &found, &why);
	auth_fuzz_check_reason(H, r, &why);
	if (r == AUTH_OK && (bad > 0 || strcmp(found.name, key) != 0))
		auth_fuzz_fail(H, "lookup succeeded on a bad file or returned another name");
	return 0;
}
