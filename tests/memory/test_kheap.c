/* Tests for the kernel heap (spec/memory.md MEM-030..MEM-034). */
#include "mem_fixture.h"

#include "mm/kheap.h"

#define ARENA (32 * MEM_MIB)
#define PROPERTY_STEPS 20000
#define PROPERTY_LIVE_MAX 400

static const size_t sizes_to_try[] = {1, 15, 16, 17, 31, 32, 33, 100, 128, 129, 500, 1000, 1024, 1025, 4000, 4032,
                                      4033, 8192, 100000};

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* MEM-030: alignment, zero fill, limits, kcalloc overflow. */
static void test_MEM_030_alloc_contract(void **state)
{
	(void)state;
	mem_machine(ARENA);
	for (size_t i = 0; i < sizeof(sizes_to_try) / sizeof(sizes_to_try[0]); i++) {
		size_t n = sizes_to_try[i];
		unsigned char *p = kmalloc(n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % KHEAP_ALIGN, 0);
		assert_true(all_zero(p, n));
		memset(p, 0xA5, n);
		kfree(p);
		unsigned char *q = kmalloc(n); /* a reused block is zero again */
		assert_true(all_zero(q, n));
		kfree(q);
	}
	assert_null(kmalloc(0));
	assert_null(kmalloc((size_t)KHEAP_MAX_BYTES + 1));
	assert_null(kcalloc(SIZE_MAX / 2, 3));
	assert_null(kcalloc(0, 8));
	unsigned char *c = kcalloc(10, 12);
	assert_non_null(c);
	assert_true(all_zero(c, 120));
	kfree(c);
	kheap_stats_t st;
	kheap_stats(&st);
	assert_int_equal(st.live_blocks, 0);
}

/* MEM-031: slabs for small blocks, own pages for large ones, pages handed back when empty. */
static void test_MEM_031_slabs_and_large(void **state)
{
	(void)state;
	mem_machine(ARENA);
	uint64_t free_start = pmm_free_pages();
	void *a = kmalloc(24), *b = kmalloc(30), *c = kmalloc(32);
	kheap_stats_t st;
	kheap_stats(&st);
	assert_int_equal(st.slab_pages, 1); /* all three share the 32-byte class's slab */
	assert_int_equal((uintptr_t)a & ~(uintptr_t)4095, (uintptr_t)b & ~(uintptr_t)4095);
	void *big = kmalloc(5000);
	kheap_stats(&st);
	assert_int_equal(st.large_pages, 2); /* 5000 + header bytes need two pages */
	assert_int_equal(st.live_blocks, 4);
	kfree(a);
	kfree(b);
	kfree(c);
	kfree(big);
	kheap_stats(&st);
	assert_int_equal(st.slab_pages, 0);
	assert_int_equal(st.large_pages, 0);
	assert_int_equal(pmm_free_pages(), free_start);
	/* Fill more than one slab of the 1024-byte class: three blocks per page. */
	void *k[7];
	for (int i = 0; i < 7; i++)
		k[i] = kmalloc(1000);
	kheap_stats(&st);
	assert_int_equal(st.slab_pages, 3);
	for (int i = 0; i < 7; i++)
		kfree(k[i]);
	assert_int_equal(pmm_free_pages(), free_start);
}

/* MEM-032: exhaustion gives NULL and the heap stays usable. */
static void test_MEM_032_exhaustion(void **state)
{
	(void)state;
	mem_machine(8 * MEM_MIB);
	uint64_t free_start = pmm_free_pages();
	enum { MAX_BLOCKS = 4096 };
	static void *blocks[MAX_BLOCKS];
	size_t n = 0;
	while (n < MAX_BLOCKS) {
		void *p = kmalloc(3000);
		if (!p)
			break;
		blocks[n++] = p;
	}
	assert_true(n > 100 && n < MAX_BLOCKS);
	assert_null(kmalloc(16 * 1024)); /* still nothing */
	for (size_t i = 0; i < n; i++)
		kfree(blocks[i]);
	void *again = kmalloc(3000);
	assert_non_null(again);
	kfree(again);
	assert_int_equal(pmm_free_pages(), free_start);
}

/* MEM-033: every refused free names its reason and changes nothing. */
static void test_MEM_033_bad_frees(void **state)
{
	(void)state;
	mem_machine(ARENA);
	kfree(NULL);
	unsigned char *keep = kmalloc(40); /* keeps the 64-byte slab alive */
	unsigned char *p = kmalloc(40);
	kheap_stats_t before;
	kheap_stats(&before);

	mem_log_reset();
	kfree(p + 8);
	mem_assert_log("refused: not the start of a block\n");
	kfree((void *)((uintptr_t)p & ~(uintptr_t)4095)); /* the slab header itself */
	mem_assert_log("refused: not the start of a block\n");
	static unsigned char not_heap[64];
	kfree(not_heap);
	mem_assert_log("refused: not a heap address\n");
	kfree((void *)kva_guard_address());
	mem_assert_log("refused: not a heap address\n");
	unsigned char *raw = kva_alloc_pages(1); /* mapped, but no heap header */
	kfree(raw + 64);
	mem_assert_log("refused: not a heap block\n");
	memcpy(raw, (void *)((uintptr_t)p & ~(uintptr_t)4095), 64); /* a copied header is not a header */
	kfree(raw + 64);
	mem_assert_log("refused: not a heap block\n");
	kva_free_pages(raw, 1);
	kheap_stats_t after;
	kheap_stats(&after);
	assert_memory_equal(&before, &after, sizeof(before));

	kfree(p);
	mem_log_reset();
	kfree(p);
	mem_assert_log("refused: already free\n");

	unsigned char *big = kmalloc(10000);
	kfree(big + 4096);
	mem_assert_log("refused: not a heap block\n"); /* page 2 of the block has no header */
	kfree(big);
	mem_log_reset();
	kfree(big);
	mem_assert_log("refused: not a heap address\n"); /* its pages went back */
	kfree(keep);
	kheap_stats(&after);
	assert_int_equal(after.live_blocks, 0);
}

/* MEM-034: random sizes against a model of live blocks. */
static void test_MEM_034_random_against_model(void **state)
{
	(void)state;
	mem_machine(ARENA);
	uint64_t free_start = pmm_free_pages();
	mem_rng_t rng = {mem_seed() ^ 0x6b6865ull};
	static unsigned char *live[PROPERTY_LIVE_MAX];
	static size_t len[PROPERTY_LIVE_MAX];
	static unsigned char fill[PROPERTY_LIVE_MAX];
	size_t nlive = 0;
	for (int step = 0; step < PROPERTY_STEPS; step++) {
		bool do_alloc = nlive == 0 || (nlive < PROPERTY_LIVE_MAX && mem_rng_below(&rng, 100) < 55);
		if (do_alloc) {
			size_t n = mem_rng_below(&rng, 8) == 0 ? 1025 + mem_rng_below(&rng, 12000) : 1 + mem_rng_below(&rng, 1024);
			unsigned char *p = kmalloc(n);
			assert_non_null(p);
			assert_true(all_zero(p, n));
			for (size_t i = 0; i < nlive; i++) /* no overlap with any live block */
				assert_true(p + n <= live[i] || live[i] + len[i] <= p);
			live[nlive] = p;
			len[nlive] = n;
			fill[nlive] = (unsigned char)(1 + mem_rng_below(&rng, 255));
			memset(p, fill[nlive], n);
			nlive++;
		} else {
			size_t i = mem_rng_below(&rng, nlive);
			for (size_t k = 0; k < len[i]; k++)
				assert_int_equal(live[i][k], fill[i]);
			kfree(live[i]);
			nlive--;
			live[i] = live[nlive];
			len[i] = len[nlive];
			fill[i] = fill[nlive];
		}
	}
	for (size_t i = 0; i < nlive; i++) {
		for (size_t k = 0; k < len[i]; k++)
			assert_int_equal(live[i][k], fill[i]);
		kfree(live[i]);
	}
	kheap_stats_t st;
	kheap_stats(&st);
	assert_int_equal(st.live_blocks, 0);
	assert_int_equal(st.slab_pages + st.large_pages, 0);
	assert_int_equal(pmm_free_pages(), free_start);
}

int main(void)
{
	mem_seed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MEM_030_alloc_contract),
		cmocka_unit_test(test_MEM_031_slabs_and_large),
		cmocka_unit_test(test_MEM_032_exhaustion),
		cmocka_unit_test(test_MEM_033_bad_frees),
		cmocka_unit_test(test_MEM_034_random_against_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
