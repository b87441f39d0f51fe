/*
 * Virtual memory manager: 4-level x86_64 page tables as a data structure.
 *
 * The tables live in PMM pages reached through the platform's direct map.
 * vmm_init() builds the kernel root (kernel image at layout->kernel_virt_base,
 * all physical memory at layout->direct_map_base) and activates it.  The same
 * code runs in the sim, where activation only records the root.
 *
 * Refinements (mm helper, spec/memory.md MEM-010..MEM-019): 2 MiB pages
 * (vmm_map_large_page; unmapping a 4 KiB page inside one splits it), empty
 * page tables and directories are freed on unmap while PDPTs stay so that
 * top-level entries never change, roots can be created, destroyed and
 * activated, and every change to the active root is reported to
 * platform_kmap_sync().
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
#define VMM_FLAGS_ALL (VMM_WRITE | VMM_USER | VMM_EXEC | VMM_NOCACHE)

#define VMM_PAGE_SIZE 4096u
#define VMM_LARGE_PAGE_SIZE (2ull << 20)

/* Build and activate the kernel root; prints the [VMM] markers. 0 or -ENOMEM. */
int vmm_init(const bootinfo_t *info);

vmm_root_t vmm_kernel_root(void);

/* Map one 4 KiB page: 0, -EINVAL (unaligned or non-canonical va, bad pa), -EEXIST, -ENOMEM. */
int vmm_map_page(vmm_root_t root, uintptr_t va, uint64_t pa, unsigned flags);

/*
 * Remove one 4 KiB mapping; the old frame goes to *pa_out when not NULL (it is
 * not freed).  0, -ENOENT, -EINVAL (unaligned or non-canonical va), -ENOMEM
 * (va lies in a 2 MiB page and no page is free to split it).
 */
int vmm_unmap_page(vmm_root_t root, uintptr_t va, uint64_t *pa_out);

/* Look up va: 0 with the frame (plus page offset) and flags, or -ENOENT. */
int vmm_resolve(vmm_root_t root, uintptr_t va, uint64_t *pa_out, unsigned *flags_out);

/* Map one 2 MiB page (va and pa 2 MiB aligned): 0, -EINVAL, -EEXIST (anything mapped there), -ENOMEM. */
int vmm_map_large_page(vmm_root_t root, uintptr_t va, uint64_t pa, unsigned flags);

/*
 * Create the top-level entries (PDPTs) covering [va, va + size) in root, so
 * that later mappings there never change the PML4 (roots sharing it stay in
 * step) and never need a PDPT page.  0, -EINVAL, -ENOMEM.
 */
int vmm_prepare_range(vmm_root_t root, uintptr_t va, uint64_t size);

/*
 * Replace an existing 4 KiB mapping in place (new frame and/or permissions),
 * allocating nothing: used to change protections and to break copy-on-write.
 * The old frame is not freed.  0, -EINVAL (bad root, flags or va), -ENOENT
 * (nothing mapped at va, or va lies in a 2 MiB page).
 */
int vmm_update_page(vmm_root_t root, uintptr_t va, uint64_t pa, unsigned flags);

/*
 * The lowest mapped address in [start, end) (both in one canonical half,
 * start page aligned), skipping absent tables without visiting their pages,
 * in *va_out.  0, -ENOENT (nothing mapped there) or -EINVAL.
 */
int vmm_find_mapped(vmm_root_t root, uintptr_t start, uintptr_t end, uintptr_t *va_out);

/* A new, empty root: 0 or -ENOMEM. */
int vmm_root_create(vmm_root_t *out);

/* Free every table of root (not the frames it maps); root must not be active. */
void vmm_root_destroy(vmm_root_t root);

/* Is root the active address space? */
bool vmm_root_is_active(vmm_root_t root);

/* Make root the active address space (platform_activate_root) and remember it. */
void vmm_activate(vmm_root_t root);

/* Physical address -> kernel pointer through the direct map. */
void *vmm_phys_to_virt(uint64_t pa);

#endif
