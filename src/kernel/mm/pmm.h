/*
 * Physical memory manager: one bit per 4 KiB page over the usable regions.
 *
 * pmm_init() marks usable Multiboot2 regions free, then reserves page 0 and
 * the first MiB, the kernel image, the Multiboot2 info and every boot module.
 * Pages above PMM_MAX_PHYS are ignored with a warning.  Allocation never hands
 * out a page twice; freeing a page that is not allocated is refused (-EINVAL)
 * and logged, never corrupts the bitmap.
 *
 * Refinement (mm helper): the bitmap is not a static array but lives in free
 * memory found at init (two bits per page: managed, in use), and allocation is
 * limited to what the boot-time direct map reaches until the VMM has built the
 * full one and calls pmm_extend_reach().  spec/memory.md, MEM-001..MEM-009.
 */
#ifndef AEGIS_KERNEL_PMM_H
#define AEGIS_KERNEL_PMM_H

#include <stddef.h>
#include <stdint.h>

#include "boot/bootinfo.h"
#include "platform.h"

#define PMM_PAGE_SIZE 4096u
#define PMM_MAX_PHYS (64ull << 30) /* physical memory tracked: 64 GiB */
#define PMM_NO_PAGE UINT64_MAX     /* pmm_alloc_page() when memory is exhausted */

/* Build the bitmap; prints "[PMM] OK: <N>MB usable across <M> regions". Returns 0 or -ENOMEM if nothing is usable. */
int pmm_init(const bootinfo_t *info, const platform_layout_t *layout);

uint64_t pmm_alloc_page(void);        /* a zeroed page, or PMM_NO_PAGE */
int pmm_free_page(uint64_t phys);     /* 0, or -EINVAL (unaligned, untracked, already free) */
uint64_t pmm_free_pages(void);        /* pages currently free */
uint64_t pmm_total_pages(void);       /* pages that were usable at init */

/* The direct map now reaches physical addresses below limit: hand them out too. */
void pmm_extend_reach(uint64_t limit);

/* One past the highest physical address that may be handed out now. */
uint64_t pmm_reachable_end(void);

#endif
