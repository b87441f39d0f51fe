/*
 * The kernel address space built by vmm_init: MEM-017..MEM-019 of
 * spec/memory.md.  Every page of the image and of the direct map is resolved
 * in the kernel root; the memory below the end of physical memory is checked
 * for an identity map.
 */
#include "memory/mem_fixture.h"

#define ARENA (64ull * MEM_MIB)
#define HIGHER_HALF_BASE 0xFFFFFFFF80000000ull
#define LARGE (2ull * MEM_MIB)

/* MEM-017: the image is mapped page by page, writable and executable, and nothing around it. */
static void test_MEM_017_kernel_image(void **state)
{
	(void)state;
	mem_machine(ARENA);
	mem_assert_log("[VMM] OK: kernel mapped to 0xFFFFFFFF80000000\n");
	const platform_layout_t *layout = platform_layout();
	assert_int_equal(layout->kernel_virt_base - layout->kernel_phys_start, HIGHER_HALF_BASE);
	vmm_root_t root = vmm_kernel_root();
	uint64_t size = layout->kernel_phys_end - layout->kernel_phys_start;
	for (uint64_t off = 0; off < size; off += MEM_PAGE) {
		uint64_t pa;
		unsigned flags;
		assert_int_equal(vmm_resolve(root, layout->kernel_virt_base + off + 0x80, &pa, &flags), 0);
		assert_int_equal(pa, layout->kernel_phys_start + off + 0x80);
		assert_int_equal(flags, VMM_WRITE | VMM_EXEC);
	}
	assert_int_equal(vmm_resolve(root, layout->kernel_virt_base - MEM_PAGE, NULL, NULL), -ENOENT);
	assert_int_equal(vmm_resolve(root, layout->kernel_virt_base + size, NULL, NULL), -ENOENT);
}

static void check_direct_map(uint64_t end)
{
	const platform_layout_t *layout = platform_layout();
	vmm_root_t root = vmm_kernel_root();
	for (uint64_t pa = 0; pa < end; pa += MEM_PAGE) {
		uint64_t got;
		unsigned flags;
		assert_int_equal(vmm_resolve(root, layout->direct_map_base + pa + 0x10, &got, &flags), 0);
		assert_int_equal(got, pa + 0x10);
		assert_int_equal(flags, VMM_WRITE);
	}
	assert_int_equal(vmm_resolve(root, layout->direct_map_base + end, NULL, NULL), -ENOENT);
	/* 2 MiB pages exactly where both addresses are 2 MiB aligned. */
	for (uint64_t pa = 0; pa + LARGE <= end; pa += LARGE) {
		uint64_t *pde = mem_entry(root, layout->direct_map_base + pa, 1);
		assert_non_null(pde);
		bool aligned = (layout->direct_map_base + pa) % LARGE == 0;
		assert_int_equal(!!(*pde & X86_PS), aligned);
	}
}

/* MEM-018: all of physical memory, holes included, at direct_map_base; the marker says how much. */
static void test_MEM_018_direct_map(void **state)
{
	(void)state;
	mem_machine(ARENA);
	char line[128];
	snprintf(line, sizeof(line), "[VMM] OK: direct map of 64MB at 0x%lX\n",
	         (unsigned long)platform_layout()->direct_map_base);
	mem_assert_log(line);
	check_direct_map(ARENA);
	printf("# direct map base 0x%lx is %s2 MiB aligned\n", (unsigned long)platform_layout()->direct_map_base,
	       platform_layout()->direct_map_base % LARGE ? "not " : "");
}

/* MEM-018: with holes and reserved regions the map runs from 0 to the highest end below the limit. */
static void test_MEM_018_direct_map_holes(void **state)
{
	(void)state;
	bootinfo_t bi;
	memset(&bi, 0, sizeof(bi));
	mem_bootinfo_add(&bi, 0, 0x9FC00, MEM_REGION_USABLE);
	mem_bootinfo_add(&bi, 0xF0000, 0x10000, MEM_REGION_RESERVED);
	mem_bootinfo_add(&bi, MEM_MIB, 40 * MEM_MIB, MEM_REGION_USABLE);
	mem_bootinfo_add(&bi, 60 * MEM_MIB, 2 * MEM_MIB + 0x123, MEM_REGION_RESERVED); /* ends mid-page */
	mem_bootinfo_add(&bi, 63 * MEM_MIB, 0, MEM_REGION_USABLE);
	mem_bootinfo_add(&bi, 0xFD00000000ull, 12 * MEM_GIB, MEM_REGION_RESERVED); /* QEMU's, above the limit */
	bi.info_phys = SIM_MB2_INFO_PHYS;
	bi.info_size = MEM_INFO_SIZE;
	assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
	assert_int_equal(vmm_init(&bi), 0);
	uint64_t end = 62 * MEM_MIB + MEM_PAGE;
	char line[128];
	snprintf(line, sizeof(line), "[VMM] OK: direct map of 62MB at 0x%lX\n",
	         (unsigned long)platform_layout()->direct_map_base);
	mem_assert_log(line);
	check_direct_map(end);
	/* The legacy hole (VGA text at 0xB8000) is reachable. */
	assert_int_equal(vmm_resolve(vmm_kernel_root(), platform_layout()->direct_map_base + 0xB8000, NULL, NULL), 0);
}

/* MEM-019: no identity map; the root is the active one; reach grows to the direct map. */
static void test_MEM_019_no_identity_map(void **state)
{
	(void)state;
	mem_machine(ARENA);
	vmm_root_t root = vmm_kernel_root();
	assert_int_not_equal(root, 0);
	for (uint64_t pa = 0; pa < ARENA; pa += MEM_PAGE)
		assert_int_equal(vmm_resolve(root, pa, NULL, NULL), -ENOENT);
	/* Active: a change in the KVA window is mirrored (MEM-016 decides it by the active root). */
	uintptr_t va = platform_layout()->kva_base + 7 * MEM_PAGE;
	uint64_t frame = pmm_alloc_page();
	assert_int_equal(vmm_map_page(root, va, frame, VMM_WRITE), 0);
	assert_true(mem_host_readable((void *)va));
	assert_int_equal(vmm_unmap_page(root, va, NULL), 0);
	assert_int_equal(pmm_reachable_end(), ARENA);
}

/* MEM-019: running out of pages while building fails cleanly and gives every page back. */
static void test_MEM_019_out_of_memory(void **state)
{
	(void)state;
	static uint64_t pages[ARENA / MEM_PAGE];
	/* Leave k = 0, 1, 2, ... free pages until the build succeeds: every smaller k fails cleanly. */
	size_t k;
	for (k = 0; k < 400; k++) {
		bootinfo_t bi = mem_bootinfo_simple(ARENA);
		assert_int_equal(mem_pmm_machine(ARENA, &bi), 0);
		size_t n = mem_drain(pages, ARENA / MEM_PAGE, ARENA, NULL);
		for (size_t i = 0; i < k; i++)
			assert_int_equal(pmm_free_page(pages[--n]), 0);
		mem_log_reset();
		int err = vmm_init(&bi);
		if (err == 0)
			break;
		assert_int_equal(err, -ENOMEM);
		assert_true(mem_log_has("[VMM] FAIL: ") && mem_log_has(": out of physical memory\n"));
		assert_false(mem_log_has("direct map of"));
		assert_int_equal(pmm_free_pages(), k);
		assert_int_equal(vmm_kernel_root(), 0);
		assert_int_equal(pmm_reachable_end(), ARENA);
	}
	printf("# the kernel root of a 64 MiB machine needs %zu pages of tables\n", k);
	assert_true(k >= 4 && k < 400);
}

int main(void)
{
	mem_log_capture();
	mem_seed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MEM_017_kernel_image),
		cmocka_unit_test(test_MEM_018_direct_map),
		cmocka_unit_test(test_MEM_018_direct_map_holes),
		cmocka_unit_test(test_MEM_019_no_identity_map),
		cmocka_unit_test(test_MEM_019_out_of_memory),
	};
	return cmocka_run_group_tests_name("memory: kernel address space", tests, NULL, NULL);
}
