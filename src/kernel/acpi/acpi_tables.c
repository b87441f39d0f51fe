/*
 * ACPI table walk for power-off and restart: RSDP (given or scanned), RSDT
 * or XSDT, FADT, DSDT (spec/vigil.md VIG-130..132).  Every table is checked
 * before a byte of its body is believed; see acpi.h.
 */
#include <aegis/errno.h>

#include "acpi/acpi.h"
#include "core/kstring.h"
#include "core/log.h"

#define RSDP_SIG "RSD PTR "
#define RSDP_SIG_LEN 8u
#define RSDP_V1_LEN 20u
#define RSDP_V2_LEN 36u
#define RSDP_REVISION_AT 15u
#define RSDP_RSDT_AT 16u
#define RSDP_LENGTH_AT 20u
#define RSDP_XSDT_AT 24u

#define SDT_HEADER_LEN 36u
#define SDT_SIG_LEN 4u
#define SDT_LENGTH_AT 4u
#define SDT_MAX_LEN (1u << 20) /* 1 MiB: larger is treated as corrupt */
#define RSDT_ENTRY_LEN 4u
#define XSDT_ENTRY_LEN 8u

#define FADT_DSDT_AT 40u
#define FADT_PM1A_CNT_AT 64u
#define FADT_PM1B_CNT_AT 68u
#define FADT_V1_LEN 116u
#define FADT_FLAGS_AT 112u
#define FADT_RESET_REG_AT 116u
#define FADT_RESET_VALUE_AT 128u
#define FADT_RESET_LEN 129u
#define FADT_X_DSDT_AT 140u
#define FADT_X_DSDT_LEN 148u
#define FADT_FLAG_RESET_REG_SUP (1u << 10)
#define GAS_SPACE_AT 0u
#define GAS_ADDRESS_AT 4u

static uint32_t acpi_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t acpi_u64(const uint8_t *p)
{
	return (uint64_t)acpi_u32(p) | (uint64_t)acpi_u32(p + 4) << 32;
}

static uint8_t acpi_sum(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + p[i]);
	return sum;
}

/* A valid RSDP at phys, or NULL (quiet: the scan tries many places). */
static const uint8_t *acpi_rsdp_at(const acpi_mem_t *mem, uint64_t phys)
{
	const uint8_t *p = mem->map(phys, RSDP_V1_LEN, mem->ctx);
	if (p == NULL || kmemcmp(p, RSDP_SIG, RSDP_SIG_LEN) != 0 || acpi_sum(p, RSDP_V1_LEN) != 0)
		return NULL;
	return p;
}

static uint64_t acpi_rsdp_scan(const acpi_mem_t *mem, uint64_t start, uint64_t end)
{
	for (uint64_t at = start; at + RSDP_V1_LEN <= end; at += ACPI_RSDP_ALIGN)
		if (acpi_rsdp_at(mem, at) != NULL)
			return at;
	return 0;
}

static uint64_t acpi_rsdp_find(const acpi_mem_t *mem)
{
	const uint8_t *seg = mem->map(ACPI_EBDA_SEGMENT_PTR, 2, mem->ctx);
	if (seg != NULL) {
		uint64_t ebda = (uint64_t)((uint32_t)seg[0] | (uint32_t)seg[1] << 8) << 4;
		uint64_t found = ebda ? acpi_rsdp_scan(mem, ebda, ebda + ACPI_EBDA_SCAN_LEN) : 0;
		if (found)
			return found;
	}
	return acpi_rsdp_scan(mem, ACPI_BIOS_AREA_START, ACPI_BIOS_AREA_END);
}

/* The whole of a checked table with signature sig at phys, or NULL after a FAIL line. */
static const uint8_t *acpi_table(const acpi_mem_t *mem, uint64_t phys, const char *sig, uint32_t *len_out)
{
	const uint8_t *h = phys ? mem->map(phys, SDT_HEADER_LEN, mem->ctx) : NULL;
	if (h == NULL) {
		printk("[ACPI] FAIL: %s at 0x%llx is not readable\n", sig, (unsigned long long)phys);
		return NULL;
	}
	if (kmemcmp(h, sig, SDT_SIG_LEN) != 0) {
		printk("[ACPI] FAIL: table at 0x%llx is not %s\n", (unsigned long long)phys, sig);
		return NULL;
	}
	uint32_t len = acpi_u32(h + SDT_LENGTH_AT);
	if (len < SDT_HEADER_LEN || len > SDT_MAX_LEN) {
		printk("[ACPI] FAIL: %s length %u out of bounds\n", sig, len);
		return NULL;
	}
	const uint8_t *t = mem->map(phys, len, mem->ctx);
	if (t == NULL) {
		printk("[ACPI] FAIL: %s (%u bytes) runs past readable memory\n", sig, len);
		return NULL;
	}
	if (acpi_sum(t, len) != 0) {
		printk("[ACPI] FAIL: %s checksum mismatch\n", sig);
		return NULL;
	}
	*len_out = len;
	return t;
}

/* The root table's entries: the XSDT when the RSDP (v2, checked) names one, else the RSDT. */
static const uint8_t *acpi_root(const acpi_mem_t *mem, uint64_t rsdp, uint32_t *len, size_t *entry_len)
{
	const uint8_t *p = acpi_rsdp_at(mem, rsdp);
	if (p == NULL) {
		printk("[ACPI] FAIL: no valid RSDP at 0x%llx\n", (unsigned long long)rsdp);
		return NULL;
	}
	if (p[RSDP_REVISION_AT] >= 2) {
		const uint8_t *v2 = mem->map(rsdp, RSDP_V2_LEN, mem->ctx);
		uint32_t v2len = v2 ? acpi_u32(v2 + RSDP_LENGTH_AT) : 0;
		const uint8_t *whole = v2len >= RSDP_V2_LEN && v2len <= SDT_MAX_LEN ? mem->map(rsdp, v2len, mem->ctx) : NULL;
		if (whole == NULL || acpi_sum(whole, v2len) != 0)
			printk("[ACPI] WARN: RSDP v2 length or extended checksum bad; using the RSDT\n");
		else if (acpi_u64(whole + RSDP_XSDT_AT) != 0) {
			*entry_len = XSDT_ENTRY_LEN;
			return acpi_table(mem, acpi_u64(whole + RSDP_XSDT_AT), "XSDT", len);
		}
	}
	*entry_len = RSDT_ENTRY_LEN;
	return acpi_table(mem, acpi_u32(p + RSDP_RSDT_AT), "RSDT", len);
}

/* The FADT's physical address from the root's entries, 0 when absent. */
static uint64_t acpi_find_fadt(const acpi_mem_t *mem, const uint8_t *root, uint32_t len, size_t entry_len)
{
	for (uint32_t at = SDT_HEADER_LEN; at + entry_len <= len; at += (uint32_t)entry_len) {
		uint64_t phys = entry_len == XSDT_ENTRY_LEN ? acpi_u64(root + at) : acpi_u32(root + at);
		const uint8_t *h = phys ? mem->map(phys, SDT_SIG_LEN, mem->ctx) : NULL;
		if (h != NULL && kmemcmp(h, "FACP", SDT_SIG_LEN) == 0)
			return phys;
	}
	return 0;
}

static void acpi_take_reset(const uint8_t *fadt, uint32_t len, platform_power_t *out)
{
	if (len < FADT_RESET_LEN || !(acpi_u32(fadt + FADT_FLAGS_AT) & FADT_FLAG_RESET_REG_SUP))
		return;
	uint8_t space = fadt[FADT_RESET_REG_AT + GAS_SPACE_AT];
	uint64_t addr = acpi_u64(fadt + FADT_RESET_REG_AT + GAS_ADDRESS_AT);
	if ((space != PLATFORM_ACPI_SPACE_IO && space != PLATFORM_ACPI_SPACE_MEMORY) || addr == 0) {
		printk("[ACPI] WARN: reset register in address space %u at 0x%llx is unusable\n", space,
		       (unsigned long long)addr);
		return;
	}
	out->reset = true;
	out->reset_space = space;
	out->reset_addr = addr;
	out->reset_value = fadt[FADT_RESET_VALUE_AT];
}

static int acpi_take_s5(const acpi_mem_t *mem, const uint8_t *fadt, uint32_t len, platform_power_t *out)
{
	uint64_t dsdt_phys = acpi_u32(fadt + FADT_DSDT_AT);
	if (len >= FADT_X_DSDT_LEN && acpi_u64(fadt + FADT_X_DSDT_AT) != 0)
		dsdt_phys = acpi_u64(fadt + FADT_X_DSDT_AT);
	uint32_t dlen = 0;
	const uint8_t *dsdt = acpi_table(mem, dsdt_phys, "DSDT", &dlen);
	if (dsdt == NULL)
		return -EINVAL;
	uint16_t a = 0, b = 0;
	int rc = acpi_s5_decode(dsdt + SDT_HEADER_LEN, dlen - SDT_HEADER_LEN, &a, &b);
	if (rc != 0) {
		printk("[ACPI] FAIL: DSDT has %s \\_S5_ package\n", rc == -ENOENT ? "no" : "a malformed");
		return rc;
	}
	uint32_t pm1a = acpi_u32(fadt + FADT_PM1A_CNT_AT);
	if (pm1a == 0) {
		printk("[ACPI] FAIL: FADT has no PM1a control block\n");
		return -EINVAL;
	}
	out->s5 = true;
	out->pm1a_cnt = pm1a;
	out->pm1b_cnt = acpi_u32(fadt + FADT_PM1B_CNT_AT);
	out->slp_typ_a = a;
	out->slp_typ_b = b;
	return 0;
}

int acpi_power_find(const acpi_mem_t *mem, uint64_t rsdp_phys, platform_power_t *out)
{
	kmemset(out, 0, sizeof(*out));
	uint64_t rsdp = rsdp_phys;
	if (rsdp != 0 && acpi_rsdp_at(mem, rsdp) == NULL) {
		printk("[ACPI] WARN: the boot loader's RSDP at 0x%llx is not valid; scanning\n", (unsigned long long)rsdp);
		rsdp = 0;
	}
	if (rsdp == 0)
		rsdp = acpi_rsdp_find(mem);
	if (rsdp == 0) {
		printk("[ACPI] WARN: no RSDP found\n");
		return -ENOENT;
	}
	uint32_t root_len = 0;
	size_t entry_len = 0;
	const uint8_t *root = acpi_root(mem, rsdp, &root_len, &entry_len);
	if (root == NULL)
		return -EINVAL;
	uint64_t fadt_phys = acpi_find_fadt(mem, root, root_len, entry_len);
	if (fadt_phys == 0) {
		printk("[ACPI] FAIL: no FADT in the root table\n");
		return -EINVAL;
	}
	uint32_t flen = 0;
	const uint8_t *fadt = acpi_table(mem, fadt_phys, "FACP", &flen);
	if (fadt == NULL)
		return -EINVAL;
	if (flen < FADT_V1_LEN) {
		printk("[ACPI] FAIL: FADT is %u bytes, shorter than %u\n", flen, FADT_V1_LEN);
		return -EINVAL;
	}
	acpi_take_reset(fadt, flen, out);
	return acpi_take_s5(mem, fadt, flen, out);
}

static uint64_t acpi_boot_rsdp;

void acpi_rsdp_hint_set(uint64_t phys)
{
	acpi_boot_rsdp = phys;
}

uint64_t acpi_rsdp_hint(void)
{
	return acpi_boot_rsdp;
}

const void *acpi_map_direct(uint64_t phys, size_t len, void *ctx)
{
	(void)ctx;
	const platform_layout_t *lay = platform_layout();
	if (phys >= lay->direct_map_size || len > lay->direct_map_size - phys)
		return NULL;
	return (const void *)(lay->direct_map_base + (uintptr_t)phys);
}
