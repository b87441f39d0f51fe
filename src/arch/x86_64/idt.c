/*
 * Interrupt descriptor table and the first stop of every interrupt.
 *
 * All 256 vectors get an interrupt gate (interrupts masked on entry) to the
 * matching stub in isr.asm, kernel code selector, DPL 0.  Dispatch:
 *   0-31      CPU exceptions: fatal for now; the frame is turned into a
 *             platform_fault_t and handed to kernel_fault() (BOOT-015).
 *   0x20-0x2F legacy PIC lines; IRQ0 is the PIT.
 *   the rest  nothing raises them yet: reported through kernel_fault() as an
 *             unexpected vector rather than ignored.
 * The double fault gate moves to its own stack once the TSS exists (tss.c),
 * so a kernel stack overflow still produces a report, not a triple fault.
 * entry.c loads the table before kernel_main() already (idt_install), so a
 * fault in the early memory setup is reported too instead of silently
 * triple-faulting; platform_idt_init() then only reports it.
 */
#include <stdint.h>

#include "arch.h"
#include "io.h"
#include "platform.h"

#define IDT_GATE_INTERRUPT 0x8E /* present, DPL 0, 64-bit interrupt gate */
#define IDT_IST_MASK 0x7u

typedef struct __attribute__((packed)) {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} idt_gate_t;

typedef struct __attribute__((packed)) {
	uint16_t limit;
	uint64_t base;
} idt_pointer_t;

extern const uint64_t isr_stub_table[IDT_VECTORS];

static idt_gate_t idt[IDT_VECTORS] __attribute__((aligned(16)));

static void idt_set_gate(unsigned vector, uint64_t handler)
{
	idt_gate_t *g = &idt[vector];
	g->offset_low = (uint16_t)(handler & 0xFFFF);
	g->selector = GDT_KERNEL_CODE;
	g->ist = 0;
	g->type_attr = IDT_GATE_INTERRUPT;
	g->offset_mid = (uint16_t)((handler >> 16) & 0xFFFF);
	g->offset_high = (uint32_t)(handler >> 32);
	g->reserved = 0;
}

void idt_set_ist(unsigned vector, unsigned ist)
{
	if (vector < IDT_VECTORS)
		idt[vector].ist = (uint8_t)(ist & IDT_IST_MASK);
}

void idt_install(void)
{
	for (unsigned v = 0; v < IDT_VECTORS; v++)
		idt_set_gate(v, isr_stub_table[v]);
	idt_pointer_t ptr = { .limit = sizeof(idt) - 1, .base = (uint64_t)(uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(ptr));
}

platform_result_t platform_idt_init(void)
{
	idt_pointer_t loaded;
	__asm__ volatile("sidt %0" : "=m"(loaded));
	if (loaded.base != (uint64_t)(uintptr_t)idt || loaded.limit != sizeof(idt) - 1)
		idt_install();
	return (platform_result_t){ PLATFORM_OK, "256 vectors installed" };
}

static __attribute__((noreturn)) void idt_report_fault(const arch_frame_t *f)
{
	platform_fault_t fault = {
		.vector = f->vector,
		.error_code = f->error_code,
		.rip = f->rip,
		.rsp = f->rsp,
		.rflags = f->rflags,
		.cr2 = cpu_read_cr2(),
		.cs = f->cs,
		.ss = f->ss,
		.rax = f->rax,
		.rbx = f->rbx,
		.rcx = f->rcx,
		.rdx = f->rdx,
		.rsi = f->rsi,
		.rdi = f->rdi,
		.rbp = f->rbp,
		.r8 = f->r8,
		.r9 = f->r9,
		.r10 = f->r10,
		.r11 = f->r11,
		.r12 = f->r12,
		.r13 = f->r13,
		.r14 = f->r14,
		.r15 = f->r15,
	};
	kernel_fault(&fault);
}

void arch_interrupt_dispatch(arch_frame_t *frame)
{
	uint64_t v = frame->vector;
	if (v >= IRQ_BASE_MASTER && v < IRQ_BASE_MASTER + IRQ_LINES) {
		unsigned irq = (unsigned)(v - IRQ_BASE_MASTER);
		if (!pic_begin_irq(irq))
			return; /* spurious: no EOI for the line that was not raised */
		/*
		 * EOI first: handlers run with interrupts masked anyway, and a
		 * later tick handler that switches tasks must not leave the PIC
		 * waiting.
		 */
		pic_end_irq(irq);
		if (irq == IRQ_TIMER)
			pit_handle_tick();
		return;
	}
	idt_report_fault(frame);
}
