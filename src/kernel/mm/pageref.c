/*
 * Owner counts of physical frames (see pageref.h, spec/user-memory.md UVM-070).
 *
 * A flat array indexed by frame number, sized once from the PMM's reach and
 * placed in KVA pages: 2 bytes per 4 KiB frame (0.05 % of memory).
 */
#include "mm/pageref.h"

#include <aegis/errno.h>
#include <stddef.h>

#include "mm/kva.h"
#include "mm/pmm.h"

#define PAGEREF_EXTRA_MAX (PAGEREF_MAX_OWNERS - 1u)

static uint16_t *pageref_extra; /* owners - 1, per frame */
static uint64_t pageref_frames;

void pageref_reset(void)
{
	pageref_extra = NULL;
	pageref_frames = 0;
}

int pageref_init(void)
{
	if (pageref_extra)
		return 0;
	uint64_t frames = pmm_reachable_end() / PMM_PAGE_SIZE;
	uint64_t bytes = frames * sizeof(uint16_t);
	size_t pages = (size_t)((bytes + PMM_PAGE_SIZE - 1) / PMM_PAGE_SIZE);
	if (pages == 0)
		return -ENOMEM;
	uint16_t *table = kva_alloc_pages(pages); /* zeroed: every frame starts with one owner */
	if (!table)
		return -ENOMEM;
	pageref_extra = table;
	pageref_frames = frames;
	return 0;
}

/* The counter of pa, or NULL when the table does not cover it. */
static uint16_t *pageref_slot(uint64_t pa)
{
	if (!pageref_extra || pa % PMM_PAGE_SIZE || pa / PMM_PAGE_SIZE >= pageref_frames)
		return NULL;
	return &pageref_extra[pa / PMM_PAGE_SIZE];
}

int pageref_share(uint64_t pa)
{
	if (pa % PMM_PAGE_SIZE)
		return -EINVAL;
	if (pageref_init() != 0)
		return -ENOMEM;
	uint16_t *slot = pageref_slot(pa);
	if (!slot)
		return -EINVAL;
	if (*slot >= PAGEREF_EXTRA_MAX)
		return -ENOMEM;
	(*slot)++;
	return 0;
}

bool pageref_unshare(uint64_t pa)
{
	uint16_t *slot = pageref_slot(pa);
	if (!slot || *slot == 0)
		return true;
	(*slot)--;
	return false;
}

uint32_t pageref_owners(uint64_t pa)
{
	uint16_t *slot = pageref_slot(pa);
	return slot ? (uint32_t)*slot + 1u : 1u;
}
