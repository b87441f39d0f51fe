/*
 * Reading the index (spec/initrd.md INITRD-020..INITRD-022): lookups by
 * path, symlinks, the root, non-normalised lookup paths, foreach in path
 * order and directory listings.
 */
#include "initrd/initrd_fixture.h"

static initrd_t *tree(ifx_cpio_t *c)
{
	ifx_begin(c);
	/* deliberately unsorted, with prefixes that sort between siblings */
	ifx_entry(c, "bin/sh", IFX_EXE, "shell");
	ifx_entry(c, "bin", IFX_DIR, NULL);
	ifx_entry(c, "etc", IFX_DIR, NULL);
	ifx_entry(c, "etc/b.txt", IFX_REG, "b");
	ifx_entry(c, "etc/b", IFX_DIR, NULL);
	ifx_entry(c, "etc/b/c", IFX_REG, "c");
	ifx_entry(c, "etc/a", IFX_REG, "a");
	ifx_entry(c, "init", IFX_LNK, "/bin/sh");
	ifx_entry(c, "up", IFX_LNK, "../etc/../x");
	ifx_trailer(c);
	return ifx_expect_ok(c);
}

/* INITRD-021: lookups with and without '/', the root, misses and bad paths. */
static void test_initrd_021_find(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	initrd_t *rd = tree(&c);
	initrd_entry_t e;
	assert_int_equal(initrd_find(rd, "/bin/sh", &e), 0);
	assert_int_equal(e.type, INITRD_TYPE_FILE);
	assert_int_equal(e.mode, IFX_EXE);
	assert_memory_equal(e.data, "shell", 5);
	assert_int_equal(initrd_find(rd, "bin/sh", &e), 0);
	assert_string_equal(e.name, "sh");
	assert_int_equal(initrd_find(rd, "/", &e), 0);
	assert_int_equal(e.type, INITRD_TYPE_DIR);
	assert_int_equal(e.mode, 0040755u);
	assert_string_equal(e.path, "");
	assert_int_equal(initrd_find(rd, "", &e), 0);
	assert_int_equal(e.type, INITRD_TYPE_DIR);
	assert_int_equal(initrd_find(rd, "/bin/bash", &e), -ENOENT);
	assert_int_equal(initrd_find(rd, "/bi", &e), -ENOENT);
	assert_int_equal(initrd_find(rd, "/bin/sh/x", &e), -ENOENT);
	static const char *const bad[] = {"//bin", "/bin/", "bin//sh", "/./bin", "/bin/..", "..", "/bin/./sh"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(initrd_find(rd, bad[i], &e), -EINVAL);
	assert_int_equal(initrd_find(rd, NULL, &e), -EINVAL);
	char *huge = malloc(INITRD_NAME_MAX + 10);
	assert_non_null(huge);
	memset(huge, 'a', INITRD_NAME_MAX + 9);
	huge[INITRD_NAME_MAX + 9] = '\0';
	assert_int_equal(initrd_find(rd, huge, &e), -EINVAL);
	free(huge);
	initrd_free(rd);
	ifx_end(&c);
}

/* INITRD-021 INITRD-005: symlinks are returned, not followed; targets are NUL-terminated copies. */
static void test_initrd_021_symlinks(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	initrd_t *rd = tree(&c);
	initrd_entry_t e;
	assert_int_equal(initrd_find(rd, "/init", &e), 0);
	assert_int_equal(e.type, INITRD_TYPE_SYMLINK);
	assert_string_equal(e.target, "/bin/sh");
	assert_int_equal(e.size, 7);
	assert_memory_equal(e.data, "/bin/sh", 7);
	assert_true(e.data >= c.buf && e.data < c.buf + c.len);
	assert_int_equal(initrd_find(rd, "/up", &e), 0);
	assert_string_equal(e.target, "../etc/../x"); /* not interpreted */
	assert_int_equal(initrd_find(rd, "/init/x", &e), -ENOENT);
	initrd_free(rd);
	ifx_end(&c);
}

typedef struct {
	char seen[16][64];
	size_t n;
	size_t stop_at;
} walk_t;

static int record(void *ctx, const initrd_entry_t *e)
{
	walk_t *w = ctx;
	assert_true(w->n < 16);
	snprintf(w->seen[w->n++], 64, "%s", e->path);
	return w->stop_at && w->n == w->stop_at ? 42 : 0;
}

/* INITRD-022: foreach visits every entry but the root, in path order, and stops on request. */
static void test_initrd_022_foreach(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	initrd_t *rd = tree(&c);
	walk_t w = {0};
	assert_int_equal(initrd_foreach(rd, record, &w), 0);
	static const char *const want[] = {"bin", "bin/sh", "etc", "etc/a", "etc/b", "etc/b.txt", "etc/b/c", "init", "up"};
	assert_int_equal(w.n, 9);
	for (size_t i = 0; i < 9; i++)
		assert_string_equal(w.seen[i], want[i]);
	walk_t w2 = {.stop_at = 3};
	assert_int_equal(initrd_foreach(rd, record, &w2), 42);
	assert_int_equal(w2.n, 3);
	initrd_free(rd);
	ifx_end(&c);
}

/* INITRD-022: listing direct children in name order; errors for misses and non-directories. */
static void test_initrd_022_list(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	initrd_t *rd = tree(&c);
	walk_t w = {0};
	assert_int_equal(initrd_list(rd, "/etc", record, &w), 0);
	assert_int_equal(w.n, 3);
	assert_string_equal(w.seen[0], "etc/a");
	assert_string_equal(w.seen[1], "etc/b");
	assert_string_equal(w.seen[2], "etc/b.txt");
	walk_t root = {0};
	assert_int_equal(initrd_list(rd, "/", record, &root), 0);
	assert_int_equal(root.n, 4);
	assert_string_equal(root.seen[0], "bin");
	assert_string_equal(root.seen[3], "up");
	walk_t none = {0};
	assert_int_equal(initrd_list(rd, "/etc/b/c", record, &none), -ENOTDIR);
	assert_int_equal(initrd_list(rd, "/init", record, &none), -ENOTDIR);
	assert_int_equal(initrd_list(rd, "/nope", record, &none), -ENOENT);
	assert_int_equal(initrd_list(rd, "/etc/", record, &none), -EINVAL);
	assert_int_equal(none.n, 0);
	walk_t stop = {.stop_at = 1};
	assert_int_equal(initrd_list(rd, "etc", record, &stop), 42);
	initrd_free(rd);
	ifx_end(&c);
}

/* INITRD-021: without a boot initrd, initrd_lookup finds nothing; NULL tables are harmless. */
static void test_initrd_021_no_boot_initrd(void **state)
{
	ifx_machine();
	initrd_entry_t e;
	assert_null(initrd_get());
	assert_int_equal(initrd_lookup("/etc/initrd-release", &e), -ENOENT);
	assert_int_equal(initrd_count(NULL), 0);
	assert_int_equal(initrd_find(NULL, "/x", &e), -ENOENT);
	initrd_free(NULL);
}

/* INITRD-020: the index is freed completely. */
static void test_initrd_020_free_releases_all(void **state)
{
	ifx_machine();
	uint64_t before = ifx_live_blocks();
	ifx_cpio_t c;
	initrd_t *rd = tree(&c);
	assert_true(ifx_live_blocks() > before);
	initrd_free(rd);
	assert_int_equal(ifx_live_blocks(), before);
	ifx_end(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initrd_021_find),
		cmocka_unit_test(test_initrd_021_symlinks),
		cmocka_unit_test(test_initrd_022_foreach),
		cmocka_unit_test(test_initrd_022_list),
		cmocka_unit_test(test_initrd_021_no_boot_initrd),
		cmocka_unit_test(test_initrd_020_free_releases_all),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
