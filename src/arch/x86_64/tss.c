/*
 * The task state segment: in long mode only a table of stacks.
 *
 * RSP0 is the stack the CPU switches to when an interrupt or exception
 * arrives in ring 3 (the scheduler will point it at each task's kernel
 * stack; until then a dedicated boot stack).  IST1 is a separate stack for
 * double faults, so even a kernel stack overflow gets reported.  No I/O
 * permission bitmap: the map base points past the segment limit, so ring 3
 * has no port access.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "platform.h"

#define TSS_STACK_SIZE 16384u

typedef struct __attribute__((packed)) {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} tss_t;

static tss_t tss __attribute__((aligned(16)));
/* Where user_entry.asm writes RSP0 on every entry to ring 3 (offset 4: unaligned by the CPU's design). */
void *const x86_tss_rsp0 = (uint8_t *)&tss + offsetof(tss_t, rsp);
static uint8_t tss_rsp0_stack[TSS_STACK_SIZE] __attribute__((aligned(16)));
static uint8_t tss_double_fault_stack[TSS_STACK_SIZE] __attribute__((aligned(16)));

platform_result_t platform_tss_init(void)
{
	if (!gdt_is_loaded())
		return (platform_result_t){ PLATFORM_FAIL, "GDT not installed, no slot for the TSS" };
	tss.rsp[0] = (uint64_t)(uintptr_t)(tss_rsp0_stack + sizeof(tss_rsp0_stack));
	tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)(uintptr_t)(tss_double_fault_stack + sizeof(tss_double_fault_stack));
	tss.iomap_base = sizeof(tss);
	gdt_set_tss(&tss, sizeof(tss) - 1);
	__asm__ volatile("ltr %w0" : : "r"((uint16_t)GDT_TSS) : "memory");
	idt_set_ist(IDT_VECTOR_DOUBLE_FAULT, IST_DOUBLE_FAULT);
	return (platform_result_t){ PLATFORM_OK, "RSP0 initialized" };
}

void tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}
