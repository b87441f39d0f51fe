/*
 * User mode on x86_64 (the platform_user_* calls): ring 3 threads in page
 * tables the kernel builds, entered and left through user_entry.asm.
 *
 * A user context holds the registers, the FS base and an FXSAVE image.
 * platform_user_run loads the FPU state and FS base and enters ring 3 (the
 * kernel has activated the process's address space); it
 * returns when user_entry.asm or idt.c resumes the kernel with an event.
 * The kernel itself never uses SSE (it is built with -mno-sse), so the FPU
 * state only needs saving when a user run ends.
 *
 * platform_syscall_init programs SYSCALL (EFER.SCE, STAR, LSTAR, FMASK) and
 * turns on SSE for user code (CR0.MP, CR4.OSFXSR and OSXMMEXCPT).
 */
#include <aegis/errno.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "io.h"
#include "platform.h"

#define MSR_EFER 0xC0000080u
#define MSR_STAR 0xC0000081u
#define MSR_LSTAR 0xC0000082u
#define MSR_FMASK 0xC0000084u
#define MSR_FS_BASE 0xC0000100u
#define EFER_SCE (1ull << 0)
#define STAR_KERNEL_SHIFT 32
#define STAR_USER_SHIFT 48

#define RFLAGS_CF (1ull << 0)
#define RFLAGS_RESERVED1 (1ull << 1)
#define RFLAGS_PF (1ull << 2)
#define RFLAGS_AF (1ull << 4)
#define RFLAGS_ZF (1ull << 6)
#define RFLAGS_SF (1ull << 7)
#define RFLAGS_TF (1ull << 8)
#define RFLAGS_IF (1ull << 9)
#define RFLAGS_DF (1ull << 10)
#define RFLAGS_OF (1ull << 11)
#define RFLAGS_AC (1ull << 18)
#define RFLAGS_ID (1ull << 21)
/* What user code may set; IOPL, NT, RF, VM, VIF, VIP never reach ring 3. */
#define RFLAGS_USER_MASK                                                                                          \
	(RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | RFLAGS_SF | RFLAGS_TF | RFLAGS_DF | RFLAGS_OF | RFLAGS_AC | \
	 RFLAGS_ID)
/* Cleared on SYSCALL entry: interrupts stay masked until the kernel is on its stack. */
#define SYSCALL_FMASK (RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_AC)

#define CR0_MP (1ull << 1)
#define CR0_EM (1ull << 2)
#define CR0_TS (1ull << 3)
#define CR4_OSFXSR (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)

/* FPU reset state: all exceptions masked, round to nearest. */
#define FXSAVE_FCW_OFFSET 0
#define FXSAVE_MXCSR_OFFSET 24
#define FPU_RESET_FCW 0x037Fu
#define MXCSR_RESET 0x1F80u

#define USER_ADDRESS_LIMIT 0x0000800000000000ull

struct platform_user {
	uint8_t fxsave[PLATFORM_FXSAVE_SIZE] __attribute__((aligned(16)));
	platform_uregs_t regs;
};

int x86_user_enter(platform_uregs_t *regs);
void x86_syscall_entry(void);
int x86_user_copy(void *dst, const void *src, size_t len);

/* Filled by idt.c when an interrupt or exception leaves ring 3. */
platform_user_event_t x86_user_trap_event;

platform_result_t platform_syscall_init(void)
{
	cpu_write_cr0((cpu_read_cr0() | CR0_MP) & ~(CR0_EM | CR0_TS));
	cpu_write_cr4(cpu_read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_SCE);
	/* SYSRET bases: user SS = base + 8, CS = base + 16 (gdt.c); kernel CS = 0x08, SS = 0x10. */
	cpu_wrmsr(MSR_STAR, ((uint64_t)GDT_KERNEL_CODE << STAR_KERNEL_SHIFT) |
	                            ((uint64_t)(GDT_KERNEL_DATA | GDT_RPL_USER) << STAR_USER_SHIFT));
	cpu_wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)x86_syscall_entry);
	cpu_wrmsr(MSR_FMASK, SYSCALL_FMASK);
	return (platform_result_t){ PLATFORM_OK, "SYSCALL/SYSRET enabled" };
}

platform_user_t *platform_user_create(void)
{
	_Static_assert(sizeof(platform_user_t) <= PLATFORM_PAGE_SIZE, "a user context fits one page");
	platform_user_t *user = kernel_pages_alloc(1, false);
	if (!user)
		return NULL;
	user->fxsave[FXSAVE_FCW_OFFSET] = (uint8_t)(FPU_RESET_FCW & 0xFFu);
	user->fxsave[FXSAVE_FCW_OFFSET + 1] = (uint8_t)(FPU_RESET_FCW >> 8);
	uint32_t mxcsr = MXCSR_RESET;
	for (unsigned i = 0; i < sizeof(mxcsr); i++)
		user->fxsave[FXSAVE_MXCSR_OFFSET + i] = (uint8_t)(mxcsr >> (8 * i));
	return user;
}

platform_uregs_t *platform_user_regs(platform_user_t *user)
{
	return &user->regs;
}

uint8_t *platform_user_fpu(platform_user_t *user)
{
	return user->fxsave;
}

void platform_user_start(platform_user_t *user, uint64_t entry, uint64_t sp)
{
	platform_uregs_t fresh = { 0 };
	fresh.rip = entry;
	fresh.rsp = sp;
	fresh.rflags = RFLAGS_IF | RFLAGS_RESERVED1;
	user->regs = fresh;
	for (unsigned i = 0; i < PLATFORM_FXSAVE_SIZE; i++)
		user->fxsave[i] = 0;
	user->fxsave[FXSAVE_FCW_OFFSET] = (uint8_t)(FPU_RESET_FCW & 0xFFu);
	user->fxsave[FXSAVE_FCW_OFFSET + 1] = (uint8_t)(FPU_RESET_FCW >> 8);
	uint32_t mxcsr = MXCSR_RESET;
	for (unsigned i = 0; i < sizeof(mxcsr); i++)
		user->fxsave[FXSAVE_MXCSR_OFFSET + i] = (uint8_t)(mxcsr >> (8 * i));
}

int platform_user_exec_image(platform_user_t *user, const void *image, size_t len, char *const argv[],
                             char *const envp[])
{
	(void)user;
	(void)image;
	(void)len;
	(void)argv;
	(void)envp;
	return -ENOSYS; /* the kernel loads programs into page tables here */
}

int platform_user_signal_call(platform_user_t *user, const platform_signal_call_t *call)
{
	(void)user;
	(void)call;
	return -ENOSYS; /* the kernel writes the signal frame into the user stack here */
}

static bool user_address_ok(uint64_t addr)
{
	return addr < USER_ADDRESS_LIMIT;
}

void platform_user_run(platform_user_t *user, platform_user_event_t *event)
{
	platform_uregs_t *r = &user->regs;
	/* Whatever the kernel or a signal frame left here, ring 3 gets only user flags. */
	r->rflags = (r->rflags & RFLAGS_USER_MASK) | RFLAGS_IF | RFLAGS_RESERVED1;
	if (!user_address_ok(r->rip) || !user_address_ok(r->rsp)) {
		*event = (platform_user_event_t){ .kind = PLATFORM_USER_FAULT, .fault = PLATFORM_UFAULT_PROTECTION,
			                          .addr = r->rip };
		return;
	}
	unsigned long irq = platform_irq_save();
	cpu_wrmsr(MSR_FS_BASE, r->fs_base);
	__asm__ volatile("fxrstor64 %0" : : "m"(*(const uint8_t(*)[PLATFORM_FXSAVE_SIZE])user->fxsave));
	int kind = x86_user_enter(r);
	__asm__ volatile("fxsave64 %0" : "=m"(*(uint8_t(*)[PLATFORM_FXSAVE_SIZE])user->fxsave));
	if (kind == PLATFORM_USER_SYSCALL)
		*event = (platform_user_event_t){ .kind = PLATFORM_USER_SYSCALL };
	else
		*event = x86_user_trap_event;
	platform_irq_restore(irq | RFLAGS_IF);
}

int platform_user_fork(platform_user_t *parent, platform_user_t **child)
{
	platform_user_t *copy = kernel_pages_alloc(1, false);
	if (!copy)
		return -ENOMEM;
	*copy = *parent;
	*child = copy;
	return 0;
}


void platform_user_destroy(platform_user_t *user, platform_user_end_t how, int value)
{
	(void)how;
	(void)value;
	if (user)
		kernel_pages_free(user, 1, false);
}

int platform_copy_from_user(platform_user_t *user, void *dst, uint64_t src, size_t len)
{
	(void)user;
	if (len == 0)
		return 0;
	cpu_user_access_begin();
	int r = x86_user_copy(dst, (const void *)(uintptr_t)src, len);
	cpu_user_access_end();
	return r;
}

int platform_copy_to_user(platform_user_t *user, uint64_t dst, const void *src, size_t len)
{
	(void)user;
	if (len == 0)
		return 0;
	cpu_user_access_begin();
	int r = x86_user_copy((void *)(uintptr_t)dst, src, len);
	cpu_user_access_end();
	return r;
}
