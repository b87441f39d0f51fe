/*
 * The ChaCha20 block function of RFC 8439 section 2.3 (declared in rng.h).
 *
 * The state is sixteen 32-bit words: four constants ("expand 32-byte k"),
 * the key, the block counter and the nonce.  Twenty rounds alternate column
 * and diagonal quarter rounds; the input is then added back and the words
 * are serialised little-endian.  Plain portable C with no tables, so it runs
 * in constant time and without SSE in the freestanding kernel.
 */
#include <stdint.h>

#include "core/rng.h"

#define CHACHA20_WORDS 16
#define CHACHA20_KEY_WORDS 8
#define CHACHA20_NONCE_WORDS 3
#define CHACHA20_DOUBLE_ROUNDS 10
#define CHACHA20_KEY_AT 4
#define CHACHA20_COUNTER_AT 12
#define CHACHA20_NONCE_AT 13

/* "expa" "nd 3" "2-by" "te k" as little-endian words. */
static const uint32_t chacha20_constants[4] = {0x61707865u, 0x3320646eu, 0x79622d32u, 0x6b206574u};

static uint32_t chacha20_rotl(uint32_t v, unsigned n)
{
	return (v << n) | (v >> (32u - n));
}

static void chacha20_quarter(uint32_t *s, int a, int b, int c, int d)
{
	s[a] += s[b];
	s[d] = chacha20_rotl(s[d] ^ s[a], 16);
	s[c] += s[d];
	s[b] = chacha20_rotl(s[b] ^ s[c], 12);
	s[a] += s[b];
	s[d] = chacha20_rotl(s[d] ^ s[a], 8);
	s[c] += s[d];
	s[b] = chacha20_rotl(s[b] ^ s[c], 7);
}

void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3], uint8_t out[64])
{
	uint32_t in[CHACHA20_WORDS], x[CHACHA20_WORDS];
	for (int i = 0; i < 4; i++)
		in[i] = chacha20_constants[i];
	for (int i = 0; i < CHACHA20_KEY_WORDS; i++)
		in[CHACHA20_KEY_AT + i] = key[i];
	in[CHACHA20_COUNTER_AT] = counter;
	for (int i = 0; i < CHACHA20_NONCE_WORDS; i++)
		in[CHACHA20_NONCE_AT + i] = nonce[i];
	for (int i = 0; i < CHACHA20_WORDS; i++)
		x[i] = in[i];
	for (int r = 0; r < CHACHA20_DOUBLE_ROUNDS; r++) {
		chacha20_quarter(x, 0, 4, 8, 12);
		chacha20_quarter(x, 1, 5, 9, 13);
		chacha20_quarter(x, 2, 6, 10, 14);
		chacha20_quarter(x, 3, 7, 11, 15);
		chacha20_quarter(x, 0, 5, 10, 15);
		chacha20_quarter(x, 1, 6, 11, 12);
		chacha20_quarter(x, 2, 7, 8, 13);
		chacha20_quarter(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < CHACHA20_WORDS; i++) {
		uint32_t v = x[i] + in[i];
		out[4 * i] = (uint8_t)v;
		out[4 * i + 1] = (uint8_t)(v >> 8);
		out[4 * i + 2] = (uint8_t)(v >> 16);
		out[4 * i + 3] = (uint8_t)(v >> 24);
	}
	/* The working state holds key material: leave none of it on the stack. */
	rng_wipe(x, sizeof(x));
	rng_wipe(in, sizeof(in));
}
