/*
 * Multiboot2 parser: whole, well-formed structures as GRUB and the simulator
 * build them (spec/multiboot2.md MB2-028, with MB2-001 and MB2-013).
 */
#include <stdio.h>

#include "mb2_test.h"

#define GRUB_MEM_BYTES (128ull << 20)

/* The tag sequence GRUB 2.06 hands a kernel booted with two module2 lines and a 32-bpp mode. */
static size_t build_grub_like(uint8_t *buf, size_t cap)
{
	mb2_builder_t b;
	mb2_build_begin(&b, buf, cap);
	const uint32_t load_base = 0x100000;
	mb2_build_raw_tag(&b, 21, &load_base, sizeof(load_base));
	mb2_build_string_tag(&b, MB2_TAG_CMDLINE, "boot=text quiet");
	mb2_build_string_tag(&b, MB2_TAG_LOADER_NAME, "GRUB 2.06-13+deb12u1");
	mb2_build_module(&b, 0x1c4000, 0x3bc4000, "/boot/rootfs.img");
	mb2_build_module(&b, 0x3bc4000, 0x5bc4000, "/boot/esp.img");
	const uint32_t meminfo[2] = {639, 130944};
	mb2_build_raw_tag(&b, 4, meminfo, sizeof(meminfo));
	const uint32_t bootdev[3] = {0xe0, 0xffffffff, 0xffffffff};
	mb2_build_raw_tag(&b, 5, bootdev, sizeof(bootdev));
	const mb2_build_region_t map[] = {
		{0x0, 0x9fc00, 1},          {0x9fc00, 0x400, 2},       {0xf0000, 0x10000, 2},
		{0x100000, 0x7ee0000, 1},   {0x7fe0000, 0x20000, 2},   {0xfffc0000, 0x40000, 2},
	};
	mb2_build_mmap(&b, map, sizeof(map) / sizeof(map[0]));
	/* Framebuffer with its RGB colour information after the common part. */
	uint8_t fb[30] = {0};
	const uint64_t fb_addr = 0xfd000000;
	const uint32_t fb_dims[3] = {5120, 1280, 800};
	memcpy(fb, &fb_addr, sizeof(fb_addr));
	memcpy(fb + 8, fb_dims, sizeof(fb_dims));
	fb[20] = 32;
	fb[21] = 1;
	const uint8_t rgb[6] = {16, 8, 8, 8, 0, 8};
	memcpy(fb + 24, rgb, sizeof(rgb));
	mb2_build_raw_tag(&b, MB2_TAG_FRAMEBUFFER, fb, sizeof(fb));
	const uint8_t rsdp[20] = {'R', 'S', 'D', ' ', 'P', 'T', 'R', ' ', 0x4a, 'B', 'O', 'C', 'H', 'S', ' ', 0,
	                          0x40, 0x5d, 0xfe, 0x07};
	mb2_build_raw_tag(&b, 14, rsdp, sizeof(rsdp));
	return mb2_build_end(&b);
}

/* MB2-028 (and MB2-013 for the tags it skips) */
static void test_MB2_028_grub_like_structure(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	size_t len = build_grub_like(buf, sizeof(buf));
	assert_true(len > 0);
	bootinfo_t out;
	uint8_t *keep = mb2t_accept(buf, len, &out);
	assert_string_equal(out.cmdline, "boot=text quiet");
	assert_string_equal(out.loader_name, "GRUB 2.06-13+deb12u1");
	assert_int_equal(out.module_count, 2);
	assert_int_equal(out.modules[0].start, 0x1c4000);
	assert_int_equal(out.modules[0].end, 0x3bc4000);
	assert_string_equal(out.modules[0].name, "/boot/rootfs.img");
	assert_string_equal(out.modules[1].name, "/boot/esp.img");
	assert_int_equal(out.region_count, 6);
	assert_int_equal(out.regions[3].base, 0x100000);
	assert_int_equal(out.regions[3].length, 0x7ee0000);
	assert_int_equal(out.regions[3].type, MEM_REGION_USABLE);
	assert_int_equal(out.regions[5].base, 0xfffc0000);
	assert_int_equal(out.regions[5].type, MEM_REGION_RESERVED);
	assert_true(out.framebuffer.present);
	assert_int_equal(out.framebuffer.width, 1280);
	assert_int_equal(out.framebuffer.height, 800);
	assert_int_equal(out.framebuffer.pitch, 5120);
	assert_int_equal(out.framebuffer.bpp, 32);
	assert_int_equal(out.framebuffer.type, 1);
	/* The strings point into the structure itself. */
	assert_true((const uint8_t *)out.cmdline > keep && (const uint8_t *)out.cmdline < keep + len);
	free(keep);
}

/* MB2-028: the kernel passes MB2_INFO_MAX as avail; trailing memory after total_size is never read. */
static void test_MB2_028_more_available_than_total(void **state)
{
	(void)state;
	uint8_t *buf = calloc(1, MB2_INFO_MAX);
	assert_non_null(buf);
	size_t len = build_grub_like(buf, MB2_INFO_MAX);
	memset(buf + len, 0xCC, MB2_INFO_MAX - len);
	bootinfo_t out;
	char err[MB2T_ERR];
	assert_int_equal(mb2_parse(buf, MB2_INFO_MAX, &out, err, sizeof(err)), 0);
	assert_int_equal(out.info_size, len);
	assert_int_equal(out.region_count, 6);
	free(buf);
}

/* MB2-028: the structure aegis-sim builds for its arena (sim/main.c, build_boot_info). */
static void test_MB2_028_sim_structure(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	mb2_builder_t b;
	mb2_build_begin(&b, buf, sizeof(buf));
	mb2_build_string_tag(&b, MB2_TAG_CMDLINE, "");
	mb2_build_string_tag(&b, MB2_TAG_LOADER_NAME, "aegis-sim");
	const mb2_build_region_t regions[] = {
		{0, 0x9f000, 1},
		{0x9f000, 0x61000, 2},
		{0x100000, GRUB_MEM_BYTES - 0x100000, 1},
	};
	mb2_build_mmap(&b, regions, 3);
	size_t len = mb2_build_end(&b);
	bootinfo_t out;
	uint8_t *keep = mb2t_accept(buf, len, &out);
	assert_string_equal(out.cmdline, "");
	assert_string_equal(out.loader_name, "aegis-sim");
	assert_int_equal(out.region_count, 3);
	assert_int_equal(out.regions[2].length, GRUB_MEM_BYTES - 0x100000);
	assert_false(out.framebuffer.present);
	free(keep);
}

/* MB2-028: a structure truncated anywhere is rejected, never half-used. */
static void test_MB2_028_every_truncation_rejected(void **state)
{
	(void)state;
	uint8_t buf[MB2T_BUF];
	size_t len = build_grub_like(buf, sizeof(buf));
	for (size_t cut = 0; cut < len; cut++) {
		bootinfo_t out;
		char err[MB2T_ERR];
		assert_int_equal(mb2t_parse(buf, cut, &out, err), -EINVAL);
		assert_true(strlen(err) > 0);
	}
}

/* Reads a whole file (at most MB2_INFO_MAX bytes) into data; returns its size, or (size_t)-1. */
static size_t read_file(const char *path, uint8_t *data)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return (size_t)-1;
	size_t len = fread(data, 1, MB2_INFO_MAX, f);
	fclose(f);
	return len;
}

/*
 * MB2-028: the fuzz seeds (written by fuzz/multiboot2/make-corpus.py with its own encoder) get
 * the verdict their names promise, and the GRUB-like seed is byte-identical to what
 * sim/mb2_build.c makes of the same tags, so the two encoders check each other.
 */
static void test_MB2_028_seed_corpus(void **state)
{
	(void)state;
	static const char *const good[] = {"grub-2.06-qemu", "grub-like", "sim-default", "minimal", "ega-text", "mmap-entry32-v1",
	                                   "modules-16", "indexed-fb"};
	static const char *const bad[] = {"bad-truncated", "bad-no-end-tag", "bad-dup-cmdline", "bad-entry-size",
	                                  "bad-module-empty"};
	const char *root = getenv("AEGIS_ROOT");
	char path[1024];
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]) + sizeof(bad) / sizeof(bad[0]); i++) {
		bool ok = i < sizeof(good) / sizeof(good[0]);
		const char *name = ok ? good[i] : bad[i - sizeof(good) / sizeof(good[0])];
		snprintf(path, sizeof(path), "%s/fuzz/multiboot2/corpus/%s.mb2", root ? root : ".", name);
		static uint8_t data[MB2_INFO_MAX];
		size_t len = read_file(path, data);
		if (len == (size_t)-1)
			fail_msg("cannot read %s", path);
		bootinfo_t out;
		char err[MB2T_ERR];
		int rc = mb2t_parse(data, len, &out, err);
		if ((rc == 0) != ok)
			fail_msg("%s: expected %s, got %d (%s)", name, ok ? "success" : "rejection", rc, rc ? err : "");
		if (strcmp(name, "grub-like") == 0) {
			uint8_t built[MB2T_BUF];
			size_t blen = build_grub_like(built, sizeof(built));
			assert_int_equal(blen, len);
			assert_memory_equal(built, data, len);
		}
	}
}

/*
 * MB2-028 (and MB2-013): a structure GRUB 2.06 really built, captured from QEMU memory (see
 * fuzz/multiboot2/make-corpus.py): APM, ELF sections, VBE, basic memory information and
 * ACPI tags are skipped; the values below are what GRUB was given.
 */
static void test_MB2_028_real_grub_capture(void **state)
{
	(void)state;
	const char *root = getenv("AEGIS_ROOT");
	char path[1024];
	snprintf(path, sizeof(path), "%s/fuzz/multiboot2/corpus/grub-2.06-qemu.mb2", root ? root : ".");
	static uint8_t data[MB2_INFO_MAX];
	size_t len = read_file(path, data);
	assert_int_equal(len, 2552);
	bootinfo_t out;
	uint8_t *keep = mb2t_accept(data, len, &out);
	assert_string_equal(out.cmdline, "boot=text quiet");
	assert_string_equal(out.loader_name, "GRUB 2.06-13+deb12u2");
	assert_int_equal(out.module_count, 2);
	assert_string_equal(out.modules[0].name, "rootfs");
	assert_int_equal(out.modules[0].end - out.modules[0].start, 300000); /* the module file's size */
	assert_string_equal(out.modules[1].name, "esp");
	assert_int_equal(out.modules[1].end - out.modules[1].start, 70000);
	assert_int_equal(out.region_count, 7);
	assert_int_equal(out.regions[3].base, 0x100000);
	assert_int_equal(out.regions[3].length, 0xfee0000);
	assert_int_equal(out.regions[3].type, MEM_REGION_USABLE);
	assert_int_equal(out.regions[6].base, 0xfd00000000ull);
	assert_true(out.framebuffer.present);
	assert_int_equal(out.framebuffer.addr, 0xfd000000);
	assert_int_equal(out.framebuffer.width, 800);
	assert_int_equal(out.framebuffer.height, 600);
	assert_int_equal(out.framebuffer.pitch, 2400);
	assert_int_equal(out.framebuffer.bpp, 24);
	assert_int_equal(out.framebuffer.type, 1);
	/* MB2-029: GRUB's ACPI tag; the kept offset points at the RSDP copy's signature. */
	assert_true(out.acpi_rsdp_offset > 0 && out.acpi_rsdp_offset < len);
	assert_memory_equal(data + out.acpi_rsdp_offset, "RSD PTR ", 8);
	free(keep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_MB2_028_grub_like_structure),
		cmocka_unit_test(test_MB2_028_more_available_than_total),
		cmocka_unit_test(test_MB2_028_sim_structure),
		cmocka_unit_test(test_MB2_028_every_truncation_rejected),
		cmocka_unit_test(test_MB2_028_seed_corpus),
		cmocka_unit_test(test_MB2_028_real_grub_capture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
