/*
 * The kernel's random numbers: a ChaCha20 CSPRNG (RFC 8439 block function),
 * keyed from platform_entropy() and re-keyed from its own output after every
 * request (fast key erasure), so earlier output cannot be recomputed.
 */
#ifndef AEGIS_KERNEL_RNG_H
#define AEGIS_KERNEL_RNG_H

#include <stddef.h>
#include <stdint.h>

/* Seed from the platform; prints "[RNG] OK: ChaCha20 CSPRNG seeded (<source>)" or WARN. */
void rng_init(void);

void rng_bytes(void *buf, size_t len);
uint64_t rng_u64(void);

/* Overwrite len bytes with zeros in a way the compiler cannot drop (key material). */
void rng_wipe(void *p, size_t len);

/* The raw RFC 8439 block function, exposed for its test vectors. */
void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3], uint8_t out[64]);

#endif
