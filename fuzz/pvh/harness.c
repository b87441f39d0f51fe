/*
 * Fuzz harness for the PVH start-info converter (src/arch/x86_64/pvh.c).
 *
 * Supports spec/boot-order.md BOOT-013 on the PVH path: whatever QEMU (or a
 * hostile hypervisor) leaves in memory, the converter must not crash or read
 * outside what its map function hands out, and what it produces must be a
 * Multiboot2 structure the kernel's strict parser (mb2_parse) accepts, with
 * the command line and memory map carried over unchanged.  The parser may
 * reject it only for what the converter deliberately passes on for the
 * kernel to judge: more than BOOTINFO_MAX_REGIONS regions or
 * BOOTINFO_MAX_MODULES modules, an empty module, or a region that wraps past
 * the end of the address space.
 *
 * The input is a window of "physical memory" starting at HARNESS_PHYS_BASE
 * with the start info at its first byte; the pointers inside it (command
 * line, memory map, module list) are fuzzed like everything else.  The arch
 * code is not part of the sim archives, so pvh.c (which has no platform
 * specifics) is compiled into this harness directly.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/arch/x86_64/pvh.c"

#include "boot/multiboot2.h"
#include "fuzz.h"

#define HARNESS_PHYS_BASE 0x1000u
#define HARNESS_OUT_SIZE (16u * 1024u) /* as entry.c's buffer */
#define HARNESS_REASON_MAX 160

typedef struct {
	const uint8_t *data;
	size_t size;
} harness_window_t;

static void harness_fail(const char *what)
{
	fprintf(stderr, "pvh harness: invariant broken: %s\n", what);
	abort();
}

static const void *harness_map(void *ctx, uint64_t pa, uint64_t len)
{
	const harness_window_t *w = ctx;
	if (pa < HARNESS_PHYS_BASE)
		return NULL;
	uint64_t off = pa - HARNESS_PHYS_BASE;
	if (off > w->size || len > w->size - off)
		return NULL;
	return w->data + off;
}

static uint64_t harness_u64(const harness_window_t *w, size_t off)
{
	uint64_t v = 0;
	if (off + sizeof(v) <= w->size)
		memcpy(&v, w->data + off, sizeof(v));
	return v;
}

static uint32_t harness_u32(const harness_window_t *w, size_t off)
{
	uint32_t v = 0;
	if (off + sizeof(v) <= w->size)
		memcpy(&v, w->data + off, sizeof(v));
	return v;
}

/* May the kernel reject this start info's lists? (see the file comment) */
static bool harness_kernel_may_reject(const harness_window_t *w, const pvh_start_info_t *si)
{
	if (si->memmap_entries > BOOTINFO_MAX_REGIONS)
		return true;
	if (si->memmap_entries > 0 && si->memmap_paddr >= HARNESS_PHYS_BASE) {
		for (uint32_t i = 0; i < si->memmap_entries; i++) {
			size_t off = (size_t)(si->memmap_paddr - HARNESS_PHYS_BASE) + i * sizeof(pvh_memmap_entry_t);
			if (harness_u64(w, off + 8) > UINT64_MAX - harness_u64(w, off))
				return true;
		}
	}
	uint32_t mods = si->nr_modules < PVH_MODULES_MAX ? si->nr_modules : PVH_MODULES_MAX;
	if (mods > BOOTINFO_MAX_MODULES)
		return true;
	if (mods == 0 || si->modlist_paddr < HARNESS_PHYS_BASE)
		return false;
	for (uint32_t i = 0; i < mods; i++) {
		size_t off = (size_t)(si->modlist_paddr - HARNESS_PHYS_BASE) + i * sizeof(pvh_module_t);
		if (harness_u64(w, off + offsetof(pvh_module_t, size)) == 0)
			return true;
	}
	return false;
}

static void harness_check_cmdline(const harness_window_t *w, const pvh_start_info_t *si, const bootinfo_t *bi)
{
	const char *want = harness_map((void *)w, si->cmdline_paddr, 1);
	if (si->cmdline_paddr == 0 || want == NULL) {
		if (bi->cmdline != NULL)
			harness_fail("command line invented");
		return;
	}
	size_t avail = w->size - (size_t)(si->cmdline_paddr - HARNESS_PHYS_BASE);
	size_t n = strnlen(want, avail < PVH_CMDLINE_MAX ? avail : PVH_CMDLINE_MAX);
	if (bi->cmdline == NULL || strlen(bi->cmdline) != n || memcmp(bi->cmdline, want, n) != 0)
		harness_fail("command line changed");
}

static void harness_check_regions(const harness_window_t *w, const pvh_start_info_t *si, const bootinfo_t *bi)
{
	const uint8_t *table = NULL;
	if (si->version >= PVH_VERSION_WITH_MEMMAP && si->memmap_entries > 0)
		table = harness_map((void *)w, si->memmap_paddr, (uint64_t)si->memmap_entries * sizeof(pvh_memmap_entry_t));
	if (si->memmap_paddr == 0)
		table = NULL;
	size_t want = table ? si->memmap_entries : 0;
	if (bi->region_count != want)
		harness_fail("memory map entries lost or invented");
	for (size_t i = 0; i < want; i++) {
		size_t off = (size_t)(table - w->data) + i * sizeof(pvh_memmap_entry_t);
		if (bi->regions[i].base != harness_u64(w, off) || bi->regions[i].length != harness_u64(w, off + 8) ||
		    bi->regions[i].type != harness_u32(w, off + 16))
			harness_fail("memory map entry changed");
	}
}

int fuzz_one(const uint8_t *data, size_t size)
{
	static uint8_t out[HARNESS_OUT_SIZE];
	static bootinfo_t bi;
	harness_window_t w = { data, size };
	memset(out, 0xA5, sizeof(out));
	size_t n = pvh_to_multiboot2(HARNESS_PHYS_BASE, harness_map, &w, out, sizeof(out));
	if (n == 0)
		return 0;
	if (n > sizeof(out) || n % MB2_TAG_ALIGN)
		harness_fail("size beyond the buffer or unaligned");

	pvh_start_info_t si = { 0 };
	memcpy(&si, data, size < sizeof(si) ? size : sizeof(si));
	if (si.version < PVH_VERSION_WITH_MEMMAP)
		si.memmap_entries = 0, si.memmap_paddr = 0;

	/* An exact-size copy, so ASan catches a parser read past the structure. */
	uint8_t *copy = malloc(n);
	if (copy == NULL)
		return 0;
	memcpy(copy, out, n);
	char err[HARNESS_REASON_MAX];
	int rc = mb2_parse(copy, n, &bi, err, sizeof(err));
	if (rc != 0) {
		if (!harness_kernel_may_reject(&w, &si)) {
			fprintf(stderr, "pvh harness: parser said: %s\n", err);
			harness_fail("converter output rejected by mb2_parse");
		}
	} else {
		harness_check_cmdline(&w, &si, &bi);
		harness_check_regions(&w, &si, &bi);
		if (bi.loader_name == NULL || strcmp(bi.loader_name, PVH_LOADER_NAME) != 0)
			harness_fail("loader name missing");
	}
	free(copy);
	return 0;
}
