/*
 * The SHA-crypt algorithm, one body for both digest sizes.
 *
 * The steps (names as in Drepper's description):
 *   B  = H(key salt key)
 *   A  = H(key salt, then B repeated over key-length bytes, then for each
 *        bit of the key length from the lowest: B if the bit is 1, key if 0)
 *   DP = H(key repeated key-length times);  P = DP stretched to key length
 *   DS = H(salt repeated 16 + A[0] times);  S = DS stretched to salt length
 *   C  = A, then for each round r: H(P or C, S unless r%3==0,
 *        P unless r%7==0, C or P) with odd rounds starting with P
 * and C is written in crypt base64 with a fixed byte order per digest size.
 * A small table of function pointers hides which SHA is used.  Branches
 * depend on the round number and the key length only, never on key bytes.
 */
#include <stdio.h>
#include <string.h>

#include "crypto/sha256.h"
#include "crypto/sha512.h"
#include "crypto/wipe.h"
#include "libauth/crypt_b64.h"
#include "libauth/crypt_sha.h"

#define DIGEST_MAX CRYPTO_SHA512_DIGEST_SIZE
#define DS_BASE_REPEATS 16u
#define SKIP_SALT_EVERY 3u
#define SKIP_KEY_EVERY 7u
#define GROUP_BYTES 3

typedef union {
	crypto_sha256_ctx_t s256;
	crypto_sha512_ctx_t s512;
} sha_ctx_t;

typedef struct {
	size_t digest_size;
	void (*init)(sha_ctx_t *ctx);
	void (*update)(sha_ctx_t *ctx, const void *data, size_t len);
	void (*final)(sha_ctx_t *ctx, uint8_t *digest);
	/* Output order: digest byte indices, three per base64 group, the last group short. */
	const uint8_t (*groups)[GROUP_BYTES];
	size_t full_groups;
	uint8_t tail[GROUP_BYTES]; /* last group; index DIGEST_MAX means "a zero byte" */
	unsigned tail_chars;
} sha_ops_t;

static void s256_init(sha_ctx_t *c) { crypto_sha256_init(&c->s256); }
static void s256_update(sha_ctx_t *c, const void *d, size_t n) { crypto_sha256_update(&c->s256, d, n); }
static void s256_final(sha_ctx_t *c, uint8_t *out) { crypto_sha256_final(&c->s256, out); }
static void s512_init(sha_ctx_t *c) { crypto_sha512_init(&c->s512); }
static void s512_update(sha_ctx_t *c, const void *d, size_t n) { crypto_sha512_update(&c->s512, d, n); }
static void s512_final(sha_ctx_t *c, uint8_t *out) { crypto_sha512_final(&c->s512, out); }

#define ZERO_BYTE DIGEST_MAX

/* Byte order of the $5$ encoding: groups of (i, i+10, i+20) rotated by i mod 3. */
static const uint8_t sha256_groups[][GROUP_BYTES] = {
	{0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14},
	{15, 25, 5}, {6, 16, 26}, {27, 7, 17}, {18, 28, 8}, {9, 19, 29},
};

/* Byte order of the $6$ encoding: groups of (i, i+21, i+42) rotated the other way. */
static const uint8_t sha512_groups[][GROUP_BYTES] = {
	{0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4},
	{47, 5, 26}, {6, 27, 48}, {28, 49, 7}, {50, 8, 29}, {9, 30, 51},
	{31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13}, {56, 14, 35},
	{15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19},
	{62, 20, 41},
};

static const sha_ops_t sha256_ops = {
	CRYPTO_SHA256_DIGEST_SIZE, s256_init, s256_update, s256_final,
	sha256_groups, sizeof(sha256_groups) / sizeof(sha256_groups[0]),
	{ZERO_BYTE, 31, 30}, 3,
};

static const sha_ops_t sha512_ops = {
	CRYPTO_SHA512_DIGEST_SIZE, s512_init, s512_update, s512_final,
	sha512_groups, sizeof(sha512_groups) / sizeof(sha512_groups[0]),
	{ZERO_BYTE, ZERO_BYTE, 63}, 2,
};

/* Fill seq[0..len) with digest repeated (the P and S sequences). */
static void stretch(uint8_t *seq, size_t len, const uint8_t *digest, size_t digest_size)
{
	for (size_t i = 0; i < len; i++)
		seq[i] = digest[i % digest_size];
}

static void sha_crypt_digest(const sha_ops_t *ops, const uint8_t *key, size_t key_len,
			     const uint8_t *salt, size_t salt_len, uint32_t rounds,
			     uint8_t result[DIGEST_MAX])
{
	const size_t hd = ops->digest_size;
	sha_ctx_t ctx;
	uint8_t b[DIGEST_MAX], a[DIGEST_MAX], dp[DIGEST_MAX], ds[DIGEST_MAX];
	uint8_t p_seq[AUTH_PASSWORD_MAX], s_seq[AUTH_SALT_MAX];
	size_t n;

	ops->init(&ctx);
	ops->update(&ctx, key, key_len);
	ops->update(&ctx, salt, salt_len);
	ops->update(&ctx, key, key_len);
	ops->final(&ctx, b);

	ops->init(&ctx);
	ops->update(&ctx, key, key_len);
	ops->update(&ctx, salt, salt_len);
	for (n = key_len; n > hd; n -= hd)
		ops->update(&ctx, b, hd);
	ops->update(&ctx, b, n);
	for (n = key_len; n > 0; n >>= 1) {
		if (n & 1)
			ops->update(&ctx, b, hd);
		else
			ops->update(&ctx, key, key_len);
	}
	ops->final(&ctx, a);

	ops->init(&ctx);
	for (n = 0; n < key_len; n++)
		ops->update(&ctx, key, key_len);
	ops->final(&ctx, dp);
	stretch(p_seq, key_len, dp, hd);

	ops->init(&ctx);
	for (n = 0; n < DS_BASE_REPEATS + a[0]; n++)
		ops->update(&ctx, salt, salt_len);
	ops->final(&ctx, ds);
	stretch(s_seq, salt_len, ds, hd);

	memcpy(result, a, hd);
	for (uint32_t r = 0; r < rounds; r++) {
		ops->init(&ctx);
		if (r & 1)
			ops->update(&ctx, p_seq, key_len);
		else
			ops->update(&ctx, result, hd);
		if (r % SKIP_SALT_EVERY != 0)
			ops->update(&ctx, s_seq, salt_len);
		if (r % SKIP_KEY_EVERY != 0)
			ops->update(&ctx, p_seq, key_len);
		if (r & 1)
			ops->update(&ctx, result, hd);
		else
			ops->update(&ctx, p_seq, key_len);
		ops->final(&ctx, result);
	}

	crypto_wipe(b, sizeof(b));
	crypto_wipe(a, sizeof(a));
	crypto_wipe(dp, sizeof(dp));
	crypto_wipe(ds, sizeof(ds));
	crypto_wipe(p_seq, sizeof(p_seq));
	crypto_wipe(s_seq, sizeof(s_seq));
	crypto_wipe(&ctx, sizeof(ctx));
}

static char *encode_digest(const sha_ops_t *ops, const uint8_t *digest, char *out)
{
	uint8_t padded[DIGEST_MAX + 1];

	memcpy(padded, digest, ops->digest_size);
	padded[ZERO_BYTE] = 0;
	for (size_t g = 0; g < ops->full_groups; g++)
		out = auth_b64_put24(out, padded[ops->groups[g][0]], padded[ops->groups[g][1]],
				     padded[ops->groups[g][2]], 4);
	out = auth_b64_put24(out, padded[ops->tail[0]], padded[ops->tail[1]], padded[ops->tail[2]],
			     ops->tail_chars);
	crypto_wipe(padded, sizeof(padded));
	return out;
}

auth_result_t auth_crypt_compute(const char *key, size_t key_len, const auth_crypt_setting_t *setting,
				 char *out, size_t out_size, auth_reason_t *why)
{
	const sha_ops_t *ops = setting->scheme == AUTH_SCHEME_SHA256 ? &sha256_ops : &sha512_ops;
	char head[AUTH_CRYPT_MAX];
	uint8_t digest[DIGEST_MAX];
	int head_len;
	size_t total;

	auth_reason_clear(why);
	if (out_size > 0)
		out[0] = '\0';
	if ((setting->scheme != AUTH_SCHEME_SHA256 && setting->scheme != AUTH_SCHEME_SHA512) ||
	    setting->salt_len > AUTH_SALT_MAX || setting->salt[setting->salt_len] != '\0' ||
	    setting->rounds < AUTH_ROUNDS_MIN || setting->rounds > AUTH_ROUNDS_MAX) {
		auth_reason_set(why, 0, "setting structure is not one the parsers produce");
		return AUTH_MALFORMED;
	}
	if (key_len > AUTH_PASSWORD_MAX) {
		auth_reason_set(why, 0, "password longer than %d bytes", AUTH_PASSWORD_MAX);
		return AUTH_LIMIT;
	}
	if (setting->rounds_explicit)
		head_len = snprintf(head, sizeof(head), "$%d$rounds=%u$%s$", (int)setting->scheme,
				    (unsigned)setting->rounds, setting->salt);
	else
		head_len = snprintf(head, sizeof(head), "$%d$%s$", (int)setting->scheme, setting->salt);
	total = (size_t)head_len + auth_crypt_hash_chars(setting->scheme);
	if (head_len < 0 || total + 1 > out_size) {
		auth_reason_set(why, 0, "output buffer of %zu bytes is too small for %zu", out_size, total + 1);
		return AUTH_LIMIT;
	}

	sha_crypt_digest(ops, (const uint8_t *)key, key_len, (const uint8_t *)setting->salt,
			 setting->salt_len, setting->rounds, digest);
	memcpy(out, head, (size_t)head_len);
	*encode_digest(ops, digest, out + head_len) = '\0';
	crypto_wipe(digest, sizeof(digest));
	return AUTH_OK;
}

/* Length of key, but at most limit: a longer key is reported, never cut. */
static size_t bounded_len(const char *key, size_t limit)
{
	size_t n = 0;

	while (n < limit && key[n] != '\0')
		n++;
	return n;
}

auth_result_t auth_crypt(const char *key, const char *setting, char *out, size_t out_size,
			 auth_reason_t *why)
{
	auth_crypt_setting_t parsed;
	auth_result_t r;

	if (out_size > 0)
		out[0] = '\0';
	if (!key || !setting) {
		auth_reason_set(why, 0, "no key or no setting");
		return AUTH_MALFORMED;
	}
	r = auth_crypt_parse_setting(setting, strlen(setting), &parsed, why);
	if (r != AUTH_OK)
		return r;
	return auth_crypt_compute(key, bounded_len(key, AUTH_PASSWORD_MAX + 1), &parsed, out, out_size, why);
}
