/*
 * SHA-crypt string parsers (see crypt_setting.h for the two modes).
 *
 * Structure: identify the scheme prefix, then the optional rounds=N$ field,
 * then the salt, then (stored mode only) the hash.  Each step checks the
 * remaining length before it reads, so the input needs no terminator and a
 * short input can never be read past its end.
 */
#include <string.h>

#include "libauth/crypt_b64.h"
#include "libauth/crypt_setting.h"
#include "libauth/scheme_name.h"

#define ROUNDS_PREFIX "rounds="
#define ROUNDS_PREFIX_LEN (sizeof(ROUNDS_PREFIX) - 1)
#define SCHEME_PREFIX_LEN 3 /* "$5$" or "$6$" */
#define ROUNDS_MAX_DIGITS 9 /* canonical form of AUTH_ROUNDS_MAX */
#define DECIMAL_BASE 10u

typedef enum { PARSE_SETTING, PARSE_STORED } parse_mode_t;

size_t auth_crypt_hash_chars(auth_scheme_t scheme)
{
	return scheme == AUTH_SCHEME_SHA256 ? AUTH_SHA256_HASH_CHARS : AUTH_SHA512_HASH_CHARS;
}

static bool has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

static auth_result_t parse_scheme(const char *s, size_t len, auth_crypt_setting_t *out,
				  auth_reason_t *why)
{
	const char *other;

	if (has_prefix(s, len, "$5$")) {
		out->scheme = AUTH_SCHEME_SHA256;
		return AUTH_OK;
	}
	if (has_prefix(s, len, "$6$")) {
		out->scheme = AUTH_SCHEME_SHA512;
		return AUTH_OK;
	}
	other = auth_scheme_name_other(s, len);
	if (other) {
		auth_reason_set(why, 0, "unsupported hash scheme: %s", other);
		return AUTH_UNSUPPORTED;
	}
	auth_reason_set(why, 0, "not a SHA-crypt string: must start with $5$ or $6$");
	return AUTH_MALFORMED;
}

/*
 * rounds=N$ after the scheme prefix.  *pos is the index after "$5$"; on
 * success it moves past the '$' that ends the field.  No rounds= field
 * leaves the default.  Setting mode clamps and saturates like glibc;
 * stored mode demands the canonical in-range number glibc writes.
 */
static auth_result_t parse_rounds(const char *s, size_t len, size_t *pos, parse_mode_t mode,
				  auth_crypt_setting_t *out, auth_reason_t *why)
{
	size_t i = *pos;
	size_t digits = 0;
	uint64_t value = 0;

	out->rounds = AUTH_ROUNDS_DEFAULT;
	out->rounds_explicit = false;
	if (!has_prefix(s + i, len - i, ROUNDS_PREFIX))
		return AUTH_OK;
	i += ROUNDS_PREFIX_LEN;
	while (i < len && s[i] >= '0' && s[i] <= '9') {
		value = value * DECIMAL_BASE + (uint64_t)(s[i] - '0');
		if (value > AUTH_ROUNDS_MAX)
			value = (uint64_t)AUTH_ROUNDS_MAX + 1; /* saturate: "too many" stays too many */
		digits++;
		i++;
	}
	if (digits == 0 || i >= len || s[i] != '$') {
		auth_reason_set(why, 0, "rounds= must be followed by decimal digits and '$'");
		return AUTH_MALFORMED;
	}
	if (mode == PARSE_STORED) {
		if (s[*pos + ROUNDS_PREFIX_LEN] == '0' || digits > ROUNDS_MAX_DIGITS) {
			auth_reason_set(why, 0, "rounds= is not written in canonical form");
			return AUTH_MALFORMED;
		}
		if (value < AUTH_ROUNDS_MIN || value > AUTH_ROUNDS_MAX) {
			auth_reason_set(why, 0, "rounds= is outside %u..%u", AUTH_ROUNDS_MIN, AUTH_ROUNDS_MAX);
			return AUTH_MALFORMED;
		}
	}
	if (value < AUTH_ROUNDS_MIN)
		value = AUTH_ROUNDS_MIN;
	if (value > AUTH_ROUNDS_MAX)
		value = AUTH_ROUNDS_MAX;
	out->rounds = (uint32_t)value;
	out->rounds_explicit = true;
	*pos = i + 1;
	return AUTH_OK;
}

/* The salt runs to the next '$' or the end; *pos ends on that '$' (or len). */
static auth_result_t parse_salt(const char *s, size_t len, size_t *pos, parse_mode_t mode,
				auth_crypt_setting_t *out, auth_reason_t *why)
{
	size_t start = *pos;
	size_t i = start;

	while (i < len && s[i] != '$') {
		if (!auth_b64_is_char((unsigned char)s[i])) {
			auth_reason_set(why, 0, "salt character %zu is outside ./0-9A-Za-z", i - start + 1);
			return AUTH_MALFORMED;
		}
		i++;
	}
	if (mode == PARSE_STORED && i - start > AUTH_SALT_MAX) {
		auth_reason_set(why, 0, "salt is longer than %d characters", AUTH_SALT_MAX);
		return AUTH_MALFORMED;
	}
	out->salt_len = i - start > AUTH_SALT_MAX ? AUTH_SALT_MAX : i - start;
	memcpy(out->salt, s + start, out->salt_len);
	out->salt[out->salt_len] = '\0';
	*pos = i;
	return AUTH_OK;
}

static auth_result_t parse_hash_part(const char *s, size_t len, size_t pos,
				     auth_crypt_setting_t *out, auth_reason_t *why)
{
	size_t want = auth_crypt_hash_chars(out->scheme);

	if (pos >= len) {
		auth_reason_set(why, 0, "stored hash has no '$' and hash after the salt");
		return AUTH_MALFORMED;
	}
	pos++; /* the '$' that ended the salt */
	if (len - pos != want) {
		auth_reason_set(why, 0, "hash part must be exactly %zu characters, found %zu", want, len - pos);
		return AUTH_MALFORMED;
	}
	for (size_t i = 0; i < want; i++) {
		if (!auth_b64_is_char((unsigned char)s[pos + i])) {
			auth_reason_set(why, 0, "hash character %zu is outside ./0-9A-Za-z", i + 1);
			return AUTH_MALFORMED;
		}
	}
	memcpy(out->hash, s + pos, want);
	out->hash[want] = '\0';
	out->hash_len = want;
	return AUTH_OK;
}

static auth_result_t parse_common(const char *s, size_t len, parse_mode_t mode,
				  auth_crypt_setting_t *out, auth_reason_t *why)
{
	size_t pos = SCHEME_PREFIX_LEN;
	auth_result_t r;

	memset(out, 0, sizeof(*out));
	auth_reason_clear(why);
	if (!s) {
		auth_reason_set(why, 0, "no hash string");
		return AUTH_MALFORMED;
	}
	r = parse_scheme(s, len, out, why);
	if (r == AUTH_OK)
		r = parse_rounds(s, len, &pos, mode, out, why);
	if (r == AUTH_OK)
		r = parse_salt(s, len, &pos, mode, out, why);
	if (r == AUTH_OK && mode == PARSE_STORED)
		r = parse_hash_part(s, len, pos, out, why);
	return r;
}

auth_result_t auth_crypt_parse_setting(const char *s, size_t len, auth_crypt_setting_t *out,
				       auth_reason_t *why)
{
	return parse_common(s, len, PARSE_SETTING, out, why);
}

auth_result_t auth_crypt_parse_hash(const char *s, size_t len, auth_crypt_setting_t *out,
				    auth_reason_t *why)
{
	return parse_common(s, len, PARSE_STORED, out, why);
}
