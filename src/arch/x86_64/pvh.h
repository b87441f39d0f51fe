/*
 * PVH direct boot (qemu -kernel): turn the hvm_start_info QEMU hands us into
 * a Multiboot2 information structure, so the kernel has one boot format only.
 */
#ifndef AEGIS_ARCH_PVH_H
#define AEGIS_ARCH_PVH_H

#include <stddef.h>
#include <stdint.h>

/*
 * How pvh.c reaches physical memory: a pointer to [pa, pa+len), or NULL when
 * that range cannot be read.  The kernel passes the boot direct map (4 GiB);
 * the fuzz harness passes a window onto its input.
 */
typedef const void *(*pvh_phys_map_t)(void *ctx, uint64_t pa, uint64_t len);

/*
 * Read the start info at physical start_pa through map and write a
 * Multiboot2 info structure into out (at most cap bytes, 8-aligned):
 * a command-line tag (copied whole up to PVH_CMDLINE_MAX bytes, so the
 * kernel's own length check sees an over-long line), a loader-name tag, the
 * memory map and the modules.  Returns the structure's size, or 0 when the
 * start info is unusable (bad magic, unreadable, or out too small); the
 * kernel then reports the missing boot information itself.  Parts that
 * cannot be read (a command line or memory map at an unreadable address)
 * are left out.  fuzz/pvh checks that whatever comes out, the kernel's strict
 * Multiboot2 parser accepts.
 */
size_t pvh_to_multiboot2(uint64_t start_pa, pvh_phys_map_t map, void *ctx, void *out, size_t cap);

/* Longest command line copied; longer ones arrive cut to this (> the kernel's 511). */
#define PVH_CMDLINE_MAX 4095u
/* Most memory-map entries and modules copied (beyond the kernel's limits). */
#define PVH_MMAP_MAX 256u
#define PVH_MODULES_MAX 32u

#endif
