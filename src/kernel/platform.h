/*
 * The platform contract: everything the arch-neutral kernel needs from a machine.
 *
 * Two implementations exist and no third is planned: src/arch/x86_64/ (real
 * hardware as QEMU models it) and sim/ (a Linux host process).  The kernel calls
 * only what is declared here; a kernel .c file never tests which platform it is
 * built for.  Every function is documented with what it may do: "never blocks"
 * means it returns without waiting for an event; "IRQ context" means it may be
 * called from an interrupt (in the sim: from the virtual-time loop).
 *
 * Conventions: physical addresses are uint64_t, kernel virtual addresses are
 * uintptr_t or pointers; results of init steps are platform_result_t so that
 * the kernel, not the platform, prints the boot markers in one format.
 *
 * Calls in the other direction (platform -> kernel) are declared at the end.
 */
#ifndef AEGIS_KERNEL_PLATFORM_H
#define AEGIS_KERNEL_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PLATFORM_PAGE_SIZE 4096u

/* Outcome of one platform init step, printed by the kernel as a marker. */
typedef enum {
	PLATFORM_OK,     /* "[X] OK: detail" */
	PLATFORM_WARN,   /* works with less protection/function: "[X] WARN: detail" */
	PLATFORM_FAIL,   /* the step failed: "[X] FAIL: detail" */
	PLATFORM_ABSENT, /* this platform has no such thing: "[X] SKIP: detail" */
} platform_status_t;

typedef struct {
	platform_status_t status;
	const char *detail; /* static string owned by the platform, never NULL */
} platform_result_t;

/* What the platform's entry code hands to kernel_main(). */
typedef struct {
	uint32_t mb2_magic;      /* boot loader magic (0x36d76289 for Multiboot2) */
	const void *mb2_info;    /* kernel-virtual address of the info, or NULL */
	uint64_t mb2_info_phys;  /* its physical address, reserved by the PMM */
} platform_boot_t;

/* Fixed facts about the address-space layout, valid from kernel_main() on. */
typedef struct {
	const char *name;            /* "x86_64" or "sim": for markers only */
	uint64_t kernel_phys_start;  /* first byte of the kernel image (page aligned) */
	uint64_t kernel_phys_end;    /* one past the image, .bss included (page aligned) */
	uintptr_t kernel_virt_base;  /* virtual address of kernel_phys_start */
	uintptr_t direct_map_base;   /* physical address 0 is visible here */
	uint64_t direct_map_size;    /* bytes of physical memory visible there at entry */
	uintptr_t kva_base;          /* window for the kernel virtual allocator */
	uint64_t kva_size;           /* its size in bytes (page multiple) */
} platform_layout_t;

/* ---- layout and memory ------------------------------------------------- */

/* The layout; never NULL, never changes. */
const platform_layout_t *platform_layout(void);

/*
 * Make the page-table root at physical address root_pa the active kernel
 * address space (x86_64: load CR3; sim: remember it so kmap_sync can resolve).
 */
void platform_activate_root(uint64_t root_pa);

/*
 * The kernel changed the mapping of the page at kernel virtual address va in
 * the active root: now maps pa when present, nothing otherwise.  x86_64:
 * invalidate the TLB entry.  sim: mirror the change into the host address
 * space so kernel code can use the pointer.  Never blocks.
 */
void platform_kmap_sync(uintptr_t va, uint64_t pa, bool present);

/* ---- console ------------------------------------------------------------ */

/* Bring up the serial console (the log of record).  Marker: [SERIAL]. */
platform_result_t platform_serial_init(void);

/* Bring up the text screen.  Marker: [VGA]. */
platform_result_t platform_screen_init(void);

/* Write bytes to the serial console.  Never blocks for long; IRQ context ok. */
void platform_serial_write(const char *buf, size_t len);

/* Write bytes to the text screen (no-op where there is none).  IRQ context ok. */
void platform_screen_write(const char *buf, size_t len);

/* ---- CPU, interrupts, timer --------------------------------------------- */

platform_result_t platform_idt_init(void);  /* exception vectors: [IDT] */
platform_result_t platform_pic_init(void);  /* interrupt controller: [PIC] */
platform_result_t platform_gdt_init(void);  /* segment descriptors: [GDT] */
platform_result_t platform_tss_init(void);  /* task state segment: [TSS] */
platform_result_t platform_smap_init(void); /* supervisor access prevention: [SMAP] */
platform_result_t platform_smep_init(void); /* supervisor execute prevention: [SMEP] */

/*
 * Start a periodic timer that calls kernel_timer_tick() about hz times per
 * second of platform time.  Interrupts stay masked until platform_irq_enable().
 * Marker: [PIT].
 */
platform_result_t platform_timer_init(uint32_t hz);

/* Unmask interrupts on this CPU. */
void platform_irq_enable(void);

/* Mask interrupts; returns a token for platform_irq_restore(). */
unsigned long platform_irq_save(void);
void platform_irq_restore(unsigned long token);

/*
 * Nothing in the kernel can run: wait for the next interrupt.  deadline_ns is
 * the earliest platform time at which the kernel has work (UINT64_MAX: none).
 * x86_64: sti; hlt.  sim: virtual time jumps to the deadline and a timer tick
 * is delivered; with no deadline and no other event source, the simulation has
 * nothing left to do and the platform ends it (see sim/README.md).
 * Returns with interrupts enabled.
 */
void platform_wait_for_interrupt(uint64_t deadline_ns);

/* Monotonic time since the platform started, in ns (virtual in the sim). */
uint64_t platform_time_ns(void);

/* ---- entropy -------------------------------------------------------------- */

/*
 * Fill buf with len bytes of seed material.  *source names what was used
 * ("RDSEED", "RDRAND+TSC", "sim seed 42", ...).  Returns the number of bytes
 * that came from a real entropy source (the rest is mixed from weaker
 * sources); the kernel warns when it is less than len.  Never blocks.
 */
size_t platform_entropy(void *buf, size_t len, const char **source);

/* ---- stopping -------------------------------------------------------------- */

/* Stop this machine for good (interrupts off, no return). */
__attribute__((noreturn)) void platform_halt(void);

/*
 * End a test run with one of the TEST_EXIT_CODE_* values (aegis/test_exit.h):
 * QEMU exits with status (code << 1) | 1, the sim with the same number.
 * Where no test device exists it halts.
 */
__attribute__((noreturn)) void platform_test_exit(unsigned code);

/* ---- user mode: registers --------------------------------------------------- */

/*
 * A user thread's general registers as the kernel sees them (system-call
 * arguments, fork's child, signal frames).  The order is this struct's own;
 * code that needs Linux's sigcontext order converts explicitly.
 */
typedef struct {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t rip, rflags, rsp;
	uint64_t fs_base;
} platform_uregs_t;

/* Bytes of the x87/SSE state image (FXSAVE format) kept per user thread. */
#define PLATFORM_FXSAVE_SIZE 512u

/* ---- calls from the platform into the kernel ------------------------------ */

/* Register state at a fatal CPU exception, for the panic report. */
typedef struct {
	uint64_t vector;     /* exception vector (14 = page fault) */
	uint64_t error_code; /* CPU error code, 0 where the vector has none */
	uint64_t rip, rsp, rflags, cr2;
	uint64_t cs, ss;
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
} platform_fault_t;

/* Entry point, called once by the platform's start code. */
__attribute__((noreturn)) void kernel_main(const platform_boot_t *boot);

/* A CPU exception the kernel cannot handle: print the report and stop. */
__attribute__((noreturn)) void kernel_fault(const platform_fault_t *fault);

/* The periodic timer fired.  IRQ context. */
void kernel_timer_tick(void);

#endif
