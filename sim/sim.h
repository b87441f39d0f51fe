/*
 * The simulator platform's own interface: setup used by aegis-sim's main and
 * by tests that run kernel code on the host.
 *
 * The simulated machine is a "physical" arena (a memfd, mapped once at a host
 * address that becomes the direct map), a reserved PROT_NONE host range that
 * stands for the kernel's KVA window, a virtual clock and a seeded generator.
 */
#ifndef AEGIS_SIM_H
#define AEGIS_SIM_H

#include <stddef.h>
#include <stdint.h>

#define SIM_DEFAULT_MEM_BYTES (64ull << 20)
/* Exit status of a restart (reboot(2) outside a test run); a power-off exits 0.  sim/README.md. */
#define SIM_EXIT_RESTART 41
/*
 * Fixed host addresses for the arena and the KVA window, so that addresses in
 * the log do not depend on host ASLR and a seed replays byte for byte.  Both
 * lie in the part of the address space ASan leaves to the application.
 */
#define SIM_ARENA_HOST_BASE 0x200000000000ull
#define SIM_KVA_HOST_BASE 0x300000000000ull
#define SIM_KVA_BYTES (256ull << 20)
/* The pretend kernel image occupies [1 MiB, 2 MiB) of the arena. */
#define SIM_KERNEL_PHYS_START (1ull << 20)
#define SIM_KERNEL_PHYS_END (2ull << 20)
#define SIM_KERNEL_VIRT_BASE 0xFFFFFFFF80100000ull
/* Where the sim places the Multiboot2 info it builds (inside the arena). */
#define SIM_MB2_INFO_PHYS 0x9000ull
#define SIM_MB2_INFO_MAX (16u * 1024u)
/* Where --module places its file: above the pretend kernel image, page aligned. */
#define SIM_MODULE_PHYS (4ull << 20)

/* Create the arena (mem_bytes, page multiple, >= 4 MiB), KVA window, clock and seed. Exits on host failure. */
void sim_platform_setup(uint64_t mem_bytes, uint64_t seed);

/* Host pointer for a simulated physical address (checked; aborts outside the arena). */
void *sim_phys_ptr(uint64_t pa, size_t len);

/* Size of the arena given to sim_platform_setup. */
uint64_t sim_mem_bytes(void);

/* The run's seed and the next value of its generator (splitmix64). */
uint64_t sim_seed(void);
uint64_t sim_random_u64(void);

/* Route CPU faults (SIGSEGV, SIGBUS, SIGILL, SIGFPE) to kernel_fault(). */
void sim_faults_install(void);

/* Virtual time: current value and a jump (used by the wait loop and tests). */
uint64_t sim_time_ns(void);
void sim_time_advance_to(uint64_t t_ns);

/* --input FILE ("-": standard input): the console's input (input.c). */
void sim_input_set(const char *path);

/* --disk FILE[,fail-after=K]: disks backed by host files (disk.c, spec/platform-contract.md PLAT-011). */
#define SIM_DISKS_MAX 4u
#define SIM_DISK_SECTOR_SIZE 512u

/*
 * Open the disk "FILE[,fail-after=K]" describes as the next disk (disk<N>).
 * 0, or a negative errno with what is wrong, as a sentence, in why (why_len
 * bytes); nothing is added then.
 */
int sim_disk_add(const char *spec, char *why, size_t why_len);

/* Close every disk (tests start each case from none). */
void sim_disk_reset(void);

#endif
