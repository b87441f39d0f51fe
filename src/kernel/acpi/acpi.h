/*
 * ACPI power facts: finds the RSDP, the RSDT/XSDT, the FADT and the DSDT's
 * \_S5_ package in physical memory, checking every table (signature, length
 * within bounds, checksum), and reports what power-off and restart need as a
 * platform_power_t (spec/vigil.md VIG-130..).  Pure parsing: memory is read
 * through acpi_mem_t, so host tests hand it crafted tables; the port writes
 * live in the platform.  Every problem is a printk "[ACPI] WARN: ..." or
 * "[ACPI] FAIL: ..." line and a -errno, never a crash.
 */
#ifndef AEGIS_KERNEL_ACPI_H
#define AEGIS_KERNEL_ACPI_H

#include <stddef.h>
#include <stdint.h>

#include "platform.h"

/*
 * Maps len bytes of physical memory at phys for reading; NULL when any of
 * them lies outside what can be read (the parser then reports the table).
 */
typedef const void *(*acpi_map_fn)(uint64_t phys, size_t len, void *ctx);

typedef struct {
	acpi_map_fn map;
	void *ctx;
} acpi_mem_t;

/* Where the BIOS keeps the RSDP when no boot loader hands it over. */
#define ACPI_EBDA_SEGMENT_PTR 0x40Eu /* real-mode segment of the EBDA */
#define ACPI_EBDA_SCAN_LEN 1024u
#define ACPI_BIOS_AREA_START 0xE0000u
#define ACPI_BIOS_AREA_END 0x100000u
#define ACPI_RSDP_ALIGN 16u

/*
 * Fill *out from the tables.  rsdp_phys: where the boot loader said the
 * RSDP is (0, or an RSDP that fails its checks, with a WARN line: scan the
 * EBDA and the BIOS area).  0 with out->s5 and/or
 * out->reset set for what was found; -ENOENT when there is no RSDP; -EINVAL
 * when a table on the way is malformed (out then holds what was found
 * before it, possibly nothing).
 */
int acpi_power_find(const acpi_mem_t *mem, uint64_t rsdp_phys, platform_power_t *out);

/*
 * Decode the \_S5_ package in the AML of a DSDT body (len bytes): the first
 * two integers are SLP_TYPa and SLP_TYPb.  0, -ENOENT (no _S5_) or -EINVAL.
 */
int acpi_s5_decode(const uint8_t *aml, size_t len, uint16_t *slp_typ_a, uint16_t *slp_typ_b);

/* Where the boot loader's copy of the RSDP lies (physical; 0: none).  Set once at boot. */
void acpi_rsdp_hint_set(uint64_t phys);
uint64_t acpi_rsdp_hint(void);

/* The direct-map reader the kernel itself uses. */
const void *acpi_map_direct(uint64_t phys, size_t len, void *ctx);

#endif
