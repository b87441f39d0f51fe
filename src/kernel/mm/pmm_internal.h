/*
 * Between pmm.c and pmm_plan.c: the page ranges that pmm_init turns into bits.
 *
 * pmm_plan_build reads the memory map and the layout once and says, in whole
 * pages, which ranges are usable, which are reserved (the first MiB, kernel,
 * boot info, modules, every non-usable region, the bitmaps themselves) and
 * where the bitmaps go.  Keeping this apart from the bit twiddling lets each
 * file stay small and lets the placement rules be read in one place.
 */
#ifndef AEGIS_KERNEL_PMM_INTERNAL_H
#define AEGIS_KERNEL_PMM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "boot/bootinfo.h"
#include "platform.h"

/* Fixed reservations besides the map's own: first MiB, kernel, info, bitmaps. */
#define PMM_PLAN_FIXED_RESERVATIONS 4u
#define PMM_PLAN_MAX_RESERVED (BOOTINFO_MAX_REGIONS + BOOTINFO_MAX_MODULES + PMM_PLAN_FIXED_RESERVATIONS)

typedef struct {
	uint64_t first; /* first page number */
	uint64_t end;   /* one past the last page number */
} pmm_span_t;

typedef struct {
	pmm_span_t usable[BOOTINFO_MAX_REGIONS];
	size_t usable_count;
	pmm_span_t reserved[PMM_PLAN_MAX_RESERVED];
	size_t reserved_count;
	size_t region_count;   /* usable map entries that gave at least one page */
	uint64_t page_count;   /* pages covered by the bitmaps */
	uint64_t word_count;   /* 64-bit words per bitmap */
	uint64_t bitmap_phys;  /* where both bitmaps lie, one after the other */
} pmm_plan_t;

/* Fill *plan; 0, or -EINVAL / -ENOMEM after printing the [PMM] FAIL line. */
int pmm_plan_build(const bootinfo_t *info, const platform_layout_t *layout, pmm_plan_t *plan);

#endif
