/*
 * tests/signals: building and restoring the x86_64 signal frame
 * (SIG-061..065, SIG-070..076), including a build -> restore round trip and
 * hostile frames.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "proc/signal_frame.h"
#include "proc/signal_info.h"
#include "proc/signal_set.h"

#define HANDLER 0x401230ull
#define RESTORER 0x401ff0ull
#define USER_RSP 0x7ffffffde9a8ull
#define FS_BASE 0x4c8880ull

static platform_uregs_t sample_regs(uint64_t rsp)
{
	platform_uregs_t r = {
		.r15 = 15, .r14 = 14, .r13 = 13, .r12 = 12, .r11 = 11, .r10 = 10, .r9 = 9, .r8 = 8,
		.rbp = 0x7ffffffdeb00ull, .rdi = 0x1d1, .rsi = 0x151, .rdx = 0xd0, .rcx = 0xc0, .rbx = 0xb0,
		.rax = 0xfffffffffffffffcull, .rip = 0x4011aaull,
		.rflags = SIGNAL_RFLAGS_FIXED1 | SIGNAL_RFLAGS_IF | SIGNAL_RFLAGS_ZF | SIGNAL_RFLAGS_DF |
		          SIGNAL_RFLAGS_TF | SIGNAL_RFLAGS_CF,
		.rsp = rsp, .fs_base = FS_BASE,
	};
	return r;
}

static void sample_fxsave(uint8_t *fx)
{
	for (size_t i = 0; i < PLATFORM_FXSAVE_SIZE; i++)
		fx[i] = (uint8_t)(i * 13u + 1u);
	uint32_t mxcsr = SIGNAL_FXSAVE_MXCSR_INIT | 0x40u; /* DAZ set: legal */
	memcpy(fx + SIGNAL_FXSAVE_MXCSR_OFFSET, &mxcsr, sizeof(mxcsr));
}

typedef struct {
	platform_uregs_t regs;
	uint8_t fx[PLATFORM_FXSAVE_SIZE];
	aegis_siginfo_t info;
	aegis_kernel_sigaction_t act;
	signal_frame_in_t in;
	uint8_t buf[SIGNAL_FRAME_MAX_BYTES];
	signal_frame_out_t out;
} fixture_t;

static void fixture_init(fixture_t *f, uint64_t rsp)
{
	memset(f, 0, sizeof(*f));
	f->regs = sample_regs(rsp);
	sample_fxsave(f->fx);
	assert_int_equal(signal_info_kill(&f->info, SIGUSR1, 99, 1000), 0);
	f->act.handler = HANDLER;
	f->act.flags = SA_SIGINFO | SA_RESTORER;
	f->act.restorer = RESTORER;
	f->act.mask = 0;
	f->in.regs = &f->regs;
	f->in.fxsave = f->fx;
	f->in.old_mask = signal_set_bit(SIGALRM) | signal_set_bit(40);
	f->in.info = &f->info;
	f->in.action = &f->act;
	f->in.trapno = 14;
	f->in.err = 6;
	f->in.cr2 = 0xbad000ull;
}

static int fixture_build(fixture_t *f)
{
	memset(f->buf, 0xee, sizeof(f->buf));
	return signal_frame_build(&f->in, f->buf, sizeof(f->buf), &f->out);
}

static const signal_rt_frame_t *frame_of(const fixture_t *f)
{
	return (const signal_rt_frame_t *)(const void *)f->buf;
}

/* SIG-061: placement, alignment, red zone, for every rsp alignment. */
static void test_SIG_061_placement(void **state)
{
	(void)state;
	static fixture_t f;
	for (uint64_t delta = 0; delta < 64; delta++) {
		uint64_t rsp = USER_RSP - delta;
		fixture_init(&f, rsp);
		assert_int_equal(fixture_build(&f), 0);
		uint64_t frame = f.out.user_addr;
		uint64_t fx = frame_of(&f)->uc.uc_mcontext.fpstate;
		assert_int_equal((f.out.regs.rsp + 8) % 16, 0);
		assert_int_equal(f.out.regs.rsp, frame);
		assert_int_equal(fx % SIGNAL_FRAME_FXSAVE_ALIGN, 0);
		assert_true(frame + SIGNAL_FRAME_SIZE <= fx);
		assert_true(fx + PLATFORM_FXSAVE_SIZE <= rsp - SIGNAL_FRAME_RED_ZONE);
		assert_int_equal(frame + f.out.size, fx + PLATFORM_FXSAVE_SIZE);
		assert_true(f.out.size <= SIGNAL_FRAME_MAX_BYTES);
		/* as close as Linux puts it: less than 16 bytes of padding each */
		assert_true(rsp - SIGNAL_FRAME_RED_ZONE - (fx + PLATFORM_FXSAVE_SIZE) < 16);
		assert_true(fx - (frame + SIGNAL_FRAME_SIZE) < 24);
	}
}

/* SIG-062: what the frame holds. */
static void test_SIG_062_content(void **state)
{
	(void)state;
	static fixture_t f;
	fixture_init(&f, USER_RSP);
	assert_int_equal(fixture_build(&f), 0);
	const signal_rt_frame_t *fr = frame_of(&f);
	const aegis_sigcontext_t *sc = &fr->uc.uc_mcontext;
	assert_int_equal(fr->pretcode, RESTORER);
	assert_int_equal(fr->uc.uc_flags, AEGIS_UC_SIGCONTEXT_SS | AEGIS_UC_STRICT_RESTORE_SS);
	assert_int_equal(fr->uc.uc_link, 0);
	assert_null(fr->uc.uc_stack.ss_sp);
	assert_int_equal(fr->uc.uc_stack.ss_flags, AEGIS_SS_DISABLE);
	assert_int_equal(fr->uc.uc_stack.ss_size, 0);
	assert_int_equal(sc->r8, 8);
	assert_int_equal(sc->r9, 9);
	assert_int_equal(sc->r10, 10);
	assert_int_equal(sc->r11, 11);
	assert_int_equal(sc->r12, 12);
	assert_int_equal(sc->r13, 13);
	assert_int_equal(sc->r14, 14);
	assert_int_equal(sc->r15, 15);
	assert_int_equal(sc->rdi, f.regs.rdi);
	assert_int_equal(sc->rsi, f.regs.rsi);
	assert_int_equal(sc->rbp, f.regs.rbp);
	assert_int_equal(sc->rbx, f.regs.rbx);
	assert_int_equal(sc->rdx, f.regs.rdx);
	assert_int_equal(sc->rax, f.regs.rax);
	assert_int_equal(sc->rcx, f.regs.rcx);
	assert_int_equal(sc->rsp, USER_RSP);
	assert_int_equal(sc->rip, f.regs.rip);
	assert_int_equal(sc->eflags, f.regs.rflags);
	assert_int_equal(sc->cs, SIGNAL_FRAME_USER_CS);
	assert_int_equal(sc->ss, SIGNAL_FRAME_USER_SS);
	assert_int_equal(sc->fs, 0);
	assert_int_equal(sc->gs, 0);
	assert_int_equal(sc->err, 6);
	assert_int_equal(sc->trapno, 14);
	assert_int_equal(sc->cr2, 0xbad000ull);
	assert_int_equal(sc->oldmask, f.in.old_mask);
	assert_int_equal(fr->uc.uc_sigmask, f.in.old_mask);
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(sc->reserved1[i], 0);
	assert_memory_equal(&fr->info, &f.info, sizeof(f.info));
	uint64_t fx_off = sc->fpstate - f.out.user_addr;
	assert_memory_equal(f.buf + fx_off, f.fx, PLATFORM_FXSAVE_SIZE);
	/* the gap between frame and image is zero, nothing of the 0xee fill is left */
	for (size_t i = SIGNAL_FRAME_SIZE; i < fx_off; i++)
		assert_int_equal(f.buf[i], 0);
	/* bytes past out.size are not written */
	assert_int_equal(f.buf[f.out.size], 0xee);
}

/* SIG-063: handler entry registers. */
static void test_SIG_063_entry_registers(void **state)
{
	(void)state;
	static fixture_t f;
	fixture_init(&f, USER_RSP);
	assert_int_equal(fixture_build(&f), 0);
	const platform_uregs_t *r = &f.out.regs;
	assert_int_equal(r->rip, HANDLER);
	assert_int_equal(r->rsp, f.out.user_addr);
	assert_int_equal(r->rdi, SIGUSR1);
	assert_int_equal(r->rsi, f.out.user_addr + offsetof(signal_rt_frame_t, info));
	assert_int_equal(r->rdx, f.out.user_addr + offsetof(signal_rt_frame_t, uc));
	assert_int_equal(r->rax, 0);
	assert_int_equal(r->rflags, SIGNAL_RFLAGS_FIXED1 | SIGNAL_RFLAGS_IF | SIGNAL_RFLAGS_ZF | SIGNAL_RFLAGS_CF);
	assert_int_equal(r->fs_base, FS_BASE);
	assert_int_equal(r->rbx, f.regs.rbx);
	assert_int_equal(r->rbp, f.regs.rbp);
	assert_int_equal(r->r12, 12);
	assert_int_equal(r->r15, 15);
	/* RF is cleared too */
	f.regs.rflags |= SIGNAL_RFLAGS_RF;
	assert_int_equal(fixture_build(&f), 0);
	assert_int_equal(f.out.regs.rflags & SIGNAL_RFLAGS_RF, 0);
}

/* SIG-064: refusals. */
static void test_SIG_064_build_refusals(void **state)
{
	(void)state;
	static fixture_t f;
	fixture_init(&f, USER_RSP);
	f.act.flags = SA_SIGINFO; /* no restorer */
	assert_int_equal(fixture_build(&f), -EFAULT);
	fixture_init(&f, USER_RSP);
	f.act.handler = 0xffffffff80001000ull;
	assert_int_equal(fixture_build(&f), -EFAULT);
	fixture_init(&f, USER_RSP);
	f.act.handler = SIGNAL_USER_LIMIT;
	assert_int_equal(fixture_build(&f), -EFAULT);
	fixture_init(&f, USER_RSP);
	f.act.restorer = 0x8000000000000000ull;
	assert_int_equal(fixture_build(&f), -EFAULT);
	fixture_init(&f, 0xffff800000001000ull);
	assert_int_equal(fixture_build(&f), -EFAULT);
	fixture_init(&f, SIGNAL_USER_LIMIT + 16);
	assert_int_equal(fixture_build(&f), -EFAULT);
	fixture_init(&f, 0x100); /* no room below */
	assert_int_equal(fixture_build(&f), -EFAULT);
	fixture_init(&f, 0);
	assert_int_equal(fixture_build(&f), -EFAULT);
	/* the top of the user half itself is a valid stack pointer */
	fixture_init(&f, SIGNAL_USER_LIMIT);
	assert_int_equal(fixture_build(&f), 0);
	assert_true(f.out.user_addr + f.out.size <= SIGNAL_USER_LIMIT - SIGNAL_FRAME_RED_ZONE);

	fixture_init(&f, USER_RSP);
	f.info.si_signo = 0;
	assert_int_equal(fixture_build(&f), -EINVAL);
	fixture_init(&f, USER_RSP);
	f.info.si_signo = 65;
	assert_int_equal(fixture_build(&f), -EINVAL);
	fixture_init(&f, USER_RSP);
	assert_int_equal(signal_frame_build(&f.in, f.buf, SIGNAL_FRAME_SIZE, &f.out), -EINVAL);
	assert_int_equal(signal_frame_build(NULL, f.buf, sizeof(f.buf), &f.out), -EINVAL);
	assert_int_equal(signal_frame_build(&f.in, NULL, sizeof(f.buf), &f.out), -EINVAL);
	assert_int_equal(signal_frame_build(&f.in, f.buf, sizeof(f.buf), NULL), -EINVAL);
	f.in.regs = NULL;
	assert_int_equal(fixture_build(&f), -EINVAL);
	fixture_init(&f, USER_RSP);
	f.in.info = NULL;
	assert_int_equal(fixture_build(&f), -EINVAL);
	fixture_init(&f, USER_RSP);
	f.in.action = NULL;
	assert_int_equal(fixture_build(&f), -EINVAL);
}

/* SIG-065: no FPU image (sim): fpstate 0, area zero. */
static void test_SIG_065_no_fpu_image(void **state)
{
	(void)state;
	static fixture_t f;
	fixture_init(&f, USER_RSP);
	f.in.fxsave = NULL;
	assert_int_equal(fixture_build(&f), 0);
	assert_int_equal(frame_of(&f)->uc.uc_mcontext.fpstate, 0);
	for (size_t i = SIGNAL_FRAME_SIZE; i < f.out.size; i++)
		assert_int_equal(f.buf[i], 0);
}

/* SIG-070: the frame is at rsp - 8, inside the user half. */
static void test_SIG_070_locate(void **state)
{
	(void)state;
	uint64_t addr = 0;
	assert_int_equal(signal_frame_locate(0x7ffffffde000ull, &addr), 0);
	assert_int_equal(addr, 0x7ffffffde000ull - 8);
	assert_int_equal(signal_frame_locate(8, &addr), 0);
	assert_int_equal(addr, 0);
	addr = 77;
	assert_int_equal(signal_frame_locate(7, &addr), -EFAULT);
	assert_int_equal(signal_frame_locate(0, &addr), -EFAULT);
	assert_int_equal(signal_frame_locate(SIGNAL_USER_LIMIT - SIGNAL_FRAME_SIZE + 8, &addr), 0);
	assert_int_equal(signal_frame_locate(SIGNAL_USER_LIMIT - SIGNAL_FRAME_SIZE + 9, &addr), -EFAULT);
	assert_int_equal(signal_frame_locate(0xffff800000000000ull, &addr), -EFAULT);
	assert_int_equal(signal_frame_locate(UINT64_MAX, &addr), -EFAULT);
	assert_int_equal(addr, SIGNAL_USER_LIMIT - SIGNAL_FRAME_SIZE);
}

/* SIG-071: the FXSAVE pointer's checks. */
static void test_SIG_071_fpstate(void **state)
{
	(void)state;
	signal_rt_frame_t fr;
	memset(&fr, 0, sizeof(fr));
	uint64_t fx = 99;
	assert_int_equal(signal_frame_fpstate(&fr, &fx), 0);
	assert_int_equal(fx, 0);
	fr.uc.uc_mcontext.fpstate = 0x7ffffffde000ull;
	assert_int_equal(signal_frame_fpstate(&fr, &fx), 0);
	assert_int_equal(fx, 0x7ffffffde000ull);
	fr.uc.uc_mcontext.fpstate = SIGNAL_USER_LIMIT - PLATFORM_FXSAVE_SIZE;
	assert_int_equal(signal_frame_fpstate(&fr, &fx), 0);
	fx = 5;
	const uint64_t bad[] = { 0x7ffffffde008ull, SIGNAL_USER_LIMIT - PLATFORM_FXSAVE_SIZE + 16, SIGNAL_USER_LIMIT,
		                 0xffffffff80000000ull, UINT64_MAX - 15 };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fr.uc.uc_mcontext.fpstate = bad[i];
		assert_int_equal(signal_frame_fpstate(&fr, &fx), -EFAULT);
		assert_int_equal(fx, 5);
	}
}

/*
 * Run the trampoline's view: the handler returned (rsp = frame + 8), the
 * kernel locates the frame in "user memory" (the build buffer) and restores.
 */
static int sigreturn_from(const fixture_t *f, uint64_t rsp_at_syscall, platform_uregs_t *regs, aegis_sigset_t *mask,
                          uint8_t *fx)
{
	uint64_t frame_addr;
	int r = signal_frame_locate(rsp_at_syscall, &frame_addr);
	if (r)
		return r;
	assert_true(frame_addr >= f->out.user_addr);
	signal_rt_frame_t copy;
	memcpy(&copy, f->buf + (frame_addr - f->out.user_addr), sizeof(copy));
	uint64_t fx_addr;
	r = signal_frame_fpstate(&copy, &fx_addr);
	if (r)
		return r;
	if (fx_addr)
		memcpy(fx, f->buf + (fx_addr - f->out.user_addr), PLATFORM_FXSAVE_SIZE);
	return signal_frame_restore(&copy, fx, regs, mask);
}

/* SIG-072: build -> handler returns -> restore gives back the interrupted state. */
static void test_SIG_072_round_trip(void **state)
{
	(void)state;
	static fixture_t f;
	for (uint64_t delta = 0; delta < 32; delta += 3) {
		fixture_init(&f, USER_RSP - delta);
		assert_int_equal(fixture_build(&f), 0);
		platform_uregs_t regs = f.out.regs; /* the handler ran and clobbered things */
		regs.rax = 15;
		regs.rbx = 0;
		regs.fs_base = 0x777000ull; /* the handler changed its TLS: kept */
		aegis_sigset_t mask = SIGNAL_SET_FULL;
		uint8_t fx[PLATFORM_FXSAVE_SIZE];
		memset(fx, 0, sizeof(fx));
		assert_int_equal(sigreturn_from(&f, f.out.regs.rsp + 8, &regs, &mask, fx), 0);
		platform_uregs_t want = f.regs;
		want.fs_base = 0x777000ull;
		assert_memory_equal(&regs, &want, sizeof(regs));
		assert_int_equal(mask, f.in.old_mask);
		assert_memory_equal(fx, f.fx, sizeof(fx));
	}
}

/* A frame image as a hostile program would write it, built from a good one. */
static void good_frame(signal_rt_frame_t *fr)
{
	static fixture_t f;
	fixture_init(&f, USER_RSP);
	assert_int_equal(fixture_build(&f), 0);
	memcpy(fr, f.buf, sizeof(*fr));
}

/* SIG-073: non-canonical or kernel rip/rsp refused, nothing changed. */
static void test_SIG_073_hostile_rip_rsp(void **state)
{
	(void)state;
	const uint64_t bad[] = { SIGNAL_USER_LIMIT, 0x0000800000001000ull, 0x00ff000000000000ull,
		                 0xffff800000000000ull, 0xffffffff80100000ull, UINT64_MAX };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (int which = 0; which < 2; which++) {
			signal_rt_frame_t fr;
			good_frame(&fr);
			if (which == 0)
				fr.uc.uc_mcontext.rip = bad[i];
			else
				fr.uc.uc_mcontext.rsp = bad[i];
			platform_uregs_t regs = sample_regs(0x1000), before = regs;
			aegis_sigset_t mask = 0x55;
			uint8_t fx[PLATFORM_FXSAVE_SIZE], fx_before[PLATFORM_FXSAVE_SIZE];
			memset(fx, 0xff, sizeof(fx));
			memcpy(fx_before, fx, sizeof(fx));
			assert_int_equal(signal_frame_restore(&fr, fx, &regs, &mask), -EFAULT);
			assert_memory_equal(&regs, &before, sizeof(regs));
			assert_int_equal(mask, 0x55);
			assert_memory_equal(fx, fx_before, sizeof(fx));
		}
	}
	/* the highest user addresses are fine */
	signal_rt_frame_t fr;
	good_frame(&fr);
	fr.uc.uc_mcontext.rip = SIGNAL_USER_LIMIT - 1;
	fr.uc.uc_mcontext.rsp = 0;
	platform_uregs_t regs;
	aegis_sigset_t mask;
	assert_int_equal(signal_frame_restore(&fr, NULL, &regs, &mask), 0);
	assert_int_equal(regs.rip, SIGNAL_USER_LIMIT - 1);
}

/* SIG-074: rflags sanitising (IOPL, NT, VM, RF, IF). */
static void test_SIG_074_rflags(void **state)
{
	(void)state;
	signal_rt_frame_t fr;
	platform_uregs_t regs;
	aegis_sigset_t mask;
	good_frame(&fr);
	fr.uc.uc_mcontext.eflags = UINT64_MAX;
	assert_int_equal(signal_frame_restore(&fr, NULL, &regs, &mask), 0);
	assert_int_equal(regs.rflags, SIGNAL_RFLAGS_USER | SIGNAL_RFLAGS_FORCED);
	assert_int_equal(regs.rflags, 0x240fd7ull); /* CF 1 PF AF ZF SF TF IF DF OF AC ID */
	assert_int_equal(regs.rflags & SIGNAL_RFLAGS_IOPL, 0);
	assert_int_equal(regs.rflags & (SIGNAL_RFLAGS_NT | SIGNAL_RFLAGS_RF | SIGNAL_RFLAGS_VM), 0);
	assert_int_equal(regs.rflags & (SIGNAL_RFLAGS_VIF | SIGNAL_RFLAGS_VIP), 0);
	fr.uc.uc_mcontext.eflags = 0; /* IF off, reserved bit 1 off */
	assert_int_equal(signal_frame_restore(&fr, NULL, &regs, &mask), 0);
	assert_int_equal(regs.rflags, SIGNAL_RFLAGS_FORCED);
	fr.uc.uc_mcontext.eflags = SIGNAL_RFLAGS_IOPL | SIGNAL_RFLAGS_NT | SIGNAL_RFLAGS_CF | SIGNAL_RFLAGS_AC;
	assert_int_equal(signal_frame_restore(&fr, NULL, &regs, &mask), 0);
	assert_int_equal(regs.rflags, SIGNAL_RFLAGS_FORCED | SIGNAL_RFLAGS_CF | SIGNAL_RFLAGS_AC);
	/* every user bit alone survives */
	for (unsigned bit = 0; bit < 64; bit++) {
		fr.uc.uc_mcontext.eflags = 1ull << bit;
		assert_int_equal(signal_frame_restore(&fr, NULL, &regs, &mask), 0);
		uint64_t want = SIGNAL_RFLAGS_FORCED | ((1ull << bit) & SIGNAL_RFLAGS_USER);
		assert_int_equal(regs.rflags, want);
	}
}

/* SIG-075: mask, MXCSR, fpstate 0, ignored fields (cs/ss tampering), fs_base. */
static void test_SIG_075_mask_fpu_ignored_fields(void **state)
{
	(void)state;
	signal_rt_frame_t fr;
	platform_uregs_t regs = sample_regs(0x5000), regs2;
	aegis_sigset_t mask, mask2;
	uint8_t fx[PLATFORM_FXSAVE_SIZE], fx2[PLATFORM_FXSAVE_SIZE];
	good_frame(&fr);
	fr.uc.uc_sigmask = SIGNAL_SET_FULL;
	sample_fxsave(fx);
	uint32_t mxcsr = 0xffffffffu;
	memcpy(fx + SIGNAL_FXSAVE_MXCSR_OFFSET, &mxcsr, 4);
	assert_int_equal(signal_frame_restore(&fr, fx, &regs, &mask), 0);
	assert_int_equal(mask, signal_set_sanitize_mask(SIGNAL_SET_FULL));
	memcpy(&mxcsr, fx + SIGNAL_FXSAVE_MXCSR_OFFSET, 4);
	assert_int_equal(mxcsr, SIGNAL_MXCSR_VALID);
	assert_int_equal(regs.fs_base, FS_BASE);

	/* fpstate 0: the initial FPU image */
	fr.uc.uc_mcontext.fpstate = 0;
	memset(fx, 0xab, sizeof(fx));
	assert_int_equal(signal_frame_restore(&fr, fx, &regs, &mask), 0);
	uint8_t init[PLATFORM_FXSAVE_SIZE];
	signal_fxsave_init(init);
	assert_memory_equal(fx, init, sizeof(fx));
	uint16_t fcw;
	memcpy(&fcw, init + SIGNAL_FXSAVE_FCW_OFFSET, 2);
	memcpy(&mxcsr, init + SIGNAL_FXSAVE_MXCSR_OFFSET, 4);
	assert_int_equal(fcw, 0x37f);
	assert_int_equal(mxcsr, 0x1f80);

	/* tampering with every ignored field changes nothing in the result */
	good_frame(&fr);
	sample_fxsave(fx);
	memcpy(fx2, fx, sizeof(fx));
	regs = sample_regs(0x5000);
	regs2 = regs;
	assert_int_equal(signal_frame_restore(&fr, fx, &regs, &mask), 0);
	aegis_sigcontext_t *sc = &fr.uc.uc_mcontext;
	sc->cs = 0x08; /* kernel code selector */
	sc->ss = 0x10;
	sc->fs = 0xffff;
	sc->gs = 0x1234;
	sc->err = UINT64_MAX;
	sc->trapno = 13;
	sc->cr2 = UINT64_MAX;
	sc->oldmask = SIGNAL_SET_FULL;
	memset(sc->reserved1, 0xff, sizeof(sc->reserved1));
	fr.uc.uc_flags = UINT64_MAX;
	fr.uc.uc_link = 0xffffffff81000000ull;
	fr.uc.uc_stack.ss_sp = (void *)(uintptr_t)0xffffffff81000000ull;
	fr.uc.uc_stack.ss_flags = -1;
	fr.uc.uc_stack.ss_size = UINT64_MAX;
	fr.pretcode = UINT64_MAX;
	memset(&fr.info, 0xff, sizeof(fr.info));
	assert_int_equal(signal_frame_restore(&fr, fx2, &regs2, &mask2), 0);
	assert_memory_equal(&regs, &regs2, sizeof(regs));
	assert_int_equal(mask, mask2);
	assert_memory_equal(fx, fx2, sizeof(fx));
}

static uint64_t rand64(void)
{
	return ((uint64_t)rand() << 42) ^ ((uint64_t)rand() << 21) ^ (uint64_t)rand();
}

/* SIG-076: random frames: refused untouched, or accepted with sane outputs. */
static void test_SIG_076_random_frames(void **state)
{
	(void)state;
	srand(76);
	for (int i = 0; i < 20000; i++) {
		signal_rt_frame_t fr;
		uint8_t *b = (uint8_t *)&fr;
		for (size_t j = 0; j < sizeof(fr); j++)
			b[j] = (uint8_t)rand();
		/* half the time make rip/rsp plausible so the accept path is exercised */
		if (i & 1) {
			fr.uc.uc_mcontext.rip = rand64() % SIGNAL_USER_LIMIT;
			fr.uc.uc_mcontext.rsp = rand64() % SIGNAL_USER_LIMIT;
		}
		platform_uregs_t regs = sample_regs(0x9000), before = regs;
		aegis_sigset_t mask = 0;
		uint8_t fx[PLATFORM_FXSAVE_SIZE];
		for (size_t j = 0; j < sizeof(fx); j++)
			fx[j] = (uint8_t)rand();
		uint64_t fx_addr;
		int fr_ok = signal_frame_fpstate(&fr, &fx_addr);
		assert_true(fr_ok == 0 || fr_ok == -EFAULT);
		if (fr_ok == 0 && fx_addr)
			assert_true(fx_addr % 16 == 0 && fx_addr + PLATFORM_FXSAVE_SIZE <= SIGNAL_USER_LIMIT);
		int r = signal_frame_restore(&fr, fx, &regs, &mask);
		if (r != 0) {
			assert_int_equal(r, -EFAULT);
			assert_memory_equal(&regs, &before, sizeof(regs));
			assert_int_equal(mask, 0);
			continue;
		}
		assert_true(regs.rip < SIGNAL_USER_LIMIT);
		assert_true(regs.rsp < SIGNAL_USER_LIMIT);
		assert_int_equal(regs.rflags & ~SIGNAL_RFLAGS_USER, SIGNAL_RFLAGS_FORCED);
		assert_false(signal_set_has(mask, SIGKILL));
		assert_false(signal_set_has(mask, SIGSTOP));
		uint32_t mxcsr;
		memcpy(&mxcsr, fx + SIGNAL_FXSAVE_MXCSR_OFFSET, 4);
		assert_int_equal(mxcsr & ~SIGNAL_MXCSR_VALID, 0);
		assert_int_equal(regs.fs_base, FS_BASE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_061_placement),
		cmocka_unit_test(test_SIG_062_content),
		cmocka_unit_test(test_SIG_063_entry_registers),
		cmocka_unit_test(test_SIG_064_build_refusals),
		cmocka_unit_test(test_SIG_065_no_fpu_image),
		cmocka_unit_test(test_SIG_070_locate),
		cmocka_unit_test(test_SIG_071_fpstate),
		cmocka_unit_test(test_SIG_072_round_trip),
		cmocka_unit_test(test_SIG_073_hostile_rip_rsp),
		cmocka_unit_test(test_SIG_074_rflags),
		cmocka_unit_test(test_SIG_075_mask_fpu_ignored_fields),
		cmocka_unit_test(test_SIG_076_random_frames),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
