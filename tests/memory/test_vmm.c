/*
 * Page-table tests: MEM-010..MEM-016 of spec/memory.md.
 *
 * Most tests work in a scratch root (vmm_root_create), so nothing is mirrored
 * into the host; the entries are read back raw, with the x86_64 bit layout
 * written out in mem_fixture.h, so the tests check the format and not just
 * that vmm_resolve agrees with vmm_map_page.
 */
#include "memory/mem_fixture.h"

#define ARENA (64ull * MEM_MIB)
#define VA_LOW 0x0000100000000000ull  /* a lower-half test address */
#define VA_HIGH 0xFFFF900000000000ull /* an upper-half test address */
#define PA_FAR 0x0000000400000000ull  /* a frame at 16 GiB: table data only, never touched */
#define LARGE (2ull * MEM_MIB)

static vmm_root_t scratch_root(void)
{
	vmm_root_t root = 0;
	assert_int_equal(vmm_root_create(&root), 0);
	assert_int_not_equal(root, 0);
	return root;
}

/* MEM-010: every flag combination becomes the right entry bits and reads back. */
static void test_MEM_010_flags_to_entry_bits(void **state)
{
	(void)state;
	mem_machine(ARENA);
	vmm_root_t root = scratch_root();
	for (unsigned flags = 0; flags <= VMM_FLAGS_ALL; flags++) {
		uintptr_t va = VA_HIGH + flags * MEM_PAGE;
		uint64_t pa = PA_FAR + flags * MEM_PAGE;
		assert_int_equal(vmm_map_page(root, va, pa, flags), 0);
		uint64_t *pte = mem_entry(root, va, 0);
		assert_non_null(pte);
		uint64_t e = *pte;
		assert_true(e & X86_P);
		assert_int_equal(e & X86_ADDR, pa);
		assert_int_equal(!!(e & X86_RW), !!(flags & VMM_WRITE));
		assert_int_equal(!!(e & X86_US), !!(flags & VMM_USER));
		assert_int_equal(!!(e & X86_PCD), !!(flags & VMM_NOCACHE));
		assert_int_equal(!!(e & X86_PWT), !!(flags & VMM_NOCACHE));
		assert_int_equal(!!(e & X86_NX), !(flags & VMM_EXEC));
		assert_false(e & X86_PS);
		uint64_t got = 0;
		unsigned got_flags = 99;
		assert_int_equal(vmm_resolve(root, va + 0x123, &got, &got_flags), 0);
		assert_int_equal(got, pa + 0x123);
		assert_int_equal(got_flags, flags);
	}
	uint64_t got;
	assert_int_equal(vmm_resolve(root, VA_HIGH + 0x10000 * MEM_PAGE, &got, NULL), -ENOENT);
	assert_int_equal(vmm_resolve(root, 0x0000800000000000ull, &got, NULL), -ENOENT);
	vmm_root_destroy(root);
}

/* MEM-011: intermediate tables are zeroed PMM pages; user bit only above user mappings. */
static void test_MEM_011_intermediate_entries(void **state)
{
	(void)state;
	mem_machine(ARENA);
	/* Dirty all free memory so that a table that was not zeroed would show. */
	static uint64_t pages[ARENA / MEM_PAGE];
	size_t n = mem_drain(pages, ARENA / MEM_PAGE, ARENA, NULL);
	for (size_t i = 0; i < n; i++)
		memset(vmm_phys_to_virt(pages[i]), 0xFF, MEM_PAGE);
	mem_free_all(pages, n);

	vmm_root_t root = scratch_root();
	uint64_t free0 = pmm_free_pages();
	assert_int_equal(vmm_map_page(root, VA_LOW, PA_FAR, VMM_WRITE), 0);
	assert_int_equal(pmm_free_pages(), free0 - 3); /* PDPT, PD, PT */
	for (unsigned level = 3; level >= 1; level--) {
		uint64_t e = *mem_entry(root, VA_LOW, level);
		assert_int_equal(e & (X86_P | X86_RW | X86_US | X86_NX), X86_P | X86_RW);
		assert_int_equal(mem_count_present(vmm_phys_to_virt(e & X86_ADDR)), 1);
	}
	const uint64_t *pml4 = vmm_phys_to_virt(root);
	assert_int_equal(mem_count_present(pml4), 1);
	/* A second page in the same PT needs no table; a user page turns on the user path. */
	assert_int_equal(vmm_map_page(root, VA_LOW + MEM_PAGE, PA_FAR, VMM_USER), 0);
	assert_int_equal(pmm_free_pages(), free0 - 3);
	for (unsigned level = 3; level >= 1; level--)
		assert_true(*mem_entry(root, VA_LOW, level) & X86_US);
	/* A kernel mapping elsewhere in the same PML4 slot keeps its own path kernel-only. */
	uintptr_t other = VA_LOW + MEM_GIB;
	assert_int_equal(vmm_map_page(root, other, PA_FAR, VMM_WRITE), 0);
	assert_false(*mem_entry(root, other, 2) & X86_US);
	assert_false(*mem_entry(root, other, 1) & X86_US);
	/* Removing the only user mapping clears the user bits above it again. */
	assert_int_equal(vmm_unmap_page(root, VA_LOW + MEM_PAGE, NULL), 0);
	for (unsigned level = 3; level >= 1; level--)
		assert_false(*mem_entry(root, VA_LOW, level) & X86_US);
	vmm_root_destroy(root);
}

static void expect_map_error(vmm_root_t root, uintptr_t va, uint64_t pa, unsigned flags, int err)
{
	uint64_t before = pmm_free_pages();
	assert_int_equal(vmm_map_page(root, va, pa, flags), err);
	assert_int_equal(pmm_free_pages(), before);
}

/* MEM-012: invalid arguments, existing mappings and exhaustion leave everything as it was. */
static void test_MEM_012_map_errors(void **state)
{
	(void)state;
	mem_machine(ARENA);
	vmm_root_t root = scratch_root();
	expect_map_error(root, VA_LOW + 8, PA_FAR, VMM_WRITE, -EINVAL);
	expect_map_error(root, VA_LOW, PA_FAR + 8, VMM_WRITE, -EINVAL);
	expect_map_error(root, 0x0000800000000000ull, PA_FAR, VMM_WRITE, -EINVAL);
	expect_map_error(root, 0xFFFF7FFFFFFFF000ull, PA_FAR, VMM_WRITE, -EINVAL);
	expect_map_error(root, VA_LOW, 1ull << 52, VMM_WRITE, -EINVAL);
	expect_map_error(root, VA_LOW, PA_FAR, 0x10u, -EINVAL);
	expect_map_error(0, VA_LOW, PA_FAR, VMM_WRITE, -EINVAL);
	expect_map_error(root + 8, VA_LOW, PA_FAR, VMM_WRITE, -EINVAL);
	assert_int_equal(mem_count_present(vmm_phys_to_virt(root)), 0);

	assert_int_equal(vmm_map_page(root, VA_LOW, PA_FAR, VMM_WRITE), 0);
	expect_map_error(root, VA_LOW, PA_FAR + MEM_PAGE, VMM_USER | VMM_EXEC, -EEXIST);
	uint64_t pa;
	unsigned flags;
	assert_int_equal(vmm_resolve(root, VA_LOW, &pa, &flags), 0);
	assert_int_equal(pa, PA_FAR);
	assert_int_equal(flags, VMM_WRITE);

	/* Leave k free pages for k = 0, 1, 2: a map needing three tables fails and returns them. */
	static uint64_t pages[ARENA / MEM_PAGE];
	size_t n = mem_drain(pages, ARENA / MEM_PAGE, ARENA, NULL);
	for (unsigned k = 0; k < 3; k++) {
		for (unsigned i = 0; i < k; i++)
			assert_int_equal(pmm_free_page(pages[--n]), 0);
		mem_log_reset();
		expect_map_error(root, VA_HIGH, PA_FAR, VMM_WRITE, -ENOMEM);
		assert_int_equal(pmm_free_pages(), k);
		assert_null(mem_entry(root, VA_HIGH, 1));
		assert_false(mem_log_has("WARN"));
		for (unsigned i = 0; i < k; i++)
			pages[n++] = pmm_alloc_page();
	}
	mem_free_all(pages, n);
	assert_int_equal(vmm_map_page(root, VA_HIGH, PA_FAR, VMM_WRITE), 0);
	vmm_root_destroy(root);
}

/* MEM-013: unmap reports the frame, frees empty PT and PD, keeps the PDPT, refuses bad input. */
static void test_MEM_013_unmap(void **state)
{
	(void)state;
	mem_machine(ARENA);
	vmm_root_t root = scratch_root();
	uint64_t frame = pmm_alloc_page();
	uint64_t free0 = pmm_free_pages();
	assert_int_equal(vmm_map_page(root, VA_HIGH, frame, VMM_WRITE), 0);
	assert_int_equal(pmm_free_pages(), free0 - 3);
	uint64_t pa = 0;
	assert_int_equal(vmm_unmap_page(root, VA_HIGH, &pa), 0);
	assert_int_equal(pa, frame);
	assert_int_equal(pmm_free_pages(), free0 - 1); /* PT and PD back, PDPT kept */
	assert_int_equal(vmm_resolve(root, VA_HIGH, NULL, NULL), -ENOENT);
	assert_int_equal(vmm_unmap_page(root, VA_HIGH, &pa), -ENOENT);
	assert_int_equal(vmm_unmap_page(root, VA_HIGH + 8, &pa), -EINVAL);
	assert_int_equal(vmm_unmap_page(root, 0x0000800000000000ull, &pa), -EINVAL);
	assert_int_equal(vmm_unmap_page(0, VA_HIGH, &pa), -EINVAL);
	uint64_t pml4e = *mem_entry(root, VA_HIGH, 3);
	assert_true(pml4e & X86_P);
	assert_int_equal(mem_count_present(vmm_phys_to_virt(pml4e & X86_ADDR)), 0);
	/* The PML4 entry is reused as it was. */
	assert_int_equal(vmm_map_page(root, VA_HIGH + 5 * MEM_GIB, frame, VMM_WRITE), 0);
	assert_int_equal(*mem_entry(root, VA_HIGH, 3), pml4e);
	assert_int_equal(pmm_free_pages(), free0 - 3);
	/* Unmapping one of two pages in a PT keeps the PT. */
	assert_int_equal(vmm_map_page(root, VA_HIGH + 5 * MEM_GIB + MEM_PAGE, frame, VMM_WRITE), 0);
	assert_int_equal(vmm_unmap_page(root, VA_HIGH + 5 * MEM_GIB, NULL), 0);
	assert_int_equal(pmm_free_pages(), free0 - 3);
	assert_int_equal(vmm_resolve(root, VA_HIGH + 5 * MEM_GIB + MEM_PAGE, &pa, NULL), 0);
	assert_int_equal(pa, frame);
	/* The frame itself was never freed by the VMM. */
	assert_int_equal(pmm_free_page(frame), 0);
	vmm_root_destroy(root);
}

/* MEM-014: 2 MiB pages: alignment, overlap, resolve, split on unmap, split failure. */
static void test_MEM_014_large_pages(void **state)
{
	(void)state;
	mem_machine(ARENA);
	vmm_root_t root = scratch_root();
	uint64_t before = pmm_free_pages();
	assert_int_equal(vmm_map_large_page(root, VA_HIGH + MEM_PAGE, PA_FAR, VMM_WRITE), -EINVAL);
	assert_int_equal(vmm_map_large_page(root, VA_HIGH, PA_FAR + MEM_PAGE, VMM_WRITE), -EINVAL);
	assert_int_equal(vmm_map_large_page(root, 0x0000800000000000ull, PA_FAR, VMM_WRITE), -EINVAL);
	assert_int_equal(pmm_free_pages(), before);
	assert_int_equal(vmm_map_large_page(root, VA_HIGH, PA_FAR, VMM_WRITE | VMM_NOCACHE), 0);
	uint64_t *pde = mem_entry(root, VA_HIGH, 1);
	assert_true(*pde & X86_PS);
	assert_int_equal(*pde & X86_ADDR, PA_FAR);
	uint64_t pa;
	unsigned flags;
	assert_int_equal(vmm_resolve(root, VA_HIGH + 0x12345, &pa, &flags), 0);
	assert_int_equal(pa, PA_FAR + 0x12345);
	assert_int_equal(flags, VMM_WRITE | VMM_NOCACHE);
	assert_int_equal(vmm_map_page(root, VA_HIGH + 7 * MEM_PAGE, PA_FAR, VMM_WRITE), -EEXIST);
	assert_int_equal(vmm_map_large_page(root, VA_HIGH, PA_FAR, VMM_WRITE), -EEXIST);
	/* A large page where a 4 KiB page already lives is refused. */
	assert_int_equal(vmm_map_page(root, VA_HIGH + LARGE + 3 * MEM_PAGE, PA_FAR, VMM_WRITE), 0);
	assert_int_equal(vmm_map_large_page(root, VA_HIGH + LARGE, PA_FAR, VMM_WRITE), -EEXIST);

	/* No page for the split: -ENOMEM and the large page is intact. */
	static uint64_t pages[ARENA / MEM_PAGE];
	size_t n = mem_drain(pages, ARENA / MEM_PAGE, ARENA, NULL);
	assert_int_equal(vmm_unmap_page(root, VA_HIGH + 9 * MEM_PAGE, &pa), -ENOMEM);
	assert_true(*pde & X86_PS);
	assert_int_equal(vmm_resolve(root, VA_HIGH + 9 * MEM_PAGE, &pa, NULL), 0);
	mem_free_all(pages, n);

	/* With a page: split, the other 511 pages keep frame and flags. */
	assert_int_equal(vmm_unmap_page(root, VA_HIGH + 9 * MEM_PAGE, &pa), 0);
	assert_int_equal(pa, PA_FAR + 9 * MEM_PAGE);
	assert_false(*pde & X86_PS);
	assert_int_equal(vmm_resolve(root, VA_HIGH + 9 * MEM_PAGE, NULL, NULL), -ENOENT);
	for (unsigned i = 0; i < 512; i++) {
		if (i == 9)
			continue;
		assert_int_equal(vmm_resolve(root, VA_HIGH + i * MEM_PAGE + 5, &pa, &flags), 0);
		assert_int_equal(pa, PA_FAR + i * MEM_PAGE + 5);
		assert_int_equal(flags, VMM_WRITE | VMM_NOCACHE);
	}
	assert_int_equal(mem_count_present(vmm_phys_to_virt(*pde & X86_ADDR)), 511);
	vmm_root_destroy(root);
}

/* MEM-015: the direct map is the arena at direct_map_base. */
static void test_MEM_015_phys_to_virt(void **state)
{
	(void)state;
	mem_machine(ARENA);
	const platform_layout_t *layout = platform_layout();
	for (uint64_t pa = 0; pa < ARENA; pa += 3 * MEM_MIB + 0x123) {
		assert_ptr_equal(vmm_phys_to_virt(pa), (void *)(layout->direct_map_base + pa));
		assert_ptr_equal(vmm_phys_to_virt(pa), sim_phys_ptr(pa, 1));
	}
}

/* MEM-016: roots are created and destroyed without leaks; only the active root is synced. */
static void test_MEM_016_roots_and_sync(void **state)
{
	(void)state;
	mem_machine(ARENA);
	uint64_t free0 = pmm_free_pages();
	vmm_root_t root = scratch_root();
	for (unsigned i = 0; i < 40; i++) {
		assert_int_equal(vmm_map_page(root, VA_LOW + i * 3 * LARGE, PA_FAR, VMM_USER), 0);
		assert_int_equal(vmm_map_page(root, VA_HIGH + i * 7 * MEM_GIB, PA_FAR, VMM_WRITE), 0);
	}
	assert_int_equal(vmm_map_large_page(root, VA_LOW + MEM_GIB, PA_FAR, VMM_WRITE), 0);
	assert_true(pmm_free_pages() < free0 - 40);
	vmm_root_destroy(root);
	assert_int_equal(pmm_free_pages(), free0);

	/* The kernel root is active: a mapping in the KVA window becomes a host mapping. */
	const platform_layout_t *layout = platform_layout();
	vmm_root_t kernel = vmm_kernel_root();
	uintptr_t va = layout->kva_base + 100 * MEM_PAGE;
	uint64_t frame = pmm_alloc_page();
	memset(vmm_phys_to_virt(frame), 0x5A, MEM_PAGE);
	assert_false(mem_host_readable((void *)va));
	assert_int_equal(vmm_map_page(kernel, va, frame, VMM_WRITE), 0);
	assert_true(mem_host_readable((void *)va));
	assert_int_equal(((volatile uint8_t *)va)[17], 0x5A);
	((volatile uint8_t *)va)[18] = 0x77;
	assert_int_equal(((uint8_t *)vmm_phys_to_virt(frame))[18], 0x77);
	assert_int_equal(vmm_unmap_page(kernel, va, NULL), 0);
	assert_false(mem_host_readable((void *)va));

	/* The same change in a root that is not active reaches nobody. */
	root = scratch_root();
	assert_int_equal(vmm_map_page(root, va, frame, VMM_WRITE), 0);
	assert_false(mem_host_readable((void *)va));
	/* Activating it makes it synced as well. */
	vmm_activate(root);
	assert_int_equal(vmm_unmap_page(root, va, NULL), 0);
	assert_int_equal(vmm_map_page(root, va, frame, VMM_WRITE), 0);
	assert_true(mem_host_readable((void *)va));
	assert_int_equal(vmm_unmap_page(root, va, NULL), 0);
	/* The kernel root stays synced: every user root shares its KVA entries. */
	assert_int_equal(vmm_map_page(kernel, va + MEM_PAGE, frame, VMM_WRITE), 0);
	assert_true(mem_host_readable((void *)(va + MEM_PAGE)));
	assert_int_equal(vmm_unmap_page(kernel, va + MEM_PAGE, NULL), 0);
	assert_false(mem_host_readable((void *)(va + MEM_PAGE)));
	/* An active root or the kernel root is never destroyed. */
	mem_log_reset();
	uint64_t before = pmm_free_pages();
	vmm_root_destroy(root);
	vmm_root_destroy(kernel);
	assert_int_equal(pmm_free_pages(), before);
	mem_assert_log("[VMM] WARN: destroy of root");
	vmm_activate(kernel);
	vmm_root_destroy(root);
	assert_int_equal(pmm_free_pages(), before + 2); /* its PML4 and the PDPT it kept */
}

/* MEM-013: vmm_prepare_range makes the top-level entries once, and checks its range. */
static void test_MEM_013_prepare_range(void **state)
{
	(void)state;
	mem_machine(ARENA);
	vmm_root_t root = scratch_root();
	uint64_t free0 = pmm_free_pages();
	assert_int_equal(vmm_prepare_range(root, VA_HIGH, 3 * 512 * MEM_GIB), 0);
	assert_int_equal(pmm_free_pages(), free0 - 3);
	assert_int_equal(vmm_prepare_range(root, VA_HIGH + MEM_GIB, MEM_GIB), 0);
	assert_int_equal(pmm_free_pages(), free0 - 3);
	assert_int_equal(mem_count_present(vmm_phys_to_virt(root)), 3);
	assert_int_equal(vmm_prepare_range(root, 0x00007FFFFFFFF000ull, 2 * MEM_PAGE), -EINVAL);
	assert_int_equal(vmm_prepare_range(root, VA_HIGH, 0), -EINVAL);
	assert_int_equal(vmm_prepare_range(root, 0xFFFFFFFFFFFFF000ull, 2 * MEM_PAGE), -EINVAL);
	assert_int_equal(vmm_prepare_range(root, 0xFFFFFF8000000000ull, 512 * MEM_GIB), 0);
	/* A map below a prepared entry needs only the PD and the PT. */
	assert_int_equal(vmm_map_page(root, VA_HIGH + 2 * 512 * MEM_GIB, PA_FAR, VMM_WRITE), 0);
	assert_int_equal(pmm_free_pages(), free0 - 4 - 2);
	vmm_root_destroy(root);
	assert_int_equal(pmm_free_pages(), free0 + 1);
}

int main(void)
{
	mem_log_capture();
	mem_seed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MEM_010_flags_to_entry_bits),
		cmocka_unit_test(test_MEM_011_intermediate_entries),
		cmocka_unit_test(test_MEM_012_map_errors),
		cmocka_unit_test(test_MEM_013_unmap),
		cmocka_unit_test(test_MEM_013_prepare_range),
		cmocka_unit_test(test_MEM_014_large_pages),
		cmocka_unit_test(test_MEM_015_phys_to_virt),
		cmocka_unit_test(test_MEM_016_roots_and_sync),
	};
	return cmocka_run_group_tests_name("memory: vmm", tests, NULL, NULL);
}
