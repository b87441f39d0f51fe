/*
 * /proc/<pid>/maps (spec/filesystems.md FS-085): every region of an address
 * space as one Linux-format line, lowest first, with the heap and stack
 * names at Linux's column; empty without an address space or for a zombie;
 * whole lines only when the regions pass the text bound (FS-080).
 */
#include "filesystems/procfs_pid_fixture.h"

#include <regex.h>

#define NAME_COLUMN 73
#define TEXT_BASE 0x400000ull
#define DATA_BASE 0x600000ull
#define FILE_BASE 0x10000000ull
#define FILE_OFFSET (3 * PG)
#define HEAP_PAGES 4u
#define MANY_BASE 0x20000000ull
#define MANY_REGIONS 1000u

static void setup(void)
{
	pp_machine();
}

/* Split text into lines (in place): their count. */
static size_t lines_of(char *text, char **lines, size_t max)
{
	size_t n = 0;
	for (char *c = text; *c;) {
		char *nl = strchr(c, '\n');
		assert_non_null(nl);
		*nl = '\0';
		assert_true(n < max);
		lines[n++] = c;
		c = nl + 1;
	}
	return n;
}

/* FS-085: the format, the fields of each kind of region, and the names at column 74. */
static void test_fs_085_maps_lines(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/m");
	p->uvm = uvm_new();
	uvm_map_anon(p->uvm, TEXT_BASE, 2 * PG, UVM_PROT_READ | UVM_PROT_EXEC);
	uvm_map_anon(p->uvm, DATA_BASE, PG, RW);
	assert_int_equal(uvm_set_brk_base(p->uvm, DATA_BASE + PG), 0);
	uint64_t brk = 0;
	assert_int_equal(uvm_brk(p->uvm, DATA_BASE + (1 + HEAP_PAGES) * PG, &brk), 0);
	fake_file_t *file = fake_file_new(8 * PG);
	uvm_file_t ops = fake_ops(file);
	uint64_t at = 0;
	assert_int_equal(uvm_map(p->uvm, FILE_BASE, PG, UVM_PROT_READ, UVM_MAP_PRIVATE | UVM_MAP_FIXED, &ops,
	                         FILE_OFFSET, &at), 0);
	assert_int_equal(uvm_stack_setup(p->uvm, STACK_TOP, 4 * PG, 16 * PG), 0);
	pp_run(procfs_pid_maps, p);
	char *lines[16];
	size_t n = lines_of(pp_text, lines, 16);
	assert_int_equal(n, 5);
	assert_string_equal(lines[0], "00400000-00402000 r-xp 00000000 00:00 0 ");
	assert_string_equal(lines[1], "00600000-00601000 rw-p 00000000 00:00 0 ");
	assert_int_equal(strlen(lines[2]), NAME_COLUMN + strlen("[heap]"));
	assert_memory_equal(lines[2], "00601000-00605000 rw-p 00000000 00:00 0 ", 40);
	assert_string_equal(lines[2] + NAME_COLUMN, "[heap]");
	assert_string_equal(lines[3], "10000000-10001000 r--p 00003000 00:00 0 ");
	assert_string_equal(lines[4] + NAME_COLUMN, "[stack]");
	assert_memory_equal(lines[4], "7fffffffa000-7fffffffe000 rw-p 00000000 00:00 0 ", 48);
	for (size_t i = 48; i < NAME_COLUMN; i++)
		assert_int_equal(lines[4][i], ' ');

	/* Every line also matches Linux's pattern as a regular expression. */
	regex_t re;
	assert_int_equal(regcomp(&re,
	                         "^[0-9a-f]{8,16}-[0-9a-f]{8,16} [r-][w-][x-][ps] [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} "
	                         "[0-9]+ +(\\[heap\\]|\\[stack\\])?$",
	                         REG_EXTENDED | REG_NOSUB),
	                 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(regexec(&re, lines[i], 0, NULL, 0), 0);
	regfree(&re);
	pp_free(p);
	assert_int_equal(file->refs, 0);
	fake_file_free(file);
}

/* FS-085: no address space (the sim's host processes) or a zombie: the empty text. */
static void test_fs_085_maps_empty_without_space(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/sim");
	assert_int_equal(pp_run(procfs_pid_maps, p), 0);
	assert_string_equal(pp_text, "");
	p->uvm = uvm_new();
	uvm_map_anon(p->uvm, TEXT_BASE, PG, RW);
	assert_true(pp_run(procfs_pid_maps, p) > 0);
	p->state = PROC_ZOMBIE;
	assert_int_equal(pp_run(procfs_pid_maps, p), 0);
	p->state = PROC_ALIVE;
	pp_free(p);
}

/* FS-080, FS-085: more regions than the bound holds: whole lines only, and the text with its NUL fits. */
static void test_fs_080_maps_bounded_whole_lines(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/many");
	p->uvm = uvm_new();
	for (unsigned i = 0; i < MANY_REGIONS; i++)
		uvm_map_anon(p->uvm, MANY_BASE + 2ull * i * PG, PG, (i & 1) ? RW : UVM_PROT_READ);
	size_t n = pp_run(procfs_pid_maps, p);
	assert_true(n < PROCFS_PID_TEXT_MAX);
	assert_int_equal(pp_text[n - 1], '\n');
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += pp_text[i] == '\n';
	assert_true(count < MANY_REGIONS);
	size_t line = strchr(pp_text, '\n') - pp_text + 1;
	assert_true(n + line >= PROCFS_PID_TEXT_MAX); /* one more line would not have fitted */
	pp_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fs_085_maps_lines),
		cmocka_unit_test(test_fs_085_maps_empty_without_space),
		cmocka_unit_test(test_fs_080_maps_bounded_whole_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
