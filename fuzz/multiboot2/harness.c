/*
 * Fuzz harness for mb2_parse (src/kernel/boot/multiboot2.c).
 *
 * Supports spec/multiboot2.md MB2-001, MB2-002 and MB2-003: whatever the
 * bytes, the parser must not crash or read outside the input (ASan sees an
 * exact-size buffer), and its result must keep the contract: on success
 * every string lies inside the structure and is terminated there, counts are
 * within bootinfo_t, modules are non-empty, regions and the framebuffer do
 * not wrap; on failure the status is -EINVAL, the reason is one non-empty
 * line and the output is all zero.  A broken invariant aborts, which the
 * fuzzer records as a crash.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>

#include "boot/multiboot2.h"
#include "fuzz.h"

#define HARNESS_REASON_MAX 160
#define HARNESS_SHORT_REASON 9 /* also exercise truncation of the reason */
/* The contract's limits (spec/multiboot2.md), restated here so the harness checks, not trusts. */
#define HARNESS_MIN_TOTAL 16u
#define HARNESS_ALIGN 8u
#define HARNESS_FB_TYPE_MAX 2u
#define HARNESS_FB_BPP_MAX 32u
#define HARNESS_BITS_PER_BYTE 8u

static void harness_fail(const char *what)
{
	fprintf(stderr, "multiboot2 harness: invariant broken: %s\n", what);
	abort();
}

static bool harness_string_inside(const char *s, const uint8_t *base, size_t size)
{
	const uint8_t *p = (const uint8_t *)s;
	if (p < base || p >= base + size)
		return false;
	return memchr(p, '\0', (size_t)(base + size - p)) != NULL;
}

static bool harness_all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

static void harness_check_success(const bootinfo_t *bi, const uint8_t *data, size_t size)
{
	if (bi->info_size < HARNESS_MIN_TOTAL || bi->info_size > size || bi->info_size > MB2_INFO_MAX ||
	    bi->info_size % HARNESS_ALIGN)
		harness_fail("info_size out of range");
	size_t total = bi->info_size;
	if (bi->cmdline && !harness_string_inside(bi->cmdline, data, total))
		harness_fail("cmdline outside the structure");
	if (bi->loader_name && !harness_string_inside(bi->loader_name, data, total))
		harness_fail("loader name outside the structure");
	if (bi->region_count > BOOTINFO_MAX_REGIONS || bi->module_count > BOOTINFO_MAX_MODULES)
		harness_fail("count beyond bootinfo_t");
	for (size_t i = 0; i < bi->module_count; i++) {
		const boot_module_t *m = &bi->modules[i];
		if (m->start >= m->end || !m->name || !harness_string_inside(m->name, data, total))
			harness_fail("bad module");
	}
	for (size_t i = 0; i < bi->region_count; i++)
		if (bi->regions[i].length > UINT64_MAX - bi->regions[i].base)
			harness_fail("region wraps");
	const boot_framebuffer_t *fb = &bi->framebuffer;
	if (fb->present &&
	    (fb->type > HARNESS_FB_TYPE_MAX || fb->bpp == 0 || fb->bpp > HARNESS_FB_BPP_MAX || !fb->width ||
	     !fb->height ||
	     (uint64_t)fb->pitch <
	         (uint64_t)fb->width * ((fb->bpp + HARNESS_BITS_PER_BYTE - 1) / HARNESS_BITS_PER_BYTE) ||
	     fb->addr > UINT64_MAX - (uint64_t)fb->pitch * fb->height))
		harness_fail("bad framebuffer");
	if (bi->info_phys != 0)
		harness_fail("info_phys set by the parser");
}

static void harness_check_failure(int rc, const bootinfo_t *bi, const char *err)
{
	if (rc != -EINVAL)
		harness_fail("failure status is not -EINVAL");
	if (!err[0] || strchr(err, '\n'))
		harness_fail("reason empty or more than one line");
	if (!harness_all_zero(bi, sizeof(*bi)))
		harness_fail("output not wiped after failure");
}

int fuzz_one(const uint8_t *data, size_t size)
{
	static bootinfo_t bi;
	char err[HARNESS_REASON_MAX];
	memset(&bi, 0xA5, sizeof(bi));
	int rc = mb2_parse(data, size, &bi, err, sizeof(err));
	if (rc == 0)
		harness_check_success(&bi, data, size);
	else
		harness_check_failure(rc, &bi, err);

	/* Same input, a reason buffer too small for any reason: same verdict, terminated reason. */
	char small[HARNESS_SHORT_REASON];
	memset(small, 'x', sizeof(small));
	int again = mb2_parse(data, size, &bi, small, sizeof(small));
	if (again != rc)
		harness_fail("verdict changed between two parses");
	if (rc != 0 && strnlen(small, sizeof(small)) != sizeof(small) - 1)
		harness_fail("short reason not truncated and terminated");
	return 0;
}
