/*
 * The x86_64 signal frame, laid out exactly as Linux builds it, so musl's
 * handlers and its __restore_rt trampoline work unchanged (spec/signals.md
 * SIG-060..075).  Pure: the caller copies bytes to and from user memory.
 *
 * User stack after signal_frame_build, high addresses first:
 *
 *   interrupted rsp
 *   128-byte red zone (skipped, never touched)
 *   padding down to a 16-byte boundary
 *   fxsave image, 512 bytes, 16-aligned      <- uc.uc_mcontext.fpstate
 *   padding
 *   siginfo (128 bytes)                      <- rsi
 *   ucontext (304 bytes)                     <- rdx
 *   return address = sa_restorer             <- rsp at handler entry
 *
 * At handler entry (rsp + 8) % 16 == 0, as after a call instruction.  The
 * handler's `ret` pops the return address, so the trampoline runs
 * rt_sigreturn with rsp = frame + 8: the frame image is at rsp - 8
 * (signal_frame_locate).
 *
 * Delivery:   signal_frame_build -> copy buf to out.user_addr -> load out.regs
 *             (and the initial FPU state, signal_fxsave_init) -> run.
 * Return:     signal_frame_locate(rsp) -> copy SIGNAL_FRAME_SIZE bytes in ->
 *             signal_frame_fpstate -> copy the image (if any) into a scratch
 *             buffer -> signal_frame_restore -> on success install regs, mask
 *             and the scratch image, and return regs.rax as the system call's
 *             result; on failure kill the process with SIGSEGV.  The return
 *             to user mode must restore every register (rcx and r11 too: not
 *             SYSRET's shortcut).
 */
#ifndef AEGIS_KERNEL_PROC_SIGNAL_FRAME_H
#define AEGIS_KERNEL_PROC_SIGNAL_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include <aegis/signal.h>

#include "platform.h"
#include "proc/signal_altstack.h"

/* First address above the user half: user rip, rsp and frame addresses lie below it. */
#define SIGNAL_USER_LIMIT 0x0000800000000000ull
/* Bytes below the interrupted rsp the System V ABI lets leaf code use. */
#define SIGNAL_FRAME_RED_ZONE 128u
/* Alignment of the FXSAVE image (FXRSTOR requires 16). */
#define SIGNAL_FRAME_FXSAVE_ALIGN 16u
/* Stack alignment of the ABI: (rsp + 8) % 16 == 0 at function entry. */
#define SIGNAL_FRAME_STACK_ALIGN 16u
/* Selectors written into the frame for programs that read them; never loaded back. */
#define SIGNAL_FRAME_USER_CS 0x33u
#define SIGNAL_FRAME_USER_SS 0x2bu

/* RFLAGS bits. */
#define SIGNAL_RFLAGS_CF (1ull << 0)
#define SIGNAL_RFLAGS_FIXED1 (1ull << 1) /* reserved, always 1 */
#define SIGNAL_RFLAGS_PF (1ull << 2)
#define SIGNAL_RFLAGS_AF (1ull << 4)
#define SIGNAL_RFLAGS_ZF (1ull << 6)
#define SIGNAL_RFLAGS_SF (1ull << 7)
#define SIGNAL_RFLAGS_TF (1ull << 8)
#define SIGNAL_RFLAGS_IF (1ull << 9)
#define SIGNAL_RFLAGS_DF (1ull << 10)
#define SIGNAL_RFLAGS_OF (1ull << 11)
#define SIGNAL_RFLAGS_IOPL (3ull << 12)
#define SIGNAL_RFLAGS_NT (1ull << 14)
#define SIGNAL_RFLAGS_RF (1ull << 16)
#define SIGNAL_RFLAGS_VM (1ull << 17)
#define SIGNAL_RFLAGS_AC (1ull << 18)
#define SIGNAL_RFLAGS_VIF (1ull << 19)
#define SIGNAL_RFLAGS_VIP (1ull << 20)
#define SIGNAL_RFLAGS_ID (1ull << 21)

/* The bits a program may choose through rt_sigreturn; all others are forced. */
#define SIGNAL_RFLAGS_USER                                                                    \
	(SIGNAL_RFLAGS_CF | SIGNAL_RFLAGS_PF | SIGNAL_RFLAGS_AF | SIGNAL_RFLAGS_ZF |          \
	 SIGNAL_RFLAGS_SF | SIGNAL_RFLAGS_TF | SIGNAL_RFLAGS_DF | SIGNAL_RFLAGS_OF |          \
	 SIGNAL_RFLAGS_AC | SIGNAL_RFLAGS_ID)
/* Always set after rt_sigreturn. */
#define SIGNAL_RFLAGS_FORCED (SIGNAL_RFLAGS_FIXED1 | SIGNAL_RFLAGS_IF)
/* Cleared for the handler (DF by the ABI; no single-stepping or resume flag into it). */
#define SIGNAL_RFLAGS_HANDLER_CLEAR (SIGNAL_RFLAGS_DF | SIGNAL_RFLAGS_TF | SIGNAL_RFLAGS_RF)

/* FXSAVE image fields. */
#define SIGNAL_FXSAVE_FCW_OFFSET 0u
#define SIGNAL_FXSAVE_MXCSR_OFFSET 24u
#define SIGNAL_FXSAVE_FCW_INIT 0x037fu   /* x87 control word after FNINIT */
#define SIGNAL_FXSAVE_MXCSR_INIT 0x1f80u /* all SIMD exceptions masked, round to nearest */
/* MXCSR bits FXRSTOR accepts on every x86_64 CPU (DAZ included); others #GP. */
#define SIGNAL_MXCSR_VALID 0x0000ffffu

/* Linux's struct rt_sigframe on x86_64 (without the FPU image that follows it). */
typedef struct {
	uint64_t pretcode; /* the restorer: where the handler returns */
	aegis_ucontext_t uc;
	aegis_siginfo_t info;
} signal_rt_frame_t;

#define SIGNAL_FRAME_SIZE sizeof(signal_rt_frame_t)
/* Largest number of bytes signal_frame_build ever writes (frame, gaps, FXSAVE). */
#define SIGNAL_FRAME_MAX_BYTES                                                             \
	(SIGNAL_FRAME_SIZE + SIGNAL_FRAME_STACK_ALIGN + SIGNAL_FRAME_FXSAVE_ALIGN + PLATFORM_FXSAVE_SIZE)

typedef struct {
	const platform_uregs_t *regs;           /* the interrupted user registers */
	const uint8_t *fxsave;                  /* PLATFORM_FXSAVE_SIZE bytes, NULL where none (sim) */
	aegis_sigset_t old_mask;                /* blocked set to restore on return */
	const aegis_siginfo_t *info;            /* what the handler receives */
	const aegis_kernel_sigaction_t *action; /* from signal_action_enter */
	uint64_t trapno, err, cr2;              /* of the fault that caused the signal, else 0 */
	signal_altstack_t *altstack;            /* the thread's sigaltstack, NULL for none */
} signal_frame_in_t;

typedef struct {
	uint64_t user_addr;    /* copy `size` bytes of the buffer to this user address */
	size_t size;
	platform_uregs_t regs; /* registers at handler entry (fs_base unchanged) */
} signal_frame_out_t;

/*
 * Lay out the frame for in into buf (buf_size >= SIGNAL_FRAME_MAX_BYTES is
 * always enough).  With SA_ONSTACK and an enabled alternate stack that the
 * thread is not already on, the frame goes at the top of that stack instead
 * (no red zone there); uc_stack records the alternate stack, which is then
 * disarmed if it has SS_AUTODISARM.  0, or:
 *   -EFAULT  the action lacks SA_RESTORER, or its handler or restorer, or the
 *            interrupted rsp, is not a user address, or the stack has no room
 *            (also: the frame would overflow the alternate stack)
 *            (the caller then kills the process with SIGSEGV, as Linux);
 *   -EINVAL  a NULL argument, a bad si_signo or a buffer too small.
 * On failure *out and buf are unspecified and *in->altstack is unchanged.
 */
int signal_frame_build(const signal_frame_in_t *in, uint8_t *buf, size_t buf_size, signal_frame_out_t *out);

/*
 * Where rt_sigreturn finds the frame: user_rsp - 8 (the handler's ret popped
 * the return address).  0 with *frame_addr, or -EFAULT when
 * [frame_addr, frame_addr + SIGNAL_FRAME_SIZE) is not inside the user half.
 */
int signal_frame_locate(uint64_t user_rsp, uint64_t *frame_addr);

/*
 * The user address of the frame's FXSAVE image: 0 with *fx_addr (0: the frame
 * has none), or -EFAULT when it is not 16-aligned or its 512 bytes are not
 * inside the user half.
 */
int signal_frame_fpstate(const signal_rt_frame_t *frame, uint64_t *fx_addr);

/*
 * rt_sigreturn: from a frame image (and the FXSAVE image copied from
 * signal_frame_fpstate's address into fxsave), compute what to restore.
 * regs holds the current registers on entry; on success its general
 * registers, rip, rsp and rflags come from the frame (fs_base stays), *mask
 * is uc_sigmask without SIGKILL/SIGSTOP, and fxsave has MXCSR's reserved bits
 * cleared, or becomes the initial image when the frame has no FPU state.
 * fxsave may be NULL where the platform keeps none (sim).
 * Sanitising: rflags keeps SIGNAL_RFLAGS_USER bits, gains IF and bit 1, loses
 * IOPL, NT, RF, VM, VIF, VIP; cs, ss, fs, gs, err, trapno, cr2, oldmask,
 * uc_flags, uc_link and uc_stack are ignored.
 * 0, or -EFAULT (rip or rsp not below SIGNAL_USER_LIMIT) leaving every output
 * unchanged.
 */
int signal_frame_restore(const signal_rt_frame_t *frame, uint8_t *fxsave, platform_uregs_t *regs,
                         aegis_sigset_t *mask);

/* The FXSAVE image of a freshly initialised FPU (FNINIT, MXCSR 0x1f80). */
void signal_fxsave_init(uint8_t *fxsave);

#endif
