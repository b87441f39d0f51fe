/*
 * Kernel virtual allocator: page-granular kernel memory in the platform's KVA
 * window, backed by PMM pages mapped in the kernel root.
 *
 * The first page of the window is a guard that is never mapped: test=panic
 * writes to it to prove the fault path.  Freed ranges are unmapped, so a use
 * after free faults instead of corrupting.
 *
 * Refinement (mm helper, spec/memory.md MEM-020..MEM-023): first-fit over a
 * sorted table of at most KVA_MAX_FREE_RANGES coalesced free ranges, then a
 * bump pointer; a bad free is refused with a WARN and changes nothing.
 */
#ifndef AEGIS_KERNEL_KVA_H
#define AEGIS_KERNEL_KVA_H

#include <stddef.h>
#include <stdint.h>

/* Separate free ranges remembered; beyond that a free loses its address range (with a WARN). */
#define KVA_MAX_FREE_RANGES 256u

/* Prints "[KVA] OK: kernel virtual allocator active". 0 or an -errno. */
int kva_init(void);

void *kva_alloc_pages(size_t npages); /* zeroed, NULL when out of memory or address space */
void kva_free_pages(void *addr, size_t npages);

/* An address inside the window that is never mapped. */
uintptr_t kva_guard_address(void);

#endif
