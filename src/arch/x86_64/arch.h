/*
 * Facts and internal interfaces shared by the x86_64 platform's files.
 *
 * The address constants must agree with boot.asm and linker.ld.  Functions
 * declared here are used between platform files only; the kernel sees just
 * src/kernel/platform.h.
 */
#ifndef AEGIS_ARCH_X86_64_H
#define AEGIS_ARCH_X86_64_H

#include <stdbool.h>
#include <stdint.h>

#include "platform.h"

#define ARCH_KERNEL_VMA 0xFFFFFFFF80000000ull   /* maps physical 0 */
#define ARCH_DIRECT_MAP_BASE 0xFFFF800000000000ull
#define ARCH_BOOT_DIRECT_MAP_SIZE (4ull << 30)  /* what boot.asm maps */
#define ARCH_KVA_BASE 0xFFFFC00000000000ull
#define ARCH_KVA_SIZE (1ull << 30)

/* boot.asm passes this instead of a Multiboot2 magic when PVH started us. */
#define ARCH_BOOT_PVH_MAGIC 0x336ec578u

/* Segment selectors of the final GDT (gdt.c).  User selectors carry RPL 3. */
#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_DATA 0x18
#define GDT_USER_CODE 0x20
#define GDT_TSS 0x28
#define GDT_RPL_USER 3

/* Interrupt vectors. */
#define IDT_VECTORS 256
#define IDT_EXCEPTIONS 32
#define IDT_VECTOR_DOUBLE_FAULT 8
#define IRQ_BASE_MASTER 0x20
#define IRQ_BASE_SLAVE 0x28
#define IRQ_LINES 16
#define IRQ_TIMER 0
#define IRQ_KEYBOARD 1
#define IRQ_COM1 4
#define IRQ_MOUSE 12
#define IST_DOUBLE_FAULT 1 /* TSS interrupt stack used for #DF */

/* Physical address -> pointer through the direct map (valid for the boot's 4 GiB and later all RAM). */
static inline void *arch_phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)(ARCH_DIRECT_MAP_BASE + pa);
}

/* Kernel image symbol -> its physical address. */
static inline uint64_t arch_image_virt_to_phys(const void *p)
{
	return (uint64_t)(uintptr_t)p - ARCH_KERNEL_VMA;
}

/* Registers pushed by isr.asm, lowest address first. */
typedef struct {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
} arch_frame_t;

/*
 * Called by isr.asm for every vector.  Returns -1 to return where the
 * interrupt came from, or a platform_user_event_kind_t when it left ring 3
 * (isr.asm then resumes the kernel in platform_user_run).
 */
int arch_interrupt_dispatch(arch_frame_t *frame);

/* Called by boot.asm in the higher half with the loader's magic and info. */
__attribute__((noreturn)) void arch_start(uint32_t magic, uint32_t info_phys);

/* pic.c: handle IRQ line irq (0-15): returns false for a spurious one. */
bool pic_begin_irq(unsigned irq);
void pic_end_irq(unsigned irq);
void pic_unmask(unsigned irq);
/* Is the timer's interrupt raised but not yet serviced? (PIT interpolation) */
bool pic_timer_pending(void);

/* pit.c: the timer IRQ handler. */
void pit_handle_tick(void);

/* IRQ4: the COM1 receiver has bytes (serial.c). */
void serial_handle_irq(void);

/* keyboard.c: did platform_keyboard_init turn the PS/2 keyboard on? */
bool keyboard_ready(void);

/* i8042.c: IRQ1 and IRQ12, the PS/2 controller has bytes for the keyboard or the mouse. */
void i8042_handle_irq(void);

/* idt.c: fill and load the IDT (entry.c does it before kernel_main). */
void idt_install(void);
/* idt.c: route vector to interrupt stack ist (1-7, 0 = none). */
void idt_set_ist(unsigned vector, unsigned ist);

/* gdt.c: is the final GDT loaded (the TSS needs it)? */
bool gdt_is_loaded(void);
/* gdt.c: install the TSS descriptor at GDT_TSS for the given TSS. */
void gdt_set_tss(const void *tss, uint32_t limit);

/* tss.c: the stack the CPU switches to on entry from ring 3 (per task later). */
void tss_set_rsp0(uint64_t rsp0);

/* cpu.c: SMAP toggles for the user-copy code of later issues. */
void cpu_user_access_begin(void);
void cpu_user_access_end(void);

#endif
