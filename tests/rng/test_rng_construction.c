/*
 * The generator's exact construction, seeding markers and request sizes
 * (spec/rng.md RNG-002, RNG-003, RNG-006..RNG-008).
 *
 * This program supplies platform_entropy() itself, so the key is known and
 * every output byte can be recomputed by an independent reference built from
 * chacha20_block (whose own vectors are checked in test_rng_chacha20.c).  It
 * also captures the serial console to read the markers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/rng.h"
#include "platform.h"

#define KEY_BYTES 32
#define BLOCK 64
#define CHUNK 65536u

static uint8_t fake_seed[KEY_BYTES];
static size_t fake_real = KEY_BYTES;
static const char *fake_source = "test source";
static size_t entropy_asked;
static char serial_out[1024];
static size_t serial_len;

size_t platform_entropy(void *buf, size_t len, const char **source)
{
	entropy_asked = len;
	assert_true(len <= sizeof(fake_seed));
	memcpy(buf, fake_seed, len);
	*source = fake_source;
	return fake_real < len ? fake_real : len;
}

void platform_serial_write(const char *buf, size_t len)
{
	assert_true(serial_len + len < sizeof(serial_out));
	memcpy(serial_out + serial_len, buf, len);
	serial_len += len;
	serial_out[serial_len] = '\0';
}

void platform_screen_write(const char *buf, size_t len)
{
	(void)buf;
	(void)len;
}

/* ---- the reference: spec/rng.md RNG-006 written out independently ---- */
static uint8_t ref_key[KEY_BYTES];

static void ref_bytes(uint8_t *out, size_t len)
{
	static const uint32_t nonce[3];
	while (len) {
		size_t n = len < CHUNK ? len : CHUNK;
		uint32_t k[8];
		for (int i = 0; i < 8; i++)
			k[i] = (uint32_t)ref_key[4 * i] | (uint32_t)ref_key[4 * i + 1] << 8 |
			       (uint32_t)ref_key[4 * i + 2] << 16 | (uint32_t)ref_key[4 * i + 3] << 24;
		size_t blocks = (KEY_BYTES + n + BLOCK - 1) / BLOCK;
		uint8_t *stream = malloc(blocks * BLOCK);
		assert_non_null(stream);
		for (size_t c = 0; c < blocks; c++)
			chacha20_block(k, (uint32_t)c, nonce, stream + c * BLOCK);
		memcpy(ref_key, stream, KEY_BYTES);
		memcpy(out, stream + KEY_BYTES, n);
		free(stream);
		out += n;
		len -= n;
	}
}

static void seed_known(uint8_t first, size_t real, const char *source)
{
	for (int i = 0; i < KEY_BYTES; i++)
		fake_seed[i] = (uint8_t)(first + i);
	fake_real = real;
	fake_source = source;
	serial_len = 0;
	serial_out[0] = '\0';
	rng_init();
	memcpy(ref_key, fake_seed, KEY_BYTES);
}

/* RNG-002 */
static void test_RNG_002_seeded_ok_marker(void **state)
{
	(void)state;
	seed_known(0, KEY_BYTES, "test source");
	assert_int_equal(entropy_asked, KEY_BYTES);
	assert_string_equal(serial_out, "[RNG] OK: ChaCha20 CSPRNG seeded (test source)\n");
	seed_known(0, KEY_BYTES, NULL);
	assert_string_equal(serial_out, "[RNG] OK: ChaCha20 CSPRNG seeded (unnamed source)\n");
}

/* RNG-003: weak seed material is reported, and the generator still works from all 32 bytes. */
static void test_RNG_003_weak_entropy_warns(void **state)
{
	(void)state;
	seed_known(7, 16, "RDRAND+TSC");
	assert_string_equal(serial_out,
	                    "[RNG] WARN: ChaCha20 CSPRNG seeded with only 16 of 32 bytes of real entropy (RDRAND+TSC)\n");
	seed_known(7, 0, "TSC");
	assert_string_equal(serial_out,
	                    "[RNG] WARN: ChaCha20 CSPRNG seeded with only 0 of 32 bytes of real entropy (TSC)\n");
	uint8_t got[40], want[40];
	rng_bytes(got, sizeof(got));
	ref_bytes(want, sizeof(want));
	assert_memory_equal(got, want, sizeof(got));
}

/* RNG-006: output, request after request, equals the specified construction. */
static void test_RNG_006_exact_construction(void **state)
{
	(void)state;
	static const size_t sizes[] = {1, 31, 32, 33, 63, 64, 65, 100, 1000, 4096};
	seed_known(0x40, KEY_BYTES, "test source");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint8_t got[4096], want[4096];
		rng_bytes(got, sizes[i]);
		ref_bytes(want, sizes[i]);
		assert_memory_equal(got, want, sizes[i]);
	}
}

/* RNG-006: the key is replaced after every request, so equal requests never repeat output. */
static void test_RNG_006_key_erasure(void **state)
{
	(void)state;
	seed_known(0x11, KEY_BYTES, "test source");
	uint8_t first[64], second[64], again_from_seed[64];
	rng_bytes(first, sizeof(first));
	rng_bytes(second, sizeof(second));
	assert_memory_not_equal(first, second, sizeof(first));
	/* The second output is not a continuation of the first key's stream either. */
	uint32_t k[8];
	memcpy(k, fake_seed, sizeof(k)); /* little-endian host: the seed words */
	static const uint32_t nonce[3];
	uint8_t stream[3 * BLOCK];
	for (uint32_t c = 0; c < 3; c++)
		chacha20_block(k, c, nonce, stream + c * BLOCK);
	assert_memory_equal(first, stream + KEY_BYTES, sizeof(first));
	for (size_t off = 0; off + sizeof(second) <= sizeof(stream); off++)
		assert_memory_not_equal(second, stream + off, sizeof(second));
	/* Re-seeding with the same material restarts the same sequence (determinism). */
	seed_known(0x11, KEY_BYTES, "test source");
	rng_bytes(again_from_seed, sizeof(again_from_seed));
	assert_memory_equal(first, again_from_seed, sizeof(first));
}

/* RNG-006 and RNG-007: requests across several 64 KiB chunks are filled completely and exactly. */
static void test_RNG_007_large_request(void **state)
{
	(void)state;
	size_t len = 2 * CHUNK + 5;
	uint8_t *got = calloc(1, len), *want = malloc(len);
	assert_non_null(got);
	assert_non_null(want);
	seed_known(0x99, KEY_BYTES, "test source");
	rng_bytes(got, len);
	ref_bytes(want, len);
	assert_memory_equal(got, want, len);
	/* Each chunk came from its own key: the chunks differ. */
	assert_memory_not_equal(got, got + CHUNK, 64);
	/* No stretch of the output stayed zero (calloc'd): every byte was written. */
	size_t zero_run = 0, longest = 0;
	for (size_t i = 0; i < len; i++) {
		zero_run = got[i] ? 0 : zero_run + 1;
		longest = zero_run > longest ? zero_run : longest;
	}
	assert_true(longest < 8);
	free(got);
	free(want);
}

/* RNG-007: zero bytes write nothing and do not advance the generator. */
static void test_RNG_007_zero_length(void **state)
{
	(void)state;
	seed_known(0x22, KEY_BYTES, "test source");
	uint8_t canary[16];
	memset(canary, 0x5A, sizeof(canary));
	rng_bytes(canary, 0);
	for (size_t i = 0; i < sizeof(canary); i++)
		assert_int_equal(canary[i], 0x5A);
	rng_bytes(NULL, 0);
	uint8_t got[16], want[16];
	rng_bytes(got, sizeof(got));
	ref_bytes(want, sizeof(want));
	assert_memory_equal(got, want, sizeof(got));
}

/* RNG-008 */
static void test_RNG_008_u64_little_endian(void **state)
{
	(void)state;
	seed_known(0x33, KEY_BYTES, "test source");
	for (int i = 0; i < 4; i++) {
		uint8_t want[8];
		ref_bytes(want, sizeof(want));
		uint64_t expect = 0;
		for (int j = 7; j >= 0; j--)
			expect = expect << 8 | want[j];
		assert_int_equal(rng_u64(), expect);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_RNG_002_seeded_ok_marker),
		cmocka_unit_test(test_RNG_003_weak_entropy_warns),
		cmocka_unit_test(test_RNG_006_exact_construction),
		cmocka_unit_test(test_RNG_006_key_erasure),
		cmocka_unit_test(test_RNG_007_large_request),
		cmocka_unit_test(test_RNG_007_zero_length),
		cmocka_unit_test(test_RNG_008_u64_little_endian),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
