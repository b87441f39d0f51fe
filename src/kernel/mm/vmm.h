/*
 * Virtual memory manager: 4-level x86_64 page tables as a data structure.
 *
 * The tables live in PMM pages reached through the platform's direct map.
 * vmm_init() builds the kernel root (kernel image at layout->kernel_virt_base,
 * all physical memory at layout->direct_map_base) and activates it.  The same
 * code runs in the sim, where activation only records the root.
 */
#ifndef AEGIS_KERNEL_VMM_H
#define AEGIS_KERNEL_VMM_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/bootinfo.h"

typedef uint64_t vmm_root_t; /* physical address of a PML4 */

/* Mapping permissions (the VMM turns them into PTE bits; absent EXEC means NX). */
#define VMM_WRITE 0x1u
#define VMM_USER 0x2u
#define VMM_EXEC 0x4u
#define VMM_NOCACHE 0x8u

/* Build and activate the kernel root; prints the [VMM] markers. 0 or -ENOMEM. */
int vmm_init(const bootinfo_t *info);

vmm_root_t vmm_kernel_root(void);

/* Map one 4 KiB page: 0, -EINVAL (unaligned or non-canonical va, bad pa), -EEXIST, -ENOMEM. */
int vmm_map_page(vmm_root_t root, uintptr_t va, uint64_t pa, unsigned flags);

/* Remove one mapping; the old frame goes to *pa_out when not NULL. 0 or -ENOENT. */
int vmm_unmap_page(vmm_root_t root, uintptr_t va, uint64_t *pa_out);

/* Look up va: 0 with the frame (plus page offset) and flags, or -ENOENT. */
int vmm_resolve(vmm_root_t root, uintptr_t va, uint64_t *pa_out, unsigned *flags_out);

/* Physical address -> kernel pointer through the direct map. */
void *vmm_phys_to_virt(uint64_t pa);

#endif
