/*
 * Physical memory manager tests: MEM-001..MEM-009 of spec/memory.md.
 *
 * Each test builds its own memory map, starts the PMM on a fresh simulated
 * arena and drains it: the set of pages handed out is compared with a model
 * of the map (whole usable pages, minus every page touched by something
 * reserved, minus the bitmaps).
 */
#include <time.h>

#include "memory/mem_fixture.h"

#define ARENA (64ull * MEM_MIB)
#define ARENA_PAGES (ARENA / MEM_PAGE)
#define KERNEL_START SIM_KERNEL_PHYS_START
#define KERNEL_END SIM_KERNEL_PHYS_END
#define MEM_REGION_UNKNOWN_TYPE 77u

static uint64_t drained[ARENA_PAGES];

static uint64_t model_count(const bootinfo_t *bi, uint64_t limit)
{
	uint64_t n = 0;
	for (uint64_t pa = 0; pa < limit; pa += MEM_PAGE)
		n += mem_model_free(bi, pa);
	return n;
}

/* A deliberately awkward map inside the 64 MiB arena. */
static bootinfo_t awkward_map(void)
{
	bootinfo_t bi;
	memset(&bi, 0, sizeof(bi));
	mem_bootinfo_add(&bi, 0, 0x9FC00, MEM_REGION_USABLE);                       /* ends mid-page */
	mem_bootinfo_add(&bi, 0x9FC00, 0x400, MEM_REGION_RESERVED);
	mem_bootinfo_add(&bi, 44 * MEM_MIB, 8 * MEM_MIB, MEM_REGION_USABLE);        /* unsorted */
	mem_bootinfo_add(&bi, MEM_MIB, 31 * MEM_MIB + 0x800, MEM_REGION_USABLE);    /* end rounds down */
	mem_bootinfo_add(&bi, 33 * MEM_MIB + 0x10, 7 * MEM_MIB, MEM_REGION_USABLE); /* start rounds up */
	mem_bootinfo_add(&bi, 36 * MEM_MIB, 1, MEM_REGION_RESERVED);                /* one byte wins a page */
	mem_bootinfo_add(&bi, 50 * MEM_MIB, 0, MEM_REGION_USABLE);                  /* zero length */
	mem_bootinfo_add(&bi, 48 * MEM_MIB, MEM_MIB, MEM_REGION_ACPI_RECLAIMABLE);  /* inside usable */
	mem_bootinfo_add(&bi, 45 * MEM_MIB, MEM_PAGE, MEM_REGION_UNKNOWN_TYPE);
	mem_bootinfo_add(&bi, 20 * MEM_MIB, 2 * MEM_MIB, MEM_REGION_USABLE);        /* overlaps another */
	mem_bootinfo_add(&bi, 46 * MEM_MIB + 0x800, 0x1000, MEM_REGION_BAD);        /* straddles two pages */
	bi.info_phys = SIM_MB2_INFO_PHYS;
	bi.info_size = MEM_INFO_SIZE;
	return bi;
}

/* Drain the PMM and check every page against the model; returns the count. */
static size_t drain_against_model(const bootinfo_t *bi, mem_pageset_t *seen)
{
	size_t n = mem_drain(drained, ARENA_PAGES, ARENA, seen);
	for (size_t i = 0; i < n; i++)
		if (!mem_model_free(bi, drained[i]))
			fail_msg("page 0x%llx handed out but the map does not allow it", (unsigned long long)drained[i]);
	return n;
}

/* MEM-001 MEM-005: whole usable pages only, reservations win, bitmaps cost what MEM-005 says. */
static void test_MEM_001_usable_pages_only(void **state)
{
	(void)state;
	bootinfo_t bi = awkward_map();
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	uint64_t expect = model_count(&bi, ARENA) - mem_bitmap_pages(52 * MEM_MIB);
	assert_int_equal(pmm_total_pages(), expect);
	assert_int_equal(pmm_free_pages(), expect);
	mem_pageset_t seen = mem_pageset_new(ARENA);
	assert_int_equal(drain_against_model(&bi, &seen), expect);
	assert_false(mem_pageset_has(&seen, 36 * MEM_MIB));
	assert_false(mem_pageset_has(&seen, 46 * MEM_MIB));
	assert_false(mem_pageset_has(&seen, 46 * MEM_MIB + MEM_PAGE));
	assert_true(mem_pageset_has(&seen, 46 * MEM_MIB + 2 * MEM_PAGE));
	assert_false(mem_pageset_has(&seen, 32 * MEM_MIB));
	assert_false(mem_pageset_has(&seen, 33 * MEM_MIB));
	assert_true(mem_pageset_has(&seen, 33 * MEM_MIB + MEM_PAGE));
	mem_pageset_free(&seen);
}

/* MEM-001: the same set of pages whatever the order of the map. */
static void test_MEM_001_order_does_not_matter(void **state)
{
	(void)state;
	mem_rng_t rng = {mem_seed()};
	bootinfo_t bi = awkward_map();
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	mem_pageset_t first = mem_pageset_new(ARENA);
	size_t n = mem_drain(drained, ARENA_PAGES, ARENA, &first);
	for (int round = 0; round < 4; round++) {
		for (size_t i = bi.region_count - 1; i > 0; i--) {
			size_t j = mem_rng_below(&rng, i + 1);
			mem_region_t t = bi.regions[i];
			bi.regions[i] = bi.regions[j];
			bi.regions[j] = t;
		}
		assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
		mem_pageset_t again = mem_pageset_new(ARENA);
		assert_int_equal(mem_drain(drained, ARENA_PAGES, ARENA, &again), n);
		assert_memory_equal(first.bits, again.bits, ARENA_PAGES / 8);
		mem_pageset_free(&again);
	}
	mem_pageset_free(&first);
}

/* MEM-002: first MiB, kernel image, boot info and modules are never handed out. */
static void test_MEM_002_reservations(void **state)
{
	(void)state;
	bootinfo_t bi = mem_bootinfo_simple(ARENA);
	bi.info_phys = 5 * MEM_MIB + 0x123;
	bi.info_size = 0x2000; /* touches three pages */
	bi.modules[0] = (boot_module_t){10 * MEM_MIB + 0x800, 12 * MEM_MIB + 1, "rootfs"};
	bi.modules[1] = (boot_module_t){30 * MEM_MIB, 30 * MEM_MIB + MEM_PAGE, ""};
	bi.module_count = 2;
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	mem_pageset_t seen = mem_pageset_new(ARENA);
	size_t n = drain_against_model(&bi, &seen);
	assert_int_equal(n, model_count(&bi, ARENA) - mem_bitmap_pages(ARENA));
	for (uint64_t pa = 0; pa < 2 * MEM_MIB; pa += MEM_PAGE)
		assert_false(mem_pageset_has(&seen, pa));
	for (uint64_t pa = 5 * MEM_MIB; pa < 5 * MEM_MIB + 3 * MEM_PAGE; pa += MEM_PAGE)
		assert_false(mem_pageset_has(&seen, pa));
	assert_true(mem_pageset_has(&seen, 5 * MEM_MIB + 3 * MEM_PAGE));
	for (uint64_t pa = 10 * MEM_MIB; pa < 12 * MEM_MIB + MEM_PAGE; pa += MEM_PAGE)
		assert_false(mem_pageset_has(&seen, pa));
	assert_true(mem_pageset_has(&seen, 12 * MEM_MIB + MEM_PAGE));
	assert_false(mem_pageset_has(&seen, 30 * MEM_MIB));
	assert_true(mem_pageset_has(&seen, 30 * MEM_MIB + MEM_PAGE));
	mem_pageset_free(&seen);
}

/* MEM-003 MEM-004 MEM-005: memory above 64 GiB is ignored with one warning; big bitmaps still fit. */
static void test_MEM_003_above_limit_ignored(void **state)
{
	(void)state;
	bootinfo_t bi = mem_bootinfo_simple(ARENA);
	mem_bootinfo_add(&bi, PMM_MAX_PHYS - 4 * MEM_MIB, 12 * MEM_MIB, MEM_REGION_USABLE);
	mem_bootinfo_add(&bi, 100 * MEM_GIB, MEM_GIB, MEM_REGION_USABLE);
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	mem_assert_log("[PMM] WARN: ignoring 1032MB of usable memory above the 64 GiB tracking limit\n");
	mem_assert_log("[PMM] OK: 68MB usable across 2 regions\n");
	uint64_t below = model_count(&bi, ARENA) - mem_bitmap_pages(PMM_MAX_PHYS);
	assert_int_equal(pmm_total_pages(), below + 4 * MEM_MIB / MEM_PAGE);
	/* The 4 MiB of bitmaps lie in the arena; the pages near 64 GiB are not reachable yet (MEM-008). */
	assert_int_equal(mem_drain(drained, ARENA_PAGES, ARENA, NULL), below);
	assert_int_equal(pmm_free_pages(), 4 * MEM_MIB / MEM_PAGE);
}

/* MEM-004: the marker counts usable memory before reservations and the usable entries. */
static void test_MEM_004_marker(void **state)
{
	(void)state;
	bootinfo_t bi;
	memset(&bi, 0, sizeof(bi));
	mem_bootinfo_add(&bi, 0, 0x9FC00, MEM_REGION_USABLE);
	mem_bootinfo_add(&bi, 0xF0000, 0x10000, MEM_REGION_RESERVED);
	mem_bootinfo_add(&bi, MEM_MIB, ARENA - MEM_MIB - 0x20000, MEM_REGION_USABLE);
	mem_bootinfo_add(&bi, 0x200, 0x100, MEM_REGION_USABLE); /* no whole page: not counted */
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	char line[96];
	snprintf(line, sizeof(line), "[PMM] OK: %lluMB usable across 2 regions\n",
	         (unsigned long long)((0x9F000 + ARENA - MEM_MIB - 0x20000) / MEM_MIB));
	assert_string_equal(line, "[PMM] OK: 63MB usable across 2 regions\n");
	mem_assert_log(line);

	bootinfo_t simple = mem_bootinfo_simple(ARENA);
	assert_int_equal(mem_pmm_machine(ARENA, &simple), 0);
	mem_assert_log("[PMM] OK: 64MB usable across 1 regions\n");
}

/* MEM-004: maps that leave nothing usable fail with a reason and -ENOMEM. */
static void test_MEM_004_nothing_usable(void **state)
{
	(void)state;
	bootinfo_t bi;
	memset(&bi, 0, sizeof(bi));
	mem_bootinfo_add(&bi, 0, ARENA, MEM_REGION_RESERVED);
	assert_int_equal(mem_pmm_machine(ARENA, &bi), -ENOMEM);
	mem_assert_log("[PMM] FAIL: no usable memory in the memory map\n");
	assert_int_equal(pmm_alloc_page(), PMM_NO_PAGE);
	assert_int_equal(pmm_free_pages(), 0);

	memset(&bi, 0, sizeof(bi));
	mem_bootinfo_add(&bi, 0, 0x9FC00, MEM_REGION_USABLE); /* only below 1 MiB */
	assert_int_equal(mem_pmm_machine(ARENA, &bi), -ENOMEM);
	mem_assert_log("[PMM] FAIL: no room for the 1 KiB page bitmap in directly mapped memory\n");

	memset(&bi, 0, sizeof(bi));
	mem_bootinfo_add(&bi, MEM_MIB, MEM_MIB + MEM_PAGE, MEM_REGION_USABLE); /* kernel + one page */
	assert_int_equal(mem_pmm_machine(ARENA, &bi), -ENOMEM);
	mem_assert_log("[PMM] FAIL: no free memory left after the reservations\n");
	assert_int_equal(pmm_alloc_page(), PMM_NO_PAGE);

	/* No map at all. */
	mem_log_reset();
	assert_int_equal(pmm_init(NULL, platform_layout()), -EINVAL);
	mem_assert_log("[PMM] FAIL: no memory map\n");
	assert_int_equal(pmm_alloc_page(), PMM_NO_PAGE);
	assert_int_equal(vmm_init(NULL), -EINVAL);
	mem_assert_log("[VMM] FAIL: no memory map\n");
}

/* MEM-005: the bitmaps take the lowest free run above 1 MiB and nothing else. */
static void test_MEM_005_bitmap_placement(void **state)
{
	(void)state;
	bootinfo_t bi = mem_bootinfo_simple(ARENA);
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	mem_pageset_t seen = mem_pageset_new(ARENA);
	size_t n = mem_drain(drained, ARENA_PAGES, ARENA, &seen);
	uint64_t bm = mem_bitmap_pages(ARENA);
	assert_int_equal(n, (ARENA - KERNEL_END) / MEM_PAGE - bm);
	for (uint64_t i = 0; i < bm; i++)
		assert_false(mem_pageset_has(&seen, KERNEL_END + i * MEM_PAGE));
	assert_true(mem_pageset_has(&seen, KERNEL_END + bm * MEM_PAGE));
	/* Scribble over every page handed out: the bookkeeping must not be among them. */
	for (size_t i = 0; i < n; i++)
		memset(vmm_phys_to_virt(drained[i]), 0xA5, MEM_PAGE);
	mem_free_all(drained, n);
	assert_int_equal(pmm_free_pages(), pmm_total_pages());
	assert_int_equal(mem_drain(drained, ARENA_PAGES, ARENA, NULL), n);
	mem_pageset_free(&seen);
}

/* MEM-006: pages come zeroed, never twice, and exhaustion is clean. */
static void test_MEM_006_alloc_zeroed_never_twice(void **state)
{
	(void)state;
	bootinfo_t bi = mem_bootinfo_simple(ARENA);
	sim_platform_setup(ARENA, mem_seed());
	memset(sim_phys_ptr(0, ARENA), 0xCC, ARENA); /* garbage everywhere before init */
	mem_log_reset();
	assert_int_equal(pmm_init(&bi, platform_layout()), 0);
	uint64_t free0 = pmm_free_pages();
	mem_pageset_t seen = mem_pageset_new(ARENA);
	static const uint8_t zero[MEM_PAGE];
	size_t n = 0;
	for (;;) {
		uint64_t before = pmm_free_pages();
		uint64_t pa = pmm_alloc_page();
		if (pa == PMM_NO_PAGE) {
			assert_int_equal(before, 0);
			break;
		}
		assert_int_equal(pmm_free_pages(), before - 1);
		assert_false(mem_pageset_has(&seen, pa));
		mem_pageset_put(&seen, pa, true);
		assert_memory_equal(vmm_phys_to_virt(pa), zero, MEM_PAGE);
		memset(vmm_phys_to_virt(pa), 0xEE, MEM_PAGE);
		drained[n++] = pa;
	}
	assert_int_equal(n, free0);
	assert_int_equal(pmm_alloc_page(), PMM_NO_PAGE);
	assert_int_equal(pmm_free_pages(), 0);
	/* Dirty pages come back zeroed after a free. */
	for (size_t i = 0; i < n; i += 7) {
		uint64_t before = pmm_free_pages();
		assert_int_equal(pmm_free_page(drained[i]), 0);
		assert_int_equal(pmm_free_pages(), before + 1);
		uint64_t pa = pmm_alloc_page();
		assert_int_equal(pa, drained[i]);
		assert_memory_equal(vmm_phys_to_virt(pa), zero, MEM_PAGE);
	}
	mem_free_all(drained, n);
	assert_int_equal(pmm_free_pages(), free0);
	mem_pageset_free(&seen);
}

static void expect_refused(uint64_t pa, const char *why)
{
	uint64_t before = pmm_free_pages();
	mem_log_reset();
	assert_int_equal(pmm_free_page(pa), -EINVAL);
	char line[160];
	snprintf(line, sizeof(line), "[PMM] WARN: free of 0x%llx refused: %s\n", (unsigned long long)pa, why);
	mem_assert_log(line);
	assert_int_equal(pmm_free_pages(), before);
}

/* MEM-007: bad frees are refused with a reason and change nothing. */
static void test_MEM_007_bad_free_refused(void **state)
{
	(void)state;
	bootinfo_t bi = mem_bootinfo_simple(ARENA);
	mem_bootinfo_add(&bi, 60 * MEM_MIB, MEM_MIB, MEM_REGION_RESERVED);
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	uint64_t a = pmm_alloc_page();
	uint64_t b = pmm_alloc_page();
	uint64_t free1 = pmm_free_pages();
	expect_refused(a + 8, "not page aligned");
	expect_refused(0, "not memory the PMM manages");
	expect_refused(KERNEL_START, "not memory the PMM manages");
	expect_refused(SIM_MB2_INFO_PHYS, "not memory the PMM manages");
	expect_refused(60 * MEM_MIB + 5 * MEM_PAGE, "not memory the PMM manages");
	expect_refused(ARENA + 40 * MEM_MIB, "not memory the PMM manages");
	expect_refused(PMM_MAX_PHYS + MEM_GIB, "not memory the PMM manages");
	expect_refused(UINT64_MAX - MEM_PAGE + 1, "not memory the PMM manages");
	expect_refused(b + MEM_PAGE, "page is already free");
	assert_int_equal(pmm_free_page(a), 0);
	expect_refused(a, "page is already free");
	assert_int_equal(pmm_free_pages(), free1 + 1);
	/* Nothing was corrupted: b is still in use, everything else still comes out once. */
	mem_pageset_t seen = mem_pageset_new(ARENA);
	mem_pageset_put(&seen, b, true);
	size_t n = mem_drain(drained, ARENA_PAGES, ARENA, &seen);
	assert_int_equal(n, free1 + 1);
	assert_int_equal(pmm_free_page(b), 0);
	mem_free_all(drained, n);
	assert_int_equal(pmm_free_pages(), pmm_total_pages());
	mem_pageset_free(&seen);
}

/* MEM-008: before vmm_init only pages inside the boot-time direct map are handed out. */
static void test_MEM_008_reach_limits_allocation(void **state)
{
	(void)state;
	bootinfo_t bi = mem_bootinfo_simple(2 * ARENA); /* the map claims twice the arena */
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	assert_int_equal(pmm_reachable_end(), ARENA);
	size_t n = mem_drain(drained, ARENA_PAGES, ARENA, NULL);
	assert_int_equal(n, (ARENA - KERNEL_END) / MEM_PAGE - mem_bitmap_pages(2 * ARENA));
	assert_int_equal(pmm_free_pages(), ARENA / MEM_PAGE);
	mem_free_all(drained, n);
	/* vmm_init maps the whole claimed range and extends the reach to it. */
	assert_int_equal(vmm_init(&bi), 0);
	assert_int_equal(pmm_reachable_end(), 2 * ARENA);
	pmm_extend_reach(ARENA); /* never shrinks */
	assert_int_equal(pmm_reachable_end(), 2 * ARENA);
}

/* MEM-009: next-fit: a freed page returns only after the pages above it had their turn. */
static void test_MEM_009_next_fit(void **state)
{
	(void)state;
	bootinfo_t bi = mem_bootinfo_simple(ARENA);
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	uint64_t a = pmm_alloc_page();
	uint64_t b = pmm_alloc_page();
	uint64_t c = pmm_alloc_page();
	assert_true(a < b && b < c);
	uint64_t rest = pmm_free_pages();
	assert_int_equal(pmm_free_page(b), 0);
	assert_int_equal(pmm_free_page(a), 0);
	size_t n = 0;
	uint64_t pa;
	while ((pa = pmm_alloc_page()) != a && pa != b) {
		assert_true(pa != PMM_NO_PAGE);
		assert_true(pa > c);
		drained[n++] = pa;
	}
	assert_int_equal(n, rest);
	assert_int_equal(pa, a); /* after the wrap, the lowest free page first */
	assert_int_equal(pmm_alloc_page(), b);
	assert_int_equal(pmm_alloc_page(), PMM_NO_PAGE);

	/* Timing of a full drain, for the report (not asserted). */
	struct timespec t0, t1;
	mem_free_all(drained, n);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t m = mem_drain(drained, ARENA_PAGES, ARENA, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	printf("# drained %zu pages in %.1f ms\n", m, ms);
}

/* ---- random maps ------------------------------------------------------------ */

#define SMALL_ARENA (8ull * MEM_MIB)
#define RANDOM_MAPS 200u
#define RANDOM_MAX_REGIONS 12u

static const uint32_t random_types[] = {1, 1, 1, 1, 2, 3, 4, 5, 0, MEM_REGION_UNKNOWN_TYPE};

static uint64_t random_addr(mem_rng_t *r)
{
	switch (mem_rng_below(r, 6)) {
	case 0:
		return mem_rng_below(r, SMALL_ARENA / MEM_PAGE + 64) * MEM_PAGE;
	case 1:
		return mem_rng_below(r, SMALL_ARENA + MEM_MIB);
	case 2:
		return PMM_MAX_PHYS - 8 * MEM_MIB + mem_rng_below(r, 16 * MEM_MIB);
	case 3:
		return mem_rng_next(r);
	case 4:
		return UINT64_MAX - mem_rng_below(r, 3 * MEM_PAGE);
	default:
		return mem_rng_below(r, 4) * MEM_MIB;
	}
}

static uint64_t random_length(mem_rng_t *r, uint64_t base)
{
	switch (mem_rng_below(r, 6)) {
	case 0:
		return 0;
	case 1:
		return mem_rng_below(r, 3 * MEM_PAGE);
	case 2:
		return mem_rng_below(r, SMALL_ARENA);
	case 3:
		return UINT64_MAX; /* base + length wraps */
	case 4:
		return UINT64_MAX - base;
	default:
		return mem_rng_below(r, 80 * MEM_GIB);
	}
}

static bootinfo_t random_map(mem_rng_t *r)
{
	bootinfo_t bi;
	memset(&bi, 0, sizeof(bi));
	if (mem_rng_below(r, 10) < 7)
		mem_bootinfo_add(&bi, 0, SMALL_ARENA, MEM_REGION_USABLE);
	size_t n = mem_rng_below(r, RANDOM_MAX_REGIONS);
	for (size_t i = 0; i < n; i++) {
		uint64_t base = random_addr(r);
		uint32_t type = random_types[mem_rng_below(r, sizeof(random_types) / sizeof(random_types[0]))];
		mem_bootinfo_add(&bi, base, random_length(r, base), type);
	}
	bi.module_count = mem_rng_below(r, 4);
	for (size_t i = 0; i < bi.module_count; i++) {
		uint64_t start = random_addr(r);
		bi.modules[i] = (boot_module_t){start, start + mem_rng_below(r, MEM_MIB), ""};
		if (mem_rng_below(r, 8) == 0) /* reversed: still reserved */
			bi.modules[i] = (boot_module_t){start + MEM_PAGE, start, ""};
	}
	bi.info_phys = mem_rng_below(r, 2) ? SIM_MB2_INFO_PHYS : random_addr(r);
	bi.info_size = (uint32_t)mem_rng_below(r, 3 * MEM_PAGE);
	return bi;
}

typedef struct {
	uint64_t first, end;
} page_span_t;

static int span_order(const void *a, const void *b)
{
	const page_span_t *x = a, *y = b;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* The marker the model expects: usable MiB (union of whole pages below the limit) and entry count. */
static void expected_marker(const bootinfo_t *bi, char *line, size_t size, uint64_t *top)
{
	page_span_t spans[BOOTINFO_MAX_REGIONS];
	size_t count = 0;
	*top = 0;
	for (size_t i = 0; i < bi->region_count; i++) {
		const mem_region_t *r = &bi->regions[i];
		if (r->type != MEM_REGION_USABLE || r->length == 0)
			continue;
		uint64_t end = r->length > UINT64_MAX - r->base ? UINT64_MAX : r->base + r->length;
		if (end > PMM_MAX_PHYS)
			end = PMM_MAX_PHYS;
		uint64_t first = r->base / MEM_PAGE + (r->base % MEM_PAGE != 0), last = end / MEM_PAGE;
		if (first < last) {
			spans[count++] = (page_span_t){first, last};
			if (last * MEM_PAGE > *top)
				*top = last * MEM_PAGE;
		}
	}
	qsort(spans, count, sizeof(spans[0]), span_order);
	uint64_t pages = 0, covered = 0;
	for (size_t i = 0; i < count; i++) {
		uint64_t first = spans[i].first > covered ? spans[i].first : covered;
		if (spans[i].end > first)
			pages += spans[i].end - first;
		if (spans[i].end > covered)
			covered = spans[i].end;
	}
	snprintf(line, size, "[PMM] OK: %lluMB usable across %zu regions\n",
	         (unsigned long long)(pages * MEM_PAGE / MEM_MIB), count);
}

/* MEM-001 MEM-002 MEM-003 MEM-004: random (hostile) maps never crash and always match the model. */
static void test_MEM_001_random_maps(void **state)
{
	(void)state;
	mem_rng_t rng = {mem_seed() ^ 0x5EEDull};
	unsigned ok = 0;
	for (unsigned round = 0; round < RANDOM_MAPS; round++) {
		bootinfo_t bi = random_map(&rng);
		int err = mem_pmm_machine(SMALL_ARENA, &bi);
		char line[96];
		uint64_t top;
		expected_marker(&bi, line, sizeof(line), &top);
		if (err != 0) {
			/* Only when the model agrees: nothing usable, no room for the bitmaps, or nothing left. */
			assert_int_equal(err, -ENOMEM);
			assert_true(mem_log_has("[PMM] FAIL: "));
			assert_int_equal(pmm_alloc_page(), PMM_NO_PAGE);
			uint64_t bm = mem_bitmap_pages(top), run = 0, longest = 0;
			for (uint64_t pa = MEM_LOW_END; pa < SMALL_ARENA; pa += MEM_PAGE) {
				run = mem_model_free(&bi, pa) ? run + 1 : 0;
				longest = run > longest ? run : longest;
			}
			if (!(top == 0 || longest < bm || (top <= SMALL_ARENA && model_count(&bi, SMALL_ARENA) == bm)))
				fail_msg("round %u: map refused although the model has room: %s", round, mem_log_text());
			continue;
		}
		ok++;
		mem_assert_log(line);
		size_t n = mem_drain(drained, ARENA_PAGES, SMALL_ARENA, NULL);
		for (size_t i = 0; i < n; i++)
			if (!mem_model_free(&bi, drained[i]))
				fail_msg("round %u: page 0x%llx handed out against the map", round, (unsigned long long)drained[i]);
		assert_int_equal(n, model_count(&bi, SMALL_ARENA) - mem_bitmap_pages(top));
		mem_free_all(drained, n);
		assert_int_equal(pmm_free_pages(), pmm_total_pages());
	}
	printf("# %u of %u random maps were accepted\n", ok, RANDOM_MAPS);
	assert_true(ok > RANDOM_MAPS / 5); /* enough accepted maps to mean something */
}

int main(void)
{
	mem_log_capture();
	mem_seed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MEM_001_usable_pages_only),
		cmocka_unit_test(test_MEM_001_order_does_not_matter),
		cmocka_unit_test(test_MEM_002_reservations),
		cmocka_unit_test(test_MEM_003_above_limit_ignored),
		cmocka_unit_test(test_MEM_004_marker),
		cmocka_unit_test(test_MEM_004_nothing_usable),
		cmocka_unit_test(test_MEM_005_bitmap_placement),
		cmocka_unit_test(test_MEM_006_alloc_zeroed_never_twice),
		cmocka_unit_test(test_MEM_007_bad_free_refused),
		cmocka_unit_test(test_MEM_008_reach_limits_allocation),
		cmocka_unit_test(test_MEM_009_next_fit),
		cmocka_unit_test(test_MEM_001_random_maps),
	};
	return cmocka_run_group_tests_name("memory: pmm", tests, NULL, NULL);
}
