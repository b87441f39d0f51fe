/*
 * Multiboot2 parser: the ACPI tags, types 14 and 15 (spec/multiboot2.md
 * MB2-029, MB2-030): where the RSDP copy lies, which one wins, and the
 * rejections of short and repeated tags.
 */
#include "mb2_test.h"

#define TAG_ACPI_OLD 14u
#define TAG_ACPI_NEW 15u
#define RSDP_V1 20u
#define RSDP_V2 36u
#define TAG_HEADER 8u
#define ALIGNED_V1_TAG 32u /* 8 + 20, rounded up to 8 */

static size_t build(uint8_t *buf, const uint32_t *types, const size_t *lens, size_t n)
{
	static const uint8_t rsdp[RSDP_V2] = "RSD PTR ";
	mb2_builder_t b;
	mb2_build_begin(&b, buf, MB2T_BUF);
	for (size_t i = 0; i < n; i++)
		mb2_build_raw_tag(&b, types[i], rsdp, lens[i]);
	return mb2_build_end(&b);
}

/* MB2-029: no tag: offset 0; an old tag: its payload; old then new: the new one's. */
static void test_MB2_029_rsdp_offset(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	bootinfo_t out;
	size_t len = build(buf, NULL, NULL, 0);
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.acpi_rsdp_offset, 0);

	const uint32_t old_only[] = { TAG_ACPI_OLD };
	const size_t v1[] = { RSDP_V1 };
	len = build(buf, old_only, v1, 1);
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.acpi_rsdp_offset, MB2T_FIRST_TAG + TAG_HEADER);

	const uint32_t both[] = { TAG_ACPI_OLD, TAG_ACPI_NEW };
	const size_t lens[] = { RSDP_V1, RSDP_V2 };
	len = build(buf, both, lens, 2);
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.acpi_rsdp_offset, MB2T_FIRST_TAG + ALIGNED_V1_TAG + TAG_HEADER);

	const uint32_t new_first[] = { TAG_ACPI_NEW, TAG_ACPI_OLD };
	const size_t lens2[] = { RSDP_V2, RSDP_V1 };
	len = build(buf, new_first, lens2, 2);
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.acpi_rsdp_offset, MB2T_FIRST_TAG + TAG_HEADER);
}

/* MB2-030: short tags and second tags are rejected with the usual reasons. */
static void test_MB2_030_acpi_rejected(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	const uint32_t old_only[] = { TAG_ACPI_OLD };
	const size_t short_v1[] = { RSDP_V1 - 1 };
	size_t len = build(buf, old_only, short_v1, 1);
	mb2t_reject(buf, len, "acpi-old tag at offset 8 has size 27, smaller than its 28-byte minimum");

	const uint32_t new_only[] = { TAG_ACPI_NEW };
	const size_t short_v2[] = { RSDP_V1 };
	len = build(buf, new_only, short_v2, 1);
	mb2t_reject(buf, len, "acpi-new tag at offset 8 has size 28, smaller than its 44-byte minimum");

	const uint32_t two_old[] = { TAG_ACPI_OLD, TAG_ACPI_OLD };
	const size_t lens[] = { RSDP_V1, RSDP_V1 };
	len = build(buf, two_old, lens, 2);
	mb2t_reject(buf, len, "second acpi-old tag at offset 40");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MB2_029_rsdp_offset),
		cmocka_unit_test(test_MB2_030_acpi_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
