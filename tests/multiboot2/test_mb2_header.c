/*
 * Multiboot2 parser: the result contract and the fixed header
 * (spec/multiboot2.md MB2-001..MB2-008).
 */
#include "mb2_test.h"

#define MIN_TOTAL 16u

static size_t minimal(uint8_t *buf)
{
	memset(buf, 0, MIN_TOTAL);
	mb2t_put_u32(buf, 0, MIN_TOTAL);
	mb2t_put_u32(buf, 12, 8); /* end tag: type 0, size 8 */
	return MIN_TOTAL;
}

/* MB2-001: the smallest valid structure parses into an empty bootinfo. */
static void test_MB2_001_minimal_structure(void **state)
{
	(void)state;
	uint8_t buf[MIN_TOTAL];
	bootinfo_t out;
	memset(&out, 0xA5, sizeof(out));
	uint8_t *keep = mb2t_accept(buf, minimal(buf), &out);
	assert_null(out.cmdline);
	assert_null(out.loader_name);
	assert_int_equal(out.region_count, 0);
	assert_int_equal(out.module_count, 0);
	assert_false(out.framebuffer.present);
	assert_int_equal(out.info_phys, 0);
	assert_int_equal(out.info_size, MIN_TOTAL);
	free(keep);
}

/* MB2-002: no reason buffer, a zero-length one, and a tiny one that must stay terminated. */
static void test_MB2_002_reason_buffer_limits(void **state)
{
	(void)state;
	uint8_t buf[MIN_TOTAL];
	minimal(buf);
	mb2t_put_u32(buf, 0, 12); /* total_size below the minimum */
	bootinfo_t out;
	assert_int_equal(mb2_parse(buf, sizeof(buf), &out, NULL, 0), -EINVAL);
	char err[8];
	memset(err, 'x', sizeof(err));
	assert_int_equal(mb2_parse(buf, sizeof(buf), &out, err, 0), -EINVAL);
	assert_int_equal(err[0], 'x'); /* errlen 0: nothing written */
	assert_int_equal(mb2_parse(buf, sizeof(buf), &out, err, sizeof(err)), -EINVAL);
	assert_int_equal(strlen(err), sizeof(err) - 1);
	assert_memory_equal(err, "total_s", sizeof(err) - 1);
}

/* MB2-002: NULL info and NULL out are rejected with a reason, not dereferenced. */
static void test_MB2_002_null_pointers(void **state)
{
	(void)state;
	bootinfo_t out;
	memset(&out, 0xA5, sizeof(out));
	char err[MB2T_ERR];
	assert_int_equal(mb2_parse(NULL, MB2_INFO_MAX, &out, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "no information structure (NULL pointer)");
	assert_true(mb2t_all_zero(&out, sizeof(out)));
	uint8_t buf[MIN_TOTAL];
	minimal(buf);
	assert_int_equal(mb2_parse(buf, sizeof(buf), NULL, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "no output structure (NULL pointer)");
}

/* MB2-002: a failure after some tags were already parsed still leaves *out all zero. */
static void test_MB2_002_partial_parse_wiped(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_string_tag(&b, MB2_TAG_CMDLINE, "boot=text");
	mb2_build_module(&b, 0x100000, 0x200000, "rootfs");
	const mb2_build_region_t r[] = {{0, 0x9f000, 1}};
	mb2_build_mmap(&b, r, 1);
	mb2_build_string_tag(&b, MB2_TAG_CMDLINE, "again");
	size_t len = mb2_build_end(&b);
	assert_true(len > 0);
	mb2t_reject(buf, len, "second command-line tag at offset 96");
}

/* MB2-003: the same structure parses identically at every misalignment, from an exact-size copy. */
static void test_MB2_003_any_alignment(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_string_tag(&b, MB2_TAG_CMDLINE, "quiet");
	const mb2_build_region_t r[] = {{0, 0x9fc00, 1}, {0x100000, 0x7ee0000, 1}};
	mb2_build_mmap(&b, r, 2);
	mb2_build_framebuffer(&b, 0xfd000000, 4096, 1024, 768, 32, 1);
	size_t len = mb2_build_end(&b);
	for (size_t shift = 0; shift < 8; shift++) {
		uint8_t *p = malloc(len + shift);
		assert_non_null(p);
		memcpy(p + shift, buf, len);
		bootinfo_t out;
		char err[MB2T_ERR];
		assert_int_equal(mb2_parse(p + shift, len, &out, err, sizeof(err)), 0);
		assert_string_equal(out.cmdline, "quiet");
		assert_int_equal(out.region_count, 2);
		assert_int_equal(out.regions[1].base, 0x100000);
		assert_int_equal(out.regions[1].length, 0x7ee0000);
		assert_int_equal(out.framebuffer.addr, 0xfd000000);
		free(p);
	}
}

/* MB2-004 */
static void test_MB2_004_shorter_than_header(void **state)
{
	(void)state;
	uint8_t buf[MIN_TOTAL];
	minimal(buf);
	mb2t_reject(buf, 0, "only 0 bytes available, fewer than the 8-byte header");
	mb2t_reject(buf, 7, "only 7 bytes available, fewer than the 8-byte header");
}

/* MB2-005 */
static void test_MB2_005_total_below_minimum(void **state)
{
	(void)state;
	uint8_t buf[MIN_TOTAL];
	minimal(buf);
	mb2t_put_u32(buf, 0, 8);
	mb2t_reject(buf, sizeof(buf), "total_size 8 is smaller than the 16-byte minimum");
	mb2t_put_u32(buf, 0, 0);
	mb2t_reject(buf, sizeof(buf), "total_size 0 is smaller than the 16-byte minimum");
}

/* MB2-006: total_size larger than what may be read, including a huge value. */
static void test_MB2_006_total_exceeds_available(void **state)
{
	(void)state;
	uint8_t buf[MIN_TOTAL];
	minimal(buf);
	mb2t_put_u32(buf, 0, 24);
	mb2t_reject(buf, sizeof(buf), "total_size 24 exceeds the 16 available bytes");
	mb2t_put_u32(buf, 0, UINT32_MAX);
	mb2t_reject(buf, sizeof(buf), "total_size 4294967295 exceeds the 16 available bytes");
	minimal(buf);
	mb2t_reject(buf, 8, "total_size 16 exceeds the 8 available bytes");
}

/* MB2-007: more than MB2_INFO_MAX is refused even when that many bytes exist. */
static void test_MB2_007_total_exceeds_limit(void **state)
{
	(void)state;
	size_t len = MB2_INFO_MAX + 8;
	uint8_t *buf = calloc(1, len);
	assert_non_null(buf);
	mb2t_put_u32(buf, 0, (uint32_t)len);
	mb2t_put_u32(buf, len - 4, 8);
	mb2t_reject(buf, len, "total_size 65544 exceeds the 65536-byte limit");
	/* Exactly the limit is fine: one big unknown tag then the end tag. */
	memset(buf, 0, len);
	mb2t_put_u32(buf, 0, MB2_INFO_MAX);
	mb2t_put_u32(buf, 8, 0x1234);
	mb2t_put_u32(buf, 12, MB2_INFO_MAX - 16);
	mb2t_put_u32(buf, MB2_INFO_MAX - 4, 8);
	bootinfo_t out;
	free(mb2t_accept(buf, MB2_INFO_MAX, &out));
	free(buf);
}

/* MB2-008 */
static void test_MB2_008_total_not_multiple_of_8(void **state)
{
	(void)state;
	uint8_t buf[32] = {0};
	minimal(buf);
	mb2t_put_u32(buf, 0, 20);
	mb2t_reject(buf, sizeof(buf), "total_size 20 is not a multiple of 8");
	mb2t_put_u32(buf, 0, 17);
	mb2t_reject(buf, sizeof(buf), "total_size 17 is not a multiple of 8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MB2_001_minimal_structure),
		cmocka_unit_test(test_MB2_002_reason_buffer_limits),
		cmocka_unit_test(test_MB2_002_null_pointers),
		cmocka_unit_test(test_MB2_002_partial_parse_wiped),
		cmocka_unit_test(test_MB2_003_any_alignment),
		cmocka_unit_test(test_MB2_004_shorter_than_header),
		cmocka_unit_test(test_MB2_005_total_below_minimum),
		cmocka_unit_test(test_MB2_006_total_exceeds_available),
		cmocka_unit_test(test_MB2_007_total_exceeds_limit),
		cmocka_unit_test(test_MB2_008_total_not_multiple_of_8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
