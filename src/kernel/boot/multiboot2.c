/*
 * Multiboot2 information parser (contract in multiboot2.h, rules in
 * spec/multiboot2.md).
 *
 * Design: one pass over the tags with an offset cursor.  The fixed header is
 * checked first, so from then on every offset is below total_size, which is
 * at most the available bytes; each tag's size is checked against what is
 * left before any payload byte is read.  Fields are assembled byte by byte
 * (little-endian), so the structure may sit at any address.  Each tag type
 * has its own small function; the first problem stops the walk and becomes
 * the one-line reason, and the output is wiped so no field of a rejected
 * structure survives.
 */
#include "boot/multiboot2.h"

#include <stdarg.h>
#include <stdbool.h>

#include <aegis/errno.h>

#include "core/format.h"
#include "core/kstring.h"

#define MB2_HEADER_SIZE 8u
#define MB2_TAG_HEADER_SIZE 8u
#define MB2_TAG_ALIGN 8u
#define MB2_TAG_SIZE_AT 4u /* type at 0, size at 4 */
#define MB2_MIN_TOTAL_SIZE (MB2_HEADER_SIZE + MB2_TAG_HEADER_SIZE)

/* Tag types this parser understands. */
#define MB2_TYPE_END 0u
#define MB2_TYPE_CMDLINE 1u
#define MB2_TYPE_LOADER_NAME 2u
#define MB2_TYPE_MODULE 3u
#define MB2_TYPE_MMAP 6u
#define MB2_TYPE_FRAMEBUFFER 8u
#define MB2_TYPE_ACPI_OLD 14u
#define MB2_TYPE_ACPI_NEW 15u
#define MB2_ACPI_OLD_MIN_SIZE (MB2_TAG_HEADER_SIZE + 20u) /* the ACPI 1.0 RSDP */
#define MB2_ACPI_NEW_MIN_SIZE (MB2_TAG_HEADER_SIZE + 36u) /* the ACPI 2.0 RSDP */

/* Payload layouts (offsets from the tag's start) and minimum tag sizes. */
#define MB2_MODULE_START_AT 8u
#define MB2_MODULE_END_AT 12u
#define MB2_MODULE_NAME_AT 16u
#define MB2_MODULE_MIN_SIZE (MB2_MODULE_NAME_AT + 1u)

#define MB2_MMAP_ENTRY_SIZE_AT 8u
#define MB2_MMAP_ENTRIES_AT 16u
#define MB2_MMAP_MIN_SIZE MB2_MMAP_ENTRIES_AT
#define MB2_MMAP_ENTRY_MIN 24u
#define MB2_MMAP_ENTRY_ALIGN 8u
#define MB2_MMAP_BASE_AT 0u
#define MB2_MMAP_LENGTH_AT 8u
#define MB2_MMAP_TYPE_AT 16u

#define MB2_FB_ADDR_AT 8u
#define MB2_FB_PITCH_AT 16u
#define MB2_FB_WIDTH_AT 20u
#define MB2_FB_HEIGHT_AT 24u
#define MB2_FB_BPP_AT 28u
#define MB2_FB_TYPE_AT 29u
#define MB2_FB_MIN_SIZE 32u
#define MB2_FB_TYPE_MAX 2u /* 0 indexed, 1 RGB, 2 EGA text */
#define MB2_FB_BPP_MAX 32u
#define MB2_BITS_PER_BYTE 8u

typedef struct {
	const uint8_t *base;
	uint32_t total;     /* total_size, once checked */
	bootinfo_t *out;
	char *err;
	size_t errlen;
	uint32_t seen_once; /* bit n set: a singleton tag of type n was seen */
} mb2_ctx_t;

__attribute__((format(printf, 2, 3))) static int mb2_fail(mb2_ctx_t *c, const char *fmt, ...)
{
	if (c->err && c->errlen) {
		va_list ap;
		va_start(ap, fmt);
		kvsnprintf(c->err, c->errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static uint32_t mb2_u32(const mb2_ctx_t *c, uint32_t at)
{
	const uint8_t *p = c->base + at;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t mb2_u64(const mb2_ctx_t *c, uint32_t at)
{
	return (uint64_t)mb2_u32(c, at) | (uint64_t)mb2_u32(c, at + sizeof(uint32_t)) << 32;
}

static int mb2_check_header(mb2_ctx_t *c, size_t avail)
{
	if (avail < MB2_HEADER_SIZE)
		return mb2_fail(c, "only %zu bytes available, fewer than the %u-byte header", avail, MB2_HEADER_SIZE);
	uint32_t total = mb2_u32(c, 0);
	if (total < MB2_MIN_TOTAL_SIZE)
		return mb2_fail(c, "total_size %u is smaller than the %u-byte minimum", total, MB2_MIN_TOTAL_SIZE);
	if (total > avail)
		return mb2_fail(c, "total_size %u exceeds the %zu available bytes", total, avail);
	if (total > MB2_INFO_MAX)
		return mb2_fail(c, "total_size %u exceeds the %u-byte limit", total, MB2_INFO_MAX);
	if (total % MB2_TAG_ALIGN)
		return mb2_fail(c, "total_size %u is not a multiple of %u", total, MB2_TAG_ALIGN);
	c->total = total;
	return 0;
}

static int mb2_check_min(mb2_ctx_t *c, const char *what, uint32_t off, uint32_t size, uint32_t min)
{
	if (size < min)
		return mb2_fail(c, "%s tag at offset %u has size %u, smaller than its %u-byte minimum", what, off, size,
		                min);
	return 0;
}

/* A NUL-terminated string filling [at, off + size); *dst points at it. */
static int mb2_take_string(mb2_ctx_t *c, const char *what, uint32_t off, uint32_t size, uint32_t at,
                           const char **dst)
{
	const char *s = (const char *)c->base + at;
	size_t room = off + size - at;
	if (kstrnlen(s, room) == room)
		return mb2_fail(c, "%s tag at offset %u has no NUL terminator inside its %u bytes", what, off, size);
	*dst = s;
	return 0;
}

static int mb2_take_once(mb2_ctx_t *c, uint32_t type, const char *what, uint32_t off)
{
	uint32_t bit = 1u << type;
	if (c->seen_once & bit)
		return mb2_fail(c, "second %s tag at offset %u", what, off);
	c->seen_once |= bit;
	return 0;
}

static int mb2_parse_module(mb2_ctx_t *c, uint32_t off, uint32_t size)
{
	int rc = mb2_check_min(c, "module", off, size, MB2_MODULE_MIN_SIZE);
	if (rc)
		return rc;
	bootinfo_t *out = c->out;
	if (out->module_count == BOOTINFO_MAX_MODULES)
		return mb2_fail(c, "module tag at offset %u is module %u, more than the %u supported", off,
		                BOOTINFO_MAX_MODULES + 1u, BOOTINFO_MAX_MODULES);
	boot_module_t *m = &out->modules[out->module_count];
	rc = mb2_take_string(c, "module", off, size, off + MB2_MODULE_NAME_AT, &m->name);
	if (rc)
		return rc;
	uint32_t start = mb2_u32(c, off + MB2_MODULE_START_AT);
	uint32_t end = mb2_u32(c, off + MB2_MODULE_END_AT);
	if (start >= end)
		return mb2_fail(c, "module tag at offset %u has start 0x%x not below end 0x%x", off, start, end);
	m->start = start;
	m->end = end;
	out->module_count++;
	return 0;
}

static int mb2_parse_mmap(mb2_ctx_t *c, uint32_t off, uint32_t size)
{
	int rc = mb2_check_min(c, "memory map", off, size, MB2_MMAP_MIN_SIZE);
	if (rc)
		return rc;
	uint32_t entry_size = mb2_u32(c, off + MB2_MMAP_ENTRY_SIZE_AT);
	if (entry_size < MB2_MMAP_ENTRY_MIN || entry_size % MB2_MMAP_ENTRY_ALIGN)
		return mb2_fail(c, "memory map at offset %u has entry_size %u, not a multiple of %u of at least %u", off,
		                entry_size, MB2_MMAP_ENTRY_ALIGN, MB2_MMAP_ENTRY_MIN);
	uint32_t bytes = size - MB2_MMAP_ENTRIES_AT;
	if (bytes % entry_size)
		return mb2_fail(c, "memory map at offset %u has %u bytes of entries, not a multiple of entry_size %u",
		                off, bytes, entry_size);
	uint32_t count = bytes / entry_size;
	if (count > BOOTINFO_MAX_REGIONS)
		return mb2_fail(c, "memory map at offset %u has %u entries, more than the %u supported", off, count,
		                BOOTINFO_MAX_REGIONS);
	for (uint32_t i = 0; i < count; i++) {
		uint32_t at = off + MB2_MMAP_ENTRIES_AT + i * entry_size;
		mem_region_t *r = &c->out->regions[i];
		r->base = mb2_u64(c, at + MB2_MMAP_BASE_AT);
		r->length = mb2_u64(c, at + MB2_MMAP_LENGTH_AT);
		r->type = mb2_u32(c, at + MB2_MMAP_TYPE_AT);
		if (r->length > UINT64_MAX - r->base)
			return mb2_fail(c, "memory map entry %u at offset %u wraps past the end of the address space", i,
			                at);
	}
	c->out->region_count = count;
	return 0;
}

static int mb2_parse_framebuffer(mb2_ctx_t *c, uint32_t off, uint32_t size)
{
	int rc = mb2_check_min(c, "framebuffer", off, size, MB2_FB_MIN_SIZE);
	if (rc)
		return rc;
	boot_framebuffer_t fb = {
		.present = true,
		.addr = mb2_u64(c, off + MB2_FB_ADDR_AT),
		.pitch = mb2_u32(c, off + MB2_FB_PITCH_AT),
		.width = mb2_u32(c, off + MB2_FB_WIDTH_AT),
		.height = mb2_u32(c, off + MB2_FB_HEIGHT_AT),
		.bpp = c->base[off + MB2_FB_BPP_AT],
		.type = c->base[off + MB2_FB_TYPE_AT],
	};
	if (fb.type > MB2_FB_TYPE_MAX)
		return mb2_fail(c, "framebuffer at offset %u has type %u, not 0 (indexed), 1 (RGB) or 2 (EGA text)", off,
		                fb.type);
	if (fb.bpp == 0 || fb.bpp > MB2_FB_BPP_MAX)
		return mb2_fail(c, "framebuffer at offset %u has bpp %u, not 1 to %u", off, fb.bpp, MB2_FB_BPP_MAX);
	if (fb.width == 0 || fb.height == 0)
		return mb2_fail(c, "framebuffer at offset %u has an empty size %ux%u", off, fb.width, fb.height);
	uint32_t bytes_pp = (fb.bpp + MB2_BITS_PER_BYTE - 1) / MB2_BITS_PER_BYTE;
	if ((uint64_t)fb.pitch < (uint64_t)fb.width * bytes_pp)
		return mb2_fail(c, "framebuffer at offset %u has pitch %u, smaller than %u pixels of %u bytes", off,
		                fb.pitch, fb.width, bytes_pp);
	uint64_t span = (uint64_t)fb.pitch * fb.height;
	if (fb.addr > UINT64_MAX - span)
		return mb2_fail(c, "framebuffer at offset %u of %llu bytes at 0x%llx wraps past the end of the address "
		                "space", off, (unsigned long long)span, (unsigned long long)fb.addr);
	c->out->framebuffer = fb;
	return 0;
}

/* An ACPI tag: keep where its RSDP copy is; the new tag's wins (MB2-029, MB2-030). */
static int mb2_parse_acpi(mb2_ctx_t *c, uint32_t type, uint32_t off, uint32_t size)
{
	bool is_new = type == MB2_TYPE_ACPI_NEW;
	const char *what = is_new ? "acpi-new" : "acpi-old";
	int rc = mb2_take_once(c, type, what, off);
	if (rc == 0)
		rc = mb2_check_min(c, what, off, size, is_new ? MB2_ACPI_NEW_MIN_SIZE : MB2_ACPI_OLD_MIN_SIZE);
	if (rc)
		return rc;
	if (is_new || !(c->seen_once & (1u << MB2_TYPE_ACPI_NEW)))
		c->out->acpi_rsdp_offset = off + MB2_TAG_HEADER_SIZE;
	return 0;
}

static int mb2_parse_tag(mb2_ctx_t *c, uint32_t type, uint32_t off, uint32_t size)
{
	int rc;
	switch (type) {
	case MB2_TYPE_CMDLINE:
		rc = mb2_take_once(c, type, "command-line", off);
		return rc ? rc : mb2_take_string(c, "command-line", off, size, off + MB2_TAG_HEADER_SIZE, &c->out->cmdline);
	case MB2_TYPE_LOADER_NAME:
		rc = mb2_take_once(c, type, "boot-loader-name", off);
		return rc ? rc
		          : mb2_take_string(c, "boot-loader-name", off, size, off + MB2_TAG_HEADER_SIZE,
		                            &c->out->loader_name);
	case MB2_TYPE_MODULE:
		return mb2_parse_module(c, off, size);
	case MB2_TYPE_MMAP:
		rc = mb2_take_once(c, type, "memory-map", off);
		return rc ? rc : mb2_parse_mmap(c, off, size);
	case MB2_TYPE_FRAMEBUFFER:
		rc = mb2_take_once(c, type, "framebuffer", off);
		return rc ? rc : mb2_parse_framebuffer(c, off, size);
	case MB2_TYPE_ACPI_OLD:
	case MB2_TYPE_ACPI_NEW:
		return mb2_parse_acpi(c, type, off, size);
	default:
		return 0; /* unknown or unused: skipped */
	}
}

static uint32_t mb2_align_up(uint32_t v)
{
	return (v + MB2_TAG_ALIGN - 1) & ~(MB2_TAG_ALIGN - 1);
}

static int mb2_walk(mb2_ctx_t *c)
{
	/* total is a multiple of 8 and so is every offset: what is left is 0 or at least a tag header. */
	for (uint32_t off = MB2_HEADER_SIZE; off < c->total;) {
		uint32_t left = c->total - off;
		uint32_t type = mb2_u32(c, off);
		uint32_t size = mb2_u32(c, off + MB2_TAG_SIZE_AT);
		if (size < MB2_TAG_HEADER_SIZE)
			return mb2_fail(c, "tag at offset %u has size %u, smaller than its %u-byte header", off, size,
			                MB2_TAG_HEADER_SIZE);
		if (size > left)
			return mb2_fail(c, "tag at offset %u (type %u) has size %u but only %u bytes are left", off, type,
			                size, left);
		if (type == MB2_TYPE_END) {
			if (size != MB2_TAG_HEADER_SIZE)
				return mb2_fail(c, "end tag at offset %u has size %u, expected %u", off, size,
				                MB2_TAG_HEADER_SIZE);
			if (size != left)
				return mb2_fail(c, "end tag at offset %u is followed by %u bytes inside total_size", off,
				                left - size);
			return 0;
		}
		int rc = mb2_parse_tag(c, type, off, size);
		if (rc)
			return rc;
		off += mb2_align_up(size); /* size <= left <= MB2_INFO_MAX: no overflow */
	}
	return mb2_fail(c, "no end tag before total_size %u", c->total);
}

int mb2_parse(const void *info, size_t avail, bootinfo_t *out, char *err, size_t errlen)
{
	mb2_ctx_t c = {.base = info, .out = out, .err = err, .errlen = errlen};
	if (err && errlen)
		err[0] = '\0';
	if (!out)
		return mb2_fail(&c, "no output structure (NULL pointer)");
	kmemset(out, 0, sizeof(*out));
	int rc = info ? mb2_check_header(&c, avail) : mb2_fail(&c, "no information structure (NULL pointer)");
	if (rc == 0)
		rc = mb2_walk(&c);
	if (rc) {
		kmemset(out, 0, sizeof(*out));
		return rc;
	}
	out->info_size = c.total;
	return 0;
}
