/*
 * Multiboot2 parser: modules, memory map and framebuffer payloads
 * (spec/multiboot2.md MB2-019..MB2-027).
 */
#include "mb2_test.h"

#define MMAP_MAX_PAYLOAD (8u + 40u * (BOOTINFO_MAX_REGIONS + 1u))

/* A raw memory-map tag: entry_size, version, then n entries of entry_size bytes. */
static size_t build_raw_mmap(uint8_t *buf, uint32_t entry_size, uint32_t version, uint32_t n, size_t extra)
{
	static uint8_t payload[MMAP_MAX_PAYLOAD];
	memset(payload, 0, sizeof(payload));
	mb2t_put_u32(payload, 0, entry_size);
	mb2t_put_u32(payload, 4, version);
	for (uint32_t i = 0; i < n; i++) {
		size_t at = 8 + (size_t)i * entry_size;
		mb2t_put_u64(payload, at, (uint64_t)i << 20);
		mb2t_put_u64(payload, at + 8, 0x1000);
		mb2t_put_u32(payload, at + 16, 1 + i % 5);
		memset(payload + at + 24, 0xEE, entry_size - 24); /* future fields: ignored */
	}
	size_t len = 8 + (size_t)n * entry_size + extra;
	assert_true(len <= sizeof(payload));
	mb2_builder_t b;
	mb2_build_begin(&b, buf, MB2T_BUF);
	mb2_build_raw_tag(&b, MB2_TAG_MMAP, payload, len);
	return mb2_build_end(&b);
}

/* MB2-019: a module's range and name come through; the name may be empty. */
static void test_MB2_019_module_fields(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_module(&b, 0x1000000, 0x4b00000, "/boot/rootfs.img");
	mb2_build_module(&b, 0x4b00000, 0x6b00000, "");
	size_t len = mb2_build_end(&b);
	bootinfo_t out;
	uint8_t *keep = mb2t_accept(buf, len, &out);
	assert_int_equal(out.module_count, 2);
	assert_int_equal(out.modules[0].start, 0x1000000);
	assert_int_equal(out.modules[0].end, 0x4b00000);
	assert_string_equal(out.modules[0].name, "/boot/rootfs.img");
	assert_string_equal(out.modules[1].name, "");
	free(keep);
}

/* MB2-019 */
static void test_MB2_019_module_name_unterminated(void **state)
{
	(void)state;
	uint8_t payload[12];
	mb2t_put_u32(payload, 0, 0x100000);
	mb2t_put_u32(payload, 4, 0x200000);
	memcpy(payload + 8, "root", 4);
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_raw_tag(&b, MB2_TAG_MODULE, payload, sizeof(payload));
	size_t len = mb2_build_end(&b);
	mb2t_reject(buf, len, "module tag at offset 8 has no NUL terminator inside its 20 bytes");
}

/* MB2-020: empty and inverted modules. */
static void test_MB2_020_module_start_not_below_end(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_module(&b, 0x200000, 0x200000, "empty");
	size_t len = mb2_build_end(&b);
	mb2t_reject(buf, len, "module tag at offset 8 has start 0x200000 not below end 0x200000");
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_module(&b, 0x300000, 0x200000, "inverted");
	len = mb2_build_end(&b);
	mb2t_reject(buf, len, "module tag at offset 8 has start 0x300000 not below end 0x200000");
}

/* MB2-021: 16 modules fit, the 17th is an error. */
static void test_MB2_021_too_many_modules(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	for (uint32_t i = 0; i < BOOTINFO_MAX_MODULES; i++)
		mb2_build_module(&b, 0x100000 * (i + 1), 0x100000 * (i + 1) + 0x1000, "m");
	size_t len = mb2_build_end(&b);
	bootinfo_t out;
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.module_count, BOOTINFO_MAX_MODULES);

	mb2_build_begin(&b, buf, sizeof(buf));
	for (uint32_t i = 0; i <= BOOTINFO_MAX_MODULES; i++)
		mb2_build_module(&b, 0x100000 * (i + 1), 0x100000 * (i + 1) + 0x1000, "m");
	len = mb2_build_end(&b);
	/* Each module tag is 18 bytes, padded to 24: the 17th starts at 8 + 16 * 24. */
	mb2t_reject(buf, len, "module tag at offset 392 is module 17, more than the 16 supported");
}

/* MB2-022: regions in order; a larger entry_size and any version are accepted. */
static void test_MB2_022_mmap_entries(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	bootinfo_t out;
	size_t len = build_raw_mmap(buf, 32, 7, 3, 0);
	uint8_t *keep = mb2t_accept(buf, len, &out);
	assert_int_equal(out.region_count, 3);
	for (uint32_t i = 0; i < 3; i++) {
		assert_int_equal(out.regions[i].base, (uint64_t)i << 20);
		assert_int_equal(out.regions[i].length, 0x1000);
		assert_int_equal(out.regions[i].type, 1 + i % 5);
	}
	free(keep);
	/* Zero entries is a valid (if useless) map. */
	len = build_raw_mmap(buf, 24, 0, 0, 0);
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.region_count, 0);
}

/* MB2-022: entry sizes that are too small or not a multiple of 8. */
static void test_MB2_022_bad_entry_size(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	size_t len = build_raw_mmap(buf, 16, 0, 0, 16);
	mb2t_reject(buf, len, "memory map at offset 8 has entry_size 16, not a multiple of 8 of at least 24");
	len = build_raw_mmap(buf, 28, 0, 0, 28);
	mb2t_reject(buf, len, "memory map at offset 8 has entry_size 28, not a multiple of 8 of at least 24");
	len = build_raw_mmap(buf, 0, 0, 0, 0);
	mb2t_reject(buf, len, "memory map at offset 8 has entry_size 0, not a multiple of 8 of at least 24");
}

/* MB2-023 */
static void test_MB2_023_partial_entry(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	size_t len = build_raw_mmap(buf, 24, 0, 2, 8);
	mb2t_reject(buf, len, "memory map at offset 8 has 56 bytes of entries, not a multiple of entry_size 24");
}

/* MB2-024: 128 regions fit, 129 are an error. */
static void test_MB2_024_too_many_regions(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	bootinfo_t out;
	size_t len = build_raw_mmap(buf, 24, 0, BOOTINFO_MAX_REGIONS, 0);
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.region_count, BOOTINFO_MAX_REGIONS);
	assert_int_equal(out.regions[BOOTINFO_MAX_REGIONS - 1].base, (uint64_t)(BOOTINFO_MAX_REGIONS - 1) << 20);
	len = build_raw_mmap(buf, 24, 0, BOOTINFO_MAX_REGIONS + 1, 0);
	mb2t_reject(buf, len, "memory map at offset 8 has 129 entries, more than the 128 supported");
}

/* MB2-025: a wrapping entry is refused; zero length, the very top and unknown types are kept. */
static void test_MB2_025_region_wraps(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	const mb2_build_region_t ok[] = {
		{0x1000, 0, 1},
		{UINT64_MAX - 0xfff, 0xfff, 2}, /* base + length == UINT64_MAX: still representable */
		{0x100000, 0x1000, 0x99},
	};
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_mmap(&b, ok, 3);
	size_t len = mb2_build_end(&b);
	bootinfo_t out;
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.region_count, 3);
	assert_int_equal(out.regions[0].length, 0);
	assert_int_equal(out.regions[2].type, 0x99);

	const mb2_build_region_t bad[] = {{0, 0x1000, 1}, {UINT64_MAX - 0xfff, 0x1000, 1}}; /* ends at 2^64 */
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_mmap(&b, bad, 2);
	len = mb2_build_end(&b);
	mb2t_reject(buf, len, "memory map entry 1 at offset 48 wraps past the end of the address space");
}

/* MB2-026: the common part is read and colour information after it is skipped. */
static void test_MB2_026_framebuffer_fields(void **state)
{
	(void)state;
	uint8_t payload[32] = {0};
	mb2t_put_u64(payload, 0, 0xfd000000);
	mb2t_put_u32(payload, 8, 5120);
	mb2t_put_u32(payload, 12, 1280);
	mb2t_put_u32(payload, 16, 800);
	payload[20] = 32;
	payload[21] = 1;
	const uint8_t rgb[6] = {16, 8, 8, 8, 0, 8}; /* red pos/size, green, blue */
	memcpy(payload + 24, rgb, sizeof(rgb));
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_raw_tag(&b, MB2_TAG_FRAMEBUFFER, payload, 30);
	size_t len = mb2_build_end(&b);
	bootinfo_t out;
	free(mb2t_accept(buf, len, &out));
	assert_true(out.framebuffer.present);
	assert_int_equal(out.framebuffer.addr, 0xfd000000);
	assert_int_equal(out.framebuffer.pitch, 5120);
	assert_int_equal(out.framebuffer.width, 1280);
	assert_int_equal(out.framebuffer.height, 800);
	assert_int_equal(out.framebuffer.bpp, 32);
	assert_int_equal(out.framebuffer.type, 1);
}

/* MB2-027: each unusable framebuffer field has its own reason. */
static void test_MB2_027_framebuffer_rejected(void **state)
{
	(void)state;
	static const struct {
		uint64_t addr;
		uint32_t pitch, width, height;
		uint8_t bpp, type;
		const char *reason;
	} cases[] = {
		{0xfd000000, 4096, 1024, 768, 32, 3,
		 "framebuffer at offset 8 has type 3, not 0 (indexed), 1 (RGB) or 2 (EGA text)"},
		{0xfd000000, 4096, 1024, 768, 0, 1, "framebuffer at offset 8 has bpp 0, not 1 to 32"},
		{0xfd000000, 4096, 1024, 768, 33, 1, "framebuffer at offset 8 has bpp 33, not 1 to 32"},
		{0xfd000000, 4096, 0, 768, 32, 1, "framebuffer at offset 8 has an empty size 0x768"},
		{0xfd000000, 4096, 1024, 0, 32, 1, "framebuffer at offset 8 has an empty size 1024x0"},
		{0xfd000000, 4095, 1024, 768, 32, 1,
		 "framebuffer at offset 8 has pitch 4095, smaller than 1024 pixels of 4 bytes"},
		{0xfd000000, 100, 0xFFFFFFFFu, 1, 32, 1,
		 "framebuffer at offset 8 has pitch 100, smaller than 4294967295 pixels of 4 bytes"},
		{0xFFFFFFFFFFFFF000ull, 4096, 1024, 2, 32, 1,
		 "framebuffer at offset 8 of 8192 bytes at 0xfffffffffffff000 wraps past the end of the address space"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t buf[MB2T_BUF];
		mb2_builder_t b;
		mb2_build_begin(&b, buf, sizeof(buf));
		mb2_build_framebuffer(&b, cases[i].addr, cases[i].pitch, cases[i].width, cases[i].height, cases[i].bpp,
		                      cases[i].type);
		size_t len = mb2_build_end(&b);
		mb2t_reject(buf, len, cases[i].reason);
	}
}

/* MB2-027: the EGA text screen and a 15-bpp mode round up to whole bytes per pixel. */
static void test_MB2_027_framebuffer_edge_modes(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_framebuffer(&b, 0xb8000, 160, 80, 25, 16, 2);
	size_t len = mb2_build_end(&b);
	bootinfo_t out;
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.framebuffer.type, 2);
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_framebuffer(&b, 0xfd000000, 1280, 640, 480, 15, 1);
	len = mb2_build_end(&b);
	free(mb2t_accept(buf, len, &out));
	assert_int_equal(out.framebuffer.bpp, 15);
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_framebuffer(&b, 0xfd000000, 1279, 640, 480, 15, 1);
	len = mb2_build_end(&b);
	mb2t_reject(buf, len, "framebuffer at offset 8 has pitch 1279, smaller than 640 pixels of 2 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MB2_019_module_fields),
		cmocka_unit_test(test_MB2_019_module_name_unterminated),
		cmocka_unit_test(test_MB2_020_module_start_not_below_end),
		cmocka_unit_test(test_MB2_021_too_many_modules),
		cmocka_unit_test(test_MB2_022_mmap_entries),
		cmocka_unit_test(test_MB2_022_bad_entry_size),
		cmocka_unit_test(test_MB2_023_partial_entry),
		cmocka_unit_test(test_MB2_024_too_many_regions),
		cmocka_unit_test(test_MB2_025_region_wraps),
		cmocka_unit_test(test_MB2_026_framebuffer_fields),
		cmocka_unit_test(test_MB2_027_framebuffer_rejected),
		cmocka_unit_test(test_MB2_027_framebuffer_edge_modes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
