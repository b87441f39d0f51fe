/*
 * Fault, stack, fork, kernel-access and owner-count tests of
 * spec/user-memory.md (UVM-030..UVM-035, UVM-040, UVM-050, UVM-051, UVM-060,
 * UVM-070), including out-of-memory paths: the PMM is drained to a few pages
 * and each operation is retried with one page more until it succeeds, and
 * every failure must leave the state as it was.
 */
#include "user-memory/uvm_fixture.h"

#define VA 0x0000100000000000ull
#define MAX_TRIES 64u

static uint8_t page_byte(uvm_t *u, uint64_t va)
{
	uint8_t b = 0xCC;
	assert_int_equal(uvm_read(u, va, &b, 1, true), 0);
	return b;
}

/* UVM-030: demand zero, one frame per touched page. */
static void test_UVM_030_demand_zero(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	uvm_map_anon(u, VA, 4 * PG, RW);
	uint64_t free0 = pmm_free_pages();
	assert_int_equal(uvm_fault(u, VA + PG + 17, UVM_ACCESS_READ), 0);
	assert_int_equal(uvm_resident(u), 1);
	uint64_t pa = uvm_frame(u, VA + PG);
	assert_int_not_equal(pa, 0);
	const uint8_t *bytes = vmm_phys_to_virt(pa);
	for (unsigned i = 0; i < PG; i++)
		assert_int_equal(bytes[i], 0);
	unsigned flags = uvm_pte_flags(u, VA + PG);
	assert_true(flags & VMM_USER);
	assert_true(flags & VMM_WRITE);
	assert_false(flags & VMM_EXEC);
	/* A second fault on the same page is spurious: nothing new. */
	assert_int_equal(uvm_fault(u, VA + PG, UVM_ACCESS_WRITE | UVM_ACCESS_PRESENT), 0);
	assert_int_equal(uvm_frame(u, VA + PG), pa);
	assert_true(pmm_free_pages() <= free0 - 1);
	uvm_destroy(u);
}

/* UVM-031: file fill with offset, partial last page, errors, file references. */
static void test_UVM_031_file_fill(void **state)
{
	(void)state;
	uvm_machine();
	uint64_t free0 = pmm_free_pages();
	uvm_t *u = uvm_new();
	fake_file_t *f = fake_file_new(5 * PG + 300);
	uvm_file_t ops = fake_ops(f);
	uint64_t a = 0;
	assert_int_equal(uvm_map(u, VA, 6 * PG, RW | UVM_PROT_EXEC, UVM_MAP_PRIVATE | UVM_MAP_FIXED, &ops, 2 * PG, &a), 0);
	assert_int_equal(f->refs, 1);
	/* Page 0 of the VMA is file page 2. */
	assert_int_equal(uvm_fault(u, VA, UVM_ACCESS_EXEC), 0);
	assert_true(uvm_pte_flags(u, VA) & VMM_EXEC);
	const uint8_t *p = vmm_phys_to_virt(uvm_frame(u, VA));
	assert_memory_equal(p, f->bytes + 2 * PG, PG);
	/* VMA page 3 is file page 5: 300 bytes, then zeros (the fake scribbles past them). */
	assert_int_equal(uvm_fault(u, VA + 3 * PG + 5, UVM_ACCESS_READ), 0);
	p = vmm_phys_to_virt(uvm_frame(u, VA + 3 * PG));
	assert_memory_equal(p, f->bytes + 5 * PG, 300);
	for (unsigned i = 300; i < PG; i++)
		assert_int_equal(p[i], 0);
	/* Entirely past the end of the file: zero. */
	assert_int_equal(page_byte(u, VA + 5 * PG + 9), 0);
	/* Writes stay private. */
	uint8_t x = 0xAB;
	assert_int_equal(uvm_write(u, VA + 10, &x, 1, false), 0);
	assert_int_not_equal(f->bytes[2 * PG + 10], 0xAB);
	/* A read error maps nothing. */
	f->fail = true;
	uint64_t res = uvm_resident(u);
	assert_int_equal(uvm_fault(u, VA + PG, UVM_ACCESS_READ), -EIO);
	assert_int_equal(uvm_resident(u), res);
	assert_int_equal(uvm_frame(u, VA + PG), 0);
	f->fail = false;
	assert_int_equal(page_byte(u, VA + PG + 7), f->bytes[3 * PG + 7]);
	uvm_destroy(u);
	assert_int_equal(f->refs, 0);
	assert_int_equal(pmm_free_pages(), free0);
	fake_file_free(f);
}

/* UVM-032: accesses the VMA does not allow, and addresses outside VMAs. */
static void test_UVM_032_wrong_access(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	uvm_map_anon(u, VA, PG, UVM_PROT_READ);
	uvm_map_anon(u, VA + 2 * PG, PG, UVM_PROT_NONE);
	uvm_map_anon(u, VA + 4 * PG, PG, RW);
	uvm_map_anon(u, VA + 6 * PG, PG, UVM_PROT_WRITE);
	assert_int_equal(uvm_fault(u, VA, UVM_ACCESS_WRITE), -EFAULT);
	assert_int_equal(uvm_fault(u, VA, UVM_ACCESS_EXEC), -EFAULT);
	assert_int_equal(uvm_fault(u, VA + 2 * PG, UVM_ACCESS_READ), -EFAULT);
	assert_int_equal(uvm_fault(u, VA + 4 * PG, UVM_ACCESS_EXEC), -EFAULT);
	assert_int_equal(uvm_fault(u, VA + PG, UVM_ACCESS_READ), -EFAULT);
	assert_int_equal(uvm_fault(u, VA + 8 * PG, UVM_ACCESS_READ), -EFAULT);
	assert_int_equal(uvm_resident(u), 0);
	assert_int_equal(uvm_fault(u, VA, UVM_ACCESS_READ), 0);
	assert_int_equal(uvm_fault(u, VA + 6 * PG, UVM_ACCESS_READ), 0); /* write-only reads on x86 */
	assert_int_equal(uvm_fault(u, VA, UVM_ACCESS_WRITE | UVM_ACCESS_PRESENT), -EFAULT);
	assert_false(uvm_pte_flags(u, VA) & VMM_WRITE);
	uvm_destroy(u);
}

/* UVM-033: write to a read-only entry of a writable VMA: reuse when sole owner, copy otherwise. */
static void test_UVM_033_cow_break(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	uvm_map_anon(u, VA, 2 * PG, RW);
	uint8_t v = 7;
	assert_int_equal(uvm_write(u, VA, &v, 1, false), 0);
	assert_int_equal(uvm_write(u, VA + PG, &v, 1, false), 0);
	uint64_t pa0 = uvm_frame(u, VA), pa1 = uvm_frame(u, VA + PG);
	uvm_t *c = NULL;
	assert_int_equal(uvm_fork(u, &c), 0);
	assert_int_equal(pageref_owners(pa0), 2);
	assert_false(uvm_pte_flags(u, VA) & VMM_WRITE);
	/* Shared: the writer gets a copy, the count drops. */
	assert_int_equal(uvm_fault(u, VA, UVM_ACCESS_WRITE | UVM_ACCESS_PRESENT), 0);
	assert_int_not_equal(uvm_frame(u, VA), pa0);
	assert_true(uvm_pte_flags(u, VA) & VMM_WRITE);
	assert_int_equal(pageref_owners(pa0), 1);
	assert_int_equal(page_byte(u, VA), 7);
	/* Now the child is the sole owner: it reuses the frame. */
	assert_int_equal(uvm_fault(c, VA, UVM_ACCESS_WRITE | UVM_ACCESS_PRESENT), 0);
	assert_int_equal(uvm_frame(c, VA), pa0);
	assert_true(uvm_pte_flags(c, VA) & VMM_WRITE);
	/* Destroying one side makes the other the sole owner of the rest. */
	uvm_destroy(c);
	assert_int_equal(pageref_owners(pa1), 1);
	assert_int_equal(uvm_fault(u, VA + PG, UVM_ACCESS_WRITE | UVM_ACCESS_PRESENT), 0);
	assert_int_equal(uvm_frame(u, VA + PG), pa1);
	uvm_destroy(u);
}

/* UVM-034: out of memory in a fault (frame or page tables) leaves nothing behind. */
static void test_UVM_034_fault_oom(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	uvm_map_anon(u, VA, 4 * PG, RW);
	uint8_t v = 9;
	assert_int_equal(uvm_write(u, VA, &v, 1, false), 0);
	uvm_t *c = NULL;
	assert_int_equal(uvm_fork(u, &c), 0);
	bool done_new = false, done_cow = false;
	unsigned failures = 0;
	uvm_map_anon(u, VA + 3 * MEM_GIB, PG, RW);
	for (size_t keep = 0; keep < MAX_TRIES && !done_new; keep++) {
		/* A new page in a new page-table range: frame plus tables. */
		uvm_exhaust(keep);
		uint64_t before = pmm_free_pages();
		int err = uvm_fault(u, VA + 3 * MEM_GIB, UVM_ACCESS_WRITE);
		if (err) {
			assert_int_equal(err, -ENOMEM);
			assert_int_equal(uvm_frame(u, VA + 3 * MEM_GIB), 0);
			assert_int_equal(uvm_resident(u), 1);
			assert_int_equal(pmm_free_pages(), before);
			failures++;
		}
		done_new = err == 0;
		uvm_restore();
	}
	for (size_t keep = 0; keep < MAX_TRIES && !done_cow; keep++) {
		/* A copy-on-write break needs one frame. */
		uvm_exhaust(keep);
		uint64_t before = pmm_free_pages();
		uint64_t pa = uvm_frame(u, VA);
		int err = uvm_fault(u, VA, UVM_ACCESS_WRITE | UVM_ACCESS_PRESENT);
		if (err) {
			assert_int_equal(err, -ENOMEM);
			assert_int_equal(uvm_frame(u, VA), pa);
			assert_int_equal(pageref_owners(pa), 2);
			assert_int_equal(pmm_free_pages(), before);
			failures++;
		}
		done_cow = err == 0;
		uvm_restore();
	}
	assert_true(failures >= 4); /* 3 tables + 1 frame, then 1 frame */
	assert_true(done_new && done_cow);
	assert_int_equal(page_byte(c, VA), 9);
	assert_int_equal(page_byte(u, VA), 9);
	uvm_destroy(c);
	uvm_destroy(u);
}

/* UVM-035: garbage input never crashes. */
static void test_UVM_035_never_panics(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	uvm_map_anon(u, VA, PG, RW);
	const uint64_t addrs[] = {0, 1, ELF_USER_MIN - 1, VA - 1, VA + PG, ELF_USER_LIMIT - 1, ELF_USER_LIMIT,
	                          SIM_DIRECT_SLOT_VA, SIM_KVA_SLOT_VA, 0xFFFF800000000000ull, UINT64_MAX};
	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++)
		for (unsigned access = 0; access < 32; access++) {
			int err = uvm_fault(u, addrs[i], access);
			assert_true(err == -EFAULT);
		}
	assert_int_equal(uvm_fault(NULL, VA, UVM_ACCESS_READ), -EFAULT);
	assert_int_equal(uvm_fault(u, VA, 0x100), -EFAULT);
	assert_int_equal(uvm_fault(u, VA, 0), 0);
	assert_int_equal(uvm_resident(u), 1);
	uvm_destroy(u);
}

/* UVM-040: stack growth down to the limit; the guard page and below fault. */
static void test_UVM_040_stack(void **state)
{
	(void)state;
	uvm_machine();
	uint64_t free0 = pmm_free_pages();
	uvm_t *u = uvm_new();
	assert_int_equal(uvm_stack_setup(u, STACK_TOP, 0, 4 * PG), -EINVAL);
	assert_int_equal(uvm_stack_setup(u, STACK_TOP, 8 * PG, 4 * PG), -EINVAL);
	assert_int_equal(uvm_stack_setup(u, STACK_TOP + 1, PG, 4 * PG), -EINVAL);
	assert_int_equal(uvm_stack_setup(u, ELF_USER_LIMIT + PG, PG, 4 * PG), -EINVAL);
	assert_int_equal(uvm_stack_setup(u, ELF_USER_MIN + 2 * PG, PG, 2 * PG), -EINVAL);
	assert_int_equal(uvm_stack_setup(u, STACK_TOP, 2 * PG, 16 * PG), 0);
	assert_int_equal(uvm_stack_setup(u, STACK_TOP - MEM_GIB, PG, PG), -EEXIST);
	const uint64_t limit = STACK_TOP - 16 * PG;
	assert_int_equal(uvm_fault(u, STACK_TOP - 8, UVM_ACCESS_WRITE), 0);
	/* Growth by a fault a few pages below. */
	assert_int_equal(uvm_fault(u, STACK_TOP - 5 * PG + 100, UVM_ACCESS_WRITE), 0);
	uvm_vma_info_t info;
	assert_int_equal(uvm_vma_query(u, limit, &info), 0);
	assert_int_equal(info.start, STACK_TOP - 5 * PG);
	assert_int_equal(info.kind, UVM_KIND_STACK);
	/* Down to the limit exactly; the guard page and below refuse. */
	assert_int_equal(uvm_fault(u, limit, UVM_ACCESS_READ), 0);
	assert_int_equal(uvm_fault(u, limit - 1, UVM_ACCESS_WRITE), -EFAULT);
	assert_int_equal(uvm_fault(u, limit - PG, UVM_ACCESS_WRITE), -EFAULT);
	assert_int_equal(uvm_fault(u, limit - 2 * PG, UVM_ACCESS_WRITE), -EFAULT);
	assert_int_equal(uvm_vma_query(u, 0, &info), 0);
	assert_int_equal(info.start, limit);
	/* Writes through uvm_write grow too, and exec is refused. */
	uvm_t *v = uvm_new();
	assert_int_equal(uvm_stack_setup(v, STACK_TOP, PG, 16 * PG), 0);
	uint64_t word = 0xFEEDull;
	assert_int_equal(uvm_write(v, STACK_TOP - 3 * PG - 4, &word, sizeof(word), false), 0);
	assert_int_equal(uvm_fault(v, STACK_TOP - 6 * PG, UVM_ACCESS_EXEC), -EFAULT);
	assert_int_equal(uvm_vma_query(v, 0, &info), 0);
	assert_int_equal(info.start, STACK_TOP - 4 * PG);
	/* A mapping in the reserved range stops growth, with a free page kept between. */
	uvm_map_anon(v, STACK_TOP - 10 * PG, PG, RW);
	assert_int_equal(uvm_fault(v, STACK_TOP - 8 * PG, UVM_ACCESS_WRITE), 0);
	assert_int_equal(uvm_fault(v, STACK_TOP - 9 * PG, UVM_ACCESS_WRITE), -EFAULT);
	uvm_destroy(v);
	/* UVM-034: out of memory while growing leaves the stack VMA where it was. */
	uvm_t *w = uvm_new();
	assert_int_equal(uvm_stack_setup(w, STACK_TOP, PG, 64 * PG), 0);
	uvm_exhaust(0);
	assert_int_equal(uvm_fault(w, STACK_TOP - 40 * PG, UVM_ACCESS_WRITE), -ENOMEM);
	uvm_restore();
	assert_int_equal(uvm_vma_query(w, 0, &info), 0);
	assert_int_equal(info.start, STACK_TOP - PG);
	assert_int_equal(uvm_fault(w, STACK_TOP - 40 * PG, UVM_ACCESS_WRITE), 0);
	assert_int_equal(uvm_vma_query(w, 0, &info), 0);
	assert_int_equal(info.start, STACK_TOP - 40 * PG);
	uvm_destroy(w);
	uvm_destroy(u);
	assert_int_equal(pmm_free_pages(), free0);
}

/* UVM-050: fork isolation, fork of fork, shared counts. */
static void test_UVM_050_fork_isolation(void **state)
{
	(void)state;
	uvm_machine();
	uint64_t free0 = pmm_free_pages();
	uvm_t *p = uvm_new();
	uvm_map_anon(p, VA, 3 * PG, RW);
	uvm_map_anon(p, VA + 8 * PG, PG, UVM_PROT_READ);
	uint32_t val = 1;
	assert_int_equal(uvm_write(p, VA + PG - 2, &val, sizeof(val), false), 0); /* straddles two pages */
	assert_int_equal(uvm_fault(p, VA + 8 * PG, UVM_ACCESS_READ), 0);
	uint64_t ro = uvm_frame(p, VA + 8 * PG);
	uvm_t *c = NULL, *g = NULL;
	assert_int_equal(uvm_fork(p, &c), 0);
	assert_int_equal(uvm_resident(c), 3);
	assert_int_equal(uvm_frame(c, VA + 8 * PG), ro);
	assert_int_equal(pageref_owners(ro), 2);
	assert_int_equal(uvm_fork(c, &g), 0);
	assert_int_equal(pageref_owners(ro), 3);
	assert_int_equal(pageref_owners(uvm_frame(p, VA)), 3);
	uint32_t pv = 2, cv = 3, gv = 4, got = 0;
	assert_int_equal(uvm_write(p, VA + PG - 2, &pv, sizeof(pv), false), 0);
	assert_int_equal(uvm_write(c, VA + PG - 2, &cv, sizeof(cv), false), 0);
	assert_int_equal(uvm_write(g, VA + PG - 2, &gv, sizeof(gv), false), 0);
	assert_int_equal(uvm_read(p, VA + PG - 2, &got, sizeof(got), false), 0);
	assert_int_equal(got, 2);
	assert_int_equal(uvm_read(c, VA + PG - 2, &got, sizeof(got), false), 0);
	assert_int_equal(got, 3);
	assert_int_equal(uvm_read(g, VA + PG - 2, &got, sizeof(got), false), 0);
	assert_int_equal(got, 4);
	/* Untouched page 2 was never resident: each faults its own zero page. */
	assert_int_equal(uvm_frame(c, VA + 2 * PG), 0);
	/* The VMAs were copied. */
	uvm_stats_t sp, sc;
	uvm_stats(p, &sp);
	uvm_stats(g, &sc);
	assert_int_equal(sp.mapped_bytes, sc.mapped_bytes);
	assert_int_equal(sp.vma_count, sc.vma_count);
	uvm_destroy(c);
	assert_int_equal(pageref_owners(ro), 2);
	uvm_destroy(p);
	assert_int_equal(pageref_owners(ro), 1);
	assert_int_equal(uvm_read(g, VA + PG - 2, &got, sizeof(got), false), 0);
	assert_int_equal(got, 4);
	uvm_destroy(g);
	assert_int_equal(pmm_free_pages(), free0);
	assert_int_equal(uvm_fork(NULL, &g), -EINVAL);
}

/* UVM-051: fork under memory pressure: failures leak nothing and keep the parent intact. */
static void test_UVM_051_fork_oom(void **state)
{
	(void)state;
	uvm_machine();
	uint64_t free0 = pmm_free_pages();
	uvm_t *p = uvm_new();
	uvm_map_anon(p, VA, 8 * PG, RW);
	uvm_map_anon(p, VA + 4 * MEM_GIB, 8 * PG, RW);
	for (unsigned i = 0; i < 8; i++) {
		uint8_t b = (uint8_t)(i + 1);
		assert_int_equal(uvm_write(p, VA + i * PG, &b, 1, false), 0);
		assert_int_equal(uvm_write(p, VA + 4 * MEM_GIB + i * PG, &b, 1, false), 0);
	}
	uint64_t with_parent = pmm_free_pages();
	uvm_t *c = NULL;
	bool forked = false;
	for (size_t keep = 0; keep < MAX_TRIES && !forked; keep++) {
		uvm_exhaust(keep);
		uint64_t before = pmm_free_pages();
		int err = uvm_fork(p, &c);
		if (err) {
			assert_int_equal(err, -ENOMEM);
			assert_null(c);
			assert_int_equal(pmm_free_pages(), before);
			for (unsigned i = 0; i < 8; i++)
				assert_int_equal(pageref_owners(uvm_frame(p, VA + i * PG)), 1);
		}
		forked = err == 0;
		uvm_restore();
	}
	assert_true(forked);
	for (unsigned i = 0; i < 8; i++) {
		assert_int_equal(page_byte(p, VA + i * PG), i + 1);
		assert_int_equal(page_byte(c, VA + 4 * MEM_GIB + i * PG), i + 1);
	}
	uvm_destroy(c);
	assert_int_equal(pmm_free_pages(), with_parent);
	uvm_destroy(p);
	assert_int_equal(pmm_free_pages(), free0);
}

/* UVM-060: uvm_read/uvm_write across pages and VMAs, holes, force. */
static void test_UVM_060_kernel_access(void **state)
{
	(void)state;
	uvm_machine();
	uvm_t *u = uvm_new();
	uvm_map_anon(u, VA, 2 * PG, RW);
	uvm_map_anon(u, VA + 2 * PG, 2 * PG, UVM_PROT_READ);
	uvm_map_anon(u, VA + 5 * PG, PG, RW); /* VA + 4 pages is a hole */
	static uint8_t buf[4 * 4096], back[4 * 4096];
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 13 + 1);
	/* Write across two RW pages. */
	assert_int_equal(uvm_write(u, VA + 100, buf, 2 * PG - 100, false), 0);
	assert_int_equal(uvm_read(u, VA + 100, back, 2 * PG - 100, false), 0);
	assert_memory_equal(buf, back, 2 * PG - 100);
	/* Into the read-only VMA: refused without side effects; forced: allowed. */
	uint64_t res = uvm_resident(u);
	assert_int_equal(uvm_write(u, VA + PG, buf, 2 * PG, false), -EFAULT);
	assert_int_equal(uvm_resident(u), res);
	assert_int_equal(uvm_read(u, VA + 2 * PG, back, 1, false), 0);
	res = uvm_resident(u);
	assert_int_equal(uvm_write(u, VA + PG, buf, 2 * PG, true), 0);
	assert_int_equal(uvm_read(u, VA + PG, back, 2 * PG, false), 0);
	assert_memory_equal(buf, back, 2 * PG);
	assert_false(uvm_pte_flags(u, VA + 2 * PG) & VMM_WRITE);
	/* Across the hole: -EFAULT, nothing copied and nothing faulted. */
	res = uvm_resident(u);
	memset(back, 0x77, sizeof(back));
	assert_int_equal(uvm_read(u, VA + 3 * PG, back, 3 * PG, false), -EFAULT);
	assert_int_equal(back[0], 0x77);
	assert_int_equal(uvm_write(u, VA + 3 * PG + 5, buf, 2 * PG, true), -EFAULT);
	assert_int_equal(uvm_frame(u, VA + 5 * PG), 0);
	assert_int_equal(uvm_resident(u), res);
	/* Bad ranges. */
	assert_int_equal(uvm_read(u, 0, back, 1, false), -EFAULT);
	assert_int_equal(uvm_read(u, ELF_USER_LIMIT - 1, back, 2, false), -EFAULT);
	assert_int_equal(uvm_read(u, VA, back, SIZE_MAX, false), -EFAULT);
	assert_int_equal(uvm_read(u, VA, NULL, 1, false), -EINVAL);
	assert_int_equal(uvm_read(u, VA, back, 0, false), 0);
	assert_int_equal(uvm_write(NULL, VA, buf, 1, false), -EINVAL);
	/* PROT_NONE: only force reads it. */
	assert_int_equal(uvm_protect(u, VA, PG, UVM_PROT_NONE), 0);
	assert_int_equal(uvm_read(u, VA + 100, back, 4, false), -EFAULT);
	assert_int_equal(uvm_read(u, VA + 100, back, 4, true), 0);
	assert_memory_equal(back, buf, 4);
	/* A forced write to a frame shared by fork copies it first. */
	uvm_t *c = NULL;
	assert_int_equal(uvm_fork(u, &c), 0);
	uint64_t shared = uvm_frame(u, VA + 2 * PG);
	assert_int_equal(pageref_owners(shared), 2);
	uint8_t z = 0;
	assert_int_equal(uvm_write(c, VA + 2 * PG, &z, 1, true), 0);
	assert_int_not_equal(uvm_frame(c, VA + 2 * PG), shared);
	assert_int_equal(page_byte(u, VA + 2 * PG), buf[PG]);
	assert_int_equal(page_byte(c, VA + 2 * PG), 0);
	uvm_destroy(c);
	uvm_destroy(u);
}

/* UVM-070: owner counts. */
static void test_UVM_070_pageref(void **state)
{
	(void)state;
	uvm_machine();
	uint64_t pa = pmm_alloc_page();
	assert_int_equal(pageref_owners(pa), 1);
	assert_int_equal(pageref_share(pa), 0);
	assert_int_equal(pageref_share(pa), 0);
	assert_int_equal(pageref_owners(pa), 3);
	assert_false(pageref_unshare(pa));
	assert_false(pageref_unshare(pa));
	assert_true(pageref_unshare(pa));
	assert_true(pageref_unshare(pa)); /* untracked: always the last */
	assert_int_equal(pageref_share(pa + 1), -EINVAL);
	assert_int_equal(pageref_share(UVM_ARENA * 4), -EINVAL);
	assert_int_equal(pageref_owners(UVM_ARENA * 4), 1);
	for (uint32_t i = 1; i < PAGEREF_MAX_OWNERS; i++)
		assert_int_equal(pageref_share(pa), 0);
	assert_int_equal(pageref_owners(pa), PAGEREF_MAX_OWNERS);
	assert_int_equal(pageref_share(pa), -ENOMEM);
	/* At the bound, fork copies instead of sharing. */
	uvm_t *u = uvm_new();
	uvm_map_anon(u, VA, PG, RW);
	uint8_t b = 5;
	assert_int_equal(uvm_write(u, VA, &b, 1, false), 0);
	uint64_t frame = uvm_frame(u, VA);
	for (uint32_t i = 1; i < PAGEREF_MAX_OWNERS; i++)
		assert_int_equal(pageref_share(frame), 0);
	uvm_t *c = NULL;
	assert_int_equal(uvm_fork(u, &c), 0);
	assert_int_not_equal(uvm_frame(c, VA), frame);
	assert_int_equal(page_byte(c, VA), 5);
	for (uint32_t i = 1; i < PAGEREF_MAX_OWNERS; i++)
		assert_false(pageref_unshare(frame));
	for (uint32_t i = 1; i < PAGEREF_MAX_OWNERS; i++)
		assert_false(pageref_unshare(pa));
	assert_true(pageref_unshare(pa));
	assert_int_equal(pmm_free_page(pa), 0);
	uvm_destroy(c);
	uvm_destroy(u);
	/* Without a table nothing is shared, and no table can be made without memory. */
	pageref_reset();
	uvm_exhaust(0);
	assert_int_equal(pageref_share(frame), -ENOMEM);
	assert_int_equal(pageref_init(), -ENOMEM);
	uvm_restore();
	assert_int_equal(pageref_init(), 0);
}

int main(void)
{
	mem_log_capture();
	mem_seed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_UVM_030_demand_zero),
		cmocka_unit_test(test_UVM_031_file_fill),
		cmocka_unit_test(test_UVM_032_wrong_access),
		cmocka_unit_test(test_UVM_033_cow_break),
		cmocka_unit_test(test_UVM_034_fault_oom),
		cmocka_unit_test(test_UVM_035_never_panics),
		cmocka_unit_test(test_UVM_040_stack),
		cmocka_unit_test(test_UVM_050_fork_isolation),
		cmocka_unit_test(test_UVM_051_fork_oom),
		cmocka_unit_test(test_UVM_060_kernel_access),
		cmocka_unit_test(test_UVM_070_pageref),
	};
	return cmocka_run_group_tests_name("user-memory: faults and fork", tests, NULL, NULL);
}
