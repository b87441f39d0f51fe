/*
 * SHA-256 (FIPS 180-4 section 6.2): streaming init/update/final and one-shot.
 *
 * The context buffers at most one partial 64-byte block; update() may be fed
 * any number of bytes in any split.  final() pads, writes the 32-byte digest
 * big-endian and wipes the context.
 */
#ifndef CRYPTO_SHA256_H
#define CRYPTO_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define CRYPTO_SHA256_DIGEST_SIZE 32
#define CRYPTO_SHA256_BLOCK_SIZE 64

typedef struct {
	uint32_t state[8];
	uint64_t total_bytes;
	uint8_t block[CRYPTO_SHA256_BLOCK_SIZE];
	size_t block_used;
} crypto_sha256_ctx_t;

void crypto_sha256_init(crypto_sha256_ctx_t *ctx);
void crypto_sha256_update(crypto_sha256_ctx_t *ctx, const void *data, size_t len);
void crypto_sha256_final(crypto_sha256_ctx_t *ctx, uint8_t digest[CRYPTO_SHA256_DIGEST_SIZE]);
void crypto_sha256(const void *data, size_t len, uint8_t digest[CRYPTO_SHA256_DIGEST_SIZE]);

#endif
