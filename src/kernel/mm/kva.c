/*
 * Kernel virtual allocator: page ranges in the platform's KVA window.
 *
 * The window is [guard page][handed out or free ... | bump ... end).  Address
 * space is taken first-fit from a sorted table of free ranges, then from the
 * bump pointer.  Freed ranges merge with their neighbours, and a free range
 * that reaches the bump pointer is given back to it, so freeing everything
 * returns the window to its first state.  The table has a fixed size because
 * the allocator cannot allocate for itself (freed pages are unmapped, so the
 * list cannot live in them either); when it is full a free still returns the
 * frames and only the address range is lost, loudly.
 *
 * Every page handed out is a fresh zeroed PMM page mapped writable and
 * non-executable in the kernel root; a free unmaps before the frame goes back,
 * so a stale pointer faults.  A free that does not match what was handed out
 * is refused before anything changes.  Work runs with interrupts masked.
 */
#include <aegis/errno.h>

#include "core/log.h"
#include "mm/kva.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "platform.h"

typedef struct {
	uintptr_t start;
	uint64_t pages;
} kva_range_t;

static kva_range_t kva_free_ranges[KVA_MAX_FREE_RANGES]; /* sorted by start, never adjacent */
static size_t kva_free_count;
static uintptr_t kva_first; /* first page that may be handed out (after the guard) */
static uintptr_t kva_bump;  /* nothing at or above was handed out since it last moved down */
static uintptr_t kva_end;   /* end of the window */
static vmm_root_t kva_root;
static bool kva_ready;

static uintptr_t kva_range_end(const kva_range_t *r)
{
	return r->start + (uintptr_t)(r->pages * VMM_PAGE_SIZE);
}

static void kva_remove_range(size_t i)
{
	for (; i + 1 < kva_free_count; i++)
		kva_free_ranges[i] = kva_free_ranges[i + 1];
	kva_free_count--;
}

/* Give the last free ranges back to the bump pointer while they touch it. */
static void kva_lower_bump(void)
{
	while (kva_free_count && kva_range_end(&kva_free_ranges[kva_free_count - 1]) == kva_bump) {
		kva_bump = kva_free_ranges[kva_free_count - 1].start;
		kva_free_count--;
	}
}

/* Reserve n pages of address space: the start, or 0. */
static uintptr_t kva_take(uint64_t n)
{
	for (size_t i = 0; i < kva_free_count; i++) {
		kva_range_t *r = &kva_free_ranges[i];
		if (r->pages < n)
			continue;
		uintptr_t start = r->start;
		r->start += (uintptr_t)(n * VMM_PAGE_SIZE);
		r->pages -= n;
		if (r->pages == 0)
			kva_remove_range(i);
		return start;
	}
	if ((kva_end - kva_bump) / VMM_PAGE_SIZE < n)
		return 0;
	uintptr_t start = kva_bump;
	kva_bump += (uintptr_t)(n * VMM_PAGE_SIZE);
	return start;
}

/* Return n pages at start to the free address space; false when the table had no room. */
static bool kva_release(uintptr_t start, uint64_t n)
{
	uintptr_t end = start + (uintptr_t)(n * VMM_PAGE_SIZE);
	size_t i = 0;
	while (i < kva_free_count && kva_free_ranges[i].start < start)
		i++;
	bool with_prev = i > 0 && kva_range_end(&kva_free_ranges[i - 1]) == start;
	bool with_next = i < kva_free_count && kva_free_ranges[i].start == end;
	if (with_prev && with_next) {
		kva_free_ranges[i - 1].pages += n + kva_free_ranges[i].pages;
		kva_remove_range(i);
	} else if (with_prev) {
		kva_free_ranges[i - 1].pages += n;
	} else if (with_next) {
		kva_free_ranges[i].start = start;
		kva_free_ranges[i].pages += n;
	} else if (end == kva_bump) {
		kva_bump = start;
	} else if (kva_free_count < KVA_MAX_FREE_RANGES) {
		for (size_t j = kva_free_count; j > i; j--)
			kva_free_ranges[j] = kva_free_ranges[j - 1];
		kva_free_ranges[i] = (kva_range_t){start, n};
		kva_free_count++;
	} else {
		return false;
	}
	kva_lower_bump();
	return true;
}

/* Unmap the first n pages at start and return their frames. */
static void kva_unback(uintptr_t start, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t pa;
		if (vmm_unmap_page(kva_root, start + (uintptr_t)(i * VMM_PAGE_SIZE), &pa) == 0)
			pmm_free_page(pa);
	}
}

void *kva_alloc_pages(size_t npages)
{
	if (!kva_ready || npages == 0 || npages > (kva_end - kva_first) / VMM_PAGE_SIZE)
		return NULL;
	unsigned long irq = platform_irq_save();
	uintptr_t start = kva_take(npages);
	uint64_t done = 0;
	while (start && done < npages) {
		uintptr_t va = start + (uintptr_t)(done * VMM_PAGE_SIZE);
		uint64_t pa = pmm_alloc_page();
		if (pa == PMM_NO_PAGE)
			break;
		if (vmm_map_page(kva_root, va, pa, VMM_WRITE) != 0) {
			pmm_free_page(pa);
			break;
		}
		done++;
	}
	if (start && done < npages) {
		kva_unback(start, done);
		kva_release(start, npages); /* merges with the range it came from: never needs a slot */
		start = 0;
	}
	platform_irq_restore(irq);
	return (void *)start;
}

/* Why [start, start + n pages) is not a range currently handed out, or NULL. */
static const char *kva_check_allocated(uintptr_t start, size_t n)
{
	if (!kva_ready)
		return "allocator not started";
	if (n == 0)
		return "zero pages";
	if (start % VMM_PAGE_SIZE)
		return "not page aligned";
	if (start == kva_first - VMM_PAGE_SIZE)
		return "the guard page is never allocated";
	if (start < kva_first || start >= kva_end)
		return "outside the KVA window";
	if (start >= kva_bump || n > (kva_bump - start) / VMM_PAGE_SIZE)
		return "beyond the pages handed out";
	uintptr_t end = start + (uintptr_t)(n * VMM_PAGE_SIZE);
	for (size_t i = 0; i < kva_free_count; i++)
		if (kva_free_ranges[i].start < end && start < kva_range_end(&kva_free_ranges[i]))
			return "pages already free";
	return NULL;
}

void kva_free_pages(void *addr, size_t npages)
{
	uintptr_t start = (uintptr_t)addr;
	unsigned long irq = platform_irq_save();
	const char *why = kva_check_allocated(start, npages);
	bool kept = true;
	if (!why) {
		kva_unback(start, npages);
		kept = kva_release(start, npages);
	}
	platform_irq_restore(irq);
	if (why)
		boot_mark("KVA", MARK_WARN, "free of %p (%lu pages) refused: %s", addr, (unsigned long)npages, why);
	else if (!kept)
		boot_mark("KVA", MARK_WARN, "free-range table full, %lu pages of address space lost",
		          (unsigned long)npages);
}

uintptr_t kva_guard_address(void)
{
	return platform_layout()->kva_base;
}

int kva_init(void)
{
	const platform_layout_t *layout = platform_layout();
	kva_ready = false;
	kva_free_count = 0;
	kva_root = vmm_kernel_root();
	const char *why = NULL;
	if (!kva_root)
		why = "no kernel page tables (vmm_init has not run)";
	else if (layout->kva_base % VMM_PAGE_SIZE || layout->kva_size % VMM_PAGE_SIZE)
		why = "window not page aligned";
	else if (layout->kva_size < 2ull * VMM_PAGE_SIZE || layout->kva_size > UINTPTR_MAX - layout->kva_base)
		why = "window too small or wraps around";
	else if (vmm_resolve(kva_root, layout->kva_base, NULL, NULL) == 0)
		why = "the guard page is mapped";
	else if (vmm_prepare_range(kva_root, layout->kva_base, layout->kva_size) != 0)
		why = "no memory for the window's top-level page tables";
	if (why) {
		boot_mark("KVA", MARK_FAIL, "%s", why);
		return -EINVAL;
	}
	kva_first = layout->kva_base + VMM_PAGE_SIZE;
	kva_bump = kva_first;
	kva_end = layout->kva_base + (uintptr_t)layout->kva_size;
	kva_ready = true;
	boot_mark("KVA", MARK_OK, "kernel virtual allocator active");
	return 0;
}
