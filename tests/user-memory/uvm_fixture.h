/*
 * Shared set-up for the user-memory tests (spec/user-memory.md): a fresh
 * simulated machine with PMM, VMM, KVA, heap and the frame owner table, a
 * fake file for private file mappings, and helpers that read the page tables
 * of an address space back.
 *
 * Each test program includes this once.
 */
#ifndef AEGIS_TESTS_UVM_FIXTURE_H
#define AEGIS_TESTS_UVM_FIXTURE_H

#include "memory/mem_fixture.h"

#include "mm/pageref.h"
#include "mm/uvm.h"
#include "proc/elf.h"

#define UVM_ARENA (32ull * MEM_MIB)
#define UVM_ARENA_PAGES (UVM_ARENA / MEM_PAGE)
#define PG MEM_PAGE
#define RW (UVM_PROT_READ | UVM_PROT_WRITE)
#define ANON (UVM_MAP_PRIVATE | UVM_MAP_ANONYMOUS)
#define STACK_TOP 0x00007FFFFFFFE000ull
#define SIM_DIRECT_SLOT_VA 0x0000200000000000ull /* the sim's direct map (slot 64) */
#define SIM_KVA_SLOT_VA 0x0000300000000000ull    /* the sim's KVA window (slot 96) */

/* A fresh machine; the owner table exists before anything is measured. */
static inline void uvm_machine(void)
{
	mem_machine(UVM_ARENA);
	pageref_reset();
	assert_int_equal(pageref_init(), 0);
}

static inline uvm_t *uvm_new(void)
{
	uvm_t *u = NULL;
	assert_int_equal(uvm_create(&u), 0);
	assert_non_null(u);
	return u;
}

static inline uint64_t uvm_map_anon(uvm_t *u, uint64_t addr, uint64_t len, unsigned prot)
{
	uint64_t got = 0;
	assert_int_equal(uvm_map(u, addr, len, prot, ANON | UVM_MAP_FIXED, NULL, 0, &got), 0);
	assert_int_equal(got, addr);
	return got;
}

/* The frame behind va (page aligned), or 0 when nothing is mapped. */
static inline uint64_t uvm_frame(uvm_t *u, uint64_t va)
{
	uint64_t pa = 0;
	if (vmm_resolve(uvm_root(u), va, &pa, NULL) != 0)
		return 0;
	return pa & ~(MEM_PAGE - 1);
}

static inline unsigned uvm_pte_flags(uvm_t *u, uint64_t va)
{
	unsigned flags = 0;
	assert_int_equal(vmm_resolve(uvm_root(u), va, NULL, &flags), 0);
	return flags;
}

static inline uint64_t uvm_resident(const uvm_t *u)
{
	uvm_stats_t s;
	uvm_stats(u, &s);
	return s.resident_pages;
}

/* ---- a fake file ------------------------------------------------------------ */

typedef struct {
	uint8_t *bytes;
	uint64_t size;
	int refs;
	bool fail;
	unsigned reads;
} fake_file_t;

static int fake_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	fake_file_t *f = ctx;
	f->reads++;
	if (f->fail)
		return -EIO;
	if (off >= f->size)
		return 0;
	size_t n = f->size - off < len ? (size_t)(f->size - off) : len;
	memcpy(buf, f->bytes + off, n);
	/* Scribble past what was read: the kernel must zero it. */
	if (n < len)
		memset((uint8_t *)buf + n, 0xEE, len - n);
	return (int)n;
}

static void fake_retain(void *ctx)
{
	((fake_file_t *)ctx)->refs++;
}

static void fake_release(void *ctx)
{
	((fake_file_t *)ctx)->refs--;
}

/* A file of size bytes whose byte i is (i * 7 + 3) mod 251. */
static inline fake_file_t *fake_file_new(uint64_t size)
{
	fake_file_t *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->bytes = malloc(size ? size : 1);
	assert_non_null(f->bytes);
	for (uint64_t i = 0; i < size; i++)
		f->bytes[i] = (uint8_t)((i * 7 + 3) % 251);
	f->size = size;
	return f;
}

static inline void fake_file_free(fake_file_t *f)
{
	free(f->bytes);
	free(f);
}

static inline uvm_file_t fake_ops(fake_file_t *f)
{
	return (uvm_file_t){fake_read, fake_retain, fake_release, f};
}

/* ---- memory exhaustion ------------------------------------------------------ */

static uint64_t uvm_drained[UVM_ARENA_PAGES];
static size_t uvm_drained_count;

/* Take every free page, then give `keep` of them back. */
static inline void uvm_exhaust(size_t keep)
{
	uvm_drained_count = mem_drain(uvm_drained, UVM_ARENA_PAGES, UVM_ARENA, NULL);
	while (keep-- && uvm_drained_count)
		assert_int_equal(pmm_free_page(uvm_drained[--uvm_drained_count]), 0);
}

static inline void uvm_restore(void)
{
	mem_free_all(uvm_drained, uvm_drained_count);
	uvm_drained_count = 0;
}

#endif
