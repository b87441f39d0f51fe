/*
 * SHA-256, SHA-512 and the constant-time comparison (spec/auth-flow.md
 * AUTH-001..004).  Expected digests are the FIPS 180-4 example values; they
 * were re-checked on this machine with coreutils, e.g.
 *   printf %s abc | sha256sum
 *   head -c 1000000 /dev/zero | tr '\0' a | sha512sum
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/ct_equal.h"
#include "crypto/sha256.h"
#include "crypto/sha512.h"

#define MSG_448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define MSG_896 "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
#define MILLION 1000000u
#define DEFAULT_SEED 20240607u

struct vector {
	const char *msg;
	const char *sha256;
	const char *sha512;
};

static const struct vector vectors[] = {
	{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	 "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	 "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
	{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	 "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	 "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
	{MSG_448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	 "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
	 "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"},
	{MSG_896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
	 "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	 "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
};

static const char million_a_sha256[] = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
static const char million_a_sha512[] =
	"e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	"de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b";

static void to_hex(const uint8_t *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static unsigned test_seed(void)
{
	const char *env = getenv("AEGIS_TEST_SEED");
	unsigned seed = env ? (unsigned)strtoul(env, NULL, 0) : DEFAULT_SEED;

	printf("# AEGIS_TEST_SEED=%u\n", seed);
	return seed;
}

/* AUTH-001: the FIPS 180-4 short messages. */
static void test_AUTH_001_sha256_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		uint8_t d[CRYPTO_SHA256_DIGEST_SIZE];
		char hex[2 * CRYPTO_SHA256_DIGEST_SIZE + 1];
		crypto_sha256(vectors[i].msg, strlen(vectors[i].msg), d);
		to_hex(d, sizeof(d), hex);
		assert_string_equal(hex, vectors[i].sha256);
	}
}

/* AUTH-001: one million 'a', fed in uneven pieces. */
static void test_AUTH_001_sha256_million_a(void **state)
{
	(void)state;
	char chunk[1000];
	crypto_sha256_ctx_t ctx;
	uint8_t d[CRYPTO_SHA256_DIGEST_SIZE];
	char hex[2 * CRYPTO_SHA256_DIGEST_SIZE + 1];

	memset(chunk, 'a', sizeof(chunk));
	crypto_sha256_init(&ctx);
	for (unsigned done = 0; done < MILLION;) {
		unsigned n = (done / 1000) % 2 ? 999 : 1000;
		if (n > MILLION - done)
			n = MILLION - done;
		crypto_sha256_update(&ctx, chunk, n);
		done += n;
	}
	crypto_sha256_final(&ctx, d);
	to_hex(d, sizeof(d), hex);
	assert_string_equal(hex, million_a_sha256);
}

/* AUTH-002 */
static void test_AUTH_002_sha512_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		uint8_t d[CRYPTO_SHA512_DIGEST_SIZE];
		char hex[2 * CRYPTO_SHA512_DIGEST_SIZE + 1];
		crypto_sha512(vectors[i].msg, strlen(vectors[i].msg), d);
		to_hex(d, sizeof(d), hex);
		assert_string_equal(hex, vectors[i].sha512);
	}
}

/* AUTH-002 */
static void test_AUTH_002_sha512_million_a(void **state)
{
	(void)state;
	char *big = malloc(MILLION);
	uint8_t d[CRYPTO_SHA512_DIGEST_SIZE];
	char hex[2 * CRYPTO_SHA512_DIGEST_SIZE + 1];

	assert_non_null(big);
	memset(big, 'a', MILLION);
	crypto_sha512(big, MILLION, d);
	free(big);
	to_hex(d, sizeof(d), hex);
	assert_string_equal(hex, million_a_sha512);
}

/* AUTH-003: every two-way split of messages up to three blocks, and random multi-way splits. */
static void test_AUTH_003_streaming_equals_oneshot(void **state)
{
	(void)state;
	enum { MAX_LEN = 3 * CRYPTO_SHA512_BLOCK_SIZE + 3 };
	uint8_t msg[MAX_LEN];
	unsigned seed = test_seed();
	srand(seed);
	for (size_t i = 0; i < MAX_LEN; i++)
		msg[i] = (uint8_t)rand();

	for (size_t len = 0; len <= MAX_LEN; len += (len < 2 * CRYPTO_SHA512_BLOCK_SIZE ? 1 : 7)) {
		uint8_t one256[32], one512[64];
		crypto_sha256(msg, len, one256);
		crypto_sha512(msg, len, one512);
		for (size_t cut = 0; cut <= len; cut++) {
			crypto_sha256_ctx_t c256;
			crypto_sha512_ctx_t c512;
			uint8_t d256[32], d512[64];
			crypto_sha256_init(&c256);
			crypto_sha256_update(&c256, msg, cut);
			crypto_sha256_update(&c256, msg + cut, len - cut);
			crypto_sha256_final(&c256, d256);
			assert_memory_equal(d256, one256, 32);
			crypto_sha512_init(&c512);
			crypto_sha512_update(&c512, msg, cut);
			crypto_sha512_update(&c512, msg + cut, len - cut);
			crypto_sha512_final(&c512, d512);
			assert_memory_equal(d512, one512, 64);
			/* final erases the context: no state or message bytes remain */
			const uint8_t *raw = (const uint8_t *)&c512;
			for (size_t b = 0; b < sizeof(c512); b++)
				assert_int_equal(raw[b], 0);
			raw = (const uint8_t *)&c256;
			for (size_t b = 0; b < sizeof(c256); b++)
				assert_int_equal(raw[b], 0);
		}
	}
	for (int trial = 0; trial < 200; trial++) {
		size_t len = (size_t)rand() % (MAX_LEN + 1), done = 0;
		uint8_t one[32], d[32];
		crypto_sha256_ctx_t c;
		crypto_sha256(msg, len, one);
		crypto_sha256_init(&c);
		while (done < len) {
			size_t n = (size_t)rand() % (len - done + 1);
			crypto_sha256_update(&c, msg + done, n);
			done += n;
		}
		crypto_sha256_final(&c, d);
		assert_memory_equal(d, one, 32);
	}
}

/* AUTH-004: equality is exact for every position and every bit. */
static void test_AUTH_004_ct_equal_correct(void **state)
{
	(void)state;
	uint8_t a[97], b[97];
	for (size_t i = 0; i < sizeof(a); i++)
		a[i] = b[i] = (uint8_t)(i * 37 + 11);
	assert_true(crypto_ct_equal(a, b, sizeof(a)));
	assert_true(crypto_ct_equal(a, b, 0));
	for (size_t i = 0; i < sizeof(a); i++) {
		for (int bit = 0; bit < 8; bit++) {
			b[i] ^= (uint8_t)(1u << bit);
			assert_false(crypto_ct_equal(a, b, sizeof(a)));
			assert_true(crypto_ct_equal(a, b, i)); /* the prefix before it is still equal */
			b[i] ^= (uint8_t)(1u << bit);
		}
	}
	assert_true(crypto_ct_equal(a, b, sizeof(a)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_AUTH_001_sha256_vectors),
		cmocka_unit_test(test_AUTH_001_sha256_million_a),
		cmocka_unit_test(test_AUTH_002_sha512_vectors),
		cmocka_unit_test(test_AUTH_002_sha512_million_a),
		cmocka_unit_test(test_AUTH_003_streaming_equals_oneshot),
		cmocka_unit_test(test_AUTH_004_ct_equal_correct),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
