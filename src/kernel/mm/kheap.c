/*
 * The kernel heap (see kheap.h and spec/memory.md MEM-030..034).
 *
 * Every heap page begins with a header of HEADER_BYTES.  A slab page holds
 * blocks of one size class after its header and a bitmap of which are live;
 * slabs with a free block are kept on a per-class list.  A large block is a
 * run of KVA pages whose first page starts with a header giving the run's
 * length.  Each header carries a tag derived from its own address, so a page
 * whose contents merely look like a header (data copied from elsewhere) is not
 * taken for one.  kfree checks, in this order: inside the KVA window, page
 * mapped, header tag, block start, block live; only then does it change state.
 */
#include "mm/kheap.h"

#include <stdbool.h>

#include "core/kstring.h"
#include "core/log.h"
#include "mm/kva.h"
#include "mm/vmm.h"
#include "platform.h"

#define HEAP_PAGE PLATFORM_PAGE_SIZE
#define HEADER_BYTES 64u
#define CLASS_COUNT 7u
#define SLAB_BITMAP_WORDS 4u /* 256 blocks: enough for (4096 - 64) / 16 */
#define TAG_SLAB 0x5ab5ab5ab5ab5ab5ull
#define TAG_LARGE 0x1a7e1a7e1a7e1a7eull

typedef struct kheap_slab {
	uint64_t tag; /* page address ^ TAG_SLAB */
	uint16_t class_index;
	uint16_t free_count;
	uint32_t reserved;
	struct kheap_slab *next; /* on partial_slabs[class] while free_count > 0 */
	struct kheap_slab *prev;
	uint64_t used[SLAB_BITMAP_WORDS];
} kheap_slab_t;

typedef struct {
	uint64_t tag; /* page address ^ TAG_LARGE */
	uint64_t pages;
	uint64_t bytes;
} kheap_large_t;

_Static_assert(sizeof(kheap_slab_t) <= HEADER_BYTES, "slab header must fit its reserved space");
_Static_assert(sizeof(kheap_large_t) <= HEADER_BYTES, "large header must fit its reserved space");
_Static_assert(HEADER_BYTES % KHEAP_ALIGN == 0, "blocks after the header stay aligned");

static const uint32_t class_bytes[CLASS_COUNT] = {16, 32, 64, 128, 256, 512, KHEAP_SLAB_MAX};
static kheap_slab_t *partial_slabs[CLASS_COUNT];
static kheap_stats_t heap_stats;

void kheap_init(void)
{
	kmemset(partial_slabs, 0, sizeof(partial_slabs));
	kmemset(&heap_stats, 0, sizeof(heap_stats));
}

static uint32_t class_capacity(unsigned ci)
{
	return (HEAP_PAGE - HEADER_BYTES) / class_bytes[ci];
}

static unsigned class_for(size_t bytes)
{
	unsigned ci = 0;
	while (class_bytes[ci] < bytes)
		ci++;
	return ci;
}

static void partial_push(kheap_slab_t *s)
{
	kheap_slab_t **head = &partial_slabs[s->class_index];
	s->prev = NULL;
	s->next = *head;
	if (*head)
		(*head)->prev = s;
	*head = s;
}

static void partial_remove(kheap_slab_t *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		partial_slabs[s->class_index] = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

static kheap_slab_t *slab_create(unsigned ci)
{
	kheap_slab_t *s = kva_alloc_pages(1);
	if (!s)
		return NULL;
	s->tag = (uint64_t)(uintptr_t)s ^ TAG_SLAB;
	s->class_index = (uint16_t)ci;
	s->free_count = (uint16_t)class_capacity(ci);
	heap_stats.slab_pages++;
	partial_push(s);
	return s;
}

static void *slab_take(kheap_slab_t *s)
{
	uint32_t cap = class_capacity(s->class_index);
	for (uint32_t i = 0; i < cap; i++) {
		uint64_t bit = 1ull << (i % 64);
		if (s->used[i / 64] & bit)
			continue;
		s->used[i / 64] |= bit;
		if (--s->free_count == 0)
			partial_remove(s);
		unsigned char *block = (unsigned char *)s + HEADER_BYTES + (size_t)i * class_bytes[s->class_index];
		kmemset(block, 0, class_bytes[s->class_index]);
		return block;
	}
	return NULL; /* unreachable while free_count is right */
}

static void *large_alloc(size_t bytes)
{
	size_t pages = (bytes + HEADER_BYTES + HEAP_PAGE - 1) / HEAP_PAGE;
	kheap_large_t *h = kva_alloc_pages(pages);
	if (!h)
		return NULL;
	h->tag = (uint64_t)(uintptr_t)h ^ TAG_LARGE;
	h->pages = pages;
	h->bytes = bytes;
	heap_stats.large_pages += pages;
	return (unsigned char *)h + HEADER_BYTES;
}

void *kmalloc(size_t bytes)
{
	if (bytes == 0 || bytes > KHEAP_MAX_BYTES)
		return NULL;
	unsigned long irq = platform_irq_save();
	void *block;
	if (bytes <= KHEAP_SLAB_MAX) {
		unsigned ci = class_for(bytes);
		kheap_slab_t *s = partial_slabs[ci] ? partial_slabs[ci] : slab_create(ci);
		block = s ? slab_take(s) : NULL;
	} else {
		block = large_alloc(bytes);
	}
	if (block)
		heap_stats.live_blocks++;
	platform_irq_restore(irq);
	return block;
}

void *kcalloc(size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		return NULL;
	return kmalloc(count * size);
}

static void refuse(const void *block, const char *reason)
{
	printk("[HEAP] WARN: free of %p refused: %s\n", block, reason);
}

static bool heap_page_mapped(uintptr_t page)
{
	const platform_layout_t *layout = platform_layout();
	if (page < layout->kva_base || page - layout->kva_base >= layout->kva_size)
		return false;
	return vmm_resolve(vmm_kernel_root(), page, NULL, NULL) == 0;
}

static void slab_free(kheap_slab_t *s, const void *block, uintptr_t offset)
{
	uint32_t size = class_bytes[s->class_index];
	uint32_t cap = class_capacity(s->class_index);
	if (offset < HEADER_BYTES || (offset - HEADER_BYTES) % size || (offset - HEADER_BYTES) / size >= cap) {
		refuse(block, "not the start of a block");
		return;
	}
	uint32_t i = (uint32_t)((offset - HEADER_BYTES) / size);
	uint64_t bit = 1ull << (i % 64);
	if (!(s->used[i / 64] & bit)) {
		refuse(block, "already free");
		return;
	}
	s->used[i / 64] &= ~bit;
	heap_stats.live_blocks--;
	bool was_listed = s->free_count > 0;
	if (++s->free_count == cap) {
		if (was_listed)
			partial_remove(s);
		s->tag = 0;
		heap_stats.slab_pages--;
		kva_free_pages(s, 1);
	} else if (!was_listed) {
		partial_push(s);
	}
}

void kfree(void *block)
{
	if (!block)
		return;
	uintptr_t addr = (uintptr_t)block;
	uintptr_t page = addr & ~(uintptr_t)(HEAP_PAGE - 1);
	unsigned long irq = platform_irq_save();
	if (!heap_page_mapped(page)) {
		refuse(block, "not a heap address");
	} else if (*(const uint64_t *)page == ((uint64_t)page ^ TAG_SLAB) &&
	           ((const kheap_slab_t *)page)->class_index < CLASS_COUNT) {
		slab_free((kheap_slab_t *)page, block, addr - page);
	} else if (*(const uint64_t *)page == ((uint64_t)page ^ TAG_LARGE)) {
		kheap_large_t *h = (kheap_large_t *)page;
		if (addr - page != HEADER_BYTES) {
			refuse(block, "not the start of a block");
		} else {
			uint64_t pages = h->pages;
			h->tag = 0;
			heap_stats.large_pages -= pages;
			heap_stats.live_blocks--;
			kva_free_pages(h, pages);
		}
	} else {
		refuse(block, "not a heap block");
	}
	platform_irq_restore(irq);
}

void kheap_stats(kheap_stats_t *out)
{
	*out = heap_stats;
}
