/* elf_plan: program headers, PT_LOAD rules and static PIE (spec/elf-loader.md ELF-030..ELF-050). */
#include "elf-loader/elf_builder.h"

/* ELF-030 */
static void test_ELF_030_interp_refused(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	elfb_add(&b, elfb_phdr(ELFB_PT_INTERP, ELFB_PF_R, 0x100, ELFB_BASE + 0x100, 0x1c, 0x1c, 1));
	elfb_expect_reject(&b, "dynamic executables are not supported (PT_INTERP)");
	b.type = ELFB_ET_DYN; /* a PIE with an interpreter is just as dynamic */
	elfb_expect_reject(&b, "dynamic executables are not supported (PT_INTERP)");
}

/* ELF-031 */
static void test_ELF_031_duplicates(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	elfb_add(&b, elfb_phdr(ELFB_PT_GNU_STACK, ELFB_PF_R | ELFB_PF_W, 0, 0, 0, 0, 16));
	elfb_expect_reject(&b, "duplicate PT_GNU_STACK program header");
	elfb_default(&b);
	elfb_phdr_t tls = elfb_phdr(ELFB_PT_TLS, ELFB_PF_R, 2 * ELFB_PAGE, ELFB_BASE + 2 * ELFB_PAGE, 8, 16, 8);
	elfb_add(&b, tls);
	elfb_add(&b, tls);
	elfb_expect_reject(&b, "duplicate PT_TLS program header");
	elfb_default(&b);
	b.ph[4] = b.ph[3];
	b.ph[3] = b.ph[2];
	b.ph[2] = b.ph[1];
	b.ph[1] = b.ph[0];
	b.ph[0] = elfb_phdr(ELFB_PT_PHDR, ELFB_PF_R, ELF_EHDR_SIZE, ELFB_BASE + ELF_EHDR_SIZE, 6 * ELF_PHDR_SIZE,
			    6 * ELF_PHDR_SIZE, 8);
	b.ph[5] = b.ph[0];
	b.phnum = 6;
	elfb_expect_reject(&b, "duplicate PT_PHDR program header");
}

/* ELF-032 */
static void test_ELF_032_exec_stack(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	b.ph[3].flags = ELFB_PF_R | ELFB_PF_W | ELFB_PF_X;
	elfb_expect_reject(&b, "executable stack is not supported");
	b.phnum = 3; /* no PT_GNU_STACK at all: accepted, the stack stays non-executable */
	elfb_expect_accept(&b, &plan);
}

/* ELF-033: a valid PT_TLS is recorded as given. */
static void test_ELF_033_tls_recorded(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	elfb_expect_accept(&b, &plan);
	assert_false(plan.tls.present);
	elfb_add(&b, elfb_phdr(ELFB_PT_TLS, ELFB_PF_R, 2 * ELFB_PAGE + 0x10, ELFB_BASE + 2 * ELFB_PAGE + 0x10, 0x18,
			       0x60, 8));
	elfb_expect_accept(&b, &plan);
	assert_true(plan.tls.present);
	assert_int_equal(plan.tls.vaddr, ELFB_BASE + 2 * ELFB_PAGE + 0x10);
	assert_int_equal(plan.tls.filesz, 0x18);
	assert_int_equal(plan.tls.memsz, 0x60);
	assert_int_equal(plan.tls.align, 8);
	/* Boundaries: a template at the lowest user address, and a TLS block ending at the limit. */
	elfb_default(&b);
	b.ph[0].vaddr = ELF_USER_MIN;
	elfb_add(&b, elfb_phdr(ELFB_PT_TLS, ELFB_PF_R, 0, ELF_USER_MIN, 0x10, 0x10, 8));
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.tls.vaddr, ELF_USER_MIN);
	elfb_default(&b);
	b.ph[2].vaddr = ELF_USER_LIMIT - ELFB_DATA_MEMSZ;
	b.ph[2].offset = 2 * ELFB_PAGE + ((ELF_USER_LIMIT - ELFB_DATA_MEMSZ) & (ELFB_PAGE - 1));
	b.ph[2].filesz = 0x10;
	b.file_size = b.ph[2].offset + b.ph[2].filesz;
	elfb_add(&b, elfb_phdr(ELFB_PT_TLS, ELFB_PF_R, b.ph[2].offset, b.ph[2].vaddr, 0x10, ELFB_DATA_MEMSZ, 8));
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.tls.vaddr + plan.tls.memsz, ELF_USER_LIMIT);
}

/* ELF-033: each malformed PT_TLS has its own reason. */
static void test_ELF_033_tls_malformed(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	unsigned t = elfb_add(&b, elfb_phdr(ELFB_PT_TLS, ELFB_PF_R, 2 * ELFB_PAGE, ELFB_BASE + 2 * ELFB_PAGE, 0x40,
					    0x20, 8));
	elfb_expect_reject(&b, "TLS segment: file size exceeds memory size");
	b.ph[t].memsz = 0x80;
	b.ph[t].align = 24;
	elfb_expect_reject(&b, "TLS segment: alignment not a power of two");
	b.ph[t].align = 8;
	b.ph[t].offset = b.file_size - 0x20; /* 0x40 bytes from here run past the end */
	elfb_expect_reject(&b, "TLS segment: file data outside the file");
	b.ph[t].offset = UINT64_MAX - 0x10;
	elfb_expect_reject(&b, "TLS segment: file data outside the file");
	b.ph[t].offset = 2 * ELFB_PAGE;
	b.ph[t].vaddr = UINT64_MAX - 0x40;
	elfb_expect_reject(&b, "TLS segment: address range outside user space");
	b.ph[t].vaddr = ELF_USER_LIMIT - 0x40;
	elfb_expect_reject(&b, "TLS segment: address range outside user space");
	b.ph[t].vaddr = 0x100;
	elfb_expect_reject(&b, "TLS segment: address range outside user space");
	/* In user space but in the zero-fill part of the data segment, not its file bytes. */
	b.ph[t].vaddr = ELFB_BASE + 2 * ELFB_PAGE + 0x60;
	elfb_expect_reject(&b, "TLS segment: template not inside a loaded segment");
	b.ph[t].vaddr = 0x7000000000ull;
	elfb_expect_reject(&b, "TLS segment: template not inside a loaded segment");
}

/* ELF-034: the program headers in memory, with and without PT_PHDR. */
static void test_ELF_034_phdr_address(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.phdr_vaddr, ELFB_BASE + ELF_EHDR_SIZE);
	assert_int_equal(plan.phent, ELF_PHDR_SIZE);
	assert_int_equal(plan.phnum, ELFB_DEFAULT_PHNUM);
	/* First segment too short to hold the whole table: not mapped. */
	b.ph[0].filesz = b.ph[0].memsz = ELF_EHDR_SIZE + 3 * ELF_PHDR_SIZE;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.phdr_vaddr, 0);
	/* Exactly long enough. */
	b.ph[0].filesz = b.ph[0].memsz = ELF_EHDR_SIZE + 4 * ELF_PHDR_SIZE;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.phdr_vaddr, ELFB_BASE + ELF_EHDR_SIZE);
}

static void elfb_with_pt_phdr(elfb_t *b)
{
	elfb_default(b);
	for (unsigned i = ELFB_DEFAULT_PHNUM; i > 0; i--)
		b->ph[i] = b->ph[i - 1];
	b->phnum = ELFB_DEFAULT_PHNUM + 1;
	uint64_t table = (uint64_t)b->phnum * ELF_PHDR_SIZE;
	b->ph[0] = elfb_phdr(ELFB_PT_PHDR, ELFB_PF_R, ELF_EHDR_SIZE, ELFB_BASE + ELF_EHDR_SIZE, table, table, 8);
}

/* ELF-034: PT_PHDR must describe the mapped table and come before the LOAD headers. */
static void test_ELF_034_pt_phdr_checked(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_with_pt_phdr(&b);
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.phdr_vaddr, ELFB_BASE + ELF_EHDR_SIZE);
	b.ph[0].vaddr += 8;
	elfb_expect_reject(&b, "PT_PHDR does not match the loaded program headers");
	elfb_with_pt_phdr(&b);
	b.ph[0].filesz -= ELF_PHDR_SIZE;
	elfb_expect_reject(&b, "PT_PHDR does not match the loaded program headers");
	elfb_with_pt_phdr(&b);
	b.ph[0].offset = 0;
	elfb_expect_reject(&b, "PT_PHDR does not match the loaded program headers");
	/* The table is not in any segment's file bytes. */
	elfb_with_pt_phdr(&b);
	b.ph[1].filesz = b.ph[1].memsz = ELF_EHDR_SIZE;
	elfb_expect_reject(&b, "PT_PHDR does not match the loaded program headers");
	/* After a LOAD header. */
	elfb_with_pt_phdr(&b);
	elfb_phdr_t phdr = b.ph[0];
	b.ph[0] = b.ph[1];
	b.ph[1] = phdr;
	elfb_expect_reject(&b, "PT_PHDR after a LOAD segment");
}

/* ELF-035: other header types are not interpreted, whatever they contain. */
static void test_ELF_035_other_types_ignored(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan, base;
	elfb_default(&b);
	elfb_expect_accept(&b, &base);
	elfb_add(&b, elfb_phdr(ELFB_PT_NOTE, 0, UINT64_MAX, UINT64_MAX, UINT64_MAX, 0, 3));
	elfb_add(&b, elfb_phdr(ELFB_PT_GNU_RELRO, ELFB_PF_R, 1ull << 60, 5, 1, UINT64_MAX, 0));
	elfb_add(&b, elfb_phdr(ELFB_PT_DYNAMIC, ELFB_PF_R | ELFB_PF_W, 0, 0, 0, 0, 0));
	elfb_add(&b, elfb_phdr(0x70000001u, 7, 1, 2, 3, 4, 5));
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.segment_count, base.segment_count);
	assert_int_equal(plan.entry, base.entry);
	assert_memory_equal(plan.segments, base.segments, sizeof(base.segments));
	assert_int_equal(plan.phnum, ELFB_DEFAULT_PHNUM + 4);
}

/* ELF-040 */
static void test_ELF_040_load_count(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.ph[0].type = b.ph[1].type = b.ph[2].type = ELFB_PT_NOTE;
	elfb_expect_reject(&b, "no LOAD segments");
	/* Sixteen segments, each on its own page, then a seventeenth. */
	elfb_default(&b);
	b.phnum = 2;
	for (unsigned i = 2; i < ELF_MAX_LOAD; i++)
		elfb_add(&b, elfb_phdr(ELFB_PT_LOAD, ELFB_PF_R, ELFB_PAGE, ELFB_BASE + i * ELFB_PAGE, 0x10, 0x10, ELFB_PAGE));
	elfb_add(&b, elfb_phdr(ELFB_PT_GNU_STACK, ELFB_PF_R | ELFB_PF_W, 0, 0, 0, 0, 16));
	b.ph[0].filesz = b.ph[0].memsz = ELFB_PAGE;
	elf_plan_t plan;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.segment_count, ELF_MAX_LOAD);
	b.ph[b.phnum - 1] =
		elfb_phdr(ELFB_PT_LOAD, ELFB_PF_R, ELFB_PAGE, ELFB_BASE + 0x40 * ELFB_PAGE, 0x10, 0x10, ELFB_PAGE);
	elfb_expect_reject(&b, "too many LOAD segments (limit 16)");
}

/* ELF-041 */
static void test_ELF_041_filesz_above_memsz(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.ph[2].memsz = ELFB_DATA_FILESZ - 1;
	elfb_expect_reject(&b, "segment 2: file size exceeds memory size");
}

/* ELF-042 */
static void test_ELF_042_empty_load(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.ph[2].filesz = b.ph[2].memsz = 0;
	elfb_expect_reject(&b, "segment 2: empty LOAD segment");
}

/* ELF-043 */
static void test_ELF_043_file_bounds(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	b.ph[2].filesz = ELFB_DATA_FILESZ + 1;
	elfb_expect_reject(&b, "segment 2: file data outside the file");
	/* offset + filesz wraps to a small number */
	elfb_default(&b);
	b.ph[2].offset = 0xfffffffffffff000ull;
	b.ph[2].vaddr = 0xfffffffffffff000ull;
	b.ph[2].filesz = b.ph[2].memsz = 0x2000;
	elfb_expect_reject(&b, "segment 2: file data outside the file");
	/* Ending exactly at the end of the file is fine. */
	elfb_default(&b);
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.segments[2].copy_offset + plan.segments[2].copy_size, b.file_size);
}

/* ELF-044 */
static void test_ELF_044_alignment(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	b.ph[1].align = 0x3000;
	elfb_expect_reject(&b, "segment 1: alignment not a power of two");
	b.ph[1].align = 0x1000;
	b.ph[1].offset = 0x1010; /* 0x10 against 0x000 within the page */
	elfb_expect_reject(&b, "segment 1: offset and address not congruent modulo 4096");
	b.ph[1].align = 0; /* no alignment stated: still page-congruent */
	elfb_expect_reject(&b, "segment 1: offset and address not congruent modulo 4096");
	b.ph[1].align = 1;
	elfb_expect_reject(&b, "segment 1: offset and address not congruent modulo 4096");
	b.ph[1].offset = 0x2000; /* page-congruent with 0x401000, but not modulo 2 MiB */
	b.file_size = 0x2000 + ELFB_TEXT_SIZE;
	b.ph[1].align = 0x200000;
	elfb_expect_reject(&b, "segment 1: offset and address not congruent modulo 2097152");
	b.ph[1].align = 0;
	elfb_expect_accept(&b, &plan);
	b.ph[1].offset = 0x1000;
	b.ph[1].align = 0x200000; /* 0x1000 and 0x401000 agree modulo 2 MiB */
	elfb_expect_accept(&b, &plan);
	b.ph[1].align = 16; /* smaller than a page: page congruence is what counts */
	elfb_expect_accept(&b, &plan);
}

/* ELF-045 */
static void test_ELF_045_user_range(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	b.ph[0].vaddr = 0; /* page 0 */
	elfb_expect_reject(&b, "segment 0: address range outside user space");
	b.ph[0].vaddr = ELF_USER_MIN - ELFB_PAGE;
	elfb_expect_reject(&b, "segment 0: address range outside user space");
	b.ph[0].vaddr = ELF_USER_MIN;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.segments[0].map_start, ELF_USER_MIN);
	/* The last segment up to the very end of user space, and one byte beyond. */
	elfb_default(&b);
	b.ph[2].vaddr = ELF_USER_LIMIT - ELFB_DATA_MEMSZ;
	b.ph[2].offset = (ELF_USER_LIMIT - ELFB_DATA_MEMSZ) & (ELFB_PAGE - 1);
	b.ph[2].offset += 2 * ELFB_PAGE;
	b.ph[2].filesz = 0x10;
	b.file_size = b.ph[2].offset + b.ph[2].filesz;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.segments[2].map_end, ELF_USER_LIMIT);
	assert_int_equal(plan.brk_start, ELF_USER_LIMIT);
	b.ph[2].memsz += 1;
	elfb_expect_reject(&b, "segment 2: address range outside user space");
	/* vaddr + memsz wraps */
	elfb_default(&b);
	b.ph[2].vaddr = 0xffffffffffffe000ull;
	b.ph[2].memsz = 0x4000;
	elfb_expect_reject(&b, "segment 2: address range outside user space");
	/* kernel half */
	b.ph[2].vaddr = 0xffffffff80002000ull;
	b.ph[2].memsz = ELFB_DATA_MEMSZ;
	elfb_expect_reject(&b, "segment 2: address range outside user space");
	/* rounding the end up to a page wraps */
	b.ph[2].vaddr = 0xffffffffffffe000ull;
	b.ph[2].memsz = 0x1ff0;
	elfb_expect_reject(&b, "segment 2: address range outside user space");
}

/* ELF-046 */
static void test_ELF_046_order_and_pages(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	elfb_phdr_t text = b.ph[1];
	b.ph[1] = b.ph[2];
	b.ph[2] = text;
	elfb_expect_reject(&b, "segment 2: LOAD segments not in ascending address order");
	/* Data starting in the text segment's last page. */
	elfb_default(&b);
	b.ph[2].vaddr = ELFB_BASE + ELFB_PAGE + 0x800;
	b.ph[2].offset = 0x1800;
	elfb_expect_reject(&b, "segment 2: shares a page with the previous LOAD segment");
	/* Overlapping byte ranges, same start. */
	elfb_default(&b);
	b.ph[2].vaddr = ELFB_BASE + ELFB_PAGE;
	b.ph[2].offset = 0x1000;
	b.ph[2].flags = ELFB_PF_R;
	elfb_expect_reject(&b, "segment 2: shares a page with the previous LOAD segment");
	/* Adjacent pages are fine: text ends inside page 1, data starts at page 2 + 0x10. */
	elfb_default(&b);
	b.ph[2].vaddr += 0x10;
	b.ph[2].offset += 0x10;
	b.file_size += 0x10;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.segments[2].map_start, ELFB_BASE + 2 * ELFB_PAGE);
}

/* ELF-047 */
static void test_ELF_047_wx(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	b.ph[1].flags = ELFB_PF_R | ELFB_PF_W | ELFB_PF_X;
	elfb_expect_reject(&b, "segment 1: writable and executable");
	b.ph[1].flags = ELFB_PF_W | ELFB_PF_X;
	elfb_expect_reject(&b, "segment 1: writable and executable");
	/* OS- and processor-specific flag bits are ignored. */
	b.ph[1].flags = ELFB_PF_R | ELFB_PF_X | 0xf0f00000u;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.segments[1].prot, ELF_PROT_READ | ELF_PROT_EXEC);
}

/* ELF-048 */
static void test_ELF_048_entry(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	b.entry = ELFB_BASE + 0x10; /* the read-only headers page */
	elfb_expect_reject(&b, "entry point 0x400010 not in an executable segment");
	b.entry = ELFB_BASE + 2 * ELFB_PAGE + 0x10; /* data */
	elfb_expect_reject(&b, "entry point 0x402010 not in an executable segment");
	b.entry = ELFB_BASE + ELFB_PAGE + ELFB_TEXT_SIZE; /* one past the text's file bytes */
	elfb_expect_reject(&b, "entry point 0x401100 not in an executable segment");
	b.entry = 0;
	elfb_expect_reject(&b, "entry point 0x0 not in an executable segment");
	/* Zero-fill memory of an executable segment is not an entry point either. */
	b.ph[1].memsz = 2 * ELFB_TEXT_SIZE;
	b.entry = ELFB_BASE + ELFB_PAGE + ELFB_TEXT_SIZE + 8;
	elfb_expect_reject(&b, "entry point 0x401108 not in an executable segment");
	b.entry = ELFB_BASE + ELFB_PAGE + ELFB_TEXT_SIZE - 1; /* last file byte */
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.entry, b.entry);
	b.entry = ELFB_BASE + ELFB_PAGE; /* first byte */
	elfb_expect_accept(&b, &plan);
}

/* ELF-050: a static PIE is placed at the PIE base, and everything moves with it. */
static void test_ELF_050_static_pie(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	b.type = ELFB_ET_DYN;
	for (unsigned i = 0; i < 3; i++)
		b.ph[i].vaddr -= ELFB_BASE; /* linked at 0, as gcc -static-pie does */
	b.entry -= ELFB_BASE;
	elfb_add(&b, elfb_phdr(ELFB_PT_TLS, ELFB_PF_R, 2 * ELFB_PAGE, 2 * ELFB_PAGE, 8, 16, 8));
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.load_bias, ELF_PIE_BASE);
	assert_int_equal(plan.segments[0].map_start, ELF_PIE_BASE);
	assert_int_equal(plan.entry, ELF_PIE_BASE + ELFB_PAGE + 0x10);
	assert_int_equal(plan.phdr_vaddr, ELF_PIE_BASE + ELF_EHDR_SIZE);
	assert_int_equal(plan.tls.vaddr, ELF_PIE_BASE + 2 * ELFB_PAGE);
	assert_int_equal(plan.brk_start, ELF_PIE_BASE + 4 * ELFB_PAGE);
	/* A 2 MiB-aligned segment moves the base up to the next 2 MiB boundary. */
	b.ph[1].align = 0x200000;
	b.ph[1].vaddr = 0x201000;
	b.ph[1].offset = 0x1000;
	b.ph[2].vaddr = 0x202000;
	b.ph[b.phnum - 1].vaddr = 0x202000;
	b.entry = 0x201010;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.load_bias, 0x0000555555600000ull);
	assert_int_equal(plan.load_bias % 0x200000, 0);
	assert_int_equal(plan.entry, 0x0000555555600000ull + 0x201010);
	/* An alignment so large that the base leaves user space. */
	b.ph[1].align = 1ull << 63;
	b.ph[1].offset = 0x201000;
	b.file_size = 0x202000 + ELFB_DATA_FILESZ;
	b.ph[2].offset = 0x202000;
	b.ph[b.phnum - 1].offset = 0x202000;
	elfb_expect_reject(&b, "segment 1: address range outside user space");
	/* An alignment of 2^47 puts the base exactly at the end of user space: refused too. */
	b.ph[1].align = ELF_USER_LIMIT;
	elfb_expect_reject(&b, "segment 1: address range outside user space");
	/* ET_EXEC gets no bias. */
	elfb_default(&b);
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.load_bias, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ELF_030_interp_refused),
		cmocka_unit_test(test_ELF_031_duplicates),
		cmocka_unit_test(test_ELF_032_exec_stack),
		cmocka_unit_test(test_ELF_033_tls_recorded),
		cmocka_unit_test(test_ELF_033_tls_malformed),
		cmocka_unit_test(test_ELF_034_phdr_address),
		cmocka_unit_test(test_ELF_034_pt_phdr_checked),
		cmocka_unit_test(test_ELF_035_other_types_ignored),
		cmocka_unit_test(test_ELF_040_load_count),
		cmocka_unit_test(test_ELF_041_filesz_above_memsz),
		cmocka_unit_test(test_ELF_042_empty_load),
		cmocka_unit_test(test_ELF_043_file_bounds),
		cmocka_unit_test(test_ELF_044_alignment),
		cmocka_unit_test(test_ELF_045_user_range),
		cmocka_unit_test(test_ELF_046_order_and_pages),
		cmocka_unit_test(test_ELF_047_wx),
		cmocka_unit_test(test_ELF_048_entry),
		cmocka_unit_test(test_ELF_050_static_pie),
	};
	return cmocka_run_group_tests_name("elf-loader program headers", tests, NULL, NULL);
}
