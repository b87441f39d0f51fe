/*
 * Page-granular kernel memory for the platform's own records (the
 * kernel_pages_alloc call of the platform contract): x86_64 kernel stacks and
 * user register areas.  A thin layer over the KVA allocator that can leave
 * the first page unmapped as a guard below a stack.
 */
#include "mm/kva.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "platform.h"

void *kernel_pages_alloc(size_t npages, bool guard)
{
	if (npages == 0)
		return NULL;
	size_t total = npages + (guard ? 1u : 0u);
	uint8_t *base = kva_alloc_pages(total);
	if (!base)
		return NULL;
	if (!guard)
		return base;
	uint64_t frame = 0;
	if (vmm_unmap_page(vmm_kernel_root(), (uintptr_t)base, &frame) != 0) {
		kva_free_pages(base, total);
		return NULL;
	}
	(void)pmm_free_page(frame);
	return base + VMM_PAGE_SIZE;
}

void kernel_pages_free(void *addr, size_t npages, bool guard)
{
	if (!addr || npages == 0)
		return;
	uint8_t *base = addr;
	if (guard) {
		/* Give the guard its page back so the KVA allocator frees a fully mapped range. */
		base -= VMM_PAGE_SIZE;
		uint64_t frame = pmm_alloc_page();
		if (frame == PMM_NO_PAGE || vmm_map_page(vmm_kernel_root(), (uintptr_t)base, frame, VMM_WRITE) != 0) {
			if (frame != PMM_NO_PAGE)
				(void)pmm_free_page(frame);
			/* Keep the guard hole; free what follows it. */
			kva_free_pages(addr, npages);
			return;
		}
	}
	kva_free_pages(base, npages + (guard ? 1u : 0u));
}
