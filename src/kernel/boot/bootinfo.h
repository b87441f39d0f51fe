/*
 * What the boot loader told us, in the kernel's own terms.
 *
 * multiboot2.c fills this from the Multiboot2 information structure; nothing
 * else in the kernel reads Multiboot2 tags.  Pointers point into the original
 * info structure, which the PMM keeps reserved.
 */
#ifndef AEGIS_KERNEL_BOOTINFO_H
#define AEGIS_KERNEL_BOOTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BOOTINFO_MAX_REGIONS 128
#define BOOTINFO_MAX_MODULES 16

/* Region types: the Multiboot2 memory-map type values. */
typedef enum {
	MEM_REGION_USABLE = 1,
	MEM_REGION_RESERVED = 2,
	MEM_REGION_ACPI_RECLAIMABLE = 3,
	MEM_REGION_ACPI_NVS = 4,
	MEM_REGION_BAD = 5,
} mem_region_type_t;

typedef struct {
	uint64_t base;
	uint64_t length;
	uint32_t type; /* mem_region_type_t; unknown values are treated as reserved */
} mem_region_t;

typedef struct {
	uint64_t start; /* physical, first byte */
	uint64_t end;   /* physical, one past the last byte */
	const char *name; /* the module's command line (NUL-terminated inside the info), "" if none */
} boot_module_t;

typedef struct {
	bool present;
	uint64_t addr; /* physical */
	uint32_t pitch, width, height;
	uint8_t bpp;
	uint8_t type; /* Multiboot2 framebuffer type: 0 indexed, 1 RGB, 2 EGA text */
} boot_framebuffer_t;

typedef struct {
	const char *cmdline;   /* NUL-terminated inside the info, NULL when no tag */
	const char *loader_name; /* NULL when no tag */
	mem_region_t regions[BOOTINFO_MAX_REGIONS];
	size_t region_count;
	boot_module_t modules[BOOTINFO_MAX_MODULES];
	size_t module_count;
	boot_framebuffer_t framebuffer;
	uint32_t acpi_rsdp_offset; /* offset of the RSDP copy of an ACPI tag in the info, 0: none */
	uint64_t info_phys; /* where the info structure itself lies, for reservation */
	uint32_t info_size; /* its total_size */
} bootinfo_t;

#endif
