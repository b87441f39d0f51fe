/*
 * Building and checking x86_64 signal frames (spec/signals.md SIG-060..076,
 * SIG-103..104 for the alternate stack).
 *
 * The layout follows Linux's get_sigframe for a non-XSAVE FPU image: below
 * the red zone the FXSAVE image (16-aligned), below it struct rt_sigframe
 * placed so that its start is 8 below a 16-byte boundary.  The frame is built
 * in a kernel buffer that mirrors the user range [frame, fxsave + 512).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/errno.h>

#include "core/kstring.h"
#include "proc/signal_frame.h"
#include "proc/signal_set.h"

_Static_assert(sizeof(aegis_siginfo_t) == AEGIS_SIGINFO_SIZE, "siginfo is 128 bytes");
_Static_assert(sizeof(aegis_sigcontext_t) == 256, "Linux struct sigcontext is 256 bytes");
_Static_assert(sizeof(aegis_ucontext_t) == 304, "Linux struct ucontext (8-byte sigmask) is 304 bytes");
_Static_assert(sizeof(signal_rt_frame_t) == 440, "Linux struct rt_sigframe is 440 bytes");

/* Size of the return-address slot at the frame start. */
#define SIGNAL_FRAME_RET_SLOT sizeof(uint64_t)

static uint64_t signal_round_down(uint64_t value, uint64_t align)
{
	return value & ~(align - 1);
}

static bool signal_user_addr(uint64_t addr)
{
	return addr < SIGNAL_USER_LIMIT;
}

/* True when [addr, addr + len) lies inside the user half without wrapping. */
static bool signal_user_range(uint64_t addr, uint64_t len)
{
	return addr <= SIGNAL_USER_LIMIT && len <= SIGNAL_USER_LIMIT - addr;
}

static void signal_put_u16(uint8_t *p, uint16_t v)
{
	kmemcpy(p, &v, sizeof(v));
}

static void signal_put_u32(uint8_t *p, uint32_t v)
{
	kmemcpy(p, &v, sizeof(v));
}

static uint32_t signal_get_u32(const uint8_t *p)
{
	uint32_t v;
	kmemcpy(&v, p, sizeof(v));
	return v;
}

void signal_fxsave_init(uint8_t *fxsave)
{
	kmemset(fxsave, 0, PLATFORM_FXSAVE_SIZE);
	signal_put_u16(fxsave + SIGNAL_FXSAVE_FCW_OFFSET, SIGNAL_FXSAVE_FCW_INIT);
	signal_put_u32(fxsave + SIGNAL_FXSAVE_MXCSR_OFFSET, SIGNAL_FXSAVE_MXCSR_INIT);
}

static void signal_sigcontext_fill(aegis_sigcontext_t *sc, const signal_frame_in_t *in, uint64_t fx_addr)
{
	const platform_uregs_t *r = in->regs;
	sc->r8 = r->r8;
	sc->r9 = r->r9;
	sc->r10 = r->r10;
	sc->r11 = r->r11;
	sc->r12 = r->r12;
	sc->r13 = r->r13;
	sc->r14 = r->r14;
	sc->r15 = r->r15;
	sc->rdi = r->rdi;
	sc->rsi = r->rsi;
	sc->rbp = r->rbp;
	sc->rbx = r->rbx;
	sc->rdx = r->rdx;
	sc->rax = r->rax;
	sc->rcx = r->rcx;
	sc->rsp = r->rsp;
	sc->rip = r->rip;
	sc->eflags = r->rflags;
	sc->cs = SIGNAL_FRAME_USER_CS;
	sc->ss = SIGNAL_FRAME_USER_SS;
	sc->gs = 0;
	sc->fs = 0;
	sc->err = in->err;
	sc->trapno = in->trapno;
	sc->oldmask = in->old_mask;
	sc->cr2 = in->cr2;
	sc->fpstate = fx_addr;
}

int signal_frame_build(const signal_frame_in_t *in, uint8_t *buf, size_t buf_size, signal_frame_out_t *out)
{
	if (in == NULL || buf == NULL || out == NULL || in->regs == NULL || in->info == NULL ||
	    in->action == NULL)
		return -EINVAL;
	if (!signal_is_valid(in->info->si_signo))
		return -EINVAL;
	const aegis_kernel_sigaction_t *act = in->action;
	if ((act->flags & SA_RESTORER) == 0)
		return -EFAULT; /* x86_64 Linux refuses handlers without a trampoline */
	if (!signal_user_addr(act->handler) || !signal_user_addr(act->restorer))
		return -EFAULT;
	uint64_t rsp = in->regs->rsp;
	if (rsp > SIGNAL_USER_LIMIT || rsp < SIGNAL_FRAME_RED_ZONE + SIGNAL_FRAME_MAX_BYTES)
		return -EFAULT;

	/* Which stack: below the red zone, or the top of the alternate stack (Linux's get_sigframe). */
	signal_altstack_t *alt = in->altstack;
	uint64_t sp = rsp - SIGNAL_FRAME_RED_ZONE;
	bool nested = alt != NULL && signal_altstack_on(alt, rsp);
	bool entering = false;
	if ((act->flags & SA_ONSTACK) && alt != NULL && alt->size != 0 && !signal_altstack_on(alt, sp)) {
		sp = alt->sp + alt->size;
		entering = true;
		if (sp > SIGNAL_USER_LIMIT || sp < SIGNAL_FRAME_MAX_BYTES)
			return -EFAULT;
	}

	uint64_t fx_addr = signal_round_down(sp - PLATFORM_FXSAVE_SIZE, SIGNAL_FRAME_FXSAVE_ALIGN);
	uint64_t frame_addr =
	    signal_round_down(fx_addr - SIGNAL_FRAME_SIZE, SIGNAL_FRAME_STACK_ALIGN) - SIGNAL_FRAME_RET_SLOT;
	uint64_t size = fx_addr + PLATFORM_FXSAVE_SIZE - frame_addr;
	if ((nested || entering) && !(frame_addr > alt->sp && frame_addr - alt->sp <= alt->size))
		return -EFAULT; /* the frame would overflow the alternate stack */
	if (size > buf_size)
		return -EINVAL;

	kmemset(buf, 0, (size_t)size);
	signal_rt_frame_t frame;
	kmemset(&frame, 0, sizeof(frame));
	frame.pretcode = act->restorer;
	frame.uc.uc_flags = AEGIS_UC_SIGCONTEXT_SS | AEGIS_UC_STRICT_RESTORE_SS;
	frame.uc.uc_link = 0;
	if (alt != NULL) {
		frame.uc.uc_stack.ss_sp = (void *)(uintptr_t)alt->sp;
		frame.uc.uc_stack.ss_flags = alt->flags;
		frame.uc.uc_stack.ss_size = (size_t)alt->size;
	} else {
		frame.uc.uc_stack.ss_sp = NULL;
		frame.uc.uc_stack.ss_flags = AEGIS_SS_DISABLE;
		frame.uc.uc_stack.ss_size = 0;
	}
	signal_sigcontext_fill(&frame.uc.uc_mcontext, in, in->fxsave != NULL ? fx_addr : 0);
	frame.uc.uc_sigmask = in->old_mask;
	frame.info = *in->info;
	kmemcpy(buf, &frame, sizeof(frame));
	if (in->fxsave != NULL)
		kmemcpy(buf + (fx_addr - frame_addr), in->fxsave, PLATFORM_FXSAVE_SIZE);

	out->user_addr = frame_addr;
	out->size = (size_t)size;
	out->regs = *in->regs;
	out->regs.rip = act->handler;
	out->regs.rsp = frame_addr;
	out->regs.rdi = (uint64_t)in->info->si_signo;
	out->regs.rsi = frame_addr + offsetof(signal_rt_frame_t, info);
	out->regs.rdx = frame_addr + offsetof(signal_rt_frame_t, uc);
	out->regs.rax = 0; /* as Linux: for variadic handlers */
	out->regs.rflags = (in->regs->rflags & ~SIGNAL_RFLAGS_HANDLER_CLEAR) | SIGNAL_RFLAGS_FORCED;
	if (alt != NULL && ((uint32_t)alt->flags & AEGIS_SS_AUTODISARM))
		signal_altstack_init(alt);
	return 0;
}

int signal_frame_locate(uint64_t user_rsp, uint64_t *frame_addr)
{
	if (user_rsp < SIGNAL_FRAME_RET_SLOT)
		return -EFAULT;
	uint64_t addr = user_rsp - SIGNAL_FRAME_RET_SLOT;
	if (!signal_user_range(addr, SIGNAL_FRAME_SIZE))
		return -EFAULT;
	*frame_addr = addr;
	return 0;
}

int signal_frame_fpstate(const signal_rt_frame_t *frame, uint64_t *fx_addr)
{
	uint64_t addr = frame->uc.uc_mcontext.fpstate;
	if (addr != 0) {
		if (addr % SIGNAL_FRAME_FXSAVE_ALIGN != 0 || !signal_user_range(addr, PLATFORM_FXSAVE_SIZE))
			return -EFAULT;
	}
	*fx_addr = addr;
	return 0;
}

int signal_frame_restore(const signal_rt_frame_t *frame, uint8_t *fxsave, platform_uregs_t *regs,
                         aegis_sigset_t *mask)
{
	const aegis_sigcontext_t *sc = &frame->uc.uc_mcontext;
	if (!signal_user_addr(sc->rip) || !signal_user_addr(sc->rsp))
		return -EFAULT;
	regs->r8 = sc->r8;
	regs->r9 = sc->r9;
	regs->r10 = sc->r10;
	regs->r11 = sc->r11;
	regs->r12 = sc->r12;
	regs->r13 = sc->r13;
	regs->r14 = sc->r14;
	regs->r15 = sc->r15;
	regs->rdi = sc->rdi;
	regs->rsi = sc->rsi;
	regs->rbp = sc->rbp;
	regs->rbx = sc->rbx;
	regs->rdx = sc->rdx;
	regs->rax = sc->rax;
	regs->rcx = sc->rcx;
	regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	regs->rflags = (sc->eflags & SIGNAL_RFLAGS_USER) | SIGNAL_RFLAGS_FORCED;
	*mask = signal_set_sanitize_mask(frame->uc.uc_sigmask);
	if (fxsave != NULL) {
		if (sc->fpstate == 0) {
			signal_fxsave_init(fxsave);
		} else {
			uint32_t mxcsr = signal_get_u32(fxsave + SIGNAL_FXSAVE_MXCSR_OFFSET);
			signal_put_u32(fxsave + SIGNAL_FXSAVE_MXCSR_OFFSET, mxcsr & SIGNAL_MXCSR_VALID);
		}
	}
	return 0;
}
