/*
 * The kernel heap: kmalloc/kfree for small and variable-size kernel objects.
 *
 * Blocks up to KHEAP_SLAB_MAX bytes come from one-page slabs of power-of-two
 * size classes; larger ones get whole KVA pages with a header page-prefix.
 * Every page starts with a header whose magic says which kind it is, so kfree
 * can check a pointer (mapped? heap page? block start? live?) before it
 * changes anything: a bad free is refused with a WARN (spec/memory.md
 * MEM-030..034).  Blocks are always zero-filled.
 */
#ifndef AEGIS_KERNEL_KHEAP_H
#define AEGIS_KERNEL_KHEAP_H

#include <stddef.h>
#include <stdint.h>

#define KHEAP_ALIGN 16u
#define KHEAP_SLAB_MAX 1024u
#define KHEAP_MAX_BYTES (16u << 20)

/* Start with an empty heap on the KVA (after kva_init); silent. */
void kheap_init(void);

void *kmalloc(size_t bytes);
void *kcalloc(size_t count, size_t size);
void kfree(void *block);

typedef struct {
	uint64_t slab_pages;   /* pages held by slabs */
	uint64_t large_pages;  /* pages held by large blocks, headers included */
	uint64_t live_blocks;  /* blocks allocated and not yet freed */
} kheap_stats_t;

void kheap_stats(kheap_stats_t *out);

#endif
