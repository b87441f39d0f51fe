/* tests/signals: sigaltstack and SA_ONSTACK frames (SIG-100..105). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "proc/signal_altstack.h"
#include "proc/signal_frame.h"
#include "proc/signal_info.h"

#define ALT_SP 0x7f0000100000ull
#define ALT_SIZE 0x4000ull
#define MAIN_RSP 0x7ffffffde9a8ull

static aegis_stack_t stack_of(uint64_t sp, int32_t flags, uint64_t size)
{
	aegis_stack_t s;
	memset(&s, 0, sizeof(s));
	s.ss_sp = (void *)(uintptr_t)sp;
	s.ss_flags = flags;
	s.ss_size = (size_t)size;
	return s;
}

static void install(signal_altstack_t *a, int32_t flags)
{
	signal_altstack_init(a);
	aegis_stack_t ss = stack_of(ALT_SP, flags, ALT_SIZE);
	assert_int_equal(signal_altstack_set(a, &ss, NULL, MAIN_RSP), 0);
}

/* SIG-100 */
static void test_SIG_100_init_and_on(void **state)
{
	(void)state;
	signal_altstack_t a;
	memset(&a, 0x5a, sizeof(a));
	signal_altstack_init(&a);
	assert_int_equal(a.size, 0);
	assert_int_equal(a.flags, AEGIS_SS_DISABLE);
	assert_false(signal_altstack_on(&a, 0));
	assert_false(signal_altstack_on(&a, MAIN_RSP));
	install(&a, 0);
	assert_false(signal_altstack_on(&a, ALT_SP));
	assert_true(signal_altstack_on(&a, ALT_SP + 1));
	assert_true(signal_altstack_on(&a, ALT_SP + ALT_SIZE));
	assert_false(signal_altstack_on(&a, ALT_SP + ALT_SIZE + 1));
	install(&a, (int32_t)AEGIS_SS_AUTODISARM);
	assert_false(signal_altstack_on(&a, ALT_SP + 8));
}

/* SIG-101 */
static void test_SIG_101_set_and_report(void **state)
{
	(void)state;
	signal_altstack_t a;
	signal_altstack_init(&a);
	aegis_stack_t old;
	memset(&old, 0xcc, sizeof(old));
	assert_int_equal(signal_altstack_set(&a, NULL, &old, MAIN_RSP), 0);
	aegis_stack_t want = stack_of(0, AEGIS_SS_DISABLE, 0);
	assert_memory_equal(&old, &want, sizeof(old)); /* padding zero too */
	assert_int_equal(signal_altstack_set(&a, NULL, NULL, MAIN_RSP), 0);
	install(&a, 0);
	assert_int_equal(signal_altstack_set(&a, NULL, &old, MAIN_RSP), 0);
	want = stack_of(ALT_SP, 0, ALT_SIZE);
	assert_memory_equal(&old, &want, sizeof(old));
	assert_int_equal(signal_altstack_set(&a, NULL, &old, ALT_SP + 64), 0);
	assert_int_equal(old.ss_flags, AEGIS_SS_ONSTACK);
	install(&a, (int32_t)(AEGIS_SS_ONSTACK | AEGIS_SS_AUTODISARM));
	assert_int_equal(signal_altstack_set(&a, NULL, &old, MAIN_RSP), 0);
	assert_int_equal((uint32_t)old.ss_flags, AEGIS_SS_AUTODISARM);
	/* SS_DISABLE ignores address and size */
	aegis_stack_t off = stack_of(0xffffffff80000000ull, AEGIS_SS_DISABLE, 1);
	assert_int_equal(signal_altstack_set(&a, &off, &old, MAIN_RSP), 0);
	assert_int_equal(a.size, 0);
	assert_int_equal(a.sp, 0);
	assert_int_equal(a.flags, AEGIS_SS_DISABLE);
	assert_int_equal(old.ss_size, ALT_SIZE);
}

/* SIG-102 */
static void test_SIG_102_refusals(void **state)
{
	(void)state;
	signal_altstack_t a, before;
	install(&a, 0);
	before = a;
	aegis_stack_t ss = stack_of(0x600000, 0, 0x10000);
	aegis_stack_t old = stack_of(1, 1, 1);
	assert_int_equal(signal_altstack_set(&a, &ss, &old, ALT_SP + 100), -EPERM);
	ss.ss_flags = 4;
	assert_int_equal(signal_altstack_set(&a, &ss, &old, MAIN_RSP), -EINVAL);
	ss.ss_flags = AEGIS_SS_ONSTACK | AEGIS_SS_DISABLE;
	assert_int_equal(signal_altstack_set(&a, &ss, &old, MAIN_RSP), -EINVAL);
	ss = stack_of(0x600000, 0, AEGIS_MINSIGSTKSZ - 1);
	assert_int_equal(signal_altstack_set(&a, &ss, &old, MAIN_RSP), -ENOMEM);
	ss = stack_of(0xffff800000000000ull, 0, 0x10000);
	assert_int_equal(signal_altstack_set(&a, &ss, &old, MAIN_RSP), -EINVAL);
	ss = stack_of(SIGNAL_USER_LIMIT - 0x1000, 0, 0x2000);
	assert_int_equal(signal_altstack_set(&a, &ss, &old, MAIN_RSP), -EINVAL);
	ss = stack_of(0x1000, 0, UINT64_MAX);
	assert_int_equal(signal_altstack_set(&a, &ss, &old, MAIN_RSP), -EINVAL);
	assert_memory_equal(&a, &before, sizeof(a));
	aegis_stack_t untouched = stack_of(1, 1, 1);
	assert_memory_equal(&old, &untouched, sizeof(old));
	/* the exact minimum and the very top of the user half are fine */
	ss = stack_of(SIGNAL_USER_LIMIT - AEGIS_MINSIGSTKSZ, 0, AEGIS_MINSIGSTKSZ);
	assert_int_equal(signal_altstack_set(&a, &ss, NULL, MAIN_RSP), 0);
}

typedef struct {
	platform_uregs_t regs;
	aegis_siginfo_t info;
	aegis_kernel_sigaction_t act;
	signal_frame_in_t in;
	uint8_t buf[SIGNAL_FRAME_MAX_BYTES];
	signal_frame_out_t out;
	signal_altstack_t alt;
} fixture_t;

static void fixture_init(fixture_t *f, uint64_t rsp, uint64_t flags)
{
	memset(f, 0, sizeof(*f));
	f->regs.rsp = rsp;
	f->regs.rip = 0x401000;
	f->regs.rflags = 0x246;
	assert_int_equal(signal_info_kernel(&f->info, SIGSEGV), 0);
	f->act.handler = 0x402000;
	f->act.restorer = 0x403000;
	f->act.flags = SA_RESTORER | flags;
	f->in.regs = &f->regs;
	f->in.info = &f->info;
	f->in.action = &f->act;
	f->in.altstack = &f->alt;
	signal_altstack_init(&f->alt);
}

static int build(fixture_t *f)
{
	return signal_frame_build(&f->in, f->buf, sizeof(f->buf), &f->out);
}

/* SIG-103 */
static void test_SIG_103_frame_on_altstack(void **state)
{
	(void)state;
	static fixture_t f;
	/* SA_ONSTACK, off the stack: frame at its top */
	fixture_init(&f, MAIN_RSP, SA_ONSTACK);
	install(&f.alt, 0);
	assert_int_equal(build(&f), 0);
	assert_true(f.out.user_addr > ALT_SP);
	assert_true(f.out.user_addr + f.out.size <= ALT_SP + ALT_SIZE);
	assert_true(ALT_SP + ALT_SIZE - (f.out.user_addr + f.out.size) < 16); /* no red zone */
	assert_int_equal((f.out.regs.rsp + 8) % 16, 0);
	const signal_rt_frame_t *fr = (const signal_rt_frame_t *)(const void *)f.buf;
	assert_int_equal((uint64_t)(uintptr_t)fr->uc.uc_stack.ss_sp, ALT_SP);
	assert_int_equal(fr->uc.uc_stack.ss_size, ALT_SIZE);
	assert_int_equal(fr->uc.uc_stack.ss_flags, 0);
	assert_int_equal(fr->uc.uc_mcontext.rsp, MAIN_RSP);
	/* without SA_ONSTACK: the ordinary stack */
	fixture_init(&f, MAIN_RSP, 0);
	install(&f.alt, 0);
	assert_int_equal(build(&f), 0);
	assert_true(f.out.user_addr + f.out.size <= MAIN_RSP - SIGNAL_FRAME_RED_ZONE);
	assert_true(f.out.user_addr > ALT_SP + ALT_SIZE);
	/* nested: already on it, the frame goes below the current rsp */
	uint64_t inner = ALT_SP + 0x3000;
	fixture_init(&f, inner, SA_ONSTACK);
	install(&f.alt, 0);
	assert_int_equal(build(&f), 0);
	assert_true(f.out.user_addr + f.out.size <= inner - SIGNAL_FRAME_RED_ZONE);
	assert_true(f.out.user_addr > ALT_SP);
	/* nested and out of room: refused */
	fixture_init(&f, ALT_SP + 0x400, SA_ONSTACK);
	install(&f.alt, 0);
	signal_altstack_t before = f.alt;
	assert_int_equal(build(&f), -EFAULT);
	assert_memory_equal(&f.alt, &before, sizeof(before));
	/* entering a stack too small for the frame: refused, stack unchanged */
	fixture_init(&f, MAIN_RSP, SA_ONSTACK | SA_SIGINFO);
	f.alt.sp = ALT_SP;
	f.alt.size = 512; /* below the minimum, as a corrupted record would be */
	f.alt.flags = (int32_t)AEGIS_SS_AUTODISARM;
	before = f.alt;
	assert_int_equal(build(&f), -EFAULT);
	assert_memory_equal(&f.alt, &before, sizeof(before));
	/* no alternate stack: SA_ONSTACK changes nothing */
	fixture_init(&f, MAIN_RSP, SA_ONSTACK);
	assert_int_equal(build(&f), 0);
	assert_true(f.out.user_addr + f.out.size <= MAIN_RSP - SIGNAL_FRAME_RED_ZONE);
	fr = (const signal_rt_frame_t *)(const void *)f.buf;
	assert_int_equal(fr->uc.uc_stack.ss_flags, AEGIS_SS_DISABLE);
}

/* SIG-104, SIG-105: SS_AUTODISARM, and the round trip through rt_sigreturn. */
static void test_SIG_104_autodisarm_round_trip(void **state)
{
	(void)state;
	static fixture_t f;
	fixture_init(&f, MAIN_RSP, SA_ONSTACK);
	install(&f.alt, (int32_t)AEGIS_SS_AUTODISARM);
	signal_altstack_t armed = f.alt;
	assert_int_equal(build(&f), 0);
	assert_int_equal(f.alt.size, 0);
	assert_int_equal(f.alt.flags, AEGIS_SS_DISABLE);
	const signal_rt_frame_t *fr = (const signal_rt_frame_t *)(const void *)f.buf;
	assert_int_equal((uint32_t)fr->uc.uc_stack.ss_flags, AEGIS_SS_AUTODISARM);
	/* the handler returns: restore, then reinstall uc_stack */
	platform_uregs_t regs = f.out.regs;
	aegis_sigset_t mask;
	assert_int_equal(signal_frame_restore(fr, NULL, &regs, &mask), 0);
	signal_altstack_restore(&f.alt, &fr->uc.uc_stack, regs.rsp);
	assert_memory_equal(&f.alt, &armed, sizeof(armed));
}

/* SIG-105: refusals while restoring are ignored. */
static void test_SIG_105_restore_ignores_refusals(void **state)
{
	(void)state;
	signal_altstack_t a;
	install(&a, 0);
	signal_altstack_t before = a;
	aegis_stack_t bad = stack_of(ALT_SP, 99, ALT_SIZE);
	signal_altstack_restore(&a, &bad, MAIN_RSP);
	assert_memory_equal(&a, &before, sizeof(a));
	aegis_stack_t other = stack_of(0x500000, 0, 0x8000);
	signal_altstack_restore(&a, &other, ALT_SP + 16); /* still on it: -EPERM ignored */
	assert_memory_equal(&a, &before, sizeof(a));
	signal_altstack_restore(&a, &other, MAIN_RSP);
	assert_int_equal(a.sp, 0x500000);
	assert_int_equal(a.size, 0x8000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_100_init_and_on),
		cmocka_unit_test(test_SIG_101_set_and_report),
		cmocka_unit_test(test_SIG_102_refusals),
		cmocka_unit_test(test_SIG_103_frame_on_altstack),
		cmocka_unit_test(test_SIG_104_autodisarm_round_trip),
		cmocka_unit_test(test_SIG_105_restore_ignores_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
