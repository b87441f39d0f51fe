/*
 * Panic and fatal-fault reports (format in panic.h).
 *
 * Both paths end in panic_stop(): a test run (any test= switch) leaves
 * through the PANIC test exit so the driver sees a distinct status; a normal
 * boot halts so the report stays on screen.  A fault while already panicking
 * halts at once rather than recursing.
 */
#include "core/panic.h"

#include <stdarg.h>

#include <aegis/test_exit.h>

#include "core/cmdline.h"
#include "core/format.h"
#include "core/log.h"
#include "platform.h"

static volatile int panicking;

__attribute__((noreturn)) static void panic_stop(void)
{
	printk("[PANIC] system halted\n");
	if (cmdline_get()->test != TEST_ACTION_NONE)
		platform_test_exit(TEST_EXIT_CODE_PANIC);
	platform_halt();
}

void panic(const char *fmt, ...)
{
	char msg[LOG_LINE_MAX];
	platform_irq_save();
	if (panicking++)
		platform_halt();
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("[PANIC] %s\n", msg);
	panic_stop();
}

static const char *exception_name(uint64_t vector)
{
	static const char *const names[] = {
		"divide error", "debug", "non-maskable interrupt", "breakpoint", "overflow", "bound range exceeded",
		"invalid opcode", "device not available", "double fault", "coprocessor segment overrun",
		"invalid TSS", "segment not present", "stack-segment fault", "general protection fault",
		"page fault", "reserved", "x87 floating-point error", "alignment check", "machine check",
		"SIMD floating-point error", "virtualization exception", "control protection exception",
	};
	if (vector < sizeof(names) / sizeof(names[0]))
		return names[vector];
	return "unexpected vector";
}

void kernel_fault(const platform_fault_t *f)
{
	platform_irq_save();
	if (panicking++)
		platform_halt();
	printk("[PANIC] CPU exception %lu (%s) error=0x%lx\n", (unsigned long)f->vector, exception_name(f->vector),
	       (unsigned long)f->error_code);
	printk("[PANIC] RIP=0x%016lx RSP=0x%016lx RFLAGS=0x%08lx CR2=0x%016lx\n", (unsigned long)f->rip,
	       (unsigned long)f->rsp, (unsigned long)f->rflags, (unsigned long)f->cr2);
	printk("[PANIC] CS=0x%04lx SS=0x%04lx\n", (unsigned long)f->cs, (unsigned long)f->ss);
	printk("[PANIC] RAX=0x%016lx RBX=0x%016lx RCX=0x%016lx RDX=0x%016lx\n", (unsigned long)f->rax,
	       (unsigned long)f->rbx, (unsigned long)f->rcx, (unsigned long)f->rdx);
	printk("[PANIC] RSI=0x%016lx RDI=0x%016lx RBP=0x%016lx R8=0x%016lx\n", (unsigned long)f->rsi,
	       (unsigned long)f->rdi, (unsigned long)f->rbp, (unsigned long)f->r8);
	printk("[PANIC] R9=0x%016lx R10=0x%016lx R11=0x%016lx R12=0x%016lx\n", (unsigned long)f->r9,
	       (unsigned long)f->r10, (unsigned long)f->r11, (unsigned long)f->r12);
	printk("[PANIC] R13=0x%016lx R14=0x%016lx R15=0x%016lx\n", (unsigned long)f->r13, (unsigned long)f->r14,
	       (unsigned long)f->r15);
	panic_stop();
}
