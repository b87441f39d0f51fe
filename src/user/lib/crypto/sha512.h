/*
 * SHA-512 (FIPS 180-4 section 6.4): streaming init/update/final and one-shot.
 *
 * Same shape as sha256.h with 128-byte blocks and 64-bit words.  The message
 * length is kept as a 128-bit count of bits (two 64-bit halves), as the
 * padding requires.  final() wipes the context.
 */
#ifndef CRYPTO_SHA512_H
#define CRYPTO_SHA512_H

#include <stddef.h>
#include <stdint.h>

#define CRYPTO_SHA512_DIGEST_SIZE 64
#define CRYPTO_SHA512_BLOCK_SIZE 128

typedef struct {
	uint64_t state[8];
	uint64_t total_lo; /* bytes hashed, low 64 bits */
	uint64_t total_hi; /* bytes hashed, carry into the high half */
	uint8_t block[CRYPTO_SHA512_BLOCK_SIZE];
	size_t block_used;
} crypto_sha512_ctx_t;

void crypto_sha512_init(crypto_sha512_ctx_t *ctx);
void crypto_sha512_update(crypto_sha512_ctx_t *ctx, const void *data, size_t len);
void crypto_sha512_final(crypto_sha512_ctx_t *ctx, uint8_t digest[CRYPTO_SHA512_DIGEST_SIZE]);
void crypto_sha512(const void *data, size_t len, uint8_t digest[CRYPTO_SHA512_DIGEST_SIZE]);

/*
 * Work done so far: the number of 128-byte blocks compressed since the
 * program started.  Deterministic, unlike a clock, so tests compare the work
 * of two code paths with it (spec/auth-flow.md AUTH-022, AUTH-051) and
 * benchmarks can report work per operation.
 */
uint64_t crypto_sha512_blocks(void);

#endif
