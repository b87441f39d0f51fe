/*
 * Shared set-up for the memory tests (spec/memory.md): a fresh simulated
 * machine per test, a captured kernel log, a seeded generator, a page set for
 * "never twice" checks and a probe that asks the host kernel whether an
 * address is accessible (write(2) from an inaccessible buffer fails with
 * EFAULT instead of faulting the test).
 *
 * Each test program includes this once.
 */
#ifndef AEGIS_TESTS_MEM_FIXTURE_H
#define AEGIS_TESTS_MEM_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "boot/bootinfo.h"
#include "mm/kheap.h"
#include "mm/kva.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "platform.h"
#include "sim.h"

#define MEM_MIB (1ull << 20)
#define MEM_GIB (1ull << 30)
#define MEM_PAGE 4096ull
#define MEM_DEFAULT_SEED 20261122ull
#define MEM_LOG_MAX (256u * 1024u)
#define MEM_INFO_SIZE 4096u
#define MEM_LOW_END MEM_MIB /* page 0 and the first MiB are reserved */

/* x86_64 entry bits, written out here independently of the kernel's header. */
#define X86_P (1ull << 0)
#define X86_RW (1ull << 1)
#define X86_US (1ull << 2)
#define X86_PWT (1ull << 3)
#define X86_PCD (1ull << 4)
#define X86_PS (1ull << 7)
#define X86_NX (1ull << 63)
#define X86_ADDR 0x000FFFFFFFFFF000ull

/* ---- the kernel log ------------------------------------------------------- */

/*
 * The sim console writes the kernel log to file descriptor 1.  The program
 * moves that descriptor to a memfd and gives stdio (cmocka's TAP) a duplicate
 * of the real standard output, so the log can be read back and TAP stays clean.
 */
static char mem_log[MEM_LOG_MAX];
static bool mem_log_captured;

static inline void mem_log_capture(void)
{
	if (mem_log_captured)
		return;
	fflush(stdout);
	int real_stdout = dup(STDOUT_FILENO);
	int fd = memfd_create("aegis-kernel-log", MFD_CLOEXEC);
	assert_true(real_stdout >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	close(fd);
	FILE *out = fdopen(real_stdout, "w");
	assert_non_null(out);
	setvbuf(out, NULL, _IOLBF, 0);
	stdout = out;
	mem_log_captured = true;
}

static inline void mem_log_reset(void)
{
	mem_log_capture();
	assert_int_equal(ftruncate(STDOUT_FILENO, 0), 0);
	assert_int_equal(lseek(STDOUT_FILENO, 0, SEEK_SET), 0);
}

/* The log since the last reset (its last MEM_LOG_MAX - 1 bytes). */
static inline const char *mem_log_text(void)
{
	mem_log_capture();
	off_t end = lseek(STDOUT_FILENO, 0, SEEK_CUR);
	off_t start = end > (off_t)MEM_LOG_MAX - 1 ? end - ((off_t)MEM_LOG_MAX - 1) : 0;
	ssize_t n = pread(STDOUT_FILENO, mem_log, (size_t)(end - start), start);
	mem_log[n > 0 ? n : 0] = '\0';
	return mem_log;
}

static inline bool mem_log_has(const char *text)
{
	return strstr(mem_log_text(), text) != NULL;
}

static inline void mem_assert_log(const char *text)
{
	if (!mem_log_has(text)) {
		printf("# expected in the kernel log: %s\n# log was:\n%s\n", text, mem_log);
		fail_msg("log line missing: %s", text);
	}
}

/* ---- seeds and randomness ------------------------------------------------- */

static inline uint64_t mem_seed(void)
{
	static bool printed;
	static uint64_t seed = MEM_DEFAULT_SEED;
	if (!printed) {
		const char *env = getenv("AEGIS_TEST_SEED");
		if (env && *env)
			seed = strtoull(env, NULL, 0);
		printf("# AEGIS_TEST_SEED=%llu\n", (unsigned long long)seed);
		printed = true;
	}
	return seed;
}

typedef struct {
	uint64_t state;
} mem_rng_t;

/* splitmix64 */
static inline uint64_t mem_rng_next(mem_rng_t *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static inline uint64_t mem_rng_below(mem_rng_t *r, uint64_t n)
{
	return n ? mem_rng_next(r) % n : 0;
}

/* ---- machines ------------------------------------------------------------- */

static inline void mem_bootinfo_add(bootinfo_t *bi, uint64_t base, uint64_t length, uint32_t type)
{
	assert_true(bi->region_count < BOOTINFO_MAX_REGIONS);
	bi->regions[bi->region_count++] = (mem_region_t){base, length, type};
}

/* One usable region over the whole arena, info at the sim's usual place. */
static inline bootinfo_t mem_bootinfo_simple(uint64_t mem_bytes)
{
	bootinfo_t bi;
	memset(&bi, 0, sizeof(bi));
	mem_bootinfo_add(&bi, 0, mem_bytes, MEM_REGION_USABLE);
	bi.info_phys = SIM_MB2_INFO_PHYS;
	bi.info_size = MEM_INFO_SIZE;
	return bi;
}

/* A fresh arena with the PMM started on bi (its result returned). */
static inline int mem_pmm_machine(uint64_t mem_bytes, const bootinfo_t *bi)
{
	sim_platform_setup(mem_bytes, mem_seed());
	mem_log_reset();
	return pmm_init(bi, platform_layout());
}

/* A fresh arena with PMM, VMM and KVA started on one usable region. */
static inline void mem_machine(uint64_t mem_bytes)
{
	bootinfo_t bi = mem_bootinfo_simple(mem_bytes);
	assert_int_equal(mem_pmm_machine(mem_bytes, &bi), 0);
	assert_int_equal(vmm_init(&bi), 0);
	assert_int_equal(kva_init(), 0);
	kheap_init();
}

/* ---- a model of what the PMM must hand out -------------------------------- */

/* Pages taken by the two bitmaps for a map whose highest usable page ends at top (MEM-005). */
static inline uint64_t mem_bitmap_pages(uint64_t top)
{
	uint64_t words = (top / MEM_PAGE + 63) / 64;
	return (2 * words * 8 + MEM_PAGE - 1) / MEM_PAGE;
}

/* MEM-001 and MEM-002 for one page: free after init (bitmaps aside)? */
static inline bool mem_model_free(const bootinfo_t *bi, uint64_t pa)
{
	bool usable = false;
	if (pa >= PMM_MAX_PHYS)
		return false;
	for (size_t i = 0; i < bi->region_count; i++) {
		const mem_region_t *r = &bi->regions[i];
		if (r->length == 0)
			continue;
		uint64_t end = r->length > UINT64_MAX - r->base ? UINT64_MAX : r->base + r->length;
		if (r->type == MEM_REGION_USABLE) {
			if (r->base <= pa && pa + MEM_PAGE <= end)
				usable = true;
		} else if (pa < end && r->base < pa + MEM_PAGE) {
			return false;
		}
	}
	if (!usable || pa < MEM_LOW_END)
		return false;
	if (pa < SIM_KERNEL_PHYS_END && SIM_KERNEL_PHYS_START < pa + MEM_PAGE)
		return false;
	uint64_t info_end = bi->info_size > UINT64_MAX - bi->info_phys ? UINT64_MAX : bi->info_phys + bi->info_size;
	if (bi->info_size && pa < info_end && bi->info_phys < pa + MEM_PAGE)
		return false;
	for (size_t i = 0; i < bi->module_count; i++) {
		uint64_t lo = bi->modules[i].start < bi->modules[i].end ? bi->modules[i].start : bi->modules[i].end;
		uint64_t hi = bi->modules[i].start < bi->modules[i].end ? bi->modules[i].end : bi->modules[i].start;
		if (pa < hi && lo < pa + MEM_PAGE)
			return false;
	}
	return true;
}

/* ---- page sets ------------------------------------------------------------ */

/* One bit per physical page below limit. */
typedef struct {
	uint8_t *bits;
	uint64_t pages;
} mem_pageset_t;

static inline mem_pageset_t mem_pageset_new(uint64_t limit_bytes)
{
	mem_pageset_t s = {calloc(limit_bytes / MEM_PAGE / 8 + 1, 1), limit_bytes / MEM_PAGE};
	assert_non_null(s.bits);
	return s;
}

static inline void mem_pageset_free(mem_pageset_t *s)
{
	free(s->bits);
	s->bits = NULL;
}

static inline bool mem_pageset_has(const mem_pageset_t *s, uint64_t pa)
{
	uint64_t p = pa / MEM_PAGE;
	return p < s->pages && (s->bits[p / 8] >> (p % 8)) & 1;
}

static inline void mem_pageset_put(mem_pageset_t *s, uint64_t pa, bool on)
{
	uint64_t p = pa / MEM_PAGE;
	assert_true(p < s->pages);
	if (on)
		s->bits[p / 8] |= (uint8_t)(1u << (p % 8));
	else
		s->bits[p / 8] &= (uint8_t)~(1u << (p % 8));
}

/*
 * Allocate every page the PMM will give into out (size max), checking that
 * each is page aligned, below limit and new.  Returns how many were handed out.
 */
static inline size_t mem_drain(uint64_t *out, size_t max, uint64_t limit, mem_pageset_t *seen)
{
	size_t n = 0;
	for (;;) {
		uint64_t pa = pmm_alloc_page();
		if (pa == PMM_NO_PAGE)
			return n;
		assert_true(n < max);
		assert_int_equal(pa % MEM_PAGE, 0);
		assert_true(pa < limit);
		if (seen) {
			assert_false(mem_pageset_has(seen, pa));
			mem_pageset_put(seen, pa, true);
		}
		out[n++] = pa;
	}
}

static inline void mem_free_all(const uint64_t *pages, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_int_equal(pmm_free_page(pages[i]), 0);
}

/* ---- host access probes ---------------------------------------------------- */

/* Can the host read the byte at p?  (The sim mirrors mapped KVA pages only.) */
static inline bool mem_host_readable(const void *p)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	ssize_t n = write(fds[1], p, 1);
	int err = errno;
	close(fds[0]);
	close(fds[1]);
	if (n < 0)
		assert_int_equal(err, EFAULT);
	return n == 1;
}

/* ---- raw page-table access ------------------------------------------------- */

static inline unsigned mem_index(uintptr_t va, unsigned level)
{
	return (unsigned)(va >> (12 + 9 * level)) & 511u;
}

/* The entry for va at level (3 = PML4 ... 0 = PT), or NULL when a table above is missing. */
static inline uint64_t *mem_entry(vmm_root_t root, uintptr_t va, unsigned level)
{
	uint64_t *table = vmm_phys_to_virt(root);
	for (unsigned l = 3; l > level; l--) {
		uint64_t e = table[mem_index(va, l)];
		if (!(e & X86_P) || (e & X86_PS))
			return NULL;
		table = vmm_phys_to_virt(e & X86_ADDR);
	}
	return &table[mem_index(va, level)];
}

static inline unsigned mem_count_present(const uint64_t *table)
{
	unsigned n = 0;
	for (unsigned i = 0; i < 512; i++)
		n += (table[i] & X86_P) != 0;
	return n;
}

#endif
