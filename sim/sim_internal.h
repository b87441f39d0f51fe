/*
 * Functions shared between the sim platform's files; not for tests or the kernel.
 */
#ifndef AEGIS_SIM_INTERNAL_H
#define AEGIS_SIM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void sim_arena_setup(uint64_t mem_bytes);
void sim_clock_reset(void);
void sim_random_reset(uint64_t seed);

/* Write all of buf to a host file descriptor, retrying short writes. */
void sim_write_all(int fd, const char *buf, size_t len);

/* A host call the sim cannot do without failed: print what and exit 2. */
__attribute__((noreturn)) void sim_die(const char *what);

/* input.c: one line of --input to the kernel; false when none came (may_block: wait for one). */
bool sim_input_deliver(bool may_block);

/* Give the calling thread its alternate signal stack for fault reports. */
void sim_faults_thread_stack(void *stack, size_t size);

#endif
