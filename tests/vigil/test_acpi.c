/*
 * The ACPI table walk for power-off and restart (spec/vigil.md VIG-130..132),
 * on crafted tables in a fake physical memory: good tables, the AML integer
 * forms of \_S5_, and every check failing with a clear [ACPI] line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../common/console_capture.h"

#include <aegis/errno.h>

#include "acpi/acpi.h"

#define PHYS_BYTES 0x110000u
#define RSDP_AT 0xE0010u
#define EBDA_AT 0x9FC00u
#define RSDT_AT 0x10000u
#define XSDT_AT 0x10800u
#define FADT_AT 0x11000u
#define DSDT_AT 0x12000u
#define HDR 36u
#define FADT_LEN 244u
#define PM1A 0x604u
#define PM1B 0x0u
#define RESET_PORT 0xCF9u
#define RESET_VALUE 0x06u

static uint8_t phys[PHYS_BYTES];

static const void *fake_map(uint64_t at, size_t len, void *ctx)
{
	(void)ctx;
	if (at >= PHYS_BYTES || len > PHYS_BYTES - at)
		return NULL;
	return phys + at;
}

static const acpi_mem_t mem = {fake_map, NULL};

static void put32(uint32_t at, uint32_t v)
{
	memcpy(phys + at, &v, sizeof(v));
}

static void put64(uint32_t at, uint64_t v)
{
	memcpy(phys + at, &v, sizeof(v));
}

static void fix_sum(uint32_t at, uint32_t len, uint32_t sum_at)
{
	phys[sum_at] = 0;
	uint8_t s = 0;
	for (uint32_t i = 0; i < len; i++)
		s = (uint8_t)(s + phys[at + i]);
	phys[sum_at] = (uint8_t)(0 - s);
}

static void table(uint32_t at, const char *sig, uint32_t len)
{
	memcpy(phys + at, sig, 4);
	put32(at + 4, len);
	fix_sum(at, len, at + 9);
}

static void dsdt(const uint8_t *aml, size_t len)
{
	memset(phys + DSDT_AT, 0, 0x1000);
	memcpy(phys + DSDT_AT + HDR, aml, len);
	table(DSDT_AT, "DSDT", HDR + (uint32_t)len);
}

static void rsdp(uint32_t at, uint8_t revision)
{
	memcpy(phys + at, "RSD PTR ", 8);
	phys[at + 15] = revision;
	put32(at + 16, RSDT_AT);
	fix_sum(at, 20, at + 8);
	if (revision >= 2) {
		put32(at + 20, 36);
		put64(at + 24, XSDT_AT);
		fix_sum(at, 36, at + 32);
	}
}

/* QEMU's own: Name(_S5_, Package(4){Zero, Zero, Zero, Zero}) after an unrelated byte. */
static const uint8_t s5_qemu[] = {0x10, 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00};

static void build_machine(void)
{
	memset(phys, 0, sizeof(phys));
	rsdp(RSDP_AT, 0);
	put32(RSDT_AT + HDR, FADT_AT);
	table(RSDT_AT, "RSDT", HDR + 4);
	put32(FADT_AT + 40, DSDT_AT);
	put32(FADT_AT + 64, PM1A);
	put32(FADT_AT + 68, PM1B);
	put32(FADT_AT + 112, 1u << 10);
	phys[FADT_AT + 116] = 1; /* I/O space */
	put64(FADT_AT + 120, RESET_PORT);
	phys[FADT_AT + 128] = RESET_VALUE;
	table(FADT_AT, "FACP", FADT_LEN);
	dsdt(s5_qemu, sizeof(s5_qemu));
	console_capture_reset();
}

/* VIG-130 VIG-132: the RSDP from the BIOS area, the EBDA or the loader; FADT, DSDT and the reset register */
static void test_vig130_vig132_good_tables(void **state)
{
	(void)state;
	build_machine();
	platform_power_t p;
	assert_int_equal(acpi_power_find(&mem, 0, &p), 0);
	assert_true(p.s5);
	assert_int_equal(p.pm1a_cnt, PM1A);
	assert_int_equal(p.pm1b_cnt, 0);
	assert_int_equal(p.slp_typ_a, 0);
	assert_true(p.reset);
	assert_int_equal(p.reset_space, PLATFORM_ACPI_SPACE_IO);
	assert_int_equal(p.reset_addr, RESET_PORT);
	assert_int_equal(p.reset_value, RESET_VALUE);
	assert_string_equal(serial_out, "");
	/* The same RSDP found in the EBDA, and handed over directly. */
	memset(phys + RSDP_AT, 0, 20);
	rsdp(EBDA_AT, 0);
	put32(0x40E, 0);
	phys[0x40E] = (uint8_t)(EBDA_AT >> 4);
	phys[0x40F] = (uint8_t)(EBDA_AT >> 12);
	assert_int_equal(acpi_power_find(&mem, 0, &p), 0);
	assert_true(p.s5);
	assert_int_equal(acpi_power_find(&mem, EBDA_AT, &p), 0);
	/* A boot loader's RSDP that fails its checks: a WARN, then the scan finds the real one. */
	console_capture_reset();
	assert_int_equal(acpi_power_find(&mem, RSDT_AT, &p), 0);
	assert_true(p.s5);
	assert_non_null(strstr(serial_out, "[ACPI] WARN: the boot loader's RSDP at 0x10000 is not valid; scanning"));
	acpi_rsdp_hint_set(EBDA_AT);
	assert_int_equal(acpi_rsdp_hint(), EBDA_AT);
}

/* VIG-130: a revision-2 RSDP leads to the XSDT; a bad extended checksum to the RSDT */
static void test_vig130_xsdt(void **state)
{
	(void)state;
	build_machine();
	put64(XSDT_AT + HDR, FADT_AT);
	table(XSDT_AT, "XSDT", HDR + 8);
	memset(phys + RSDT_AT, 0, HDR + 4); /* only the XSDT can lead to the FADT */
	rsdp(RSDP_AT, 2);
	platform_power_t p;
	assert_int_equal(acpi_power_find(&mem, 0, &p), 0);
	assert_true(p.s5);
	/* A bad extended checksum falls back to the (now missing) RSDT. */
	phys[RSDP_AT + 32] ^= 1;
	console_capture_reset();
	assert_int_equal(acpi_power_find(&mem, 0, &p), -EINVAL);
	assert_non_null(strstr(serial_out, "[ACPI] WARN: RSDP v2"));
	assert_non_null(strstr(serial_out, "[ACPI] FAIL: table at 0x10000 is not RSDT"));
}

/* VIG-131: byte, word, dword, Ones, Zero and One elements; references skipped */
static void test_vig131_s5_integer_forms(void **state)
{
	(void)state;
	uint16_t a = 9, b = 9;
	const uint8_t bytes[] = {0x08, '\\', '_', 'S', '5', '_', 0x12, 0x08, 0x02, 0x0A, 0x05, 0x0A, 0x0F};
	assert_int_equal(acpi_s5_decode(bytes, sizeof(bytes), &a, &b), 0);
	assert_int_equal(a, 5);
	assert_int_equal(b, 7); /* 0x0F kept to 3 bits */
	const uint8_t words[] = {0x08, '_', 'S', '5', '_', 0x12, 0x40, 0x00, 0x03, 0x0B, 0x03, 0x00, 0x01, 0x00};
	assert_int_equal(acpi_s5_decode(words, sizeof(words), &a, &b), 0);
	assert_int_equal(a, 3);
	assert_int_equal(b, 1);
	const uint8_t dword_ones[] = {0x08, '_', 'S', '5', '_', 0x12, 0x0A, 0x02, 0x0C, 0x06, 0, 0, 0, 0xFF};
	assert_int_equal(acpi_s5_decode(dword_ones, sizeof(dword_ones), &a, &b), 0);
	assert_int_equal(a, 6);
	assert_int_equal(b, 7);
	/* A reference that is not a definition is skipped; the definition after it is used. */
	const uint8_t ref[] = {0x70, '_', 'S', '5', '_', 0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x01, 0x00};
	assert_int_equal(acpi_s5_decode(ref, sizeof(ref), &a, &b), 0);
	assert_int_equal(a, 1);
	assert_int_equal(b, 0);
}

/* VIG-131: no _S5_, not a package, too few elements, other kinds, cut short */
static void test_vig131_s5_malformed(void **state)
{
	(void)state;
	uint16_t a, b;
	const uint8_t none[] = {0x08, '_', 'S', '4', '_', 0x12, 0x04, 0x02, 0x01, 0x00};
	assert_int_equal(acpi_s5_decode(none, sizeof(none), &a, &b), -ENOENT);
	const uint8_t not_pkg[] = {0x08, '_', 'S', '5', '_', 0x0A, 0x05};
	assert_int_equal(acpi_s5_decode(not_pkg, sizeof(not_pkg), &a, &b), -EINVAL);
	const uint8_t one_elem[] = {0x08, '_', 'S', '5', '_', 0x12, 0x03, 0x01, 0x00};
	assert_int_equal(acpi_s5_decode(one_elem, sizeof(one_elem), &a, &b), -EINVAL);
	const uint8_t string_elem[] = {0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x0D, 'a', 0x00};
	assert_int_equal(acpi_s5_decode(string_elem, sizeof(string_elem), &a, &b), -EINVAL);
	const uint8_t cut[] = {0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x0C, 0x01};
	assert_int_equal(acpi_s5_decode(cut, sizeof(cut), &a, &b), -EINVAL);
	const uint8_t long_pkglen[] = {0x08, '_', 'S', '5', '_', 0x12, 0xC0};
	assert_int_equal(acpi_s5_decode(long_pkglen, sizeof(long_pkglen), &a, &b), -EINVAL);
	assert_int_equal(acpi_s5_decode(NULL, 0, &a, &b), -ENOENT);
}

static void expect_fail(const char *reason)
{
	platform_power_t p;
	console_capture_reset();
	int rc = acpi_power_find(&mem, 0, &p);
	assert_true(rc == -EINVAL || rc == -ENOENT);
	assert_false(p.s5);
	if (strstr(serial_out, reason) == NULL)
		print_message("want '%s', got: %s\n", reason, serial_out);
	assert_non_null(strstr(serial_out, reason));
}

/* VIG-132: every failed check is one clear [ACPI] line and no S5 */
static void test_vig132_bad_tables(void **state)
{
	(void)state;
	memset(phys, 0, sizeof(phys));
	expect_fail("[ACPI] WARN: no RSDP found");

	build_machine();
	phys[RSDP_AT + 9] ^= 1; /* RSDP checksum */
	expect_fail("[ACPI] WARN: no RSDP found");

	build_machine();
	phys[RSDT_AT + 20] ^= 1; /* a header byte: RSDT checksum */
	expect_fail("[ACPI] FAIL: RSDT checksum mismatch");

	build_machine();
	put32(RSDT_AT + 4, 0xFFFFFFFFu);
	expect_fail("[ACPI] FAIL: RSDT length 4294967295 out of bounds");

	build_machine();
	put32(RSDT_AT + 4, 8);
	expect_fail("[ACPI] FAIL: RSDT length 8 out of bounds");

	build_machine();
	put32(RSDT_AT + HDR, PHYS_BYTES - 8); /* FADT pointer at the edge of memory */
	table(RSDT_AT, "RSDT", HDR + 4);
	expect_fail("[ACPI] FAIL: no FADT in the root table");

	build_machine();
	table(FADT_AT, "FACP", 100);
	expect_fail("[ACPI] FAIL: FADT is 100 bytes, shorter than 116");

	build_machine();
	put32(FADT_AT + 40, PHYS_BYTES - 16);
	table(FADT_AT, "FACP", FADT_LEN);
	expect_fail("[ACPI] FAIL: DSDT at 0x10fff0 is not readable");

	build_machine();
	memcpy(phys + DSDT_AT, "SSDT", 4);
	expect_fail("[ACPI] FAIL: table at 0x12000 is not DSDT");

	build_machine();
	put32(DSDT_AT + 4, 0xFFFFFu);
	expect_fail("[ACPI] FAIL: DSDT (1048575 bytes) runs past readable memory");

	build_machine();
	dsdt((const uint8_t *)"\x10\x20junk", 6);
	expect_fail("[ACPI] FAIL: DSDT has no \\_S5_ package");

	build_machine();
	dsdt((const uint8_t *)"\x08_S5_\x12\x02\x01\x00", 9);
	expect_fail("[ACPI] FAIL: DSDT has a malformed \\_S5_ package");

	build_machine();
	put32(FADT_AT + 64, 0);
	table(FADT_AT, "FACP", FADT_LEN);
	expect_fail("[ACPI] FAIL: FADT has no PM1a control block");
}

/* VIG-132: the reset register is kept only when supported and usable */
static void test_vig132_reset_register(void **state)
{
	(void)state;
	build_machine();
	phys[FADT_AT + 116] = 3; /* PCI configuration space: not usable here */
	table(FADT_AT, "FACP", FADT_LEN);
	platform_power_t p;
	assert_int_equal(acpi_power_find(&mem, 0, &p), 0);
	assert_false(p.reset);
	assert_true(p.s5);
	assert_non_null(strstr(serial_out, "[ACPI] WARN: reset register in address space 3"));
	build_machine();
	put32(FADT_AT + 112, 0); /* RESET_REG_SUP clear */
	table(FADT_AT, "FACP", FADT_LEN);
	assert_int_equal(acpi_power_find(&mem, 0, &p), 0);
	assert_false(p.reset);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vig130_vig132_good_tables), cmocka_unit_test(test_vig130_xsdt),
		cmocka_unit_test(test_vig131_s5_integer_forms),   cmocka_unit_test(test_vig131_s5_malformed),
		cmocka_unit_test(test_vig132_bad_tables),         cmocka_unit_test(test_vig132_reset_register),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
