/*
 * PVH start info -> Multiboot2 info (see pvh.h).
 *
 * QEMU's PVH option ROM leaves a struct hvm_start_info (Xen public ABI,
 * version >= 1 carries an E820-style memory map) in low memory and passes
 * its physical address in EBX.  The E820 type numbers are the Multiboot2
 * memory-map types, so entries copy across unchanged.  Every physical
 * range is read through the caller's map function, which refuses what it
 * cannot reach, and every write into the output buffer is checked against
 * its capacity.  No platform specifics here, so fuzz/pvh can run this file
 * on the host.
 */
#include "pvh.h"

#include <stdbool.h>
#include <stddef.h>

#include "boot/multiboot2.h"
#include "core/kstring.h"

#define PVH_START_MAGIC 0x336ec578u
#define PVH_VERSION_WITH_MEMMAP 1u

#define MB2_TAG_ALIGN 8u
#define MB2_TAG_END 0u
#define MB2_TAG_CMDLINE 1u
#define MB2_TAG_LOADER_NAME 2u
#define MB2_TAG_MODULE 3u
#define MB2_TAG_MMAP 6u
#define MB2_MMAP_ENTRY_VERSION 0u
#define PVH_LOADER_NAME "QEMU PVH (converted to Multiboot2 by Aegis)"

typedef struct {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr; /* version 1 and later */
	uint32_t memmap_entries;
	uint32_t reserved;
} pvh_start_info_t;

/* Version 0 of the structure ends before memmap_paddr. */
#define PVH_START_INFO_V0_SIZE offsetof(pvh_start_info_t, memmap_paddr)

typedef struct {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
} pvh_module_t;

typedef struct {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
} pvh_memmap_entry_t;

typedef struct {
	uint64_t base;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
} mb2_mmap_entry_t;

/* The output buffer being filled; ok turns false on the first overflow. */
typedef struct {
	uint8_t *buf;
	size_t cap;
	size_t len;
	bool ok;
} mb2_writer_t;

/* Where physical memory is read from. */
typedef struct {
	pvh_phys_map_t map;
	void *ctx;
} pvh_source_t;

/* Physical address 0 means "absent" in the start info (Xen's rule). */
static const void *pvh_read(const pvh_source_t *src, uint64_t pa, uint64_t len)
{
	if (pa == 0)
		return NULL;
	return src->map(src->ctx, pa, len);
}

static void *writer_reserve(mb2_writer_t *w, size_t n)
{
	if (!w->ok || n > w->cap - w->len) {
		w->ok = false;
		return NULL;
	}
	void *p = w->buf + w->len;
	w->len += n;
	return p;
}

static void writer_put32(mb2_writer_t *w, uint32_t v)
{
	void *p = writer_reserve(w, sizeof(v));
	if (p)
		kmemcpy(p, &v, sizeof(v));
}

static void writer_align(mb2_writer_t *w)
{
	size_t pad = (MB2_TAG_ALIGN - w->len % MB2_TAG_ALIGN) % MB2_TAG_ALIGN;
	void *p = writer_reserve(w, pad);
	if (p)
		kmemset(p, 0, pad);
}

/* Start a tag; returns its offset so tag_end can fill in the size. */
static size_t tag_begin(mb2_writer_t *w, uint32_t type)
{
	writer_align(w);
	size_t at = w->len;
	writer_put32(w, type);
	writer_put32(w, 0);
	return at;
}

static void tag_end(mb2_writer_t *w, size_t at)
{
	if (!w->ok)
		return;
	uint32_t size = (uint32_t)(w->len - at);
	kmemcpy(w->buf + at + sizeof(uint32_t), &size, sizeof(size));
}

/*
 * Append the NUL-terminated string at physical pa: at most max bytes, then a
 * NUL.  It is read byte by byte, since only the terminator says how long it
 * is; an unreadable address gives an empty string.
 */
static void writer_put_phys_string(mb2_writer_t *w, const pvh_source_t *src, uint64_t pa, size_t max)
{
	size_t n = 0;
	while (n < max) {
		const char *c = pvh_read(src, pa + n, 1);
		if (c == NULL || *c == '\0' || pa + n + 1 < pa)
			break;
		n++;
	}
	char *p = writer_reserve(w, n + 1);
	if (!p)
		return;
	if (n)
		kmemcpy(p, pvh_read(src, pa, n), n);
	p[n] = '\0';
}

static void pvh_put_cmdline(mb2_writer_t *w, const pvh_source_t *src, const pvh_start_info_t *si)
{
	if (pvh_read(src, si->cmdline_paddr, 1) == NULL)
		return;
	size_t at = tag_begin(w, MB2_TAG_CMDLINE);
	writer_put_phys_string(w, src, si->cmdline_paddr, PVH_CMDLINE_MAX);
	tag_end(w, at);
}

static void pvh_put_loader_name(mb2_writer_t *w)
{
	size_t at = tag_begin(w, MB2_TAG_LOADER_NAME);
	size_t n = sizeof(PVH_LOADER_NAME);
	char *p = writer_reserve(w, n);
	if (p)
		kmemcpy(p, PVH_LOADER_NAME, n);
	tag_end(w, at);
}

static void pvh_put_memmap(mb2_writer_t *w, const pvh_source_t *src, const pvh_start_info_t *si)
{
	if (si->version < PVH_VERSION_WITH_MEMMAP || si->memmap_entries == 0)
		return;
	uint32_t count = si->memmap_entries < PVH_MMAP_MAX ? si->memmap_entries : PVH_MMAP_MAX;
	const uint8_t *in = pvh_read(src, si->memmap_paddr, (uint64_t)count * sizeof(pvh_memmap_entry_t));
	if (in == NULL)
		return;
	size_t at = tag_begin(w, MB2_TAG_MMAP);
	writer_put32(w, sizeof(mb2_mmap_entry_t));
	writer_put32(w, MB2_MMAP_ENTRY_VERSION);
	for (uint32_t i = 0; i < count; i++) {
		pvh_memmap_entry_t pe;
		kmemcpy(&pe, in + i * sizeof(pe), sizeof(pe)); /* the table need not be aligned */
		mb2_mmap_entry_t e = { .base = pe.addr, .length = pe.size, .type = pe.type };
		void *p = writer_reserve(w, sizeof(e));
		if (p)
			kmemcpy(p, &e, sizeof(e));
	}
	tag_end(w, at);
}

static void pvh_put_modules(mb2_writer_t *w, const pvh_source_t *src, const pvh_start_info_t *si)
{
	uint32_t count = si->nr_modules < PVH_MODULES_MAX ? si->nr_modules : PVH_MODULES_MAX;
	if (count == 0)
		return;
	const uint8_t *list = pvh_read(src, si->modlist_paddr, (uint64_t)count * sizeof(pvh_module_t));
	if (list == NULL)
		return;
	for (uint32_t i = 0; i < count; i++) {
		pvh_module_t mod;
		kmemcpy(&mod, list + i * sizeof(mod), sizeof(mod));
		/* Multiboot2 module addresses are 32-bit: skip what cannot be described. */
		if (mod.paddr > UINT32_MAX || mod.size > UINT32_MAX - mod.paddr)
			continue;
		size_t at = tag_begin(w, MB2_TAG_MODULE);
		writer_put32(w, (uint32_t)mod.paddr);
		writer_put32(w, (uint32_t)(mod.paddr + mod.size));
		writer_put_phys_string(w, src, mod.cmdline_paddr, PVH_CMDLINE_MAX);
		tag_end(w, at);
	}
}

size_t pvh_to_multiboot2(uint64_t start_pa, pvh_phys_map_t map, void *ctx, void *out, size_t cap)
{
	pvh_source_t src = { .map = map, .ctx = ctx };
	pvh_start_info_t si = { 0 };
	const void *raw = pvh_read(&src, start_pa, PVH_START_INFO_V0_SIZE);
	if (raw == NULL)
		return 0;
	kmemcpy(&si, raw, PVH_START_INFO_V0_SIZE);
	if (si.magic != PVH_START_MAGIC)
		return 0;
	if (si.version >= PVH_VERSION_WITH_MEMMAP) {
		raw = pvh_read(&src, start_pa, sizeof(si));
		if (raw == NULL)
			return 0;
		kmemcpy(&si, raw, sizeof(si));
	}

	mb2_writer_t w = { .buf = out, .cap = cap, .len = 0, .ok = true };
	writer_put32(&w, 0); /* total_size, filled in below */
	writer_put32(&w, 0); /* reserved */
	pvh_put_cmdline(&w, &src, &si);
	pvh_put_loader_name(&w);
	pvh_put_memmap(&w, &src, &si);
	pvh_put_modules(&w, &src, &si);
	size_t end = tag_begin(&w, MB2_TAG_END);
	tag_end(&w, end);
	if (!w.ok || w.len > MB2_INFO_MAX)
		return 0;
	uint32_t total = (uint32_t)w.len;
	kmemcpy(w.buf, &total, sizeof(total));
	return w.len;
}
