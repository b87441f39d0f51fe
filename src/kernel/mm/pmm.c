/*
 * Physical memory manager: two bitmaps over the pages below the highest usable
 * address.
 *
 * "managed" says the PMM owns a page (usable and not reserved); "used" says it
 * is not free (in use, or never ours).  Keeping both lets a free tell a
 * double free from a free of memory we never owned, and refuse either without
 * touching anything.  The bitmaps are placed at init in the lowest free run
 * above 1 MiB that the boot-time direct map reaches (pmm_plan.c), so the
 * kernel image carries no 2 MiB array and small machines pay for small maps.
 *
 * Allocation is next-fit over 64-bit words (a hint remembers where the last
 * search stopped), limited to the pages the direct map reaches because every
 * page is zeroed through it.  Alloc and free run with interrupts masked.
 */
#include <aegis/errno.h>

#include "core/kstring.h"
#include "core/log.h"
#include "mm/pmm.h"
#include "mm/pmm_internal.h"
#include "mm/vmm.h"

#define PMM_BITS_PER_WORD 64u
#define PMM_BYTES_PER_MIB (1ull << 20)
#define PMM_ALL_ONES UINT64_MAX
#define PMM_BYTE_ALL_SET 0xFF

static uint64_t *pmm_used;    /* bit set: not free */
static uint64_t *pmm_managed; /* bit set: the PMM owns this page */
static uint64_t pmm_page_count; /* pages covered by the bitmaps */
static uint64_t pmm_word_count;
static uint64_t pmm_free_count;
static uint64_t pmm_total_count;
static uint64_t pmm_reach_pages; /* pages below this may be handed out */
static uint64_t pmm_hint_page;   /* next-fit: where the next search starts */

static uint64_t pmm_word_bit(uint64_t page)
{
	return 1ull << (page % PMM_BITS_PER_WORD);
}

static bool pmm_test(const uint64_t *map, uint64_t page)
{
	return (map[page / PMM_BITS_PER_WORD] & pmm_word_bit(page)) != 0;
}

/* Set or clear pages [first, end) of map, a word at a time where possible. */
static void pmm_fill(uint64_t *map, uint64_t first, uint64_t end, bool value)
{
	if (end > pmm_page_count)
		end = pmm_page_count;
	uint64_t page = first;
	while (page < end) {
		uint64_t word = page / PMM_BITS_PER_WORD;
		uint64_t bit = page % PMM_BITS_PER_WORD;
		uint64_t span = PMM_BITS_PER_WORD - bit;
		if (span > end - page)
			span = end - page;
		uint64_t mask = span == PMM_BITS_PER_WORD ? PMM_ALL_ONES : ((1ull << span) - 1) << bit;
		if (value)
			map[word] |= mask;
		else
			map[word] &= ~mask;
		page += span;
	}
}

static uint64_t pmm_count_bits(uint64_t word)
{
	uint64_t n = 0;
	while (word) {
		word &= word - 1;
		n++;
	}
	return n;
}

static uint64_t pmm_count_managed(void)
{
	uint64_t n = 0;
	for (uint64_t w = 0; w < pmm_word_count; w++)
		n += pmm_count_bits(pmm_managed[w]);
	return n;
}

static void pmm_reset(void)
{
	pmm_used = NULL;
	pmm_managed = NULL;
	pmm_page_count = 0;
	pmm_word_count = 0;
	pmm_free_count = 0;
	pmm_total_count = 0;
	pmm_reach_pages = 0;
	pmm_hint_page = 0;
}

int pmm_init(const bootinfo_t *info, const platform_layout_t *layout)
{
	pmm_reset();
	static pmm_plan_t plan; /* a few KiB: kept off the boot stack */
	int err = pmm_plan_build(info, layout, &plan);
	if (err)
		return err;

	pmm_page_count = plan.page_count;
	pmm_word_count = plan.word_count;
	pmm_used = vmm_phys_to_virt(plan.bitmap_phys);
	pmm_managed = pmm_used + pmm_word_count;
	kmemset(pmm_used, PMM_BYTE_ALL_SET, pmm_word_count * sizeof(uint64_t));
	kmemset(pmm_managed, 0, pmm_word_count * sizeof(uint64_t));

	for (size_t i = 0; i < plan.usable_count; i++) {
		pmm_fill(pmm_managed, plan.usable[i].first, plan.usable[i].end, true);
		pmm_fill(pmm_used, plan.usable[i].first, plan.usable[i].end, false);
	}
	uint64_t usable_pages = pmm_count_managed();
	for (size_t i = 0; i < plan.reserved_count; i++) {
		pmm_fill(pmm_managed, plan.reserved[i].first, plan.reserved[i].end, false);
		pmm_fill(pmm_used, plan.reserved[i].first, plan.reserved[i].end, true);
	}
	pmm_free_count = pmm_count_managed();
	pmm_total_count = pmm_free_count;
	pmm_reach_pages = layout->direct_map_size / PMM_PAGE_SIZE;
	if (pmm_free_count == 0) {
		boot_mark("PMM", MARK_FAIL, "no free memory left after the reservations");
		pmm_reset();
		return -ENOMEM;
	}
	boot_mark("PMM", MARK_OK, "%luMB usable across %lu regions",
	          (unsigned long)(usable_pages * PMM_PAGE_SIZE / PMM_BYTES_PER_MIB), (unsigned long)plan.region_count);
	return 0;
}

void pmm_extend_reach(uint64_t limit)
{
	uint64_t pages = limit / PMM_PAGE_SIZE;
	if (pages > pmm_reach_pages)
		pmm_reach_pages = pages;
}

uint64_t pmm_reachable_end(void)
{
	return pmm_reach_pages * PMM_PAGE_SIZE;
}

/* The free bits of word w that may be handed out now. */
static uint64_t pmm_word_candidates(uint64_t w, uint64_t limit_pages)
{
	uint64_t bits = ~pmm_used[w];
	uint64_t first = w * PMM_BITS_PER_WORD;
	if (first + PMM_BITS_PER_WORD > limit_pages) {
		uint64_t keep = limit_pages > first ? limit_pages - first : 0;
		bits &= keep ? (PMM_ALL_ONES >> (PMM_BITS_PER_WORD - keep)) : 0;
	}
	return bits;
}

static uint64_t pmm_take_page(void)
{
	uint64_t limit = pmm_reach_pages < pmm_page_count ? pmm_reach_pages : pmm_page_count;
	uint64_t words = (limit + PMM_BITS_PER_WORD - 1) / PMM_BITS_PER_WORD;
	if (pmm_free_count == 0 || words == 0)
		return PMM_NO_PAGE;
	uint64_t hint = pmm_hint_page < limit ? pmm_hint_page : 0;
	uint64_t start = hint / PMM_BITS_PER_WORD;
	/* words + 1 visits: the start word's upper part first, its lower part last. */
	for (uint64_t i = 0; i <= words; i++) {
		uint64_t w = (start + i) % words;
		uint64_t bits = pmm_word_candidates(w, limit);
		if (i == 0)
			bits &= PMM_ALL_ONES << (hint % PMM_BITS_PER_WORD);
		if (!bits)
			continue;
		uint64_t page = w * PMM_BITS_PER_WORD + (uint64_t)__builtin_ctzll(bits);
		pmm_used[w] |= pmm_word_bit(page);
		pmm_free_count--;
		pmm_hint_page = page + 1;
		return page * PMM_PAGE_SIZE;
	}
	return PMM_NO_PAGE;
}

uint64_t pmm_alloc_page(void)
{
	unsigned long irq = platform_irq_save();
	uint64_t pa = pmm_take_page();
	platform_irq_restore(irq);
	if (pa != PMM_NO_PAGE)
		kmemset(vmm_phys_to_virt(pa), 0, PMM_PAGE_SIZE);
	return pa;
}

static const char *pmm_check_free(uint64_t phys)
{
	if (phys % PMM_PAGE_SIZE)
		return "not page aligned";
	uint64_t page = phys / PMM_PAGE_SIZE;
	if (page >= pmm_page_count || !pmm_test(pmm_managed, page))
		return "not memory the PMM manages";
	if (!pmm_test(pmm_used, page))
		return "page is already free";
	return NULL;
}

int pmm_free_page(uint64_t phys)
{
	unsigned long irq = platform_irq_save();
	const char *why = pmm_check_free(phys);
	if (!why) {
		uint64_t page = phys / PMM_PAGE_SIZE;
		pmm_used[page / PMM_BITS_PER_WORD] &= ~pmm_word_bit(page);
		pmm_free_count++;
	}
	platform_irq_restore(irq);
	if (why) {
		boot_mark("PMM", MARK_WARN, "free of 0x%lx refused: %s", (unsigned long)phys, why);
		return -EINVAL;
	}
	return 0;
}

uint64_t pmm_free_pages(void)
{
	return pmm_free_count;
}

uint64_t pmm_total_pages(void)
{
	return pmm_total_count;
}
