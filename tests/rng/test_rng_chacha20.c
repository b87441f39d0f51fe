/*
 * The ChaCha20 block function against the test vectors of RFC 8439
 * (spec/rng.md RNG-001): section 2.3.2, section 2.4.2 and appendix A.1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/rng.h"

#define BLOCK 64

/* Decode hex digits (whitespace ignored) into out; returns the byte count. */
static size_t unhex(const char *text, uint8_t *out, size_t cap)
{
	size_t n = 0;
	int half = -1;
	for (const char *p = text; *p; p++) {
		int v;
		if (*p >= '0' && *p <= '9')
			v = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			v = *p - 'a' + 10;
		else
			continue;
		if (half < 0) {
			half = v;
		} else {
			assert_true(n < cap);
			out[n++] = (uint8_t)(half << 4 | v);
			half = -1;
		}
	}
	assert_int_equal(half, -1);
	return n;
}

static void words_from_hex(const char *text, uint32_t *words, size_t count)
{
	uint8_t b[32];
	assert_int_equal(unhex(text, b, sizeof(b)), count * 4);
	for (size_t i = 0; i < count; i++)
		words[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 | (uint32_t)b[4 * i + 2] << 16 |
		           (uint32_t)b[4 * i + 3] << 24;
}

static void check_block(const char *key_hex, uint32_t counter, const char *nonce_hex, const char *want_hex)
{
	uint32_t key[8], nonce[3];
	uint8_t want[BLOCK], got[BLOCK];
	words_from_hex(key_hex, key, 8);
	words_from_hex(nonce_hex, nonce, 3);
	assert_int_equal(unhex(want_hex, want, sizeof(want)), BLOCK);
	chacha20_block(key, counter, nonce, got);
	assert_memory_equal(got, want, BLOCK);
}

static const char seq_key[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
static const char zero_key[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* RNG-001: RFC 8439 section 2.3.2. */
static void test_RNG_001_rfc8439_2_3_2_block(void **state)
{
	(void)state;
	check_block(seq_key, 1, "000000090000004a00000000",
	            "10 f1 e7 e4 d1 3b 59 15 50 0f dd 1f a3 20 71 c4 c7 d1 f4 c7 33 c0 68 03 04 22 aa 9a c3 d4 6c 4e"
	            "d2 82 64 46 07 9f aa 09 14 c2 d7 05 d9 8b 02 a2 b5 12 9c d1 de 16 4e b9 cb d0 83 e8 a2 50 3c 4e");
}

/* RNG-001: RFC 8439 section 2.4.2: the keystream of counters 1 and 2 encrypts the sunscreen text. */
static void test_RNG_001_rfc8439_2_4_2_keystream(void **state)
{
	(void)state;
	static const char plain[] = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
	                            "the future, sunscreen would be it.";
	uint8_t want[128];
	size_t len = unhex("6e 2e 35 9a 25 68 f9 80 41 ba 07 28 dd 0d 69 81 e9 7e 7a ec 1d 43 60 c2 0a 27 af cc fd 9f ae 0b"
	                   "f9 1b 65 c5 52 47 33 ab 8f 59 3d ab cd 62 b3 57 16 39 d6 24 e6 51 52 ab 8f 53 0c 35 9f 08 61 d8"
	                   "07 ca 0d bf 50 0d 6a 61 56 a3 8e 08 8a 22 b6 5e 52 bc 51 4d 16 cc f8 06 81 8c e9 1a b7 79 37 36"
	                   "5a f9 0b bf 74 a3 5b e6 b4 0b 8e ed f2 78 5e 42 87 4d",
	                   want, sizeof(want));
	assert_int_equal(len, sizeof(plain) - 1);
	uint32_t key[8], nonce[3];
	words_from_hex(seq_key, key, 8);
	words_from_hex("000000000000004a00000000", nonce, 3);
	uint8_t stream[2 * BLOCK], got[128];
	chacha20_block(key, 1, nonce, stream);
	chacha20_block(key, 2, nonce, stream + BLOCK);
	for (size_t i = 0; i < len; i++)
		got[i] = (uint8_t)plain[i] ^ stream[i];
	assert_memory_equal(got, want, len);
}

/* RNG-001: RFC 8439 appendix A.1, test vectors 1 to 5. */
static void test_RNG_001_rfc8439_a_1_blocks(void **state)
{
	(void)state;
	check_block(zero_key, 0, "000000000000000000000000",
	            "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
	            "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
	check_block(zero_key, 1, "000000000000000000000000",
	            "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
	            "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f");
	check_block("0000000000000000000000000000000000000000000000000000000000000001", 1, "000000000000000000000000",
	            "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
	            "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0");
	check_block("00ff000000000000000000000000000000000000000000000000000000000000", 2, "000000000000000000000000",
	            "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
	            "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096");
	check_block(zero_key, 0, "000000000000000000000002",
	            "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c7"
	            "8a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d");
}

/* RNG-001: the counter is a full 32-bit word (wraps without touching the nonce). */
static void test_RNG_001_counter_is_32_bits(void **state)
{
	(void)state;
	uint32_t key[8] = {0}, nonce[3] = {0};
	uint8_t a[BLOCK], b[BLOCK];
	chacha20_block(key, UINT32_MAX, nonce, a);
	chacha20_block(key, 0, nonce, b);
	assert_memory_not_equal(a, b, BLOCK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_RNG_001_rfc8439_2_3_2_block),
		cmocka_unit_test(test_RNG_001_rfc8439_2_4_2_keystream),
		cmocka_unit_test(test_RNG_001_rfc8439_a_1_blocks),
		cmocka_unit_test(test_RNG_001_counter_is_32_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
