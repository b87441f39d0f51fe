/* elf_plan: the interface and the ELF header checks (spec/elf-loader.md ELF-001..ELF-020). */
#include "elf-loader/elf_builder.h"

/* ELF-001: the default builder image is accepted; rejections give -ENOEXEC and a zero plan. */
static void test_ELF_001_accept_and_zero_plan_on_reject(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.segment_count, 3);
	b.machine = 3;
	elfb_expect_reject(&b, "not an x86-64 program (machine 3)");
}

/* ELF-002 */
static void test_ELF_002_invalid_arguments(void **state)
{
	(void)state;
	char reason[ELF_REASON_MAX];
	elf_plan_t plan;
	uint8_t byte = 0;
	assert_int_equal(elf_plan(&byte, 1, NULL, reason, sizeof(reason)), -EINVAL);
	assert_string_equal(reason, "invalid arguments");
	assert_int_equal(elf_plan(NULL, 10, &plan, reason, sizeof(reason)), -EINVAL);
	assert_string_equal(reason, "invalid arguments");
	/* An empty image is not a caller bug but a bad image. */
	assert_int_equal(elf_plan(NULL, 0, &plan, reason, sizeof(reason)), -ENOEXEC);
	assert_string_equal(reason, "file too short for an ELF header (0 bytes)");
}

/* ELF-003: reason NULL with length 0, cut reasons stay terminated, success clears the reason. */
static void test_ELF_003_reason_buffer(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	b.machine = 40;
	uint8_t *img = elfb_emit(&b);
	assert_int_equal(elf_plan(img, b.file_size, &plan, NULL, 0), -ENOEXEC);
	char small[8];
	memset(small, 'x', sizeof(small));
	assert_int_equal(elf_plan(img, b.file_size, &plan, small, sizeof(small)), -ENOEXEC);
	assert_string_equal(small, "not an ");
	char untouched = 'q';
	assert_int_equal(elf_plan(img, b.file_size, &plan, &untouched, 0), -ENOEXEC);
	assert_int_equal(untouched, 'q');
	free(img);
	elfb_default(&b);
	img = elfb_emit(&b);
	char reason[ELF_REASON_MAX] = "stale text";
	assert_int_equal(elf_plan(img, b.file_size, &plan, reason, sizeof(reason)), 0);
	assert_string_equal(reason, "");
	free(img);
}

/* ELF-003: the longest reasons, with the largest numbers, fit in ELF_REASON_MAX with no newline. */
static void test_ELF_003_longest_reasons_fit(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.entry = UINT64_MAX;
	elfb_expect_reject(&b, "entry point 0xffffffffffffffff not in an executable segment");
	elfb_default(&b);
	b.ph[1].align = 1ull << 63;
	b.ph[1].offset = 0x1000;
	elfb_expect_reject(&b, "segment 1: offset and address not congruent modulo 9223372036854775808");
	uint8_t tiny[63] = {0x7f, 'E', 'L', 'F'};
	char reason[ELF_REASON_MAX];
	elf_plan_t plan;
	assert_int_equal(elf_plan(tiny, sizeof(tiny), &plan, reason, sizeof(reason)), -ENOEXEC);
	assert_string_equal(reason, "file too short for an ELF header (63 bytes)");
	assert_null(strchr(reason, '\n'));
}

/* ELF-010 */
static void test_ELF_010_too_short(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.file_size = ELF_EHDR_SIZE - 1;
	elfb_expect_reject(&b, "file too short for an ELF header (63 bytes)");
	/* Exactly a header is long enough to be read; then the table is missing. */
	b.file_size = ELF_EHDR_SIZE;
	elfb_expect_reject(&b, "program header table outside the file");
}

/* ELF-011 */
static void test_ELF_011_bad_magic(void **state)
{
	(void)state;
	elfb_t b;
	for (int i = 0; i < 4; i++) {
		elfb_default(&b);
		b.ident[i] ^= 0x20;
		elfb_expect_reject(&b, "not an ELF file (bad magic)");
	}
}

/* ELF-012 */
static void test_ELF_012_class(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.ident[4] = 1;
	elfb_expect_reject(&b, "not a 64-bit ELF (class 1)");
	b.ident[4] = 0;
	elfb_expect_reject(&b, "not a 64-bit ELF (class 0)");
}

/* ELF-013 */
static void test_ELF_013_data_encoding(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.ident[5] = 2;
	elfb_expect_reject(&b, "not little-endian (data encoding 2)");
}

/* ELF-014 */
static void test_ELF_014_version(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.ident[6] = 0;
	elfb_expect_reject(&b, "unsupported ELF version 0");
	elfb_default(&b);
	b.version = 2;
	elfb_expect_reject(&b, "unsupported ELF version 2");
	b.version = 0xffffffffu;
	elfb_expect_reject(&b, "unsupported ELF version 4294967295");
}

/* ELF-015 */
static void test_ELF_015_osabi(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	b.ident[7] = 3; /* GNU/Linux: accepted */
	elfb_expect_accept(&b, &plan);
	b.ident[7] = 9; /* FreeBSD */
	elfb_expect_reject(&b, "unsupported OS ABI 9");
	b.ident[7] = 0;
	b.ident[8] = 1;
	elfb_expect_reject(&b, "unsupported ABI version 1");
}

/* ELF-016 */
static void test_ELF_016_type(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.type = 1; /* ET_REL */
	elfb_expect_reject(&b, "not an executable (type 1)");
	b.type = 4; /* ET_CORE */
	elfb_expect_reject(&b, "not an executable (type 4)");
	b.type = 0;
	elfb_expect_reject(&b, "not an executable (type 0)");
}

/* ELF-017 */
static void test_ELF_017_machine(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.machine = 183; /* AArch64 */
	elfb_expect_reject(&b, "not an x86-64 program (machine 183)");
}

/* ELF-018 */
static void test_ELF_018_header_sizes(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.ehsize = 52;
	elfb_expect_reject(&b, "bad ELF header size 52");
	elfb_default(&b);
	b.phentsize = 32;
	elfb_expect_reject(&b, "bad program header size 32");
	b.phentsize = 64;
	elfb_expect_reject(&b, "bad program header size 64");
}

/* ELF-019 */
static void test_ELF_019_phnum(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.phnum = 0;
	elfb_expect_reject(&b, "no program headers");
	elfb_default(&b);
	b.phnum = 0xffff;
	elfb_expect_reject(&b, "too many program headers (65535, limit 64)");
	elfb_default(&b);
	b.phnum = ELF_MAX_PHNUM + 1;
	b.file_size = 0x2000 + ELFB_DATA_FILESZ;
	elfb_expect_reject(&b, "too many program headers (65, limit 64)");
	/* Exactly the limit is fine: pad with PT_NOTE headers inside the first page. */
	elfb_default(&b);
	while (b.phnum < ELF_MAX_PHNUM)
		elfb_add(&b, elfb_phdr(ELFB_PT_NOTE, ELFB_PF_R, 0, 0, 0, 0, 4));
	b.ph[0].filesz = b.phoff + ELF_MAX_PHNUM * ELF_PHDR_SIZE;
	b.ph[0].memsz = b.ph[0].filesz;
	elf_plan_t plan;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.phnum, ELF_MAX_PHNUM);
}

/* ELF-020 */
static void test_ELF_020_table_bounds(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	b.phoff = b.file_size - ELF_PHDR_SIZE * 2; /* four headers, room for two */
	elfb_expect_reject(&b, "program header table outside the file");
	b.phoff = UINT64_MAX - 100; /* the end wraps */
	elfb_expect_reject(&b, "program header table outside the file");
	b.phoff = b.file_size;
	elfb_expect_reject(&b, "program header table outside the file");
	elfb_default(&b);
	b.phoff = 0;
	elfb_expect_reject(&b, "program header table overlaps the ELF header");
	b.phoff = ELF_EHDR_SIZE - 8;
	elfb_expect_reject(&b, "program header table overlaps the ELF header");
	/* A table one byte longer than the file, whose earlier headers are all fine. */
	elfb_default(&b);
	b.file_size = 0x2200;
	b.phoff = b.file_size - (uint64_t)b.phnum * ELF_PHDR_SIZE + 1;
	elfb_expect_reject(&b, "program header table outside the file");
	/* A table that ends exactly at the end of the file is inside it. */
	elfb_default(&b);
	b.file_size = 0x2200;
	b.phoff = b.file_size - (uint64_t)b.phnum * ELF_PHDR_SIZE;
	elf_plan_t plan;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.phdr_vaddr, 0); /* not inside any segment's file bytes */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ELF_001_accept_and_zero_plan_on_reject),
		cmocka_unit_test(test_ELF_002_invalid_arguments),
		cmocka_unit_test(test_ELF_003_reason_buffer),
		cmocka_unit_test(test_ELF_003_longest_reasons_fit),
		cmocka_unit_test(test_ELF_010_too_short),
		cmocka_unit_test(test_ELF_011_bad_magic),
		cmocka_unit_test(test_ELF_012_class),
		cmocka_unit_test(test_ELF_013_data_encoding),
		cmocka_unit_test(test_ELF_014_version),
		cmocka_unit_test(test_ELF_015_osabi),
		cmocka_unit_test(test_ELF_016_type),
		cmocka_unit_test(test_ELF_017_machine),
		cmocka_unit_test(test_ELF_018_header_sizes),
		cmocka_unit_test(test_ELF_019_phnum),
		cmocka_unit_test(test_ELF_020_table_bounds),
	};
	return cmocka_run_group_tests_name("elf-loader header", tests, NULL, NULL);
}
