/*
 * tests/signals: our frame layout and rt_sigreturn checks against frames the
 * host's Linux kernel really builds (SIG-060, SIG-061, SIG-062, SIG-072,
 * SIG-103).  The test installs a SA_SIGINFO handler on the host, raises a
 * signal, and inside the handler copies the 440 bytes at the handler's entry
 * stack pointer: they must read as a signal_rt_frame_t (restorer, ucontext,
 * siginfo at our offsets) and signal_frame_restore must accept them and give
 * back the interrupted registers and mask the host kernel saved.
 *
 * The host kernel saves an XSAVE image (larger than FXSAVE, 64-aligned), so
 * only its position relative to the frame is compared, not its size.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <unistd.h>
#include <cmocka.h>

#include <aegis/signal.h>

#include "proc/signal_frame.h"

/* Filled by the handler. */
static volatile uint64_t seen_entry_rsp, seen_uc, seen_info;
static signal_rt_frame_t seen_frame;
static ucontext_t seen_uc_copy;

/* A plain byte copy the sanitizer leaves alone: the frame is kernel-written stack. */
__attribute__((no_sanitize_address, noinline)) static void copy_raw(void *dst, const void *src, size_t n)
{
	volatile uint8_t *d = dst;
	const volatile uint8_t *s = src;
	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
}

/*
 * With frame pointers (the test flags keep them), rbp = entry rsp - 8 after
 * the prologue's push, so the entry stack pointer is frame address + 8.
 */
__attribute__((noinline)) static void host_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	uint64_t entry_rsp = (uint64_t)(uintptr_t)__builtin_frame_address(0) + 8;
	seen_entry_rsp = entry_rsp;
	seen_uc = (uint64_t)(uintptr_t)uc;
	seen_info = (uint64_t)(uintptr_t)si;
	copy_raw(&seen_frame, (const void *)(uintptr_t)entry_rsp, sizeof(seen_frame));
	copy_raw(&seen_uc_copy, uc, sizeof(seen_uc_copy));
}

/* The kernel's view of an action (handler, flags, restorer, mask), read with the raw system call. */
static aegis_kernel_sigaction_t kernel_action(int sig)
{
	aegis_kernel_sigaction_t k;
	memset(&k, 0, sizeof(k));
	assert_int_equal(syscall(SYS_rt_sigaction, sig, NULL, &k, (size_t)8), 0);
	return k;
}

static void install(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = host_handler;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGUSR1, &sa, NULL), 0);
}

static void raise_with_usr2_blocked(void)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	assert_int_equal(sigprocmask(SIG_BLOCK, &block, &old), 0);
	seen_entry_rsp = 0;
	assert_int_equal(raise(SIGUSR1), 0);
	assert_int_equal(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	assert_true(seen_entry_rsp != 0);
}

/* The checks every host frame passes, wherever it was put. */
static void check_frame(void)
{
	const signal_rt_frame_t *fr = &seen_frame;
	uint64_t frame = seen_entry_rsp;
	/* SIG-061: ABI alignment at handler entry */
	assert_int_equal((frame + 8) % 16, 0);
	/* SIG-060: the ucontext and siginfo the handler got are at our offsets */
	assert_int_equal(seen_uc, frame + offsetof(signal_rt_frame_t, uc));
	assert_int_equal(seen_info, frame + offsetof(signal_rt_frame_t, info));
	/* SIG-062: return address = the restorer the kernel holds for the action */
	aegis_kernel_sigaction_t k = kernel_action(SIGUSR1);
	assert_true(k.flags & SA_RESTORER);
	assert_int_equal(fr->pretcode, k.restorer);
	/* the sigcontext fields read through our struct equal glibc's gregs */
	const aegis_sigcontext_t *sc = &fr->uc.uc_mcontext;
	assert_int_equal(sc->rip, (uint64_t)seen_uc_copy.uc_mcontext.gregs[REG_RIP]);
	assert_int_equal(sc->rsp, (uint64_t)seen_uc_copy.uc_mcontext.gregs[REG_RSP]);
	assert_int_equal(sc->rbp, (uint64_t)seen_uc_copy.uc_mcontext.gregs[REG_RBP]);
	assert_int_equal(sc->eflags, (uint64_t)seen_uc_copy.uc_mcontext.gregs[REG_EFL]);
	assert_int_equal(sc->fpstate, (uint64_t)(uintptr_t)seen_uc_copy.uc_mcontext.fpregs);
	/* the old mask: SIGUSR2 was blocked, SIGUSR1 was not */
	assert_true(fr->uc.uc_sigmask & (1ull << (SIGUSR2 - 1)));
	assert_false(fr->uc.uc_sigmask & (1ull << (SIGUSR1 - 1)));
	/* siginfo of raise(): tgkill from ourselves */
	assert_int_equal(fr->info.si_signo, SIGUSR1);
	assert_int_equal(fr->info.si_code, AEGIS_SI_TKILL);
	assert_int_equal(fr->info.u.kill.pid, getpid());
	assert_int_equal(fr->info.u.kill.uid, getuid());
	/* the FPU image lies above the frame, 16-aligned (the host's is XSAVE, 64-aligned) */
	uint64_t fx;
	assert_int_equal(signal_frame_fpstate(fr, &fx), 0);
	assert_true(fx >= frame + SIGNAL_FRAME_SIZE);
	assert_int_equal(fx % SIGNAL_FRAME_FXSAVE_ALIGN, 0);
	/* SIG-072: our rt_sigreturn accepts the host's frame and restores what it saved */
	uint64_t addr;
	assert_int_equal(signal_frame_locate(frame + 8, &addr), 0);
	assert_int_equal(addr, frame);
	platform_uregs_t regs;
	memset(&regs, 0, sizeof(regs));
	aegis_sigset_t mask = 0;
	assert_int_equal(signal_frame_restore(fr, NULL, &regs, &mask), 0);
	assert_int_equal(regs.rip, sc->rip);
	assert_int_equal(regs.rsp, sc->rsp);
	assert_int_equal(regs.rax, sc->rax);
	assert_int_equal(regs.r15, sc->r15);
	assert_int_equal(regs.rflags, sc->eflags); /* a real user rflags is already sane */
	assert_int_equal(mask, fr->uc.uc_sigmask);
}

/* SIG-060, SIG-061, SIG-062, SIG-072: a frame on the ordinary stack. */
static void test_SIG_060_host_kernel_frame(void **state)
{
	(void)state;
	install(0);
	raise_with_usr2_blocked();
	check_frame();
	const signal_rt_frame_t *fr = &seen_frame;
	/* uc_stack records the thread's alternate stack as set (the sanitizer runtime may have one) */
	stack_t cur;
	assert_int_equal(sigaltstack(NULL, &cur), 0);
	assert_int_equal((uint64_t)(uintptr_t)fr->uc.uc_stack.ss_sp, (uint64_t)(uintptr_t)cur.ss_sp);
	assert_int_equal(fr->uc.uc_stack.ss_size, cur.ss_size);
	assert_int_equal(fr->uc.uc_stack.ss_flags, cur.ss_flags);
	/* SIG-061: everything below the red zone of the interrupted rsp */
	assert_true(fr->uc.uc_mcontext.fpstate < fr->uc.uc_mcontext.rsp - SIGNAL_FRAME_RED_ZONE);
	assert_true(seen_entry_rsp < fr->uc.uc_mcontext.rsp - SIGNAL_FRAME_RED_ZONE);
}

/* SIG-103: with SA_ONSTACK the host kernel puts the frame on the alternate stack too. */
static void test_SIG_103_host_kernel_altstack_frame(void **state)
{
	(void)state;
	size_t size = 1u << 16;
	uint8_t *mem = aligned_alloc(16, size);
	assert_non_null(mem);
	stack_t ss = { .ss_sp = mem, .ss_flags = 0, .ss_size = size }, old;
	assert_int_equal(sigaltstack(&ss, &old), 0);
	install(SA_ONSTACK);
	raise_with_usr2_blocked();
	check_frame();
	uint64_t lo = (uint64_t)(uintptr_t)mem;
	assert_true(seen_entry_rsp > lo && seen_entry_rsp < lo + size);
	const signal_rt_frame_t *fr = &seen_frame;
	assert_int_equal((uint64_t)(uintptr_t)fr->uc.uc_stack.ss_sp, lo);
	assert_int_equal(fr->uc.uc_stack.ss_size, size);
	assert_int_equal(fr->uc.uc_stack.ss_flags, 0);
	assert_true(fr->uc.uc_mcontext.fpstate < lo + size);
	if (old.ss_flags & SS_DISABLE) {
		stack_t off = { .ss_flags = SS_DISABLE };
		assert_int_equal(sigaltstack(&off, NULL), 0);
	} else {
		old.ss_flags = 0;
		assert_int_equal(sigaltstack(&old, NULL), 0); /* give the sanitizer its stack back */
	}
	free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_060_host_kernel_frame),
		cmocka_unit_test(test_SIG_103_host_kernel_altstack_frame),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
