/*
 * The kernel CSPRNG (interface in rng.h, rules in spec/rng.md).
 *
 * Design: one 256-bit ChaCha20 key is the whole state.  A request is served
 * in chunks; each chunk runs the keystream of the current key (nonce 0,
 * counter from 0), takes its first 32 bytes as the next key and hands out
 * the bytes after them, then replaces the key.  This is "fast key erasure":
 * nothing that could recompute past output stays in memory.  Each chunk runs
 * with interrupts masked so a request from IRQ context cannot interleave
 * with one in progress and see the same keystream.
 */
#include "core/rng.h"

#include <stdbool.h>

#include "core/kstring.h"
#include "core/log.h"
#include "core/panic.h"
#include "platform.h"

#define RNG_KEY_BYTES 32u
#define RNG_KEY_WORDS (RNG_KEY_BYTES / sizeof(uint32_t))
#define RNG_NONCE_WORDS 3u
#define RNG_BLOCK_BYTES 64u
/* Output bytes served from one key before it is replaced, whatever the request size. */
#define RNG_CHUNK_MAX 65536u

static uint32_t rng_key[RNG_KEY_WORDS];
static bool rng_seeded;

void rng_wipe(void *p, size_t len)
{
	volatile uint8_t *v = p;
	for (size_t i = 0; i < len; i++)
		v[i] = 0;
}

static void rng_key_from_bytes(uint32_t key[RNG_KEY_WORDS], const uint8_t *b)
{
	for (size_t i = 0; i < RNG_KEY_WORDS; i++)
		key[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 | (uint32_t)b[4 * i + 2] << 16 |
		         (uint32_t)b[4 * i + 3] << 24;
}

void rng_init(void)
{
	uint8_t seed[RNG_KEY_BYTES];
	const char *source = NULL;
	size_t real = platform_entropy(seed, sizeof(seed), &source);
	if (!source)
		source = "unnamed source";
	unsigned long irq = platform_irq_save();
	rng_key_from_bytes(rng_key, seed);
	rng_seeded = true;
	platform_irq_restore(irq);
	rng_wipe(seed, sizeof(seed));
	if (real < RNG_KEY_BYTES)
		boot_mark("RNG", MARK_WARN, "ChaCha20 CSPRNG seeded with only %zu of %u bytes of real entropy (%s)", real,
		          RNG_KEY_BYTES, source);
	else
		boot_mark("RNG", MARK_OK, "ChaCha20 CSPRNG seeded (%s)", source);
}

/* One chunk: len <= RNG_CHUNK_MAX bytes of output, then a new key. */
static void rng_serve_chunk(uint8_t *out, size_t len)
{
	static const uint32_t nonce[RNG_NONCE_WORDS];
	uint8_t block[RNG_BLOCK_BYTES];
	uint32_t next_key[RNG_KEY_WORDS];
	uint32_t counter = 0;

	chacha20_block(rng_key, counter++, nonce, block);
	rng_key_from_bytes(next_key, block);
	size_t n = len < RNG_BLOCK_BYTES - RNG_KEY_BYTES ? len : RNG_BLOCK_BYTES - RNG_KEY_BYTES;
	kmemcpy(out, block + RNG_KEY_BYTES, n);
	size_t done = n;
	while (done < len) {
		chacha20_block(rng_key, counter++, nonce, block);
		n = len - done < RNG_BLOCK_BYTES ? len - done : RNG_BLOCK_BYTES;
		kmemcpy(out + done, block, n);
		done += n;
	}
	kmemcpy(rng_key, next_key, sizeof(rng_key));
	rng_wipe(next_key, sizeof(next_key));
	rng_wipe(block, sizeof(block));
}

void rng_bytes(void *buf, size_t len)
{
	if (!rng_seeded)
		panic("RNG used before it was seeded");
	uint8_t *out = buf;
	while (len) {
		size_t n = len < RNG_CHUNK_MAX ? len : RNG_CHUNK_MAX;
		unsigned long irq = platform_irq_save();
		rng_serve_chunk(out, n);
		platform_irq_restore(irq);
		out += n;
		len -= n;
	}
}

uint64_t rng_u64(void)
{
	uint8_t b[sizeof(uint64_t)];
	rng_bytes(b, sizeof(b));
	uint64_t v = 0;
	for (size_t i = sizeof(b); i-- > 0;)
		v = v << 8 | b[i];
	rng_wipe(b, sizeof(b));
	return v;
}
