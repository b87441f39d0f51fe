/*
 * PVH direct boot (qemu -kernel): turn the hvm_start_info QEMU hands us into
 * a Multiboot2 information structure, so the kernel has one boot format only.
 */
#ifndef AEGIS_ARCH_PVH_H
#define AEGIS_ARCH_PVH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Read the start info at physical start_pa (through the boot direct map) and
 * write a Multiboot2 info structure into out (at most cap bytes, 8-aligned):
 * a command-line tag (copied whole up to PVH_CMDLINE_MAX bytes, so the
 * kernel's own length check sees an over-long line), a loader-name tag, the
 * memory map and the modules.  Returns the structure's size, or 0 when the
 * start info is unusable (bad magic, address above the mapped 4 GiB, or out
 * too small); the kernel then reports the missing boot information itself.
 */
size_t pvh_to_multiboot2(uint64_t start_pa, void *out, size_t cap);

/* Longest command line copied; longer ones arrive cut to this (> the kernel's 511). */
#define PVH_CMDLINE_MAX 4095u
/* Most memory-map entries and modules copied (beyond the kernel's limits). */
#define PVH_MMAP_MAX 256u
#define PVH_MODULES_MAX 32u

#endif
