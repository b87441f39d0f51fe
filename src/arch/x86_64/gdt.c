/*
 * The final global descriptor table.
 *
 *   0x00 null
 *   0x08 kernel code (64-bit, DPL 0)     0x10 kernel data (DPL 0)
 *   0x18 user data (DPL 3)               0x20 user code (64-bit, DPL 3)
 *   0x28 TSS (16-byte system descriptor, filled by tss.c)
 * The order suits SYSCALL/SYSRET: STAR's kernel base 0x08 gives CS 0x08 and
 * SS 0x10; its user base 0x10 gives SS 0x18 and CS 0x20 (both | 3).
 * The table lives in the kernel image (higher half), so it stays reachable
 * when the kernel's page tables drop the boot identity map.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "platform.h"

#define GDT_ENTRIES 7 /* null, 4 segments, TSS (2 slots) */
#define GDT_CODE64_KERNEL 0x00AF9A000000FFFFull
#define GDT_DATA_KERNEL 0x00CF92000000FFFFull
#define GDT_CODE64_USER 0x00AFFA000000FFFFull
#define GDT_DATA_USER 0x00CFF2000000FFFFull
#define GDT_TSS_TYPE_AVAILABLE 0x89ull /* present, DPL 0, 64-bit TSS (available) */

typedef struct __attribute__((packed)) {
	uint16_t limit;
	uint64_t base;
} gdt_pointer_t;

static uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(16))) = {
	0,
	GDT_CODE64_KERNEL,
	GDT_DATA_KERNEL,
	GDT_DATA_USER,
	GDT_CODE64_USER,
	0,
	0,
};
static bool gdt_loaded;

platform_result_t platform_gdt_init(void)
{
	gdt_pointer_t ptr = { .limit = sizeof(gdt) - 1, .base = (uint64_t)(uintptr_t)gdt };
	/* Load the table, then reload CS with a far return and the data segments. */
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "movw %%ax, %%fs\n\t"
			 "movw %%ax, %%gs\n\t"
			 :
			 : "m"(ptr), "i"(GDT_KERNEL_CODE), "i"(GDT_KERNEL_DATA)
			 : "rax", "memory");
	gdt_loaded = true;
	return (platform_result_t){ PLATFORM_OK, "ring 3 descriptors installed" };
}

bool gdt_is_loaded(void)
{
	return gdt_loaded;
}

void gdt_set_tss(const void *tss, uint32_t limit)
{
	uint64_t base = (uint64_t)(uintptr_t)tss;
	uint64_t low = (limit & 0xFFFFull) | ((base & 0xFFFFFFull) << 16) | (GDT_TSS_TYPE_AVAILABLE << 40) |
		       ((uint64_t)(limit >> 16 & 0xF) << 48) | (((base >> 24) & 0xFFull) << 56);
	gdt[GDT_TSS / 8] = low;
	gdt[GDT_TSS / 8 + 1] = base >> 32;
}
