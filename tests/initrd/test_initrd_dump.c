/*
 * The kernel parser as a listing tool, for tests/initrd/test_mkinitrd.py:
 *
 *     test_initrd_dump --dump FILE
 *
 * parses FILE with initrd_parse and prints one line per entry in path order,
 * "<type> <mode octal> <uid> <gid> <size> <path>[ -> <target>]", then
 * "count <N>"; a rejected archive prints "rejected: <reason>" and exits 1.
 * Without arguments it runs its own cmocka test (INITRD-022: the listing
 * shows every entry once, in path order).
 */
#include "initrd/initrd_fixture.h"

static int print_entry(void *ctx, const initrd_entry_t *e)
{
	FILE *out = ctx;
	static const char types[] = {'?', 'f', 'd', 'l'};
	fprintf(out, "%c %06o %u %u %llu %s", types[e->type], e->mode, e->uid, e->gid, (unsigned long long)e->size,
	        e->path);
	if (e->target)
		fprintf(out, " -> %s", e->target);
	fputc('\n', out);
	return 0;
}

static int dump(const uint8_t *buf, size_t len, FILE *out)
{
	initrd_t *rd = NULL;
	char reason[INITRD_REASON_MAX];
	if (initrd_parse(buf, len, &rd, reason, sizeof(reason)) != 0) {
		fprintf(out, "rejected: %s\n", reason);
		return 1;
	}
	initrd_foreach(rd, print_entry, out);
	fprintf(out, "count %zu\n", initrd_count(rd));
	initrd_free(rd);
	return 0;
}

static int dump_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return 2;
	}
	size_t cap = 1 << 20, len = 0;
	uint8_t *buf = malloc(cap);
	size_t n;
	while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (buf == NULL)
		return 2;
	mem_log_capture();
	sim_platform_setup(IFX_MACHINE_BYTES, MEM_DEFAULT_SEED);
	bootinfo_t bi = mem_bootinfo_simple(IFX_MACHINE_BYTES);
	if (pmm_init(&bi, platform_layout()) != 0 || vmm_init(&bi) != 0 || kva_init() != 0)
		return 2;
	kheap_init();
	int rc = dump(buf, len, stdout);
	free(buf);
	return rc;
}

/* INITRD-022: the dump lists every entry once, in path order, with its fields. */
static void test_initrd_022_dump_listing(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, "z", IFX_REG, "zz");
	ifx_entry(&c, "a", IFX_DIR, NULL);
	ifx_entry(&c, "a/l", IFX_LNK, "../z");
	ifx_trailer(&c);
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	assert_int_equal(dump(c.buf, c.len, out), 0);
	fclose(out);
	assert_string_equal(text, "d 040755 0 0 0 a\nl 120777 0 0 4 a/l -> ../z\nf 100644 0 0 2 z\ncount 3\n");
	free(text);
	ifx_end(&c);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--dump") == 0)
		return dump_file(argv[2]);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initrd_022_dump_listing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
