/* tests/signals: restarting system calls interrupted by a signal (SIG-080..083). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/signal.h>
#include <aegis/syscall_nr.h>

#include "proc/signal_restart.h"

#define SYSCALL_RIP 0x401236ull /* just after the syscall instruction */
#define NR_READ 0u

static platform_uregs_t after_syscall(int64_t result)
{
	platform_uregs_t r;
	memset(&r, 0, sizeof(r));
	r.rax = (uint64_t)result;
	r.rip = SYSCALL_RIP;
	r.rdi = 3;
	r.rsi = 0x7ffd000;
	r.rdx = 100;
	r.r10 = 1;
	r.r8 = 2;
	r.r9 = 4;
	r.rsp = 0x7ffffffde000ull;
	r.rflags = 0x246;
	r.fs_base = 0x4c0000;
	return r;
}

static void expect_eintr(int64_t result, bool handler, uint64_t flags)
{
	platform_uregs_t r = after_syscall(result), want = r;
	want.rax = (uint64_t)(int64_t)-EINTR;
	assert_false(signal_syscall_restart(&r, NR_READ, handler, flags));
	assert_memory_equal(&r, &want, sizeof(r));
}

/* SIG-082: rewound over the syscall instruction, only rip and rax changed. */
static void expect_restart(int64_t result, bool handler, uint64_t flags, uint64_t nr)
{
	platform_uregs_t r = after_syscall(result), want = r;
	want.rax = nr;
	want.rip = SYSCALL_RIP - 2;
	assert_true(signal_syscall_restart(&r, NR_READ, handler, flags));
	assert_memory_equal(&r, &want, sizeof(r));
}

/* SIG-080, SIG-082 */
static void test_SIG_080_with_handler(void **state)
{
	(void)state;
	expect_restart(-SIGNAL_ERESTARTSYS, true, SA_RESTART | SA_RESTORER, NR_READ);
	expect_eintr(-SIGNAL_ERESTARTSYS, true, SA_RESTORER);
	expect_restart(-SIGNAL_ERESTARTNOINTR, true, 0, NR_READ);
	expect_eintr(-SIGNAL_ERESTARTNOHAND, true, SA_RESTART);
	expect_eintr(-SIGNAL_ERESTART_RESTARTBLOCK, true, SA_RESTART);
}

/* SIG-081, SIG-082 */
static void test_SIG_081_without_handler(void **state)
{
	(void)state;
	expect_restart(-SIGNAL_ERESTARTSYS, false, 0, NR_READ);
	expect_restart(-SIGNAL_ERESTARTNOINTR, false, 0, NR_READ);
	expect_restart(-SIGNAL_ERESTARTNOHAND, false, 0, NR_READ);
	expect_restart(-SIGNAL_ERESTART_RESTARTBLOCK, false, 0, SIGNAL_NR_RESTART_SYSCALL);
	assert_int_equal(SIGNAL_NR_RESTART_SYSCALL, 219);
	/* a rip that cannot follow a syscall instruction gives -EINTR, never a wrap */
	platform_uregs_t r = after_syscall(-SIGNAL_ERESTARTSYS);
	r.rip = 1;
	assert_false(signal_syscall_restart(&r, NR_READ, false, 0));
	assert_int_equal(r.rax, (uint64_t)(int64_t)-EINTR);
	assert_int_equal(r.rip, 1);
}

/* SIG-083: other results untouched. */
static void test_SIG_083_other_results(void **state)
{
	(void)state;
	const int64_t results[] = { 0, 1, 100, -EINTR, -EAGAIN, -EFAULT, -511, -515, -517, -4095, INT64_MIN };
	for (size_t i = 0; i < sizeof(results) / sizeof(results[0]); i++) {
		for (int h = 0; h < 2; h++) {
			platform_uregs_t r = after_syscall(results[i]), want = r;
			assert_false(signal_syscall_restart(&r, NR_READ, h != 0, SA_RESTART));
			assert_memory_equal(&r, &want, sizeof(r));
		}
		assert_false(signal_is_restart_result((uint64_t)results[i]));
	}
	assert_true(signal_is_restart_result((uint64_t)(int64_t)-SIGNAL_ERESTARTSYS));
	assert_true(signal_is_restart_result((uint64_t)(int64_t)-SIGNAL_ERESTART_RESTARTBLOCK));
	assert_int_equal(SYS_rt_sigreturn, 15);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_080_with_handler),
		cmocka_unit_test(test_SIG_081_without_handler),
		cmocka_unit_test(test_SIG_083_other_results),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
