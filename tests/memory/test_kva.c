/*
 * Kernel virtual allocator tests: MEM-020..MEM-023 of spec/memory.md.
 *
 * KVA pointers are real host pointers in the sim (the platform mirrors the
 * window), so the tests write through them and then look at the same bytes
 * through the direct map; after a free the pointer must be inaccessible.
 */
#include "memory/mem_fixture.h"

#define ARENA (64ull * MEM_MIB)

static uintptr_t window_first(void)
{
	return platform_layout()->kva_base + MEM_PAGE;
}

static uint64_t window_pages(void)
{
	return platform_layout()->kva_size / MEM_PAGE;
}

/* Every page of [p, p + n pages) is mapped, writable, not executable, zero, and shared with its frame. */
static void check_backed(void *p, size_t n)
{
	static const uint8_t zero[MEM_PAGE];
	for (size_t i = 0; i < n; i++) {
		uint8_t *page = (uint8_t *)p + i * MEM_PAGE;
		uint64_t pa;
		unsigned flags;
		assert_int_equal(vmm_resolve(vmm_kernel_root(), (uintptr_t)page, &pa, &flags), 0);
		assert_int_equal(flags, VMM_WRITE);
		assert_memory_equal(page, zero, MEM_PAGE);
		page[i % MEM_PAGE] = (uint8_t)(i + 1);
		assert_int_equal(((uint8_t *)vmm_phys_to_virt(pa))[i % MEM_PAGE], (uint8_t)(i + 1));
	}
}

static void check_unmapped(const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const uint8_t *page = (const uint8_t *)p + i * MEM_PAGE;
		assert_int_equal(vmm_resolve(vmm_kernel_root(), (uintptr_t)page, NULL, NULL), -ENOENT);
		assert_false(mem_host_readable(page));
	}
}

/* MEM-020: marker, guard page never mapped nor handed out. */
static void test_MEM_020_guard_page(void **state)
{
	(void)state;
	mem_machine(ARENA);
	mem_assert_log("[KVA] OK: kernel virtual allocator active\n");
	uintptr_t guard = kva_guard_address();
	assert_int_equal(guard, platform_layout()->kva_base);
	check_unmapped((void *)guard, 1);
	void *p = kva_alloc_pages(1);
	assert_ptr_equal(p, (void *)window_first());
	for (int i = 0; i < 50; i++)
		assert_true((uintptr_t)kva_alloc_pages(1 + i % 3) > guard);
	check_unmapped((void *)guard, 1);
}

/* MEM-020: without a kernel root kva_init refuses. */
static void test_MEM_020_needs_kernel_root(void **state)
{
	(void)state;
	bootinfo_t bi = mem_bootinfo_simple(ARENA);
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	static uint64_t pages[ARENA / MEM_PAGE];
	size_t n = mem_drain(pages, ARENA / MEM_PAGE, ARENA, NULL);
	assert_int_equal(vmm_init(&bi), -ENOMEM); /* leaves no kernel root */
	mem_free_all(pages, n);
	mem_log_reset();
	assert_int_equal(kva_init(), -EINVAL);
	mem_assert_log("[KVA] FAIL: no kernel page tables (vmm_init has not run)\n");
	assert_null(kva_alloc_pages(1));
	kva_free_pages((void *)window_first(), 1);
	mem_assert_log("refused: allocator not started\n");
}

/* MEM-021: allocations are mapped, writable, zeroed, distinct; impossible sizes give NULL. */
static void test_MEM_021_alloc(void **state)
{
	(void)state;
	mem_machine(ARENA);
	static const size_t sizes[] = {1, 3, 17, 1, 64, 2};
	void *got[sizeof(sizes) / sizeof(sizes[0])];
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint64_t before = pmm_free_pages();
		got[i] = kva_alloc_pages(sizes[i]);
		assert_non_null(got[i]);
		assert_int_equal((uintptr_t)got[i] % MEM_PAGE, 0);
		assert_true((uintptr_t)got[i] >= window_first());
		assert_true((uintptr_t)got[i] + sizes[i] * MEM_PAGE <= platform_layout()->kva_base + platform_layout()->kva_size);
		assert_true(pmm_free_pages() <= before - sizes[i]);
		check_backed(got[i], sizes[i]);
		for (size_t j = 0; j < i; j++)
			assert_true((uintptr_t)got[i] >= (uintptr_t)got[j] + sizes[j] * MEM_PAGE ||
			            (uintptr_t)got[j] >= (uintptr_t)got[i] + sizes[i] * MEM_PAGE);
	}
	uint64_t before = pmm_free_pages();
	assert_null(kva_alloc_pages(0));
	assert_null(kva_alloc_pages(window_pages()));
	assert_null(kva_alloc_pages(SIZE_MAX));
	assert_null(kva_alloc_pages(SIZE_MAX / MEM_PAGE + 2));
	assert_int_equal(pmm_free_pages(), before);
}

/* MEM-021: when the PMM runs dry part way, nothing is left behind. */
static void test_MEM_021_out_of_memory(void **state)
{
	(void)state;
	mem_machine(ARENA);
	void *first = kva_alloc_pages(2);
	assert_non_null(first);
	static uint64_t pages[ARENA / MEM_PAGE];
	size_t n = mem_drain(pages, ARENA / MEM_PAGE, ARENA, NULL);
	for (size_t k = 0; k < 12; k++) {
		mem_free_all(&pages[n - k], k);
		n -= k;
		assert_int_equal(pmm_free_pages(), k);
		assert_null(kva_alloc_pages(20));
		assert_int_equal(pmm_free_pages(), k);
		for (size_t i = 0; i < k; i++)
			pages[n++] = pmm_alloc_page();
	}
	check_unmapped((uint8_t *)first + 2 * MEM_PAGE, 20);
	mem_free_all(pages, n);
	/* The address space it had taken is handed out again right after the first allocation. */
	void *next = kva_alloc_pages(20);
	assert_ptr_equal(next, (uint8_t *)first + 2 * MEM_PAGE);
	check_backed(next, 20);
}

/* MEM-022: a free unmaps and returns the frames. */
static void test_MEM_022_free(void **state)
{
	(void)state;
	mem_machine(ARENA);
	uint64_t free0 = pmm_free_pages();
	uint8_t *p = kva_alloc_pages(5);
	assert_non_null(p);
	memset(p, 0x3C, 5 * MEM_PAGE);
	kva_free_pages(p, 5);
	check_unmapped(p, 5);
	assert_int_equal(pmm_free_pages(), free0);
	/* A part of an allocation may be freed on its own. */
	p = kva_alloc_pages(6);
	kva_free_pages(p + 2 * MEM_PAGE, 2);
	check_unmapped(p + 2 * MEM_PAGE, 2);
	assert_int_equal(p[0], 0);
	assert_int_equal(p[5 * MEM_PAGE], 0);
	kva_free_pages(p, 2);
	kva_free_pages(p + 4 * MEM_PAGE, 2);
	assert_int_equal(pmm_free_pages(), free0);
}

static void expect_refused(void *addr, size_t n, const char *why)
{
	uint64_t before = pmm_free_pages();
	mem_log_reset();
	kva_free_pages(addr, n);
	char line[200];
	/* The kernel's %p is 0x and 16 hex digits (KLIB-001). */
	snprintf(line, sizeof(line), "[KVA] WARN: free of 0x%016lx (%zu pages) refused: %s\n", (unsigned long)addr, n,
	         why);
	mem_assert_log(line);
	assert_int_equal(pmm_free_pages(), before);
}

/* MEM-022: frees of what is not allocated are refused and change nothing. */
static void test_MEM_022_bad_free_refused(void **state)
{
	(void)state;
	mem_machine(ARENA);
	uint8_t *a = kva_alloc_pages(4);
	uint8_t *b = kva_alloc_pages(4);
	uint8_t *c = kva_alloc_pages(1);
	memset(a, 0xAA, 4 * MEM_PAGE);
	memset(b, 0xBB, 4 * MEM_PAGE);
	kva_free_pages(b, 4);
	static uint8_t host_buffer[2 * MEM_PAGE] __attribute__((aligned(4096)));
	expect_refused(host_buffer, 1, "outside the KVA window");
	expect_refused((void *)kva_guard_address(), 1, "the guard page is never allocated");
	expect_refused(a + 8, 1, "not page aligned");
	expect_refused(a, 0, "zero pages");
	expect_refused(c + MEM_PAGE, 1, "beyond the pages handed out");
	expect_refused(c, 2, "beyond the pages handed out");
	expect_refused(a, SIZE_MAX, "beyond the pages handed out");
	expect_refused(b, 4, "pages already free");
	expect_refused(b + MEM_PAGE, 1, "pages already free");
	expect_refused(a, 5, "pages already free"); /* runs into b */
	expect_refused((void *)(platform_layout()->kva_base + platform_layout()->kva_size), 1,
	               "outside the KVA window");
	/* a and c are untouched. */
	for (size_t i = 0; i < 4 * MEM_PAGE; i++)
		assert_int_equal(a[i], 0xAA);
	assert_true(mem_host_readable(c));
	kva_free_pages(a, 4);
	kva_free_pages(c, 1);
	check_unmapped(a, 9);
}

/* MEM-023: free neighbours merge; freeing everything gives the whole window back. */
static void test_MEM_023_coalescing(void **state)
{
	(void)state;
	mem_machine(ARENA);
	uint8_t *a = kva_alloc_pages(4);
	uint8_t *b = kva_alloc_pages(4);
	uint8_t *c = kva_alloc_pages(4);
	uint8_t *d = kva_alloc_pages(1);
	assert_ptr_equal(b, a + 4 * MEM_PAGE);
	assert_ptr_equal(c, b + 4 * MEM_PAGE);
	kva_free_pages(a, 4);
	kva_free_pages(c, 4);
	assert_ptr_equal(kva_alloc_pages(5), d + MEM_PAGE); /* no free range of 5 yet */
	kva_free_pages(b, 4);
	uint8_t *whole = kva_alloc_pages(12);
	assert_ptr_equal(whole, a); /* a, b and c merged */
	check_backed(whole, 12);
	/* Freeing everything returns the window to its first state. */
	kva_free_pages(whole, 12);
	kva_free_pages(d, 1);
	kva_free_pages(d + MEM_PAGE, 5);
	assert_ptr_equal(kva_alloc_pages(1), (void *)window_first());
}

/* MEM-023: first-fit reuse, and a full range table loses address space loudly but keeps frames. */
static void test_MEM_023_range_table_full(void **state)
{
	(void)state;
	mem_machine(ARENA);
	enum { N = 2 * KVA_MAX_FREE_RANGES + 4 };
	static uint8_t *p[N];
	for (size_t i = 0; i < N; i++)
		assert_non_null(p[i] = kva_alloc_pages(1));
	uint64_t free0 = pmm_free_pages();
	mem_log_reset();
	for (size_t i = 0; i < KVA_MAX_FREE_RANGES; i++)
		kva_free_pages(p[2 * i], 1);
	assert_false(mem_log_has("WARN"));
	kva_free_pages(p[2 * KVA_MAX_FREE_RANGES], 1); /* one range too many */
	mem_assert_log("[KVA] WARN: free-range table full, 1 pages of address space lost\n");
	assert_int_equal(pmm_free_pages(), free0 + KVA_MAX_FREE_RANGES + 1);
	check_unmapped(p[2 * KVA_MAX_FREE_RANGES], 1);
	/* First fit: the lowest free range is used first. */
	assert_ptr_equal(kva_alloc_pages(1), p[0]);
	/* Freeing a page between two free ranges merges them and needs no new slot. */
	mem_log_reset();
	kva_free_pages(p[3], 1);
	assert_false(mem_log_has("WARN"));
	uint8_t *three = kva_alloc_pages(3);
	assert_ptr_equal(three, p[2]);
}

int main(void)
{
	mem_log_capture();
	mem_seed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MEM_020_guard_page),
		cmocka_unit_test(test_MEM_020_needs_kernel_root),
		cmocka_unit_test(test_MEM_021_alloc),
		cmocka_unit_test(test_MEM_021_out_of_memory),
		cmocka_unit_test(test_MEM_022_free),
		cmocka_unit_test(test_MEM_022_bad_free_refused),
		cmocka_unit_test(test_MEM_023_coalescing),
		cmocka_unit_test(test_MEM_023_range_table_full),
	};
	return cmocka_run_group_tests_name("memory: kva", tests, NULL, NULL);
}
