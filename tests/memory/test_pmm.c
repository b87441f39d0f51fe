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

/* Pages taken by the two bitmaps for a map whose highest usable page ends at top (MEM-005). */
static uint64_t bitmap_pages(uint64_t top)
{
	uint64_t words = (top / MEM_PAGE + 63) / 64;
	return (2 * words * 8 + MEM_PAGE - 1) / MEM_PAGE;
}

/* Model: is page pa free after init (before the bitmaps are placed)? */
static bool model_free(const bootinfo_t *bi, uint64_t pa)
{
	bool usable = false;
	for (size_t i = 0; i < bi->region_count; i++) {
		const mem_region_t *r = &bi->regions[i];
		if (r->length == 0)
			continue;
		if (r->type == MEM_REGION_USABLE) {
			if (r->base <= pa && pa + MEM_PAGE <= r->base + r->length)
				usable = true;
		} else if (pa < r->base + r->length && r->base < pa + MEM_PAGE) {
			return false;
		}
	}
	if (!usable || pa < MEM_LOW_END)
		return false;
	if (pa < KERNEL_END && KERNEL_START < pa + MEM_PAGE)
		return false;
	if (bi->info_size && pa < bi->info_phys + bi->info_size && bi->info_phys < pa + MEM_PAGE)
		return false;
	for (size_t i = 0; i < bi->module_count; i++)
		if (pa < bi->modules[i].end && bi->modules[i].start < pa + MEM_PAGE)
			return false;
	return true;
}

static uint64_t model_count(const bootinfo_t *bi, uint64_t limit)
{
	uint64_t n = 0;
	for (uint64_t pa = 0; pa < limit; pa += MEM_PAGE)
		n += model_free(bi, pa);
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
		if (!model_free(bi, drained[i]))
			fail_msg("page 0x%llx handed out but the map does not allow it", (unsigned long long)drained[i]);
	return n;
}

/* MEM-001 MEM-005: whole usable pages only, reservations win, bitmaps cost what MEM-005 says. */
static void test_MEM_001_usable_pages_only(void **state)
{
	(void)state;
	bootinfo_t bi = awkward_map();
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	uint64_t expect = model_count(&bi, ARENA) - bitmap_pages(52 * MEM_MIB);
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
	assert_int_equal(n, model_count(&bi, ARENA) - bitmap_pages(ARENA));
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
	uint64_t below = model_count(&bi, ARENA) - bitmap_pages(PMM_MAX_PHYS);
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
}

/* MEM-005: the bitmaps take the lowest free run above 1 MiB and nothing else. */
static void test_MEM_005_bitmap_placement(void **state)
{
	(void)state;
	bootinfo_t bi = mem_bootinfo_simple(ARENA);
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	mem_pageset_t seen = mem_pageset_new(ARENA);
	size_t n = mem_drain(drained, ARENA_PAGES, ARENA, &seen);
	uint64_t bm = bitmap_pages(ARENA);
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
	assert_int_equal(n, (ARENA - KERNEL_END) / MEM_PAGE - bitmap_pages(2 * ARENA));
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
	};
	return cmocka_run_group_tests_name("memory: pmm", tests, NULL, NULL);
}
