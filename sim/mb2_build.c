/*
 * Multiboot2 information builder (see mb2_build.h).  Tags are laid out as the
 * specification requires: an 8-byte fixed header (total_size, reserved), then
 * tags each starting on an 8-byte boundary, closed by an end tag.
 */
#include "mb2_build.h"

#include <string.h>

#define MB2_ALIGN 8u
#define MB2_TAG_HEADER 8u

static void put_bytes(mb2_builder_t *b, const void *p, size_t n)
{
	if (b->failed || n > b->cap - b->len) {
		b->failed = true;
		return;
	}
	memcpy(b->buf + b->len, p, n);
	b->len += n;
}

static void put_u32(mb2_builder_t *b, uint32_t v)
{
	put_bytes(b, &v, sizeof(v));
}

static void put_u64(mb2_builder_t *b, uint64_t v)
{
	put_bytes(b, &v, sizeof(v));
}

static void pad_to_align(mb2_builder_t *b)
{
	static const uint8_t zeros[MB2_ALIGN];
	size_t rem = b->len % MB2_ALIGN;
	if (rem)
		put_bytes(b, zeros, MB2_ALIGN - rem);
}

static size_t tag_begin(mb2_builder_t *b, uint32_t type)
{
	pad_to_align(b);
	size_t at = b->len;
	put_u32(b, type);
	put_u32(b, 0); /* size, patched by tag_finish */
	return at;
}

static void tag_finish(mb2_builder_t *b, size_t at)
{
	if (b->failed)
		return;
	uint32_t size = (uint32_t)(b->len - at);
	memcpy(b->buf + at + 4, &size, sizeof(size));
}

void mb2_build_begin(mb2_builder_t *b, void *buf, size_t cap)
{
	b->buf = buf;
	b->cap = cap;
	b->len = 0;
	b->failed = false;
	put_u32(b, 0); /* total_size, patched by mb2_build_end */
	put_u32(b, 0); /* reserved */
}

void mb2_build_raw_tag(mb2_builder_t *b, uint32_t type, const void *payload, size_t len)
{
	size_t at = tag_begin(b, type);
	put_bytes(b, payload, len);
	tag_finish(b, at);
}

void mb2_build_string_tag(mb2_builder_t *b, uint32_t type, const char *text)
{
	mb2_build_raw_tag(b, type, text, strlen(text) + 1);
}

void mb2_build_mmap(mb2_builder_t *b, const mb2_build_region_t *regions, size_t n)
{
	size_t at = tag_begin(b, MB2_TAG_MMAP);
	put_u32(b, MB2_MMAP_ENTRY_SIZE);
	put_u32(b, 0); /* entry_version */
	for (size_t i = 0; i < n; i++) {
		put_u64(b, regions[i].base);
		put_u64(b, regions[i].length);
		put_u32(b, regions[i].type);
		put_u32(b, 0);
	}
	tag_finish(b, at);
}

void mb2_build_module(mb2_builder_t *b, uint32_t start, uint32_t end, const char *name)
{
	size_t at = tag_begin(b, MB2_TAG_MODULE);
	put_u32(b, start);
	put_u32(b, end);
	put_bytes(b, name, strlen(name) + 1);
	tag_finish(b, at);
}

void mb2_build_framebuffer(mb2_builder_t *b, uint64_t addr, uint32_t pitch, uint32_t width, uint32_t height,
                           uint8_t bpp, uint8_t type)
{
	size_t at = tag_begin(b, MB2_TAG_FRAMEBUFFER);
	put_u64(b, addr);
	put_u32(b, pitch);
	put_u32(b, width);
	put_u32(b, height);
	uint8_t tail[4] = {bpp, type, 0, 0};
	put_bytes(b, tail, sizeof(tail));
	tag_finish(b, at);
}

size_t mb2_build_end(mb2_builder_t *b)
{
	pad_to_align(b);
	put_u32(b, MB2_TAG_END);
	put_u32(b, MB2_TAG_HEADER);
	if (b->failed)
		return 0;
	uint32_t total = (uint32_t)b->len;
	memcpy(b->buf, &total, sizeof(total));
	return b->len;
}
