/*
 * Interrupt descriptor table and the first stop of every interrupt.
 *
 * All 256 vectors get an interrupt gate (interrupts masked on entry) to the
 * matching stub in isr.asm, kernel code selector, DPL 0.  Dispatch:
 *   0-31      CPU exceptions.  From ring 3 they become a user event for the
 *             kernel (platform_user_run returns); a page fault in the
 *             kernel's user-copy instruction asks the kernel to page in and
 *             otherwise fails the copy with -EFAULT; anything else in the
 *             kernel is fatal: the frame becomes a platform_fault_t for
 *             kernel_fault() (BOOT-015).
 *   0x20-0x2F legacy PIC lines; IRQ0 is the PIT.
 *   the rest  nothing raises them yet: reported through kernel_fault() as an
 *             unexpected vector rather than ignored.
 * The double fault gate moves to its own stack once the TSS exists (tss.c),
 * so a kernel stack overflow still produces a report, not a triple fault.
 * entry.c loads the table before kernel_main() already (idt_install), so a
 * fault in the early memory setup is reported too instead of silently
 * triple-faulting; platform_idt_init() then only reports it.
 */
#include <stdbool.h>
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

/* Exception vectors the user-fault path distinguishes. */
#define VEC_DIVIDE 0
#define VEC_DEBUG 1
#define VEC_BREAKPOINT 3
#define VEC_OVERFLOW 4
#define VEC_INVALID_OPCODE 6
#define VEC_PAGE_FAULT 14
#define VEC_X87 16
#define VEC_ALIGNMENT 17
#define VEC_MACHINE_CHECK 18
#define VEC_SIMD 19
/* Page-fault error code bits. */
#define PF_PRESENT 0x1u
#define PF_WRITE 0x2u
#define PF_USER 0x4u
#define PF_FETCH 0x10u
#define DISPATCH_RETURN (-1) /* iretq to where the interrupt came from */

extern platform_uregs_t *x86_user_regs;
extern platform_user_event_t x86_user_trap_event;
extern const uint8_t x86_user_copy_insn[];
extern const uint8_t x86_user_copy_fixup[];

static unsigned pf_access(uint64_t code)
{
	unsigned access = (code & PF_PRESENT) ? PLATFORM_ACCESS_PRESENT : 0u;
	if (code & PF_FETCH)
		return access | PLATFORM_ACCESS_EXEC;
	return access | ((code & PF_WRITE) ? PLATFORM_ACCESS_WRITE : PLATFORM_ACCESS_READ);
}

static platform_ufault_t user_fault_kind(uint64_t vector)
{
	switch (vector) {
	case VEC_PAGE_FAULT:
		return PLATFORM_UFAULT_PAGE;
	case VEC_INVALID_OPCODE:
		return PLATFORM_UFAULT_ILLEGAL;
	case VEC_DIVIDE:
	case VEC_OVERFLOW:
		return PLATFORM_UFAULT_ARITH;
	case VEC_X87:
	case VEC_SIMD:
		return PLATFORM_UFAULT_FPU;
	case VEC_DEBUG:
	case VEC_BREAKPOINT:
		return PLATFORM_UFAULT_TRAP;
	case VEC_ALIGNMENT:
		return PLATFORM_UFAULT_ALIGN;
	default:
		return PLATFORM_UFAULT_PROTECTION;
	}
}

/* The interrupt left ring 3: save the user registers and say what happened. */
static int idt_leave_user(const arch_frame_t *f, bool is_irq)
{
	platform_uregs_t *r = x86_user_regs;
	r->r15 = f->r15;
	r->r14 = f->r14;
	r->r13 = f->r13;
	r->r12 = f->r12;
	r->r11 = f->r11;
	r->r10 = f->r10;
	r->r9 = f->r9;
	r->r8 = f->r8;
	r->rbp = f->rbp;
	r->rdi = f->rdi;
	r->rsi = f->rsi;
	r->rdx = f->rdx;
	r->rcx = f->rcx;
	r->rbx = f->rbx;
	r->rax = f->rax;
	r->rip = f->rip;
	r->rflags = f->rflags;
	r->rsp = f->rsp;
	platform_user_event_t ev = { .kind = PLATFORM_USER_INTERRUPT };
	if (!is_irq) {
		ev.kind = PLATFORM_USER_FAULT;
		ev.fault = user_fault_kind(f->vector);
		ev.vector = f->vector;
		ev.error_code = f->error_code;
		ev.addr = f->rip;
		if (f->vector == VEC_PAGE_FAULT) {
			ev.addr = cpu_read_cr2();
			ev.access = pf_access(f->error_code);
			ev.present = (f->error_code & PF_PRESENT) != 0;
		}
	}
	x86_user_trap_event = ev;
	return (int)ev.kind;
}

/* A kernel page fault inside the user-copy instruction: page it in or fail the copy. */
static bool idt_fix_user_copy(arch_frame_t *f)
{
	if (f->vector != VEC_PAGE_FAULT || f->rip != (uint64_t)(uintptr_t)x86_user_copy_insn)
		return false;
	if (!kernel_user_access_fault(cpu_read_cr2(), pf_access(f->error_code)))
		f->rip = (uint64_t)(uintptr_t)x86_user_copy_fixup;
	return true;
}

int arch_interrupt_dispatch(arch_frame_t *frame)
{
	uint64_t v = frame->vector;
	bool from_user = (frame->cs & GDT_RPL_USER) == GDT_RPL_USER;
	if (v >= IRQ_BASE_MASTER && v < IRQ_BASE_MASTER + IRQ_LINES) {
		unsigned irq = (unsigned)(v - IRQ_BASE_MASTER);
		if (pic_begin_irq(irq)) {
			/*
			 * EOI first: handlers run with interrupts masked anyway, and a
			 * later tick handler that switches tasks must not leave the PIC
			 * waiting.
			 */
			pic_end_irq(irq);
			if (irq == IRQ_TIMER)
				pit_handle_tick();
			else if (irq == IRQ_COM1)
				serial_handle_irq();
			else if (irq == IRQ_KEYBOARD || irq == IRQ_MOUSE)
				i8042_handle_irq();
		}
		return from_user ? idt_leave_user(frame, true) : DISPATCH_RETURN;
	}
	if (from_user && v < IDT_EXCEPTIONS && v != VEC_MACHINE_CHECK && v != IDT_VECTOR_DOUBLE_FAULT)
		return idt_leave_user(frame, false);
	if (!from_user && idt_fix_user_copy(frame))
		return DISPATCH_RETURN;
	idt_report_fault(frame);
}
