/*
 * The simulated physical memory and address-space layout.
 *
 * Physical memory is a memfd mapped once, shared, at a host address that the
 * layout reports as the direct map base: phys_to_virt(pa) == base + pa, as on
 * x86_64.  The KVA window is a PROT_NONE reservation; when the kernel maps a
 * page there in the active root, platform_kmap_sync maps the memfd page at the
 * same host address, so kernel pointers into KVA memory are real host pointers
 * and a use of an unmapped KVA page faults just as it would in QEMU.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "platform.h"
#include "sim.h"
#include "sim_internal.h"

static int arena_fd = -1;
static uint8_t *arena_base;
static uint64_t arena_bytes;
static uint64_t active_root;
static platform_layout_t sim_layout;

void sim_die(const char *what)
{
	perror(what);
	exit(2);
}

void sim_arena_setup(uint64_t mem_bytes)
{
	if (mem_bytes < (4ull << 20) || mem_bytes % PLATFORM_PAGE_SIZE) {
		fprintf(stderr, "aegis-sim: memory size %llu is not a page multiple of at least 4 MiB\n",
		        (unsigned long long)mem_bytes);
		exit(2);
	}
	if (arena_base) {
		munmap(arena_base, arena_bytes);
		munmap((void *)sim_layout.kva_base, sim_layout.kva_size);
		close(arena_fd);
	}
	arena_fd = memfd_create("aegis-sim-phys", MFD_CLOEXEC);
	if (arena_fd < 0)
		sim_die("memfd_create");
	if (ftruncate(arena_fd, (off_t)mem_bytes) != 0)
		sim_die("ftruncate");
	arena_base = mmap((void *)SIM_ARENA_HOST_BASE, mem_bytes, PROT_READ | PROT_WRITE,
	                  MAP_SHARED | MAP_FIXED_NOREPLACE, arena_fd, 0);
	if (arena_base != (void *)SIM_ARENA_HOST_BASE)
		sim_die("mmap arena at its fixed address");
	void *kva = mmap((void *)SIM_KVA_HOST_BASE, SIM_KVA_BYTES, PROT_NONE,
	                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (kva != (void *)SIM_KVA_HOST_BASE)
		sim_die("mmap kva window at its fixed address");
	arena_bytes = mem_bytes;
	active_root = 0;
	sim_layout = (platform_layout_t){
		.user_paged = false, /* user programs are host processes (sim/user.c) */
		.name = "sim",
		.kernel_phys_start = SIM_KERNEL_PHYS_START,
		.kernel_phys_end = SIM_KERNEL_PHYS_END,
		.kernel_virt_base = (uintptr_t)SIM_KERNEL_VIRT_BASE,
		.direct_map_base = (uintptr_t)arena_base,
		.direct_map_size = mem_bytes,
		.kva_base = (uintptr_t)kva,
		.kva_size = SIM_KVA_BYTES,
	};
}

uint64_t sim_mem_bytes(void)
{
	return arena_bytes;
}

void *sim_phys_ptr(uint64_t pa, size_t len)
{
	if (!arena_base || pa > arena_bytes || len > arena_bytes - pa) {
		fprintf(stderr, "aegis-sim: physical range 0x%llx+%zu outside the %llu-byte arena\n",
		        (unsigned long long)pa, len, (unsigned long long)arena_bytes);
		abort();
	}
	return arena_base + pa;
}

const platform_layout_t *platform_layout(void)
{
	return &sim_layout;
}

void platform_activate_root(uint64_t root_pa)
{
	active_root = root_pa;
}

void platform_kmap_sync(uintptr_t va, uint64_t pa, bool present)
{
	uintptr_t base = sim_layout.kva_base;
	/* Only the KVA window is mirrored: the direct map is the arena itself. */
	if (va < base || va - base >= sim_layout.kva_size || va % PLATFORM_PAGE_SIZE)
		return;
	void *want = (void *)va;
	void *got;
	if (present) {
		if (pa % PLATFORM_PAGE_SIZE || pa >= arena_bytes) {
			fprintf(stderr, "aegis-sim: kernel mapped KVA page %p to frame 0x%llx outside the arena\n", want,
			        (unsigned long long)pa);
			abort();
		}
		got = mmap(want, PLATFORM_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, arena_fd, (off_t)pa);
	} else {
		got = mmap(want, PLATFORM_PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1,
		           0);
	}
	if (got != want)
		sim_die("mmap kva page");
}
