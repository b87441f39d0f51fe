/*
 * One call that makes a fresh simulated machine: arena, clock and seed.
 */
#include "sim.h"
#include "sim_internal.h"

void sim_platform_setup(uint64_t mem_bytes, uint64_t seed)
{
	sim_arena_setup(mem_bytes);
	sim_clock_reset();
	sim_random_reset(seed);
}
