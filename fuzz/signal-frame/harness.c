/*
 * AFL++ harness for rt_sigreturn's frame checks: signal_frame_locate,
 * signal_frame_fpstate and signal_frame_restore (src/kernel/proc/signal_frame.c).
 *
 * Input: the 440-byte frame image a program left on its stack, then the
 * 512-byte FXSAVE image its fpstate points at (shorter inputs are padded with
 * zeros, longer ones cut).  Supports spec/signals.md SIG-070, SIG-071 (the
 * address checks keep every range in the user half), SIG-073..075 (a refused
 * frame changes nothing; an accepted one yields user rip/rsp, sanitised
 * rflags, a mask without SIGKILL/SIGSTOP and a loadable MXCSR) and SIG-076
 * (no crash on any input; the inputs sit in exact-size heap buffers for ASan).
 * It also checks that sanitised state is a fixed point: building a frame from
 * the restored registers and restoring that gives the same registers, and
 * that reinstalling the frame's uc_stack (SIG-105, rules of SIG-101/102)
 * leaves either the old alternate stack or a valid one in the user half.
 * A broken property aborts, which AFL++ and the corpus replay count as a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "fuzz.h"
#include "proc/signal_altstack.h"
#include "proc/signal_frame.h"
#include "proc/signal_info.h"
#include "proc/signal_set.h"

#define HARNESS_FS_BASE 0x4c8880ull
#define HARNESS_HANDLER 0x401000ull
#define HARNESS_RESTORER 0x401800ull

static void harness_fail(const char *what)
{
	fprintf(stderr, "signal-frame harness: invariant broken: %s\n", what);
	abort();
}

static void harness_check_restored(const platform_uregs_t *regs, aegis_sigset_t mask, const uint8_t *fx)
{
	if (regs->rip >= SIGNAL_USER_LIMIT || regs->rsp >= SIGNAL_USER_LIMIT)
		harness_fail("restored rip or rsp outside the user half");
	if ((regs->rflags & ~SIGNAL_RFLAGS_USER) != SIGNAL_RFLAGS_FORCED)
		harness_fail("restored rflags carry a privileged bit or miss IF");
	if (signal_set_has(mask, SIGKILL) || signal_set_has(mask, SIGSTOP))
		harness_fail("restored mask blocks SIGKILL or SIGSTOP");
	if (regs->fs_base != HARNESS_FS_BASE)
		harness_fail("fs_base changed");
	uint32_t mxcsr;
	memcpy(&mxcsr, fx + SIGNAL_FXSAVE_MXCSR_OFFSET, sizeof(mxcsr));
	if (mxcsr & ~SIGNAL_MXCSR_VALID)
		harness_fail("MXCSR reserved bits left set");
}

/* Deliver a signal on the restored state and return from it: nothing may change. */
static void harness_round_trip(const platform_uregs_t *regs, aegis_sigset_t mask, const uint8_t *fx)
{
	aegis_siginfo_t info;
	(void)signal_info_kernel(&info, SIGUSR1);
	aegis_kernel_sigaction_t act = { HARNESS_HANDLER, SA_RESTORER | SA_SIGINFO, HARNESS_RESTORER, 0 };
	signal_frame_in_t in = { .regs = regs, .fxsave = fx, .old_mask = mask, .info = &info, .action = &act };
	static uint8_t buf[SIGNAL_FRAME_MAX_BYTES];
	signal_frame_out_t out;
	int r = signal_frame_build(&in, buf, sizeof(buf), &out);
	if (r == -EFAULT)
		return; /* stack too low for a frame: the caller would kill the process */
	if (r != 0)
		harness_fail("build refused a sane state with something other than -EFAULT");
	uint64_t frame_addr;
	if (signal_frame_locate(out.regs.rsp + 8, &frame_addr) != 0 || frame_addr != out.user_addr)
		harness_fail("locate does not find the frame just built");
	signal_rt_frame_t frame;
	memcpy(&frame, buf, sizeof(frame));
	uint64_t fx_addr;
	if (signal_frame_fpstate(&frame, &fx_addr) != 0 || fx_addr < out.user_addr ||
	    fx_addr + PLATFORM_FXSAVE_SIZE != out.user_addr + out.size)
		harness_fail("fpstate of a built frame is wrong");
	uint8_t fx2[PLATFORM_FXSAVE_SIZE];
	memcpy(fx2, buf + (fx_addr - out.user_addr), sizeof(fx2));
	platform_uregs_t back = out.regs;
	aegis_sigset_t mask2 = 0;
	if (signal_frame_restore(&frame, fx2, &back, &mask2) != 0)
		harness_fail("restore refused a frame build made");
	if (memcmp(&back, regs, sizeof(back)) != 0 || mask2 != mask || memcmp(fx2, fx, sizeof(fx2)) != 0)
		harness_fail("build -> restore is not the identity on sanitised state");
}

static void harness_altstack(const signal_rt_frame_t *frame, uint64_t user_sp)
{
	signal_altstack_t a;
	signal_altstack_init(&a);
	a.sp = 0x7f0000100000ull;
	a.size = 0x4000;
	a.flags = 0;
	signal_altstack_t before = a;
	signal_altstack_restore(&a, &frame->uc.uc_stack, user_sp);
	if (memcmp(&a, &before, sizeof(a)) == 0)
		return;
	if (a.size == 0) {
		if (a.sp != 0 || a.flags != AEGIS_SS_DISABLE)
			harness_fail("a disabled alternate stack keeps an address or flags");
		return;
	}
	if (a.size < AEGIS_MINSIGSTKSZ || a.sp >= SIGNAL_USER_LIMIT || a.size > SIGNAL_USER_LIMIT - a.sp)
		harness_fail("reinstalled alternate stack outside the user half or too small");
	uint32_t mode = (uint32_t)a.flags & ~AEGIS_SS_AUTODISARM;
	if (mode != 0 && mode != AEGIS_SS_ONSTACK)
		harness_fail("reinstalled alternate stack has bad flags");
	if (signal_altstack_on(&before, user_sp))
		harness_fail("alternate stack replaced while running on it");
}

int fuzz_one(const uint8_t *data, size_t size)
{
	signal_rt_frame_t frame;
	uint8_t fx[PLATFORM_FXSAVE_SIZE];
	memset(&frame, 0, sizeof(frame));
	memset(fx, 0, sizeof(fx));
	size_t n = size < sizeof(frame) ? size : sizeof(frame);
	memcpy(&frame, data, n);
	if (size > sizeof(frame)) {
		size_t m = size - sizeof(frame);
		memcpy(fx, data + sizeof(frame), m < sizeof(fx) ? m : sizeof(fx));
	}

	/* The frame's own rsp as the rt_sigreturn stack pointer. */
	uint64_t frame_addr = 0;
	int lr = signal_frame_locate(frame.uc.uc_mcontext.rsp, &frame_addr);
	if (lr == 0) {
		if (frame_addr + SIGNAL_FRAME_SIZE > SIGNAL_USER_LIMIT || frame_addr + 8 != frame.uc.uc_mcontext.rsp)
			harness_fail("located frame outside the user half");
	} else if (lr != -EFAULT) {
		harness_fail("locate failed with something other than -EFAULT");
	}
	uint64_t fx_addr = 0;
	int fr = signal_frame_fpstate(&frame, &fx_addr);
	if (fr == 0) {
		if (fx_addr != 0 && (fx_addr % SIGNAL_FRAME_FXSAVE_ALIGN != 0 ||
		                     fx_addr + PLATFORM_FXSAVE_SIZE > SIGNAL_USER_LIMIT))
			harness_fail("accepted fpstate outside the user half or misaligned");
	} else if (fr != -EFAULT) {
		harness_fail("fpstate failed with something other than -EFAULT");
	}

	platform_uregs_t regs;
	memset(&regs, 0x5a, sizeof(regs));
	regs.fs_base = HARNESS_FS_BASE;
	platform_uregs_t before = regs;
	aegis_sigset_t mask = 0x1234;
	uint8_t fx_before[PLATFORM_FXSAVE_SIZE];
	memcpy(fx_before, fx, sizeof(fx));
	int r = signal_frame_restore(&frame, fx, &regs, &mask);
	if (r != 0) {
		if (r != -EFAULT)
			harness_fail("restore failed with something other than -EFAULT");
		if (memcmp(&regs, &before, sizeof(regs)) != 0 || mask != 0x1234 || memcmp(fx, fx_before, sizeof(fx)) != 0)
			harness_fail("a refused frame changed the outputs");
		return 0;
	}
	harness_check_restored(&regs, mask, fx);
	harness_round_trip(&regs, mask, fx);
	harness_altstack(&frame, regs.rsp);
	return 0;
}
