/*
 * SHA-256 as FIPS 180-4 defines it (section 4.1.2 functions, 4.2.2
 * constants, 5.1.1 padding, 6.2.2 computation).  Written for clarity: one
 * compression function over a 64-word message schedule, big-endian loads and
 * stores done byte by byte so the code is endian- and alignment-neutral.
 * The constants are the first 32 bits of the fractional parts of the cube
 * roots (K) and square roots (H0) of the first primes, as the standard says.
 */
#include <string.h>

#include "crypto/sha256.h"
#include "crypto/wipe.h"

#define SHA256_ROUNDS 64
#define SHA256_LENGTH_FIELD 8 /* bytes of bit length at the end of the padding */
#define SHA256_PAD_MARKER 0x80

static const uint32_t sha256_k[SHA256_ROUNDS] = {
	0x428a2f98U, 0x71374491U, 0xb5c0fbcfU, 0xe9b5dba5U,
	0x3956c25bU, 0x59f111f1U, 0x923f82a4U, 0xab1c5ed5U,
	0xd807aa98U, 0x12835b01U, 0x243185beU, 0x550c7dc3U,
	0x72be5d74U, 0x80deb1feU, 0x9bdc06a7U, 0xc19bf174U,
	0xe49b69c1U, 0xefbe4786U, 0x0fc19dc6U, 0x240ca1ccU,
	0x2de92c6fU, 0x4a7484aaU, 0x5cb0a9dcU, 0x76f988daU,
	0x983e5152U, 0xa831c66dU, 0xb00327c8U, 0xbf597fc7U,
	0xc6e00bf3U, 0xd5a79147U, 0x06ca6351U, 0x14292967U,
	0x27b70a85U, 0x2e1b2138U, 0x4d2c6dfcU, 0x53380d13U,
	0x650a7354U, 0x766a0abbU, 0x81c2c92eU, 0x92722c85U,
	0xa2bfe8a1U, 0xa81a664bU, 0xc24b8b70U, 0xc76c51a3U,
	0xd192e819U, 0xd6990624U, 0xf40e3585U, 0x106aa070U,
	0x19a4c116U, 0x1e376c08U, 0x2748774cU, 0x34b0bcb5U,
	0x391c0cb3U, 0x4ed8aa4aU, 0x5b9cca4fU, 0x682e6ff3U,
	0x748f82eeU, 0x78a5636fU, 0x84c87814U, 0x8cc70208U,
	0x90befffaU, 0xa4506cebU, 0xbef9a3f7U, 0xc67178f2U,
};

static const uint32_t sha256_h0[8] = {
	0x6a09e667U, 0xbb67ae85U, 0x3c6ef372U, 0xa54ff53aU,
	0x510e527fU, 0x9b05688cU, 0x1f83d9abU, 0x5be0cd19U,
};

static uint32_t rotr32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static uint32_t load_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static void store_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void sha256_compress(uint32_t state[8], const uint8_t block[CRYPTO_SHA256_BLOCK_SIZE])
{
	uint32_t w[SHA256_ROUNDS];
	uint32_t a, b, c, d, e, f, g, h;

	for (int t = 0; t < 16; t++)
		w[t] = load_be32(block + 4 * t);
	for (int t = 16; t < SHA256_ROUNDS; t++) {
		uint32_t s0 = rotr32(w[t - 15], 7) ^ rotr32(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = rotr32(w[t - 2], 17) ^ rotr32(w[t - 2], 19) ^ (w[t - 2] >> 10);
		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}

	a = state[0]; b = state[1]; c = state[2]; d = state[3];
	e = state[4]; f = state[5]; g = state[6]; h = state[7];
	for (int t = 0; t < SHA256_ROUNDS; t++) {
		uint32_t big_s1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
		uint32_t ch = (e & f) ^ (~e & g);
		uint32_t t1 = h + big_s1 + ch + sha256_k[t] + w[t];
		uint32_t big_s0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
		uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
		uint32_t t2 = big_s0 + maj;
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	state[0] += a; state[1] += b; state[2] += c; state[3] += d;
	state[4] += e; state[5] += f; state[6] += g; state[7] += h;
	crypto_wipe(w, sizeof(w));
}

void crypto_sha256_init(crypto_sha256_ctx_t *ctx)
{
	memcpy(ctx->state, sha256_h0, sizeof(ctx->state));
	ctx->total_bytes = 0;
	ctx->block_used = 0;
}

void crypto_sha256_update(crypto_sha256_ctx_t *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;

	ctx->total_bytes += len;
	while (len > 0) {
		size_t take = CRYPTO_SHA256_BLOCK_SIZE - ctx->block_used;
		if (take > len)
			take = len;
		memcpy(ctx->block + ctx->block_used, p, take);
		ctx->block_used += take;
		p += take;
		len -= take;
		if (ctx->block_used == CRYPTO_SHA256_BLOCK_SIZE) {
			sha256_compress(ctx->state, ctx->block);
			ctx->block_used = 0;
		}
	}
}

void crypto_sha256_final(crypto_sha256_ctx_t *ctx, uint8_t digest[CRYPTO_SHA256_DIGEST_SIZE])
{
	uint64_t bits = ctx->total_bytes * 8u;

	ctx->block[ctx->block_used++] = SHA256_PAD_MARKER;
	if (ctx->block_used > CRYPTO_SHA256_BLOCK_SIZE - SHA256_LENGTH_FIELD) {
		memset(ctx->block + ctx->block_used, 0, CRYPTO_SHA256_BLOCK_SIZE - ctx->block_used);
		sha256_compress(ctx->state, ctx->block);
		ctx->block_used = 0;
	}
	memset(ctx->block + ctx->block_used, 0, CRYPTO_SHA256_BLOCK_SIZE - SHA256_LENGTH_FIELD - ctx->block_used);
	store_be32(ctx->block + CRYPTO_SHA256_BLOCK_SIZE - 8, (uint32_t)(bits >> 32));
	store_be32(ctx->block + CRYPTO_SHA256_BLOCK_SIZE - 4, (uint32_t)bits);
	sha256_compress(ctx->state, ctx->block);

	for (int i = 0; i < 8; i++)
		store_be32(digest + 4 * i, ctx->state[i]);
	crypto_wipe(ctx, sizeof(*ctx));
}

void crypto_sha256(const void *data, size_t len, uint8_t digest[CRYPTO_SHA256_DIGEST_SIZE])
{
	crypto_sha256_ctx_t ctx;

	crypto_sha256_init(&ctx);
	crypto_sha256_update(&ctx, data, len);
	crypto_sha256_final(&ctx, digest);
}
