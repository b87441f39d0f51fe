/*
 * The PMM's plan: which pages are usable, which are reserved, where the
 * bitmaps go.  See pmm_internal.h.
 *
 * Usable regions are shrunk to whole pages, everything else is grown to whole
 * pages, and reservations are applied after the usable ranges, so a page that
 * any non-usable region touches is never free whatever the order of the map.
 * Nothing at or above PMM_MAX_PHYS is tracked.  Usable ranges are merged
 * where they overlap or touch; the bitmaps go to the lowest run of pages
 * above 1 MiB that lies inside one merged usable range, meets no
 * reservation and is reached by the boot-time direct map (they are written
 * through it before the VMM exists).
 */
#include <aegis/errno.h>

#include "core/log.h"
#include "mm/pmm.h"
#include "mm/pmm_internal.h"

#define PMM_LOW_MEMORY_END (1ull << 20) /* page 0 and the legacy first MiB */
#define PMM_BITMAPS 2u                 /* managed + used */
#define PMM_WORD_BITS 64u
#define PMM_WORD_BYTES 8u
#define PMM_MIB (1ull << 20)
#define PMM_KIB 1024u
#define PMM_MAX_PAGES (PMM_MAX_PHYS / PMM_PAGE_SIZE)

static uint64_t pmm_pages_down(uint64_t addr)
{
	return addr / PMM_PAGE_SIZE;
}

static uint64_t pmm_pages_up(uint64_t addr)
{
	return addr / PMM_PAGE_SIZE + (addr % PMM_PAGE_SIZE != 0);
}

/* One past the last byte, saturating instead of wrapping. */
static uint64_t pmm_range_end(uint64_t base, uint64_t length)
{
	return length > UINT64_MAX - base ? UINT64_MAX : base + length;
}

/* Reserve bytes [start, end) grown to whole pages, clipped to the tracked range. */
static void pmm_plan_reserve(pmm_plan_t *plan, uint64_t start, uint64_t end)
{
	uint64_t first = pmm_pages_down(start);
	uint64_t last = pmm_pages_up(end);
	if (last > PMM_MAX_PAGES)
		last = PMM_MAX_PAGES;
	if (first >= last || plan->reserved_count >= PMM_PLAN_MAX_RESERVED)
		return;
	plan->reserved[plan->reserved_count++] = (pmm_span_t){first, last};
}

/* Usable entries become page spans; everything else a reservation. Returns the usable bytes ignored. */
static uint64_t pmm_plan_regions(const bootinfo_t *info, pmm_plan_t *plan)
{
	uint64_t ignored = 0;
	size_t count = info->region_count < BOOTINFO_MAX_REGIONS ? info->region_count : BOOTINFO_MAX_REGIONS;
	for (size_t i = 0; i < count; i++) {
		const mem_region_t *r = &info->regions[i];
		uint64_t end = pmm_range_end(r->base, r->length);
		if (r->length == 0)
			continue;
		if (r->type != MEM_REGION_USABLE) {
			pmm_plan_reserve(plan, r->base, end);
			continue;
		}
		if (end > PMM_MAX_PHYS) {
			ignored += end - (r->base > PMM_MAX_PHYS ? r->base : PMM_MAX_PHYS);
			end = PMM_MAX_PHYS;
		}
		uint64_t first = pmm_pages_up(r->base);
		uint64_t last = pmm_pages_down(end);
		if (first >= last)
			continue;
		plan->usable[plan->usable_count++] = (pmm_span_t){first, last};
		plan->region_count++;
		if (last > plan->page_count)
			plan->page_count = last;
	}
	return ignored;
}

/* Sort the usable spans and merge those that overlap or touch, so placement sees whole runs. */
static void pmm_plan_merge_usable(pmm_plan_t *plan)
{
	for (size_t i = 1; i < plan->usable_count; i++) {
		pmm_span_t s = plan->usable[i];
		size_t j = i;
		for (; j > 0 && plan->usable[j - 1].first > s.first; j--)
			plan->usable[j] = plan->usable[j - 1];
		plan->usable[j] = s;
	}
	size_t out = 0;
	for (size_t i = 0; i < plan->usable_count; i++) {
		if (out && plan->usable[i].first <= plan->usable[out - 1].end) {
			if (plan->usable[i].end > plan->usable[out - 1].end)
				plan->usable[out - 1].end = plan->usable[i].end;
		} else {
			plan->usable[out++] = plan->usable[i];
		}
	}
	plan->usable_count = out;
}

static void pmm_plan_fixed(const bootinfo_t *info, const platform_layout_t *layout, pmm_plan_t *plan)
{
	pmm_plan_reserve(plan, 0, PMM_LOW_MEMORY_END);
	pmm_plan_reserve(plan, layout->kernel_phys_start, layout->kernel_phys_end);
	pmm_plan_reserve(plan, info->info_phys, pmm_range_end(info->info_phys, info->info_size));
	size_t count = info->module_count < BOOTINFO_MAX_MODULES ? info->module_count : BOOTINFO_MAX_MODULES;
	for (size_t i = 0; i < count; i++) {
		const boot_module_t *m = &info->modules[i];
		/* A reversed module is still reserved: better lose a range than hand out a module. */
		if (m->start <= m->end)
			pmm_plan_reserve(plan, m->start, m->end);
		else
			pmm_plan_reserve(plan, m->end, m->start);
	}
}

/* The reservation overlapping pages [first, first + n), or NULL. */
static const pmm_span_t *pmm_plan_conflict(const pmm_plan_t *plan, uint64_t first, uint64_t n)
{
	for (size_t i = 0; i < plan->reserved_count; i++) {
		const pmm_span_t *r = &plan->reserved[i];
		if (r->first < first + n && first < r->end)
			return r;
	}
	return NULL;
}

/* Lowest page where n pages fit, or UINT64_MAX. */
static uint64_t pmm_plan_place(const pmm_plan_t *plan, uint64_t n, uint64_t reach_pages)
{
	uint64_t best = UINT64_MAX;
	for (size_t i = 0; i < plan->usable_count; i++) {
		const pmm_span_t *u = &plan->usable[i];
		uint64_t cand = u->first > pmm_pages_down(PMM_LOW_MEMORY_END) ? u->first : pmm_pages_down(PMM_LOW_MEMORY_END);
		while (cand + n <= u->end && cand + n <= reach_pages && cand < best) {
			const pmm_span_t *r = pmm_plan_conflict(plan, cand, n);
			if (!r) {
				best = cand;
				break;
			}
			cand = r->end;
		}
	}
	return best;
}

int pmm_plan_build(const bootinfo_t *info, const platform_layout_t *layout, pmm_plan_t *plan)
{
	*plan = (pmm_plan_t){0};
	if (!info || !layout) {
		boot_mark("PMM", MARK_FAIL, "no memory map");
		return -EINVAL;
	}
	uint64_t ignored = pmm_plan_regions(info, plan);
	if (ignored)
		boot_mark("PMM", MARK_WARN, "ignoring %luMB of usable memory above the %lu GiB tracking limit",
		          (unsigned long)(ignored / PMM_MIB), (unsigned long)(PMM_MAX_PHYS >> 30));
	if (plan->usable_count == 0) {
		boot_mark("PMM", MARK_FAIL, "no usable memory in the memory map");
		return -ENOMEM;
	}
	pmm_plan_merge_usable(plan);
	pmm_plan_fixed(info, layout, plan);

	plan->word_count = (plan->page_count + PMM_WORD_BITS - 1) / PMM_WORD_BITS;
	uint64_t bytes = PMM_BITMAPS * plan->word_count * PMM_WORD_BYTES;
	uint64_t pages = pmm_pages_up(bytes);
	uint64_t at = pmm_plan_place(plan, pages, pmm_pages_down(layout->direct_map_size));
	if (at == UINT64_MAX) {
		boot_mark("PMM", MARK_FAIL, "no room for the %lu KiB page bitmap in directly mapped memory",
		          (unsigned long)((bytes + PMM_KIB - 1) / PMM_KIB));
		return -ENOMEM;
	}
	plan->bitmap_phys = at * PMM_PAGE_SIZE;
	pmm_plan_reserve(plan, plan->bitmap_phys, plan->bitmap_phys + pages * PMM_PAGE_SIZE);
	return 0;
}
