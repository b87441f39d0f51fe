/*
 * Randomised property test of the memory layers: MEM-024 (and with it the
 * promises of MEM-006, MEM-007, MEM-012, MEM-013, MEM-021, MEM-022).
 *
 * A long random sequence of PMM allocations and frees, page mappings and
 * unmappings (in a scratch root and in the active kernel root) and KVA
 * allocations and frees runs against a small model: which frames the test
 * holds, what each virtual slot maps, what each KVA range contains.  After
 * every step the touched object is checked; every CHECK_EVERY steps
 * everything is, including a walk of all page tables (no table page may be a
 * frame someone else holds).  At the end everything is freed and the PMM must
 * be back at its starting count; then memory is exhausted and restored.
 * The seed comes from AEGIS_TEST_SEED and is printed.
 */
#include "memory/mem_fixture.h"

#define ARENA (32ull * MEM_MIB)
#define ARENA_PAGES (ARENA / MEM_PAGE)
#define STEPS 20000u
#define CHECK_EVERY 500u
#define SLOTS 1024u
#define SLOTS_PER_CLUSTER 32u
#define CLUSTER_STRIDE (MEM_GIB + 2 * MEM_MIB) /* new PD and PT per cluster, shared PDPTs */
#define SLOT_BASE_SCRATCH 0x0000200000000000ull
#define SLOT_BASE_KERNEL 0xFFFFA00000000000ull
#define SLOT_SPAN ((uint64_t)(SLOTS / 2 / SLOTS_PER_CLUSTER + 1) * CLUSTER_STRIDE) /* per root */
#define PA_FAR 0x0000000800000000ull /* frames that are never touched */
#define MAX_RANGES 256u
#define MAX_RANGE_PAGES 8u
#define TAG_BYTES 8u

typedef struct {
	bool mapped;
	uint64_t pa;
	unsigned flags;
} slot_t;

typedef struct {
	uint8_t *ptr;
	size_t pages;
	uint64_t tag;
} range_t;

static mem_rng_t rng;
static mem_pageset_t held; /* frames held by the test: its PMM pages and the KVA frames */
static uint64_t owned[ARENA_PAGES];
static size_t owned_count;
static slot_t slots[SLOTS];
static range_t ranges[MAX_RANGES];
static size_t range_count;
static uint64_t next_tag = 1;
static vmm_root_t scratch, kernel;
static unsigned long stats_ops[8];

static vmm_root_t slot_root(size_t i)
{
	return i % 2 ? kernel : scratch;
}

static uintptr_t slot_va(size_t i)
{
	uint64_t base = i % 2 ? SLOT_BASE_KERNEL : SLOT_BASE_SCRATCH;
	size_t j = i / 2;
	return (uintptr_t)(base + (j / SLOTS_PER_CLUSTER) * CLUSTER_STRIDE + (j % SLOTS_PER_CLUSTER) * MEM_PAGE);
}

static void hold(uint64_t pa)
{
	if (mem_pageset_has(&held, pa))
		fail_msg("frame 0x%llx handed out while still held", (unsigned long long)pa);
	mem_pageset_put(&held, pa, true);
}

static void release(uint64_t pa)
{
	assert_true(mem_pageset_has(&held, pa));
	mem_pageset_put(&held, pa, false);
}

/* ---- operations ----------------------------------------------------------- */

static void op_pmm_alloc(void)
{
	uint64_t before = pmm_free_pages();
	uint64_t pa = pmm_alloc_page();
	if (pa == PMM_NO_PAGE) {
		assert_int_equal(before, 0);
		return;
	}
	assert_int_equal(pmm_free_pages(), before - 1);
	hold(pa);
	uint64_t *words = vmm_phys_to_virt(pa);
	for (size_t w = 0; w < MEM_PAGE / 8; w++)
		assert_int_equal(words[w], 0);
	words[0] = pa ^ 0xFEEDull; /* dirty it, so a missing zeroing would show later */
	owned[owned_count++] = pa;
}

static void op_pmm_free(void)
{
	if (!owned_count)
		return;
	size_t i = mem_rng_below(&rng, owned_count);
	uint64_t pa = owned[i];
	owned[i] = owned[--owned_count];
	uint64_t before = pmm_free_pages();
	assert_int_equal(pmm_free_page(pa), 0);
	assert_int_equal(pmm_free_pages(), before + 1);
	release(pa);
	if (mem_rng_below(&rng, 4) == 0) {
		/* A double free right away (before anyone, page tables included, can get it back). */
		before = pmm_free_pages();
		int err = pmm_free_page(pa);
		if (err == 0)
			fail_msg("double free of 0x%llx accepted", (unsigned long long)pa);
		assert_int_equal(err, -EINVAL);
		assert_int_equal(pmm_free_pages(), before);
	}
}

static void op_pmm_bad_free(void)
{
	static const uint64_t bad[] = {0, SIM_KERNEL_PHYS_START, ARENA, PMM_MAX_PHYS, PA_FAR};
	uint64_t before = pmm_free_pages();
	uint64_t pa = bad[mem_rng_below(&rng, sizeof(bad) / sizeof(bad[0]))];
	assert_int_equal(pmm_free_page(pa), -EINVAL);
	if (owned_count)
		assert_int_equal(pmm_free_page(owned[mem_rng_below(&rng, owned_count)] + 8), -EINVAL);
	assert_int_equal(pmm_free_pages(), before);
}

static void check_slot(size_t i)
{
	uint64_t pa;
	unsigned flags;
	int err = vmm_resolve(slot_root(i), slot_va(i) + 0x42, &pa, &flags);
	if (!slots[i].mapped) {
		assert_int_equal(err, -ENOENT);
		return;
	}
	assert_int_equal(err, 0);
	assert_int_equal(pa, slots[i].pa + 0x42);
	assert_int_equal(flags, slots[i].flags);
}

static void op_map(void)
{
	size_t i = mem_rng_below(&rng, SLOTS);
	uint64_t pa = owned_count && mem_rng_below(&rng, 2) ? owned[mem_rng_below(&rng, owned_count)]
	                                                     : PA_FAR + mem_rng_below(&rng, 1u << 20) * MEM_PAGE;
	unsigned flags = (unsigned)mem_rng_below(&rng, VMM_FLAGS_ALL + 1);
	int err = vmm_map_page(slot_root(i), slot_va(i), pa, flags);
	if (slots[i].mapped) {
		assert_int_equal(err, -EEXIST);
	} else if (err == -ENOMEM) {
		assert_true(pmm_free_pages() < 3);
	} else {
		assert_int_equal(err, 0);
		slots[i] = (slot_t){true, pa, flags};
	}
	check_slot(i);
}

static void op_unmap(void)
{
	size_t i = mem_rng_below(&rng, SLOTS);
	uint64_t pa = 0;
	int err = vmm_unmap_page(slot_root(i), slot_va(i), &pa);
	if (slots[i].mapped) {
		assert_int_equal(err, 0);
		assert_int_equal(pa, slots[i].pa);
		slots[i].mapped = false;
	} else {
		assert_int_equal(err, -ENOENT);
	}
	check_slot(i);
}

static void check_range(const range_t *r)
{
	for (size_t p = 0; p < r->pages; p++) {
		uint8_t *page = r->ptr + p * MEM_PAGE;
		uint64_t pa;
		assert_int_equal(vmm_resolve(kernel, (uintptr_t)page, &pa, NULL), 0);
		assert_true(mem_pageset_has(&held, pa));
		uint64_t want = r->tag * 1000 + p;
		assert_memory_equal(page, &want, TAG_BYTES);
		assert_memory_equal((uint8_t *)vmm_phys_to_virt(pa) + MEM_PAGE - TAG_BYTES, &want, TAG_BYTES);
	}
}

static void op_kva_alloc(void)
{
	if (range_count == MAX_RANGES)
		return;
	size_t n = 1 + mem_rng_below(&rng, MAX_RANGE_PAGES);
	uint64_t before = pmm_free_pages();
	uint8_t *p = kva_alloc_pages(n);
	if (!p) {
		assert_true(before < n + 3);
		assert_int_equal(pmm_free_pages(), before);
		return;
	}
	range_t r = {p, n, next_tag++};
	for (size_t k = 0; k < n; k++) {
		uint8_t *page = p + k * MEM_PAGE;
		uint64_t pa;
		assert_int_equal(vmm_resolve(kernel, (uintptr_t)page, &pa, NULL), 0);
		hold(pa);
		for (size_t b = 0; b < MEM_PAGE; b += 512)
			assert_int_equal(page[b], 0);
		uint64_t want = r.tag * 1000 + k;
		memcpy(page, &want, TAG_BYTES);
		memcpy(page + MEM_PAGE - TAG_BYTES, &want, TAG_BYTES);
	}
	ranges[range_count++] = r;
	check_range(&r);
}

static void free_range_part(range_t *r, size_t first, size_t n)
{
	uint64_t frames[MAX_RANGE_PAGES];
	for (size_t k = 0; k < n; k++)
		assert_int_equal(vmm_resolve(kernel, (uintptr_t)(r->ptr + (first + k) * MEM_PAGE), &frames[k], NULL), 0);
	uint64_t before = pmm_free_pages();
	kva_free_pages(r->ptr + first * MEM_PAGE, n);
	assert_true(pmm_free_pages() >= before + n);
	for (size_t k = 0; k < n; k++) {
		release(frames[k]);
		assert_int_equal(vmm_resolve(kernel, (uintptr_t)(r->ptr + (first + k) * MEM_PAGE), NULL, NULL), -ENOENT);
	}
	assert_false(mem_host_readable(r->ptr + first * MEM_PAGE));
}

static void op_kva_free(void)
{
	if (!range_count)
		return;
	size_t i = mem_rng_below(&rng, range_count);
	range_t r = ranges[i];
	ranges[i] = ranges[--range_count];
	size_t first = 0, n = r.pages;
	if (r.pages > 2 && range_count + 2 <= MAX_RANGES && mem_rng_below(&rng, 4) == 0) {
		/* Free a middle part; the two ends stay as ranges of their own. */
		first = 1 + mem_rng_below(&rng, r.pages - 2);
		n = 1 + mem_rng_below(&rng, r.pages - first - 1);
		ranges[range_count++] = (range_t){r.ptr, first, r.tag};
		range_t tail = {r.ptr + (first + n) * MEM_PAGE, r.pages - first - n, 0};
		/* The tail keeps its contents: give it a tag of its own by rewriting it. */
		tail.tag = next_tag++;
		for (size_t k = 0; k < tail.pages; k++) {
			uint64_t want = tail.tag * 1000 + k;
			memcpy(tail.ptr + k * MEM_PAGE, &want, TAG_BYTES);
			memcpy(tail.ptr + (k + 1) * MEM_PAGE - TAG_BYTES, &want, TAG_BYTES);
		}
		ranges[range_count++] = tail;
	}
	free_range_part(&r, first, n);
	if (mem_rng_below(&rng, 8) == 0) {
		/* A double free right away is refused and changes nothing. */
		uint64_t before = pmm_free_pages();
		kva_free_pages(r.ptr + first * MEM_PAGE, n);
		assert_int_equal(pmm_free_pages(), before);
	}
}

/* ---- whole-state checks ---------------------------------------------------- */

/* Every table page of root is a distinct page that nobody else holds. */
static void walk_tables(uint64_t table_pa, unsigned level, mem_pageset_t *tables)
{
	if (table_pa >= ARENA)
		fail_msg("table at 0x%llx outside memory", (unsigned long long)table_pa);
	assert_false(mem_pageset_has(tables, table_pa));
	assert_false(mem_pageset_has(&held, table_pa));
	mem_pageset_put(tables, table_pa, true);
	if (level == 0)
		return;
	const uint64_t *t = vmm_phys_to_virt(table_pa);
	for (unsigned i = 0; i < 512; i++)
		if ((t[i] & X86_P) && !(level == 1 && (t[i] & X86_PS)))
			walk_tables(t[i] & X86_ADDR, level - 1, tables);
}

static void check_everything(void)
{
	for (size_t i = 0; i < SLOTS; i++)
		check_slot(i);
	for (size_t i = 0; i < range_count; i++)
		check_range(&ranges[i]);
	mem_pageset_t tables = mem_pageset_new(ARENA);
	walk_tables(scratch, 3, &tables);
	walk_tables(kernel, 3, &tables);
	mem_pageset_free(&tables);
}

/* ---- the test -------------------------------------------------------------- */

static void release_everything(void)
{
	for (size_t i = 0; i < SLOTS; i++)
		if (slots[i].mapped) {
			assert_int_equal(vmm_unmap_page(slot_root(i), slot_va(i), NULL), 0);
			slots[i].mapped = false;
		}
	while (range_count) {
		range_t r = ranges[--range_count];
		free_range_part(&r, 0, r.pages);
	}
	while (owned_count) {
		uint64_t pa = owned[--owned_count];
		assert_int_equal(pmm_free_page(pa), 0);
		release(pa);
	}
}

static void run_random_steps(uint64_t start_free)
{
	typedef void (*op_t)(void);
	static const op_t ops[] = {op_pmm_alloc, op_pmm_free, op_pmm_bad_free, op_map, op_unmap, op_kva_alloc, op_kva_free};
	static const unsigned weight[] = {20, 14, 2, 25, 18, 12, 9};
	unsigned total = 0;
	for (size_t i = 0; i < sizeof(weight) / sizeof(weight[0]); i++)
		total += weight[i];
	for (unsigned step = 0; step < STEPS; step++) {
		unsigned pick = (unsigned)mem_rng_below(&rng, total);
		size_t op = 0;
		while (pick >= weight[op])
			pick -= weight[op++];
		ops[op]();
		stats_ops[op]++;
		if (step % CHECK_EVERY == CHECK_EVERY - 1)
			check_everything();
	}
	check_everything();
	release_everything();
	check_everything();
	assert_int_equal(pmm_free_pages(), start_free);
}

static void exhaust_and_restore(uint64_t start_free)
{
	size_t n = 0;
	uint64_t pa;
	while ((pa = pmm_alloc_page()) != PMM_NO_PAGE) {
		hold(pa);
		owned[n++] = pa;
	}
	owned_count = n;
	assert_int_equal(n, start_free);
	assert_int_equal(pmm_free_pages(), 0);
	assert_null(kva_alloc_pages(1));
	assert_int_equal(vmm_map_page(scratch, slot_va(0) + 7 * CLUSTER_STRIDE * SLOTS, PA_FAR, VMM_WRITE), -ENOMEM);
	assert_int_equal(pmm_alloc_page(), PMM_NO_PAGE);
	assert_int_equal(pmm_free_pages(), 0);
	release_everything();
	assert_int_equal(pmm_free_pages(), start_free);
}

/* MEM-024 */
static void test_MEM_024_random_sequences(void **state)
{
	(void)state;
	rng.state = mem_seed();
	mem_machine(ARENA);
	held = mem_pageset_new(ARENA);
	kernel = vmm_kernel_root();
	assert_int_equal(vmm_root_create(&scratch), 0);
	/* Top-level entries first, so that the final count includes no kept PDPT. */
	assert_int_equal(vmm_prepare_range(scratch, SLOT_BASE_SCRATCH, SLOT_SPAN), 0);
	assert_int_equal(vmm_prepare_range(kernel, SLOT_BASE_KERNEL, SLOT_SPAN), 0);
	uint64_t start_free = pmm_free_pages();
	run_random_steps(start_free);
	exhaust_and_restore(start_free);
	/* And once more from the exhausted-and-restored state. */
	run_random_steps(start_free);
	printf("# ops: alloc %lu free %lu badfree %lu map %lu unmap %lu kva_alloc %lu kva_free %lu\n", stats_ops[0],
	       stats_ops[1], stats_ops[2], stats_ops[3], stats_ops[4], stats_ops[5], stats_ops[6]);
	vmm_root_destroy(scratch);
	mem_pageset_free(&held);
}

int main(void)
{
	mem_log_capture();
	mem_seed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MEM_024_random_sequences),
	};
	return cmocka_run_group_tests_name("memory: properties", tests, NULL, NULL);
}
