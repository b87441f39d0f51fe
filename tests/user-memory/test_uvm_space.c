/*
 * Address-space tests: creation and destruction (UVM-001, UVM-002), the
 * mapping calls and their errors (UVM-010..UVM-016) and the break (UVM-020)
 * of spec/user-memory.md, on the simulated machine.
 */
#include "user-memory/uvm_fixture.h"

#define VA 0x0000100000000000ull /* a free lower-half slot */

/* UVM-001: kernel slots copied (not slot 0 identity), never usable by user mappings. */
static void test_UVM_001_create_shares_kernel_slots(void **state)
{
	(void)state;
	uvm_machine();
	const uint64_t *kernel = vmm_phys_to_virt(vmm_kernel_root());
	uvm_t *u = uvm_new();
	const uint64_t *pml4 = vmm_phys_to_virt(uvm_root(u));
	unsigned copied = 0;
	for (unsigned i = 0; i < 512; i++) {
		if (kernel[i] & X86_P) {
			assert_int_equal(pml4[i], kernel[i]);
			copied++;
		} else {
			assert_int_equal(pml4[i], 0);
		}
	}
	assert_true(copied >= 2); /* direct map, KVA, kernel image */
	uint64_t got = 0;
	/* Fixed mappings in the kernel's slots are refused; a hint there is moved. */
	assert_int_equal(uvm_map(u, SIM_DIRECT_SLOT_VA, PG, RW, ANON | UVM_MAP_FIXED, NULL, 0, &got), -EINVAL);
	assert_int_equal(uvm_map(u, SIM_KVA_SLOT_VA + 5 * PG, PG, RW, ANON | UVM_MAP_FIXED, NULL, 0, &got), -EINVAL);
	assert_int_equal(uvm_map(u, SIM_DIRECT_SLOT_VA - PG, 2 * PG, RW, ANON | UVM_MAP_FIXED, NULL, 0, &got), -EINVAL);
	assert_int_equal(uvm_map(u, SIM_KVA_SLOT_VA, PG, RW, ANON, NULL, 0, &got), 0);
	assert_true(got >> 39 != SIM_KVA_SLOT_VA >> 39);
	uvm_destroy(u);

	/* A boot identity map in slot 0 of the kernel root is not copied. */
	uint64_t *kslots = vmm_phys_to_virt(vmm_kernel_root());
	uint64_t saved = kslots[0];
	kslots[0] = 0x5000ull | X86_P | X86_RW; /* pretend table: never followed */
	u = uvm_new();
	assert_int_equal(((const uint64_t *)vmm_phys_to_virt(uvm_root(u)))[0], 0);
	uvm_map_anon(u, ELF_USER_MIN, PG, RW);
	assert_int_equal(uvm_fault(u, ELF_USER_MIN, UVM_ACCESS_WRITE), 0);
	uvm_destroy(u);
	kslots[0] = saved;
	assert_int_equal(uvm_create(NULL), -EINVAL);
}

/* UVM-002: destroy gives back every page, also after faults, fork and writes. */
static void test_UVM_002_destroy_leak_free(void **state)
{
	(void)state;
	uvm_machine();
	uvm_destroy(NULL);
	uint64_t free0 = pmm_free_pages();
	uvm_t *u = uvm_new();
	uvm_destroy(u);
	assert_int_equal(pmm_free_pages(), free0);

	fake_file_t *f = fake_file_new(3 * PG + 100);
	uvm_file_t ops = fake_ops(f);
	u = uvm_new();
	uvm_map_anon(u, VA, 64 * PG, RW);
	uint64_t fa = 0;
	assert_int_equal(uvm_map(u, VA + MEM_GIB, 4 * PG, RW, UVM_MAP_PRIVATE | UVM_MAP_FIXED, &ops, 0, &fa), 0);
	assert_int_equal(uvm_stack_setup(u, STACK_TOP, 4 * PG, 64 * PG), 0);
	assert_int_equal(uvm_set_brk_base(u, 0x600000), 0);
	uint64_t brk = 0;
	assert_int_equal(uvm_brk(u, 0x600000 + 5 * PG, &brk), 0);
	for (unsigned i = 0; i < 64; i += 3)
		assert_int_equal(uvm_fault(u, VA + i * PG, UVM_ACCESS_WRITE), 0);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(uvm_fault(u, fa + i * PG, UVM_ACCESS_READ), 0);
	assert_int_equal(uvm_fault(u, STACK_TOP - 20 * PG, UVM_ACCESS_WRITE), 0);
	assert_int_equal(uvm_fault(u, 0x600000 + PG, UVM_ACCESS_WRITE), 0);
	uvm_t *c = NULL;
	assert_int_equal(uvm_fork(u, &c), 0);
	uint64_t v = 42;
	assert_int_equal(uvm_write(c, VA + 3 * PG, &v, sizeof(v), false), 0);
	assert_int_equal(uvm_write(u, VA + 6 * PG, &v, sizeof(v), false), 0);
	assert_int_equal(uvm_write(c, VA + 10 * PG, &v, sizeof(v), false), 0);
	assert_int_equal(f->refs, 2);
	uvm_destroy(u);
	assert_int_equal(f->refs, 1);
	uvm_destroy(c);
	assert_int_equal(f->refs, 0);
	assert_int_equal(pmm_free_pages(), free0);
	fake_file_free(f);
}

/* UVM-010, UVM-016: a mapping is a VMA of whole pages; nothing resident until touched. */
static void test_UVM_010_map_basics(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	uint64_t a = 0;
	assert_int_equal(uvm_map(u, VA + 123, 5000, UVM_PROT_READ, ANON, NULL, 0, &a), 0);
	assert_int_equal(a, VA); /* a hint is rounded down to its page and used when free */
	uvm_stats_t s;
	uvm_stats(u, &s);
	assert_int_equal(s.mapped_bytes, 2 * PG);
	assert_int_equal(s.resident_pages, 0);
	assert_int_equal(s.vma_count, 1);
	uvm_vma_info_t info;
	assert_int_equal(uvm_vma_query(u, 0, &info), 0);
	assert_int_equal(info.start, VA);
	assert_int_equal(info.end, VA + 2 * PG);
	assert_int_equal(info.prot, UVM_PROT_READ);
	assert_int_equal(info.kind, UVM_KIND_ANON);
	assert_int_equal(uvm_vma_query(u, VA + PG, &info), 0);
	assert_int_equal(uvm_vma_query(u, VA + 2 * PG, &info), -ENOENT);
	assert_int_equal(uvm_vma_query(NULL, 0, &info), -EINVAL);
	assert_int_equal(uvm_vma_query(u, 0, NULL), -EINVAL);
	uvm_stats(NULL, &s);
	assert_int_equal(s.vma_count, 0);
	assert_int_equal(uvm_root(NULL), 0);
	assert_int_equal(uvm_brk_current(NULL), 0);
	assert_int_equal(uvm_frame(u, VA), 0);
	uvm_destroy(u);
}

/* UVM-011: argument errors change nothing. */
static void test_UVM_011_map_errors(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	fake_file_t *f = fake_file_new(PG);
	uvm_file_t ops = fake_ops(f);
	uvm_file_t no_read = {NULL, NULL, NULL, NULL};
	uint64_t a = 0;
	const unsigned FX = ANON | UVM_MAP_FIXED;
	assert_int_equal(uvm_map(u, VA, 0, RW, ANON, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, PG, 0x8, ANON, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, PG, RW, ANON | 0x40000000u, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, PG, RW, UVM_MAP_ANONYMOUS, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, PG, RW, ANON | UVM_MAP_SHARED, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, PG, RW, ANON, &ops, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, PG, RW, UVM_MAP_PRIVATE, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, PG, RW, UVM_MAP_PRIVATE, &no_read, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, PG, RW, UVM_MAP_PRIVATE, &ops, 100, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, PG, RW, UVM_MAP_PRIVATE, &ops, UINT64_MAX - PG + 1, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA + 1, PG, RW, FX, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, 0, PG, RW, FX, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, ELF_USER_MIN - PG, PG, RW, FX, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, ELF_USER_LIMIT - PG, 2 * PG, RW, FX, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, ELF_USER_LIMIT, PG, RW, FX, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, 0xFFFFFFFFFFFFF000ull, 2 * PG, RW, FX, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, UINT64_MAX, RW, ANON, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, UINT64_MAX - 100, RW, FX, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(NULL, VA, PG, RW, ANON, NULL, 0, &a), -EINVAL);
	assert_int_equal(uvm_map(u, VA, PG, RW, ANON, NULL, 0, NULL), -EINVAL);
	/* No room: larger than user space below the mmap base. */
	assert_int_equal(uvm_map(u, 0, ELF_USER_LIMIT - PG, RW, ANON, NULL, 0, &a), -ENOMEM);
	assert_int_equal(f->refs, 0);
	/* FIXED_NOREPLACE over a mapping: -EEXIST, the old mapping stays. */
	uvm_map_anon(u, VA, 4 * PG, RW);
	assert_int_equal(uvm_map(u, VA + 3 * PG, 2 * PG, RW, ANON | UVM_MAP_FIXED_NOREPLACE, NULL, 0, &a), -EEXIST);
	assert_int_equal(uvm_map(u, VA + 4 * PG, 2 * PG, UVM_PROT_READ, ANON | UVM_MAP_FIXED_NOREPLACE, NULL, 0, &a), 0);
	assert_int_equal(a, VA + 4 * PG);
	uvm_stats_t s;
	uvm_stats(u, &s);
	assert_int_equal(s.mapped_bytes, 6 * PG);
	assert_int_equal(s.vma_count, 2);
	uvm_destroy(u);
	fake_file_free(f);
}

/* UVM-012: hints used when free, else top-down below the mmap base avoiding everything. */
static void test_UVM_012_placement(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	uint64_t a = 0, b = 0, c = 0;
	assert_int_equal(uvm_map(u, 0, 3 * PG, RW, ANON, NULL, 0, &a), 0);
	assert_int_equal(a, UVM_MMAP_BASE - 3 * PG);
	assert_int_equal(uvm_map(u, 0, PG, RW, ANON, NULL, 0, &b), 0);
	assert_int_equal(b, a - PG);
	/* A hint overlapping a mapping is not used. */
	assert_int_equal(uvm_map(u, a + PG, PG, RW, ANON, NULL, 0, &c), 0);
	assert_int_equal(c, b - PG);
	/* A hole is reused when it fits. */
	assert_int_equal(uvm_unmap(u, b, PG), 0);
	assert_int_equal(uvm_map(u, 0, PG, RW, ANON, NULL, 0, &b), 0);
	assert_int_equal(b, a - PG);
	/* The stack reservation (guard included) is avoided. */
	uvm_t *v = uvm_new();
	assert_int_equal(uvm_stack_setup(v, UVM_MMAP_BASE, 2 * PG, 16 * PG), 0);
	assert_int_equal(uvm_map(v, 0, PG, RW, ANON, NULL, 0, &a), 0);
	assert_int_equal(a, UVM_MMAP_BASE - 17 * PG - PG);
	assert_int_equal(uvm_map(v, UVM_MMAP_BASE - 10 * PG, PG, RW, ANON, NULL, 0, &b), 0);
	assert_true(b < UVM_MMAP_BASE - 17 * PG);
	/* A search that reaches the kernel's slots skips them. */
	uvm_t *w = uvm_new();
	uint64_t big = UVM_MMAP_BASE - (SIM_KVA_SLOT_VA + (1ull << 39));
	assert_int_equal(uvm_map(w, 0, big, UVM_PROT_NONE, ANON, NULL, 0, &a), 0);
	assert_int_equal(a, SIM_KVA_SLOT_VA + (1ull << 39));
	assert_int_equal(uvm_map(w, 0, PG, RW, ANON, NULL, 0, &b), 0);
	assert_int_equal(b, SIM_KVA_SLOT_VA - PG);
	uvm_destroy(u);
	uvm_destroy(v);
	uvm_destroy(w);
}

/* UVM-013: MAP_FIXED replaces pages and VMAs; out of memory leaves the old mapping. */
static void test_UVM_013_fixed_replaces(void **state)
{
	(void)state;
	uvm_machine();
	uint64_t free0 = pmm_free_pages();
	uvm_t *u = uvm_new();
	uvm_map_anon(u, VA, 8 * PG, RW);
	uint8_t byte = 0x5A;
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(uvm_write(u, VA + i * PG, &byte, 1, false), 0);
	assert_int_equal(uvm_resident(u), 8);
	/* Replace the middle: split in three, the middle pages read zero again. */
	uvm_map_anon(u, VA + 2 * PG, 3 * PG, UVM_PROT_READ);
	assert_int_equal(uvm_resident(u), 5);
	uvm_stats_t s;
	uvm_stats(u, &s);
	assert_int_equal(s.vma_count, 3);
	assert_int_equal(s.mapped_bytes, 8 * PG);
	uint8_t got = 1;
	assert_int_equal(uvm_read(u, VA + 3 * PG, &got, 1, false), 0);
	assert_int_equal(got, 0);
	assert_int_equal(uvm_read(u, VA + 5 * PG, &got, 1, false), 0);
	assert_int_equal(got, 0x5A);
	/* With no memory for records the fixed map fails and the old mapping is intact. */
	uvm_exhaust(0);
	uint64_t a = 0;
	int err = uvm_map(u, VA + PG, PG, RW, ANON | UVM_MAP_FIXED, NULL, 0, &a);
	uvm_restore();
	if (err == 0) {
		/* a slab had room: fine, but then the replacement happened completely */
		assert_int_equal(uvm_frame(u, VA + PG), 0);
	} else {
		assert_int_equal(err, -ENOMEM);
		assert_int_not_equal(uvm_frame(u, VA + PG), 0);
	}
	uvm_destroy(u);
	assert_int_equal(pmm_free_pages(), free0);
}

/* UVM-014: unmap splits, frees, accepts holes; errors. */
static void test_UVM_014_unmap(void **state)
{
	(void)state;
	uvm_machine();
	uint64_t free0 = pmm_free_pages();
	uvm_t *u = uvm_new();
	fake_file_t *f = fake_file_new(16 * PG);
	uvm_file_t ops = fake_ops(f);
	uint64_t a = 0;
	assert_int_equal(uvm_map(u, VA, 8 * PG, RW, UVM_MAP_PRIVATE | UVM_MAP_FIXED, &ops, 4 * PG, &a), 0);
	assert_int_equal(f->refs, 1);
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(uvm_fault(u, VA + i * PG, UVM_ACCESS_READ), 0);
	assert_int_equal(uvm_unmap(u, VA + 2 * PG, 3 * PG - 100), 0); /* rounded up to 3 pages */
	assert_int_equal(f->refs, 2);
	assert_int_equal(uvm_resident(u), 5);
	uvm_vma_info_t info;
	assert_int_equal(uvm_vma_query(u, VA + 2 * PG, &info), 0);
	assert_int_equal(info.start, VA + 5 * PG);
	assert_int_equal(info.offset, 4 * PG + 5 * PG);
	assert_int_equal(info.kind, UVM_KIND_FILE);
	/* The upper part still faults in the right file bytes. */
	assert_int_equal(uvm_unmap(u, VA + 5 * PG, PG), 0);
	uint8_t b = 0;
	assert_int_equal(uvm_read(u, VA + 6 * PG + 1, &b, 1, false), 0);
	assert_int_equal(b, f->bytes[10 * PG + 1]);
	/* Holes are fine; errors. */
	assert_int_equal(uvm_unmap(u, VA - 64 * PG, 256 * PG), 0);
	assert_int_equal(f->refs, 0);
	assert_int_equal(uvm_resident(u), 0);
	assert_int_equal(uvm_unmap(u, VA + 1, PG), -EINVAL);
	assert_int_equal(uvm_unmap(u, VA, 0), -EINVAL);
	assert_int_equal(uvm_unmap(u, ELF_USER_LIMIT - PG, 2 * PG), -EINVAL);
	assert_int_equal(uvm_unmap(u, VA, UINT64_MAX), -EINVAL);
	assert_int_equal(uvm_unmap(NULL, VA, PG), -EINVAL);
	uvm_destroy(u);
	assert_int_equal(pmm_free_pages(), free0);
	fake_file_free(f);
}

/* UVM-015: protect splits, updates present pages, needs the whole range mapped. */
static void test_UVM_015_protect(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	uvm_map_anon(u, VA, 6 * PG, RW);
	for (unsigned i = 0; i < 6; i++)
		assert_int_equal(uvm_fault(u, VA + i * PG, UVM_ACCESS_WRITE), 0);
	assert_int_equal(uvm_protect(u, VA + PG, 2 * PG, UVM_PROT_READ), 0);
	assert_false(uvm_pte_flags(u, VA + PG) & VMM_WRITE);
	assert_true(uvm_pte_flags(u, VA) & VMM_WRITE);
	assert_true(uvm_pte_flags(u, VA + 3 * PG) & VMM_WRITE);
	assert_int_equal(uvm_fault(u, VA + PG, UVM_ACCESS_WRITE | UVM_ACCESS_PRESENT), -EFAULT);
	uvm_stats_t s;
	uvm_stats(u, &s);
	assert_int_equal(s.vma_count, 3);
	/* PROT_NONE: present pages leave the user's reach; EXEC: entries lose NX. */
	assert_int_equal(uvm_protect(u, VA + 4 * PG, PG, UVM_PROT_NONE), 0);
	assert_false(uvm_pte_flags(u, VA + 4 * PG) & VMM_USER);
	assert_int_equal(uvm_fault(u, VA + 4 * PG, UVM_ACCESS_READ), -EFAULT);
	assert_int_equal(uvm_protect(u, VA + 4 * PG, PG, UVM_PROT_READ | UVM_PROT_EXEC), 0);
	assert_true(uvm_pte_flags(u, VA + 4 * PG) & VMM_EXEC);
	assert_true(uvm_pte_flags(u, VA + 4 * PG) & VMM_USER);
	assert_int_equal(uvm_fault(u, VA + 4 * PG, UVM_ACCESS_EXEC), 0);
	/* Back to RW across VMA boundaries. */
	assert_int_equal(uvm_protect(u, VA, 6 * PG, RW), 0);
	assert_true(uvm_pte_flags(u, VA + PG) & VMM_WRITE);
	/* A hole: -ENOMEM and nothing changes. */
	assert_int_equal(uvm_unmap(u, VA + 2 * PG, PG), 0);
	assert_int_equal(uvm_protect(u, VA, 6 * PG, UVM_PROT_READ), -ENOMEM);
	assert_true(uvm_pte_flags(u, VA) & VMM_WRITE);
	assert_int_equal(uvm_protect(u, VA + 5 * PG, 2 * PG, UVM_PROT_READ), -ENOMEM);
	assert_int_equal(uvm_protect(u, VA + 1, PG, UVM_PROT_READ), -EINVAL);
	assert_int_equal(uvm_protect(u, VA, PG, 0x10), -EINVAL);
	assert_int_equal(uvm_protect(u, VA, 0, UVM_PROT_READ), 0);
	assert_int_equal(uvm_protect(u, VA, UINT64_MAX, UVM_PROT_READ), -ENOMEM);
	assert_int_equal(uvm_protect(NULL, VA, PG, UVM_PROT_READ), -EINVAL);
	/* Write permission is not given to a frame shared with a fork child. */
	assert_int_equal(uvm_protect(u, VA, PG, UVM_PROT_READ), 0);
	uvm_t *c = NULL;
	assert_int_equal(uvm_fork(u, &c), 0);
	assert_int_equal(uvm_protect(u, VA, PG, RW), 0);
	assert_false(uvm_pte_flags(u, VA) & VMM_WRITE);
	uvm_destroy(c);
	uvm_destroy(u);
}

/* UVM-020: Linux brk semantics. */
static void test_UVM_020_brk(void **state)
{
	(void)state;
	uvm_machine();
	uint64_t free0 = pmm_free_pages();
	uvm_t *u = uvm_new();
	const uint64_t base = 0x400123; /* unaligned: the data segment's page holds the start */
	uint64_t r = 1;
	assert_int_equal(uvm_brk(u, 0, &r), 0);
	assert_int_equal(r, 0);
	assert_int_equal(uvm_brk(u, base + 10, &r), -ENOMEM); /* no base yet */
	assert_int_equal(uvm_set_brk_base(u, 0), -EINVAL);
	assert_int_equal(uvm_set_brk_base(u, ELF_USER_LIMIT), -EINVAL);
	assert_int_equal(uvm_set_brk_base(u, base), 0);
	assert_int_equal(uvm_brk(u, 0, &r), 0);
	assert_int_equal(r, base);
	assert_int_equal(uvm_brk(u, base - 1, &r), -ENOMEM);
	assert_int_equal(r, base);
	assert_int_equal(uvm_brk(u, base + 3 * PG, &r), 0);
	assert_int_equal(r, base + 3 * PG);
	assert_int_equal(uvm_brk_current(u), base + 3 * PG);
	uvm_vma_info_t info;
	assert_int_equal(uvm_vma_query(u, 0, &info), 0);
	assert_int_equal(info.start, 0x401000);
	assert_int_equal(info.end, 0x404000);
	assert_int_equal(info.kind, UVM_KIND_HEAP);
	uint64_t big = 0x1122334455667788ull;
	assert_int_equal(uvm_write(u, base + 2 * PG, &big, sizeof(big), false), 0);
	/* Growth extends the same VMA. */
	assert_int_equal(uvm_brk(u, base + 5 * PG, &r), 0);
	uvm_stats_t s;
	uvm_stats(u, &s);
	assert_int_equal(s.vma_count, 1);
	/* Collision with a mapping (or the page just below it) is refused. */
	uvm_map_anon(u, 0x40A000, PG, RW);
	assert_int_equal(uvm_brk(u, 0x409001, &r), -ENOMEM);
	assert_int_equal(r, base + 5 * PG);
	assert_int_equal(uvm_brk(u, 0x408FFF, &r), 0);
	/* Shrinking frees pages; growing again reads zero. */
	assert_int_equal(uvm_brk(u, base + PG, &r), 0);
	assert_int_equal(r, base + PG);
	assert_int_equal(uvm_resident(u), 0);
	assert_int_equal(uvm_brk(u, base + 5 * PG, &r), 0);
	uint64_t back = 1;
	assert_int_equal(uvm_read(u, base + 2 * PG, &back, sizeof(back), false), 0);
	assert_int_equal(back, 0);
	/* Never into the stack's reservation, never beyond user space. */
	uvm_t *v = uvm_new();
	assert_int_equal(uvm_stack_setup(v, 0x800000, PG, 4 * PG), 0);
	assert_int_equal(uvm_set_brk_base(v, 0x700000), 0);
	assert_int_equal(uvm_brk(v, 0x7FA000, &r), 0);
	assert_int_equal(uvm_brk(v, 0x7FB001, &r), -ENOMEM);
	assert_int_equal(r, 0x7FA000);
	assert_int_equal(uvm_brk(v, ELF_USER_LIMIT + 5, &r), -ENOMEM);
	assert_int_equal(uvm_brk(NULL, 5, &r), -EINVAL);
	assert_int_equal(uvm_brk(u, 5, NULL), -EINVAL);
	uvm_destroy(v);
	uvm_destroy(u);
	assert_int_equal(pmm_free_pages(), free0);
}

/* UVM-003: destroying the active address space falls back to the kernel root first. */
static void test_UVM_003_destroy_active(void **state)
{
	(void)state;
	uvm_machine();
	uint64_t free0 = pmm_free_pages();
	uvm_t *u = uvm_new();
	uvm_map_anon(u, VA, PG, RW);
	assert_int_equal(uvm_fault(u, VA, UVM_ACCESS_WRITE), 0);
	vmm_activate(uvm_root(u));
	assert_true(vmm_root_is_active(uvm_root(u)));
	uvm_destroy(u);
	assert_true(vmm_root_is_active(vmm_kernel_root()));
	assert_int_equal(pmm_free_pages(), free0);
}

/* UVM-017: merging of equal neighbours; the VMA limit. */
static void test_UVM_017_merge_and_limit(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	fake_file_t *f = fake_file_new(64 * PG);
	uvm_file_t ops = fake_ops(f);
	uvm_stats_t s;
	uint64_t a = 0;
	uvm_map_anon(u, VA, 4 * PG, RW);
	uvm_map_anon(u, VA + 4 * PG, 4 * PG, RW);
	uvm_stats(u, &s);
	assert_int_equal(s.vma_count, 1);
	assert_int_equal(uvm_protect(u, VA + PG, PG, UVM_PROT_READ), 0);
	uvm_stats(u, &s);
	assert_int_equal(s.vma_count, 3);
	assert_int_equal(uvm_protect(u, VA + PG, PG, RW), 0);
	uvm_stats(u, &s);
	assert_int_equal(s.vma_count, 1);
	/* File mappings merge only with contiguous offsets of the same file. */
	assert_int_equal(uvm_map(u, VA + 16 * PG, 2 * PG, RW, UVM_MAP_PRIVATE | UVM_MAP_FIXED, &ops, 0, &a), 0);
	assert_int_equal(uvm_map(u, VA + 18 * PG, 2 * PG, RW, UVM_MAP_PRIVATE | UVM_MAP_FIXED, &ops, 2 * PG, &a), 0);
	assert_int_equal(uvm_map(u, VA + 20 * PG, 2 * PG, RW, UVM_MAP_PRIVATE | UVM_MAP_FIXED, &ops, 8 * PG, &a), 0);
	uvm_stats(u, &s);
	assert_int_equal(s.vma_count, 3);
	assert_int_equal(f->refs, 2);
	assert_int_equal(uvm_read(u, VA + 19 * PG, &a, 1, false), 0);
	assert_int_equal((uint8_t)a, f->bytes[3 * PG]);
	uvm_destroy(u);
	assert_int_equal(f->refs, 0);
	fake_file_free(f);

	/* The limit: alternate protections so nothing merges; placed top-down so each insert is cheap. */
	uint64_t free0 = pmm_free_pages();
	u = uvm_new();
	uint64_t top = VA + (uint64_t)UVM_MAX_VMAS * 4 * PG;
	for (unsigned i = 0; i < UVM_MAX_VMAS; i++)
		uvm_map_anon(u, top - (uint64_t)(i + 1) * 4 * PG, 4 * PG, i % 2 ? UVM_PROT_READ : RW);
	uvm_stats(u, &s);
	assert_int_equal(s.vma_count, UVM_MAX_VMAS);
	assert_int_equal(uvm_map(u, VA - 4 * PG, PG, RW, ANON | UVM_MAP_FIXED, NULL, 0, &a), -ENOMEM);
	assert_int_equal(uvm_unmap(u, VA + PG, PG), -ENOMEM);
	assert_int_equal(uvm_protect(u, VA + PG, PG, UVM_PROT_NONE), -ENOMEM);
	assert_int_equal(uvm_map(u, VA + PG, PG, RW | UVM_PROT_EXEC, ANON | UVM_MAP_FIXED, NULL, 0, &a), -ENOMEM);
	/* Trimming or removing a whole VMA needs no record. */
	assert_int_equal(uvm_unmap(u, VA + 3 * PG, PG), 0);
	assert_int_equal(uvm_unmap(u, VA, 4 * PG), 0);
	uvm_stats(u, &s);
	assert_int_equal(s.vma_count, UVM_MAX_VMAS - 1);
	uvm_destroy(u);
	assert_int_equal(pmm_free_pages(), free0);
}

int main(void)
{
	mem_log_capture();
	mem_seed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_UVM_001_create_shares_kernel_slots),
		cmocka_unit_test(test_UVM_002_destroy_leak_free),
		cmocka_unit_test(test_UVM_003_destroy_active),
		cmocka_unit_test(test_UVM_010_map_basics),
		cmocka_unit_test(test_UVM_017_merge_and_limit),
		cmocka_unit_test(test_UVM_011_map_errors),
		cmocka_unit_test(test_UVM_012_placement),
		cmocka_unit_test(test_UVM_013_fixed_replaces),
		cmocka_unit_test(test_UVM_014_unmap),
		cmocka_unit_test(test_UVM_015_protect),
		cmocka_unit_test(test_UVM_020_brk),
	};
	return cmocka_run_group_tests_name("user-memory: address spaces", tests, NULL, NULL);
}
