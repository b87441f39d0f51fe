/*
 * Between vmm.c (the table operations) and vmm_init.c (the kernel root):
 * the page-table entry format and the shared root bookkeeping.
 */
#ifndef AEGIS_KERNEL_VMM_INTERNAL_H
#define AEGIS_KERNEL_VMM_INTERNAL_H

#include <stdint.h>

#include "mm/vmm.h"

/* x86_64 page-table entry bits (Intel SDM vol. 3, 4.5). */
#define PTE_PRESENT (1ull << 0)
#define PTE_WRITE (1ull << 1)
#define PTE_USER (1ull << 2)
#define PTE_WRITE_THROUGH (1ull << 3)
#define PTE_CACHE_DISABLE (1ull << 4)
#define PTE_LARGE (1ull << 7)
#define PTE_NO_EXEC (1ull << 63)
#define PTE_ADDR_MASK 0x000FFFFFFFFFF000ull
#define PTE_LARGE_ADDR_MASK 0x000FFFFFFFE00000ull

/* Physical addresses must fit the 52-bit architectural limit. */
#define VMM_PHYS_LIMIT (1ull << 52)

/* Forget the kernel and active roots (vmm_init starts from scratch). */
void vmm_state_reset(void);

/* Record the root that vmm_kernel_root() reports. */
void vmm_set_kernel_root(vmm_root_t root);

#endif
