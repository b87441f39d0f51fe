/*
 * Multiboot2 parser: walking the tags, the end tag, singletons and strings
 * (spec/multiboot2.md MB2-009..MB2-018).
 */
#include "mb2_test.h"

/* MB2-009: tags of odd sizes are followed at the next 8-byte boundary; padding is never read. */
static void test_MB2_009_tags_at_8_byte_boundaries(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_string_tag(&b, MB2_TAG_CMDLINE, "a");          /* size 10, padded to 16 */
	mb2_build_string_tag(&b, MB2_TAG_LOADER_NAME, "GRUB 2.06"); /* at 24 */
	size_t len = mb2_build_end(&b);
	memset(buf + 18, 0xFF, 6); /* garbage in the padding must not matter */
	bootinfo_t out;
	uint8_t *keep = mb2t_accept(buf, len, &out);
	assert_string_equal(out.cmdline, "a");
	assert_string_equal(out.loader_name, "GRUB 2.06");
	free(keep);
}

/* MB2-010 */
static void test_MB2_010_tag_smaller_than_header(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_string_tag(&b, MB2_TAG_CMDLINE, "x");
	mb2_build_raw_tag(&b, 77, "abcdefgh", 8);
	size_t len = mb2_build_end(&b);
	mb2t_put_u32(buf, 28, 4);
	mb2t_reject(buf, len, "tag at offset 24 has size 4, smaller than its 8-byte header");
	mb2t_put_u32(buf, 28, 0); /* size 0 would otherwise loop forever */
	mb2t_reject(buf, len, "tag at offset 24 has size 0, smaller than its 8-byte header");
}

/* MB2-011: a size running past total_size, including sizes near 2^32. */
static void test_MB2_011_tag_runs_past_total(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_raw_tag(&b, 77, "abcdefgh", 8);
	size_t len = mb2_build_end(&b); /* 8 + 16 + 8 = 32 */
	mb2t_put_u32(buf, 12, 25);
	mb2t_reject(buf, len, "tag at offset 8 (type 77) has size 25 but only 24 bytes are left");
	mb2t_put_u32(buf, 12, UINT32_MAX);
	mb2t_reject(buf, len, "tag at offset 8 (type 77) has size 4294967295 but only 24 bytes are left");
	mb2t_put_u32(buf, 12, UINT32_MAX - 6); /* would wrap to a small step if aligned in 32 bits */
	mb2t_reject(buf, len, "tag at offset 8 (type 77) has size 4294967289 but only 24 bytes are left");
}

/* MB2-012: each known type's minimum size. */
static void test_MB2_012_known_tag_below_minimum(void **state)
{
	(void)state;
	static const struct {
		uint32_t type, size;
		const char *reason;
	} cases[] = {
		{3, 16, "module tag at offset 8 has size 16, smaller than its 17-byte minimum"},
		{3, 8, "module tag at offset 8 has size 8, smaller than its 17-byte minimum"},
		{6, 15, "memory map tag at offset 8 has size 15, smaller than its 16-byte minimum"},
		{6, 8, "memory map tag at offset 8 has size 8, smaller than its 16-byte minimum"},
		{8, 31, "framebuffer tag at offset 8 has size 31, smaller than its 32-byte minimum"},
		{8, 24, "framebuffer tag at offset 8 has size 24, smaller than its 32-byte minimum"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t buf[MB2T_BUF] = {0};
		mb2_builder_t b;
		mb2_build_begin(&b, buf, sizeof(buf));
		uint8_t payload[32] = {0};
		payload[0] = 1; /* nonzero fields so only the size is wrong */
		mb2_build_raw_tag(&b, cases[i].type, payload, cases[i].size - 8);
		size_t len = mb2_build_end(&b);
		mb2t_reject(buf, len, cases[i].reason);
	}
}

/* MB2-013: unknown types, basic memory information (4) among them, are skipped. */
static void test_MB2_013_unknown_tags_skipped(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	uint32_t meminfo[2] = {639, 130048};
	mb2_build_raw_tag(&b, 4, meminfo, sizeof(meminfo));
	mb2_build_raw_tag(&b, 21, "\x00\x00\x10\x00", 4); /* load base address */
	mb2_build_raw_tag(&b, 0xFFFFFFFFu, "", 0);          /* empty, type never assigned */
	mb2_build_string_tag(&b, MB2_TAG_CMDLINE, "boot=text");
	size_t len = mb2_build_end(&b);
	bootinfo_t out;
	uint8_t *keep = mb2t_accept(buf, len, &out);
	assert_string_equal(out.cmdline, "boot=text");
	assert_int_equal(out.region_count, 0);
	free(keep);
}

/* MB2-014 */
static void test_MB2_014_end_tag_wrong_size(void **state)
{
	(void)state;
	uint8_t buf[32] = {0};
	mb2t_put_u32(buf, 0, 32);
	mb2t_put_u32(buf, 12, 16); /* end tag claiming 16 bytes */
	mb2t_reject(buf, sizeof(buf), "end tag at offset 8 has size 16, expected 8");
	mb2t_put_u32(buf, 12, 12);
	mb2t_reject(buf, sizeof(buf), "end tag at offset 8 has size 12, expected 8");
}

/* MB2-015 */
static void test_MB2_015_bytes_after_end_tag(void **state)
{
	(void)state;
	uint8_t buf[40] = {0};
	mb2t_put_u32(buf, 0, 40);
	mb2t_put_u32(buf, 12, 8); /* end tag at 8, then 24 more bytes */
	mb2t_put_u32(buf, 20, 8); /* even a second end tag does not make it valid */
	mb2t_reject(buf, sizeof(buf), "end tag at offset 8 is followed by 24 bytes inside total_size");
}

/* MB2-016 */
static void test_MB2_016_missing_end_tag(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_string_tag(&b, MB2_TAG_CMDLINE, "boot=text");
	size_t len = mb2_build_end(&b);
	/* Turn the end tag into an unknown tag of the same size. */
	mb2t_put_u32(buf, len - 8, 99);
	mb2t_reject(buf, len, "no end tag before total_size 40");
}

/* MB2-017: a second command line, loader name, memory map or framebuffer is refused. */
static void test_MB2_017_duplicate_singletons(void **state)
{
	(void)state;
	static const char *const reasons[] = {
		"second command-line tag at offset 24",
		"second boot-loader-name tag at offset 24",
		"second memory-map tag at offset 48",
		"second framebuffer tag at offset 40",
	};
	for (int which = 0; which < 4; which++) {
		uint8_t buf[MB2T_BUF];
		mb2_builder_t b;
		mb2_build_begin(&b, buf, sizeof(buf));
		const mb2_build_region_t r[] = {{0, 0x1000, 1}};
		for (int copy = 0; copy < 2; copy++) {
			switch (which) {
			case 0:
				mb2_build_string_tag(&b, MB2_TAG_CMDLINE, "one");
				break;
			case 1:
				mb2_build_string_tag(&b, MB2_TAG_LOADER_NAME, "two");
				break;
			case 2:
				mb2_build_mmap(&b, r, 1);
				break;
			default:
				mb2_build_framebuffer(&b, 0xb8000, 160, 80, 25, 16, 2);
				break;
			}
		}
		size_t len = mb2_build_end(&b);
		mb2t_reject(buf, len, reasons[which]);
	}
}

/* MB2-017: several modules are not duplicates. */
static void test_MB2_017_modules_may_repeat(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_module(&b, 0x200000, 0x300000, "a");
	mb2_build_module(&b, 0x300000, 0x301000, "a");
	size_t len = mb2_build_end(&b);
	bootinfo_t out;
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.module_count, 2);
}

/* MB2-018: strings need a NUL inside the tag; the first NUL ends them. */
static void test_MB2_018_strings_need_terminator(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_raw_tag(&b, MB2_TAG_CMDLINE, "boot=text", 9);
	size_t len = mb2_build_end(&b);
	mb2t_reject(buf, len, "command-line tag at offset 8 has no NUL terminator inside its 17 bytes");

	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_raw_tag(&b, MB2_TAG_LOADER_NAME, "", 0);
	len = mb2_build_end(&b);
	mb2t_reject(buf, len, "boot-loader-name tag at offset 8 has no NUL terminator inside its 8 bytes");

	/* A NUL just past the tag's size (in the padding) does not count. */
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_raw_tag(&b, MB2_TAG_LOADER_NAME, "GRUB", 4);
	len = mb2_build_end(&b);
	assert_int_equal(buf[20], 0);
	mb2t_reject(buf, len, "boot-loader-name tag at offset 8 has no NUL terminator inside its 12 bytes");

	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_raw_tag(&b, MB2_TAG_CMDLINE, "quiet\0junk", 11);
	len = mb2_build_end(&b);
	bootinfo_t out;
	uint8_t *keep = mb2t_accept(buf, len, &out);
	assert_string_equal(out.cmdline, "quiet");
	free(keep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MB2_009_tags_at_8_byte_boundaries),
		cmocka_unit_test(test_MB2_010_tag_smaller_than_header),
		cmocka_unit_test(test_MB2_011_tag_runs_past_total),
		cmocka_unit_test(test_MB2_012_known_tag_below_minimum),
		cmocka_unit_test(test_MB2_013_unknown_tags_skipped),
		cmocka_unit_test(test_MB2_014_end_tag_wrong_size),
		cmocka_unit_test(test_MB2_015_bytes_after_end_tag),
		cmocka_unit_test(test_MB2_016_missing_end_tag),
		cmocka_unit_test(test_MB2_017_duplicate_singletons),
		cmocka_unit_test(test_MB2_017_modules_may_repeat),
		cmocka_unit_test(test_MB2_018_strings_need_terminator),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
