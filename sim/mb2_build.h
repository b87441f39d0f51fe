/*
 * A small Multiboot2 information builder for host code: the simulator builds
 * the info it hands to kernel_main with it, and tests and fuzz corpora build
 * well-formed (and deliberately broken) inputs for mb2_parse with it.
 *
 * Usage: mb2_build_begin(&b, buf, cap); add tags; size = mb2_build_end(&b).
 * Every call checks the remaining space; once full, the builder stays failed
 * and mb2_build_end returns 0.
 */
#ifndef AEGIS_SIM_MB2_BUILD_H
#define AEGIS_SIM_MB2_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MB2_TAG_END 0u
#define MB2_TAG_CMDLINE 1u
#define MB2_TAG_LOADER_NAME 2u
#define MB2_TAG_MODULE 3u
#define MB2_TAG_MMAP 6u
#define MB2_TAG_FRAMEBUFFER 8u
#define MB2_MMAP_ENTRY_SIZE 24u

typedef struct {
	uint8_t *buf;
	size_t cap;
	size_t len;
	bool failed;
} mb2_builder_t;

typedef struct {
	uint64_t base;
	uint64_t length;
	uint32_t type;
} mb2_build_region_t;

void mb2_build_begin(mb2_builder_t *b, void *buf, size_t cap);
void mb2_build_string_tag(mb2_builder_t *b, uint32_t type, const char *text);
void mb2_build_mmap(mb2_builder_t *b, const mb2_build_region_t *regions, size_t n);
void mb2_build_module(mb2_builder_t *b, uint32_t start, uint32_t end, const char *name);
void mb2_build_framebuffer(mb2_builder_t *b, uint64_t addr, uint32_t pitch, uint32_t width, uint32_t height,
                           uint8_t bpp, uint8_t type);
/* Any tag with raw payload bytes (for malformed-input tests). */
void mb2_build_raw_tag(mb2_builder_t *b, uint32_t type, const void *payload, size_t len);
/* Append the end tag and fill in total_size; returns it, or 0 when the buffer was too small. */
size_t mb2_build_end(mb2_builder_t *b);

#endif
