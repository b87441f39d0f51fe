/*
 * Seed material for the kernel's CSPRNG (platform_entropy).
 *
 * Per 8-byte word: RDSEED (up to RNG_RETRIES tries), else RDRAND (same),
 * else a word mixed from TSC jitter.  Only RDSEED and RDRAND words count as
 * real entropy in the return value; the TSC fallback only keeps boots from
 * being identical on CPUs without either instruction, and the kernel warns
 * when it had to use it.  The source string names what was used.
 */
#include <stdbool.h>
#include <stdint.h>

#include "core/kstring.h"
#include "io.h"
#include "platform.h"

#define CPUID_LEAF_MAX 0x0u
#define CPUID_LEAF_FEATURES 0x1u
#define CPUID_LEAF_EXTENDED_FEATURES 0x7u
#define CPUID1_ECX_RDRAND (1u << 30)
#define CPUID7_EBX_RDSEED (1u << 18)
#define RNG_RETRIES 10
#define TSC_JITTER_ROUNDS 64
#define MIX_MULTIPLIER 0x9E3779B97F4A7C15ull /* odd constant from the golden ratio */
#define MIX_ROTATE 29

enum { SRC_RDSEED = 1, SRC_RDRAND = 2, SRC_TSC = 4 };

/* Indexed by the SRC_* bits that were used. */
static const char *const entropy_source_names[8] = {
	"none", "RDSEED", "RDRAND", "RDSEED+RDRAND", "TSC jitter", "RDSEED+TSC", "RDRAND+TSC", "RDSEED+RDRAND+TSC",
};

static bool cpu_rdseed(uint64_t *out)
{
	for (int i = 0; i < RNG_RETRIES; i++) {
		uint8_t ok;
		__asm__ volatile("rdseed %0\n\tsetc %1" : "=r"(*out), "=qm"(ok) : : "cc");
		if (ok)
			return true;
	}
	return false;
}

static bool cpu_rdrand(uint64_t *out)
{
	for (int i = 0; i < RNG_RETRIES; i++) {
		uint8_t ok;
		__asm__ volatile("rdrand %0\n\tsetc %1" : "=r"(*out), "=qm"(ok) : : "cc");
		if (ok)
			return true;
	}
	return false;
}

/* Weak: timing differences of a busy loop, folded with a multiply-rotate mix. */
static uint64_t tsc_jitter_word(uint64_t state)
{
	for (int i = 0; i < TSC_JITTER_ROUNDS; i++) {
		uint64_t t = cpu_rdtsc();
		state ^= t;
		state *= MIX_MULTIPLIER;
		state = (state << MIX_ROTATE) | (state >> (64 - MIX_ROTATE));
	}
	return state;
}

size_t platform_entropy(void *buf, size_t len, const char **source)
{
	cpuid_regs_t leaf1 = cpu_cpuid(CPUID_LEAF_FEATURES, 0);
	bool has_rdrand = (leaf1.ecx & CPUID1_ECX_RDRAND) != 0;
	bool has_rdseed = cpu_cpuid(CPUID_LEAF_MAX, 0).eax >= CPUID_LEAF_EXTENDED_FEATURES &&
			  (cpu_cpuid(CPUID_LEAF_EXTENDED_FEATURES, 0).ebx & CPUID7_EBX_RDSEED) != 0;
	uint8_t *out = buf;
	size_t real = 0;
	unsigned used = 0;
	uint64_t jitter_state = cpu_rdtsc();

	for (size_t off = 0; off < len; off += sizeof(uint64_t)) {
		uint64_t word;
		size_t n = len - off < sizeof(word) ? len - off : sizeof(word);
		if (has_rdseed && cpu_rdseed(&word)) {
			used |= SRC_RDSEED;
			real += n;
		} else if (has_rdrand && cpu_rdrand(&word)) {
			used |= SRC_RDRAND;
			real += n;
		} else {
			jitter_state = tsc_jitter_word(jitter_state);
			word = jitter_state;
			used |= SRC_TSC;
		}
		kmemcpy(out + off, &word, n);
	}
	if (source)
		*source = entropy_source_names[used];
	return real;
}
