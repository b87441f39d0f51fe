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
	/*
	 * true: user programs run in page tables the kernel builds (x86_64:
	 * ring 3 in a per-process root).  false: the platform runs each user
	 * program as a host process with memory of its own (sim); the kernel then
	 * hands it program images instead of building address spaces.
	 */
	bool user_paged;
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

/*
 * Start console input: from now on the platform calls kernel_console_input
 * when bytes arrive.  x86_64: the COM1 receive interrupt ([CONSOLE] OK); sim:
 * the file or standard input given with --input, one line each time the
 * machine would otherwise wait (SKIP without --input).
 */
platform_result_t platform_console_input_start(void);

/* ---- keyboard and mouse -------------------------------------------------- */

/*
 * Start the keyboard: from now on the platform calls kernel_keyboard_input
 * with its scancodes (set 1).  x86_64: the PS/2 keyboard on IRQ1 (WARN when
 * the i8042 does not answer); sim: none (SKIP).  Marker: [KBD].
 */
platform_result_t platform_keyboard_init(void);

/*
 * Start the mouse: from now on the platform calls kernel_mouse_input with
 * the bytes of its 3-byte PS/2 packets.  x86_64: the PS/2 aux port on IRQ12
 * in stream mode; sim: none (SKIP).  Marker: [MOUSE].
 */
platform_result_t platform_mouse_init(void);

/* ---- CPU, interrupts, timer --------------------------------------------- */

platform_result_t platform_idt_init(void);  /* exception vectors: [IDT] */
platform_result_t platform_pic_init(void);  /* interrupt controller: [PIC] */
platform_result_t platform_gdt_init(void);  /* segment descriptors: [GDT] */
platform_result_t platform_tss_init(void);  /* task state segment: [TSS] */
platform_result_t platform_smap_init(void); /* supervisor access prevention: [SMAP] */
platform_result_t platform_smep_init(void); /* supervisor execute prevention: [SMEP] */
/* The system-call entry and the user FPU/SSE state: [SYSCALL]. */
platform_result_t platform_syscall_init(void);

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

/* ---- disks ------------------------------------------------------------------ */

/* A block device (src/kernel/fs/blockdev.h defines it; the kernel checks what it gets). */
typedef struct blockdev blockdev_t;

/*
 * The machine's disk number index, owned by the platform (the same pointer on
 * every call), or NULL when there is none; disks are numbered from 0 without
 * gaps.  Its operations finish before they return (sim: pread/pwrite on the
 * --disk file).  x86_64: none yet (no disk driver).  spec/platform-contract.md
 * PLAT-010..PLAT-012.
 */
blockdev_t *platform_disk_get(unsigned index);

/* ---- stopping -------------------------------------------------------------- */

/* Stop this machine for good (interrupts off, no return). */
__attribute__((noreturn)) void platform_halt(void);

/*
 * End a test run with one of the TEST_EXIT_CODE_* values (aegis/test_exit.h):
 * QEMU exits with status (code << 1) | 1, the sim with the same number.
 * Where no test device exists it halts.
 */
__attribute__((noreturn)) void platform_test_exit(unsigned code);

/*
 * What ACPI says about powering off and restarting (src/kernel/acpi/ finds
 * it; all-false when there are no usable tables, as in the sim).
 */
typedef struct {
	bool s5;             /* the fields below for S5 are valid */
	uint32_t pm1a_cnt;   /* I/O port of PM1a_CNT_BLK */
	uint32_t pm1b_cnt;   /* I/O port of PM1b_CNT_BLK, 0 when there is none */
	uint16_t slp_typ_a;  /* \_S5_ SLP_TYPa and SLP_TYPb (3-bit values) */
	uint16_t slp_typ_b;
	bool reset;          /* the FADT's reset register is usable */
	uint8_t reset_space; /* its address space: PLATFORM_ACPI_SPACE_* */
	uint64_t reset_addr;
	uint8_t reset_value;
} platform_power_t;

#define PLATFORM_ACPI_SPACE_MEMORY 0u
#define PLATFORM_ACPI_SPACE_IO 1u

/*
 * Turn the machine off (spec/vigil.md VIG-133).  x86_64: ACPI S5 (SLP_TYP |
 * SLP_EN into PM1a/PM1b_CNT) when power->s5, then halts; sim: exits with
 * status 0.  power may be NULL.
 */
__attribute__((noreturn)) void platform_power_off(const platform_power_t *power);

/*
 * Restart the machine (VIG-134).  x86_64: the ACPI reset register when
 * power->reset, else the 8042 reset pulse, else a triple fault; sim: exits
 * with SIM_EXIT_RESTART (sim/README.md).  power may be NULL.
 */
__attribute__((noreturn)) void platform_restart(const platform_power_t *power);

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

/* ---- kernel tasks ----------------------------------------------------------- */

/*
 * A kernel execution context with a stack of its own (x86_64: a kernel stack
 * and saved callee-saved registers; sim: a host thread that runs only while it
 * holds the one baton).  The scheduler owns them; exactly one runs at a time.
 */
typedef struct platform_task platform_task_t;

/* The context kernel_main() runs on, as a task (it becomes the idle task). */
platform_task_t *platform_task_boot(void);

/*
 * A new task that runs entry(arg) when first switched to, with interrupts
 * masked.  entry never returns: it ends with platform_task_exit_to().  NULL
 * when memory is short.
 */
platform_task_t *platform_task_create(void (*entry)(void *arg), void *arg);

/*
 * Save the running context into from and resume to.  Returns when a later
 * switch resumes from.  Called with interrupts masked; they stay masked.
 */
void platform_task_switch(platform_task_t *from, platform_task_t *to);

/* Resume to and never come back to from (which another task then destroys). */
__attribute__((noreturn)) void platform_task_exit_to(platform_task_t *from, platform_task_t *to);

/* Free a task that has exited (never the running one). */
void platform_task_destroy(platform_task_t *task);

/* ---- user mode ---------------------------------------------------------------- */

/*
 * The user half of one process: its registers and FPU/SSE state (x86_64), or
 * the host process and its channel (sim).  Created empty; a program is put in
 * it by platform_user_start (user_paged) or platform_user_exec_image (not).
 */
typedef struct platform_user platform_user_t;

/* Why platform_user_run() returned. */
typedef enum {
	PLATFORM_USER_SYSCALL,   /* regs: rax = number, rdi rsi rdx r10 r8 r9 = arguments */
	PLATFORM_USER_INTERRUPT, /* an interrupt arrived in user mode (already handled) */
	PLATFORM_USER_FAULT,     /* a CPU exception in user mode: see fault */
	PLATFORM_USER_DIED,      /* the host process ended by itself (sim only): host_status */
} platform_user_event_kind_t;

/* What kind of CPU exception a user fault was. */
typedef enum {
	PLATFORM_UFAULT_PAGE,       /* page fault at addr; access and present say how */
	PLATFORM_UFAULT_PROTECTION, /* general protection, segment, stack faults */
	PLATFORM_UFAULT_ILLEGAL,    /* invalid opcode */
	PLATFORM_UFAULT_ARITH,      /* divide error, overflow */
	PLATFORM_UFAULT_FPU,        /* x87 or SIMD floating-point exception */
	PLATFORM_UFAULT_TRAP,       /* breakpoint or debug trap */
	PLATFORM_UFAULT_ALIGN,      /* alignment check */
} platform_ufault_t;

/* Access bits of a page fault. */
#define PLATFORM_ACCESS_READ 0x1u
#define PLATFORM_ACCESS_WRITE 0x2u
#define PLATFORM_ACCESS_EXEC 0x4u
#define PLATFORM_ACCESS_PRESENT 0x8u /* the page was mapped: a protection fault */

typedef struct {
	platform_user_event_kind_t kind;
	platform_ufault_t fault;   /* FAULT */
	unsigned access;           /* FAULT, page: PLATFORM_ACCESS_* */
	bool present;              /* FAULT, page: the page was mapped (a protection fault) */
	uint64_t addr;             /* FAULT, page: the faulting address */
	uint64_t vector;           /* FAULT: the CPU vector, for the report */
	uint64_t error_code;       /* FAULT: the CPU error code, for the report */
	int host_status;           /* DIED: the host's wait status */
	const char *why;           /* DIED: NULL for an ordinary death, else what the platform saw */
} platform_user_event_t;

/* An empty user context, or NULL when memory is short. */
platform_user_t *platform_user_create(void);

/* The registers: read and changed by the kernel between runs. */
platform_uregs_t *platform_user_regs(platform_user_t *user);

/* The FXSAVE image (PLATFORM_FXSAVE_SIZE bytes) for signal frames; NULL where there is none (sim). */
uint8_t *platform_user_fpu(platform_user_t *user);

/*
 * user_paged only: make user a fresh program entering at entry with stack
 * pointer sp; every other register is zero and the FPU state is the reset
 * state.  The kernel activates the program's address space (vmm_activate)
 * before it runs it: the platform never switches page tables by itself.
 */
void platform_user_start(platform_user_t *user, uint64_t entry, uint64_t sp);

/*
 * !user_paged only: run image (len bytes of a host executable the kernel
 * read and checked) in user with argv and envp, replacing what ran there.
 * 0 (the program waits for its first run), -ENOEXEC when it did not start
 * (user is then empty), -E2BIG, -ENOMEM.  -ENOSYS where user_paged.
 */
int platform_user_exec_image(platform_user_t *user, const void *image, size_t len, char *const argv[],
                             char *const envp[]);

/*
 * Run user until it needs the kernel: a system call, an interrupt, a fault
 * or (sim) its death.  Called on the owning task's stack with interrupts
 * enabled; returns with them enabled.  The system call's result is what the
 * kernel left in regs->rax.
 */
void platform_user_run(platform_user_t *user, platform_user_event_t *event);

/*
 * A signal handler call where the platform runs it inside the program
 * (!user_paged: the kernel cannot write a frame into a host process).
 */
typedef struct {
	int sig;
	uint64_t handler;  /* the program's handler address */
	uint64_t flags;    /* the action's sa_flags */
	uint64_t old_mask; /* the mask the program's rt_sigreturn hands back */
	int code;          /* siginfo: si_code, si_pid, si_uid */
	int pid;
	uint32_t uid;
	int status;        /* SIGCHLD: the child's exit code or signal */
	bool restart;      /* after rt_sigreturn, make the interrupted system call again (SA_RESTART) */
} platform_signal_call_t;

/*
 * !user_paged only: at the next platform_user_run, instead of returning the
 * system call's result, make the program call the handler; the program then
 * makes rt_sigreturn with old_mask and that result as arguments, and the
 * result it gets back is what the interrupted call returns.  0, or -ENOSYS
 * where user_paged (the kernel builds the frame itself).
 */
int platform_user_signal_call(platform_user_t *user, const platform_signal_call_t *call);

/*
 * fork: *child becomes a copy of parent (registers, FPU state; sim: a forked
 * host process waiting for its first run).  The kernel sets the child's rax
 * and, where user_paged, builds its address space.  0, -ENOMEM, -EAGAIN.
 */
int platform_user_fork(platform_user_t *parent, platform_user_t **child);

/* How a user context ends. */
typedef enum {
	PLATFORM_USER_END_EXIT,   /* exited with a status (sim: the host process exits with it) */
	PLATFORM_USER_END_SIGNAL, /* killed by a signal (sim: the host process gets SIGKILL) */
} platform_user_end_t;

/* End and free user.  Never fails; the context is gone afterwards. */
void platform_user_destroy(platform_user_t *user, platform_user_end_t how, int value);

/*
 * Copy between the kernel and the user memory of user (the running process's;
 * x86_64: its address space is the active one).  The caller has checked that
 * the range lies in the user half.  0 or -EFAULT; never faults the kernel.
 */
int platform_copy_from_user(platform_user_t *user, void *dst, uint64_t src, size_t len);
int platform_copy_to_user(platform_user_t *user, uint64_t dst, const void *src, size_t len);

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

/*
 * Console input arrived (x86_64: bytes from the COM1 receive interrupt; sim:
 * the next line of --input).  Interrupts are masked; the kernel only queues
 * the bytes here and handles them in task context.
 */
void kernel_console_input(const uint8_t *bytes, size_t len);

/*
 * Keyboard scancodes (set 1) and PS/2 mouse bytes as the device sent them,
 * in order.  IRQ context; the kernel decodes them (src/kernel/input/).
 */
void kernel_keyboard_input(const uint8_t *bytes, size_t len);
void kernel_mouse_input(const uint8_t *bytes, size_t len);

/*
 * Zeroed, page-aligned kernel memory for the platform's own records (x86_64:
 * kernel stacks, user register areas), NULL when memory is short.  The first
 * page of every allocation is left unmapped when guard is true, so a stack
 * overflow faults instead of corrupting a neighbour.
 */
void *kernel_pages_alloc(size_t npages, bool guard);
void kernel_pages_free(void *addr, size_t npages, bool guard);

/*
 * A user copy faulted at user address addr (x86_64 only).  Returns true when
 * the kernel made the page accessible (demand paging, copy-on-write) and the
 * access may be retried; false makes the copy fail with -EFAULT.
 */
bool kernel_user_access_fault(uint64_t addr, unsigned access);

#endif
