/*
 * The archive format (spec/initrd.md INITRD-001..INITRD-010, INITRD-020):
 * valid archives built here are accepted with their fields intact, and every
 * malformed header field, name, padding, type, size and trailer is rejected
 * with a reason, with nothing kept; every prefix of a valid archive is
 * rejected.
 */
#include "initrd/initrd_fixture.h"

static void setup_small(ifx_cpio_t *c)
{
	ifx_begin(c);
	ifx_entry(c, "etc", IFX_DIR, NULL);
	ifx_entry(c, "etc/initrd-release", IFX_REG, "Aegis initrd\n");
	ifx_entry(c, "bin", IFX_DIR, NULL);
	ifx_entry(c, "bin/sh", IFX_EXE, "#!\x7f" "ELF");
	ifx_entry(c, "sh", IFX_LNK, "bin/sh");
	ifx_trailer(c);
}

/* INITRD-001 INITRD-020: a valid archive is accepted; data points into it, nothing is copied. */
static void test_initrd_001_020_valid_archive_in_place(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, ".", IFX_DIR, NULL);
	ifx_entry(&c, "etc", 0040700u, NULL);
	ifx_entry_full(&c, "etc/motd", 0100600u, 1000, 2000, 0x5f000000u, "hello", 5);
	ifx_entry(&c, "empty", IFX_REG, NULL);
	ifx_trailer(&c);
	initrd_t *rd = ifx_expect_ok(&c);
	assert_int_equal(initrd_count(rd), 3);
	initrd_entry_t e;
	assert_int_equal(initrd_find(rd, "/etc/motd", &e), 0);
	assert_int_equal(e.type, INITRD_TYPE_FILE);
	assert_int_equal(e.mode, 0100600u);
	assert_int_equal(e.uid, 1000);
	assert_int_equal(e.gid, 2000);
	assert_int_equal(e.mtime, 0x5f000000u);
	assert_int_equal(e.size, 5);
	assert_true(e.data >= c.buf && e.data + e.size <= c.buf + c.len);
	assert_memory_equal(e.data, "hello", 5);
	assert_true((const uint8_t *)e.path >= c.buf && (const uint8_t *)e.path < c.buf + c.len);
	assert_string_equal(e.path, "etc/motd");
	assert_string_equal(e.name, "motd");
	assert_null(e.target);
	assert_int_equal(initrd_find(rd, "empty", &e), 0);
	assert_int_equal(e.size, 0);
	assert_int_equal(initrd_find(rd, "etc", &e), 0);
	assert_int_equal(e.type, INITRD_TYPE_DIR);
	assert_int_equal(e.mode, 0040700u);
	initrd_free(rd);
	ifx_end(&c);
}

/* INITRD-002: lower- and upper-case hex digits are both accepted. */
static void test_initrd_002_hex_case(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry_full(&c, "f", IFX_REG, 0xabcdef01u, 0, 0, "x", 1);
	ifx_trailer(&c);
	ifx_set_field(&c, 0, IFX_UID, "aBcDeF01");
	initrd_t *rd = ifx_expect_ok(&c);
	initrd_entry_t e;
	assert_int_equal(initrd_find(rd, "f", &e), 0);
	assert_int_equal(e.uid, 0xabcdef01u);
	initrd_free(rd);
	ifx_end(&c);
}

/* INITRD-002 INITRD-009: every field with a non-hex character is rejected, naming the field. */
static void test_initrd_002_009_each_field_bad_hex(void **state)
{
	static const char *const names[IFX_FIELDS] = {
		"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
		"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
	};
	static const char *const bad[] = {"0000000g", " 0000001", "0x000001", "-0000001", "0000000\0"};
	ifx_machine();
	for (unsigned f = 0; f < IFX_FIELDS; f++) {
		for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
			ifx_cpio_t c;
			ifx_begin(&c);
			ifx_entry(&c, "a", IFX_REG, "data");
			ifx_trailer(&c);
			memcpy(c.buf + c.offsets[0] + IFX_MAGIC_LEN + f * IFX_FIELD_LEN, bad[b], IFX_FIELD_LEN);
			char want[64];
			snprintf(want, sizeof(want), "in field %s", names[f]);
			ifx_expect_reject(&c, want);
			ifx_expect_reject(&c, "entry 0 at offset 0x0");
			ifx_end(&c);
		}
	}
	/* the trailer's fields are validated too */
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, "a", IFX_REG, "data");
	ifx_trailer(&c);
	ifx_set_field(&c, 1, IFX_MTIME, "zzzzzzzz");
	ifx_expect_reject(&c, "entry 1 at offset 0x");
	ifx_end(&c);
}

/* INITRD-001: wrong magic, including the CRC and old formats. */
static void test_initrd_001_bad_magic(void **state)
{
	static const char *const magics[] = {"070702", "070707", "070700", "170701", "\xc7\x71" "0000"};
	ifx_machine();
	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		ifx_cpio_t c;
		setup_small(&c);
		memcpy(c.buf + c.offsets[1], magics[i], IFX_MAGIC_LEN);
		ifx_expect_reject(&c, "bad magic");
		ifx_expect_reject(&c, "entry 1 at offset 0x");
		ifx_end(&c);
	}
}

/* INITRD-002: check, rdevmajor and rdevminor must be 0; ino, nlink, dev are ignored. */
static void test_initrd_002_fixed_and_ignored_fields(void **state)
{
	ifx_machine();
	static const unsigned must_be_zero[] = {IFX_CHECK, IFX_RDEVMAJOR, IFX_RDEVMINOR};
	for (size_t i = 0; i < 3; i++) {
		ifx_cpio_t c;
		setup_small(&c);
		ifx_set_value(&c, 1, must_be_zero[i], 1);
		ifx_expect_reject(&c, must_be_zero[i] == IFX_CHECK ? "check field" : "rdevmajor/rdevminor");
		ifx_end(&c);
	}
	ifx_cpio_t c;
	setup_small(&c);
	ifx_set_value(&c, 1, IFX_INO, 0xffffffffu);
	ifx_set_value(&c, 1, IFX_NLINK, 7);
	ifx_set_value(&c, 1, IFX_DEVMAJOR, 8);
	ifx_set_value(&c, 1, IFX_DEVMINOR, 1);
	initrd_t *rd = ifx_expect_ok(&c);
	initrd_free(rd);
	ifx_end(&c);
}

/* INITRD-003: namesize bounds and the NUL rules. */
static void test_initrd_003_namesize(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	setup_small(&c);
	ifx_set_value(&c, 0, IFX_NAMESIZE, 1);
	ifx_expect_reject(&c, "namesize outside 2..4096");
	ifx_set_value(&c, 0, IFX_NAMESIZE, 0);
	ifx_expect_reject(&c, "namesize outside 2..4096");
	ifx_set_value(&c, 0, IFX_NAMESIZE, 4097);
	ifx_expect_reject(&c, "namesize outside 2..4096");
	ifx_set_value(&c, 0, IFX_NAMESIZE, 0xffffffffu);
	ifx_expect_reject(&c, "namesize outside 2..4096");
	/* "etc" is 4 bytes with its NUL: 3 leaves no NUL at the end, 5 takes a padding byte */
	ifx_set_value(&c, 0, IFX_NAMESIZE, 3);
	ifx_expect_reject(&c, "NUL-terminated");
	ifx_set_value(&c, 0, IFX_NAMESIZE, 5);
	ifx_expect_reject(&c, "NUL-terminated");
	ifx_end(&c);
	/* a NUL inside the name */
	ifx_begin(&c);
	ifx_entry(&c, "abcd", IFX_REG, "x");
	ifx_trailer(&c);
	c.buf[c.offsets[0] + IFX_HDR + 1] = '\0';
	ifx_expect_reject(&c, "NUL-terminated");
	ifx_end(&c);
	/* the longest name (4095 bytes: 16 components of 255 and 15 slashes) is accepted */
	ifx_begin(&c);
	char name[INITRD_NAME_MAX];
	size_t n = 0;
	for (int level = 0; level < 16; level++) {
		if (level)
			name[n++] = '/';
		memset(name + n, 'a' + level, INITRD_COMPONENT_MAX);
		n += INITRD_COMPONENT_MAX;
		name[n] = '\0';
		ifx_entry(&c, name, level < 15 ? IFX_DIR : IFX_REG, NULL);
	}
	assert_int_equal(n, INITRD_NAME_MAX - 1);
	ifx_trailer(&c);
	initrd_t *rd = ifx_expect_ok(&c);
	initrd_entry_t e;
	assert_int_equal(initrd_find(rd, name, &e), 0);
	assert_int_equal(e.path_len, INITRD_NAME_MAX - 1);
	initrd_free(rd);
	ifx_end(&c);
}

/* INITRD-003: filesize beyond the module (including values that would wrap) is "truncated". */
static void test_initrd_003_filesize_overflow(void **state)
{
	ifx_machine();
	static const uint32_t sizes[] = {0xffffffffu, 0xfffffffcu, 0x80000000u, 1000};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		ifx_cpio_t c;
		setup_small(&c);
		ifx_set_value(&c, 1, IFX_FILESIZE, sizes[i]);
		ifx_expect_reject(&c, "truncated");
		ifx_end(&c);
	}
	/* the last data entry's size reaching exactly to the end of the archive, without its trailer */
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, "a", IFX_REG, "abcd");
	ifx_expect_reject(&c, "no TRAILER!!!");
	ifx_end(&c);
}

/* INITRD-003: more than INITRD_MAX_ENTRIES entries. */
static void test_initrd_003_entry_limit(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	ifx_begin(&c);
	char name[16];
	for (unsigned i = 0; i < INITRD_MAX_ENTRIES; i++) {
		snprintf(name, sizeof(name), "f%04u", i);
		ifx_entry(&c, name, IFX_REG, NULL);
	}
	size_t before_trailer = c.len;
	ifx_trailer(&c);
	initrd_t *rd = ifx_expect_ok(&c);
	assert_int_equal(initrd_count(rd), INITRD_MAX_ENTRIES);
	initrd_free(rd);
	c.len = before_trailer;
	ifx_entry(&c, "one-more", IFX_REG, NULL);
	ifx_trailer(&c);
	ifx_expect_reject(&c, "more than 4096 entries");
	ifx_end(&c);
}

/* INITRD-004: trailer required, empty, and only zeros after it. */
static void test_initrd_004_trailer(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, "a", IFX_REG, "x");
	ifx_expect_reject(&c, "no TRAILER!!! entry");
	ifx_end(&c);

	ifx_begin(&c);
	ifx_expect_reject(&c, "no TRAILER!!! entry"); /* an empty module */
	ifx_end(&c);

	setup_small(&c);
	ifx_set_value(&c, 5, IFX_FILESIZE, 4);
	memset(c.buf + c.len, 0, 4);
	c.len += 4;
	ifx_expect_reject(&c, "TRAILER!!! with a non-zero filesize");
	ifx_end(&c);

	setup_small(&c);
	memset(c.buf + c.len, 0, 512 - c.len % 512); /* GNU cpio's block padding */
	c.len += 512 - c.len % 512;
	initrd_t *rd = ifx_expect_ok(&c);
	assert_int_equal(initrd_count(rd), 5);
	initrd_free(rd);
	c.buf[c.len - 1] = 1;
	ifx_expect_reject(&c, "non-zero bytes after TRAILER!!!");
	ifx_end(&c);

	/* only the trailer: an empty, valid archive */
	ifx_begin(&c);
	ifx_trailer(&c);
	rd = ifx_expect_ok(&c);
	assert_int_equal(initrd_count(rd), 0);
	initrd_free(rd);
	ifx_end(&c);
}

/* INITRD-001: padding after the name and after the data must be zero. */
static void test_initrd_001_padding(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, "ab", IFX_REG, "x"); /* 110 + 3 = 113: 3 bytes of padding; data 1: 3 more */
	ifx_trailer(&c);
	c.buf[IFX_HDR + 3] = 'p';
	ifx_expect_reject(&c, "non-zero padding after the name");
	c.buf[IFX_HDR + 3] = 0;
	c.buf[IFX_HDR + 3 + 3 + 1] = 'p';
	ifx_expect_reject(&c, "non-zero padding after the data");
	ifx_end(&c);
}

/* INITRD-005: types, mode bits, directory and symlink sizes. */
static void test_initrd_005_types(void **state)
{
	ifx_machine();
	static const uint32_t bad_types[] = {0020644u, 0060644u, 0010644u, 0140644u, 0000644u, 0170644u};
	for (size_t i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++) {
		ifx_cpio_t c;
		ifx_begin(&c);
		ifx_entry(&c, "dev", bad_types[i], NULL);
		ifx_trailer(&c);
		ifx_expect_reject(&c, "unsupported file type");
		ifx_end(&c);
	}
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, "f", IFX_REG, NULL);
	ifx_trailer(&c);
	ifx_set_value(&c, 0, IFX_MODE, 0200000u | IFX_REG);
	ifx_expect_reject(&c, "mode has bits above 0177777");
	ifx_end(&c);

	ifx_begin(&c);
	ifx_entry(&c, "d", IFX_DIR, "x");
	ifx_trailer(&c);
	ifx_expect_reject(&c, "directory with a non-zero filesize");
	ifx_end(&c);

	ifx_begin(&c);
	ifx_entry(&c, "l", IFX_LNK, NULL);
	ifx_trailer(&c);
	ifx_expect_reject(&c, "symlink with an empty target");
	ifx_end(&c);

	ifx_begin(&c);
	ifx_entry_full(&c, "l", IFX_LNK, 0, 0, 0, "a\0b", 3);
	ifx_trailer(&c);
	ifx_expect_reject(&c, "symlink target contains a NUL byte");
	ifx_end(&c);

	char *long_target = malloc(INITRD_TARGET_MAX + 2);
	assert_non_null(long_target);
	memset(long_target, 'x', INITRD_TARGET_MAX + 1);
	long_target[INITRD_TARGET_MAX + 1] = '\0';
	ifx_begin(&c);
	ifx_entry(&c, "l", IFX_LNK, long_target);
	ifx_trailer(&c);
	ifx_expect_reject(&c, "symlink target longer than 4095 bytes");
	ifx_end(&c);
	long_target[INITRD_TARGET_MAX] = '\0';
	ifx_begin(&c);
	ifx_entry(&c, "l", IFX_LNK, long_target);
	ifx_trailer(&c);
	initrd_t *rd = ifx_expect_ok(&c);
	initrd_entry_t e;
	assert_int_equal(initrd_find(rd, "l", &e), 0);
	assert_int_equal(strlen(e.target), INITRD_TARGET_MAX);
	initrd_free(rd);
	ifx_end(&c);
	free(long_target);
}

/* INITRD-006: names that do not normalise; accepted prefixes. */
static void test_initrd_006_names(void **state)
{
	static const char *const bad[] = {
		"..", "../x", "a/..", "a/../b", "a//b", "a/", "./", "//", "/./a", "././a", "a/.", "a/./b", "./.",
	};
	ifx_machine();
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ifx_cpio_t c;
		ifx_begin(&c);
		ifx_entry(&c, "a", IFX_DIR, NULL);
		ifx_entry(&c, bad[i], IFX_DIR, NULL);
		ifx_trailer(&c);
		if (strcmp(bad[i], "./") == 0) {
			/* "./" is the root: accepted as the root entry */
			initrd_t *rd = ifx_expect_ok(&c);
			initrd_free(rd);
		} else {
			ifx_expect_reject(&c, "does not normalise");
		}
		ifx_end(&c);
	}
	char comp[INITRD_COMPONENT_MAX + 2];
	memset(comp, 'c', sizeof(comp) - 1);
	comp[INITRD_COMPONENT_MAX + 1] = '\0';
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, comp, IFX_REG, NULL);
	ifx_trailer(&c);
	ifx_expect_reject(&c, "does not normalise");
	ifx_end(&c);
	comp[INITRD_COMPONENT_MAX] = '\0';
	ifx_begin(&c);
	ifx_entry(&c, comp, IFX_REG, NULL);
	ifx_entry(&c, "./dot", IFX_DIR, NULL);
	ifx_entry(&c, "/slash", IFX_DIR, NULL);
	ifx_entry(&c, "./dot/x", IFX_REG, NULL);
	ifx_entry(&c, "/", IFX_DIR, NULL);
	ifx_trailer(&c);
	initrd_t *rd = ifx_expect_ok(&c);
	initrd_entry_t e;
	assert_int_equal(initrd_find(rd, comp, &e), 0);
	assert_int_equal(initrd_find(rd, "dot/x", &e), 0);
	assert_string_equal(e.path, "dot/x");
	assert_int_equal(initrd_find(rd, "slash", &e), 0);
	assert_int_equal(initrd_count(rd), 4);
	initrd_free(rd);
	ifx_end(&c);
	/* the root entry must be a directory */
	ifx_begin(&c);
	ifx_entry(&c, ".", IFX_REG, NULL);
	ifx_trailer(&c);
	ifx_expect_reject(&c, "the root entry is not a directory");
	ifx_end(&c);
}

/* INITRD-007: duplicates, however spelled. */
static void test_initrd_007_duplicates(void **state)
{
	static const char *const pairs[][2] = {
		{"etc", "./etc"}, {"etc", "/etc"}, {"etc", "etc"}, {".", "/"}, {".", "./"},
	};
	ifx_machine();
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		ifx_cpio_t c;
		ifx_begin(&c);
		ifx_entry(&c, pairs[i][0], IFX_DIR, NULL);
		ifx_entry(&c, "zz", IFX_REG, NULL);
		ifx_entry(&c, pairs[i][1], IFX_DIR, NULL);
		ifx_trailer(&c);
		ifx_expect_reject(&c, "duplicate entry");
		ifx_end(&c);
	}
	/* a file and a directory of the same name */
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, "x", IFX_REG, "1");
	ifx_entry(&c, "x", IFX_DIR, NULL);
	ifx_trailer(&c);
	ifx_expect_reject(&c, "duplicate entry");
	ifx_end(&c);
}

/* INITRD-008: parents exist (in any order) and are directories. */
static void test_initrd_008_parents(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, "a/b/c", IFX_REG, "deep");
	ifx_entry(&c, "a/b", IFX_DIR, NULL);
	ifx_entry(&c, "a", IFX_DIR, NULL);
	ifx_trailer(&c);
	initrd_t *rd = ifx_expect_ok(&c);
	initrd_free(rd);
	ifx_end(&c);

	ifx_begin(&c);
	ifx_entry(&c, "a", IFX_DIR, NULL);
	ifx_entry(&c, "a/b/c", IFX_REG, "deep");
	ifx_trailer(&c);
	ifx_expect_reject(&c, "parent directory is not in the archive");
	ifx_expect_reject(&c, "'a/b/c'");
	ifx_end(&c);

	ifx_begin(&c);
	ifx_entry(&c, "f", IFX_REG, "x");
	ifx_entry(&c, "f/g", IFX_REG, "y");
	ifx_trailer(&c);
	ifx_expect_reject(&c, "parent is not a directory");
	ifx_end(&c);

	ifx_begin(&c);
	ifx_entry(&c, "d", IFX_DIR, NULL);
	ifx_entry(&c, "l", IFX_LNK, "d");
	ifx_entry(&c, "l/g", IFX_REG, "y");
	ifx_trailer(&c);
	ifx_expect_reject(&c, "parent is not a directory");
	ifx_end(&c);
}

/* INITRD-009: reasons name the entry; names in them are printable ASCII, cut at 64 bytes. */
static void test_initrd_009_reason_shape(void **state)
{
	ifx_machine();
	char name[200];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	name[3] = '\n';
	name[4] = '\x1b';
	ifx_cpio_t c;
	ifx_begin(&c);
	ifx_entry(&c, name, IFX_REG, NULL);
	ifx_entry(&c, "x", 0060644u, NULL);
	ifx_trailer(&c);
	/* the offending entry (1) is named; no control byte reaches the reason */
	uint8_t *copy = malloc(c.len);
	assert_non_null(copy);
	memcpy(copy, c.buf, c.len);
	initrd_t *rd = NULL;
	char reason[INITRD_REASON_MAX];
	assert_int_equal(ifx_parse_buf(copy, c.len, &rd, reason), -EINVAL);
	assert_non_null(strstr(reason, "entry 1 at offset 0x"));
	assert_non_null(strstr(reason, "'x'"));
	free(copy);
	ifx_end(&c);
	/* a header error in entry 0 with a long, odd name (length 199 > 64) */
	ifx_begin(&c);
	ifx_entry(&c, name, 0060644u, NULL);
	ifx_trailer(&c);
	copy = malloc(c.len);
	assert_non_null(copy);
	memcpy(copy, c.buf, c.len);
	assert_int_equal(ifx_parse_buf(copy, c.len, &rd, reason), -EINVAL);
	assert_non_null(strstr(reason, "'nnn??nnn"));
	assert_non_null(strstr(reason, "...'"));
	for (const char *p = reason; *p; p++)
		assert_true(*p >= 0x20 && *p <= 0x7e);
	assert_true(strlen(reason) < INITRD_REASON_MAX - 1); /* never cut */
	free(copy);
	ifx_end(&c);
}

/* INITRD-003 INITRD-010: every strict prefix of a valid archive is rejected, with nothing kept. */
static void test_initrd_003_010_truncation_every_offset(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	setup_small(&c);
	for (size_t n = 0; n < c.len; n++) {
		uint8_t *copy = malloc(n ? n : 1);
		assert_non_null(copy);
		memcpy(copy, c.buf, n);
		initrd_t *rd = NULL;
		char reason[INITRD_REASON_MAX];
		int rc = ifx_parse_buf(copy, n, &rd, reason);
		if (rc != -EINVAL) {
			printf("# prefix of %zu bytes: %d\n", n, rc);
			fail_msg("a truncated archive was accepted");
		}
		assert_true(strstr(reason, "truncated") || strstr(reason, "no TRAILER!!!"));
		free(copy);
	}
	initrd_t *rd = ifx_expect_ok(&c);
	initrd_free(rd);
	ifx_end(&c);
}

/* INITRD-010: the parser never writes into the archive. */
static void test_initrd_010_archive_untouched(void **state)
{
	ifx_machine();
	ifx_cpio_t c;
	setup_small(&c);
	uint8_t *before = malloc(c.len);
	assert_non_null(before);
	memcpy(before, c.buf, c.len);
	initrd_t *rd = ifx_expect_ok(&c);
	assert_memory_equal(before, c.buf, c.len);
	initrd_free(rd);
	free(before);
	ifx_end(&c);
}

/* INITRD-010: random single-byte damage never crashes or leaks (seeded, AEGIS_TEST_SEED). */
static void test_initrd_010_random_damage(void **state)
{
	ifx_machine();
	mem_rng_t rng = {mem_seed()};
	ifx_cpio_t c;
	setup_small(&c);
	uint8_t *copy = malloc(c.len);
	assert_non_null(copy);
	for (int round = 0; round < 3000; round++) {
		memcpy(copy, c.buf, c.len);
		size_t at = (size_t)mem_rng_below(&rng, c.len);
		copy[at] = (uint8_t)mem_rng_next(&rng);
		initrd_t *rd = NULL;
		char reason[INITRD_REASON_MAX];
		if (ifx_parse_buf(copy, c.len, &rd, reason) == 0)
			initrd_free(rd);
	}
	free(copy);
	ifx_end(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initrd_001_020_valid_archive_in_place),
		cmocka_unit_test(test_initrd_002_hex_case),
		cmocka_unit_test(test_initrd_002_009_each_field_bad_hex),
		cmocka_unit_test(test_initrd_001_bad_magic),
		cmocka_unit_test(test_initrd_002_fixed_and_ignored_fields),
		cmocka_unit_test(test_initrd_003_namesize),
		cmocka_unit_test(test_initrd_003_filesize_overflow),
		cmocka_unit_test(test_initrd_003_entry_limit),
		cmocka_unit_test(test_initrd_004_trailer),
		cmocka_unit_test(test_initrd_001_padding),
		cmocka_unit_test(test_initrd_005_types),
		cmocka_unit_test(test_initrd_006_names),
		cmocka_unit_test(test_initrd_007_duplicates),
		cmocka_unit_test(test_initrd_008_parents),
		cmocka_unit_test(test_initrd_009_reason_shape),
		cmocka_unit_test(test_initrd_003_010_truncation_every_offset),
		cmocka_unit_test(test_initrd_010_archive_untouched),
		cmocka_unit_test(test_initrd_010_random_damage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
