/*
 * The simulator's single source of randomness: splitmix64 from the run's seed.
 * Every random choice of a sim run, including the kernel's entropy, is drawn
 * here, so `aegis-sim --seed N` replays a run exactly.
 */
#include <stdio.h>
#include <string.h>

#include "platform.h"
#include "sim.h"
#include "sim_internal.h"

static uint64_t run_seed;
static uint64_t state;

void sim_random_reset(uint64_t seed)
{
	run_seed = seed;
	state = seed;
}

uint64_t sim_seed(void)
{
	return run_seed;
}

uint64_t sim_random_u64(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

size_t platform_entropy(void *buf, size_t len, const char **source)
{
	static char name[48];
	unsigned char *out = buf;
	for (size_t i = 0; i < len; i += sizeof(uint64_t)) {
		uint64_t v = sim_random_u64();
		size_t n = len - i < sizeof(v) ? len - i : sizeof(v);
		memcpy(out + i, &v, n);
	}
	snprintf(name, sizeof(name), "sim seed %llu", (unsigned long long)run_seed);
	*source = name;
	/* Deterministic by design: the seed is the sim's only entropy source. */
	return len;
}
