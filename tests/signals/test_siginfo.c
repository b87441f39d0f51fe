/* tests/signals: siginfo builders (SIG-050..053). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "proc/signal_info.h"

static void dirty(aegis_siginfo_t *info)
{
	memset(info, 0xcc, sizeof(*info));
}

/* Every byte after the union member's end is zero. */
static void assert_zero_from(const aegis_siginfo_t *info, size_t off)
{
	const uint8_t *b = (const uint8_t *)info;
	for (size_t i = off; i < sizeof(*info); i++)
		if (b[i] != 0)
			fail_msg("siginfo byte %zu is %#x, not 0", i, b[i]);
}

/* SIG-050, SIG-051: kill and kernel records, zeroed. */
static void test_SIG_051_kill_and_kernel(void **state)
{
	(void)state;
	aegis_siginfo_t info;
	dirty(&info);
	assert_int_equal(signal_info_kill(&info, SIGTERM, 42, 1000), 0);
	assert_int_equal(info.si_signo, SIGTERM);
	assert_int_equal(info.si_errno, 0);
	assert_int_equal(info.si_code, AEGIS_SI_USER);
	assert_int_equal(info.pad0, 0);
	assert_int_equal(info.u.kill.pid, 42);
	assert_int_equal(info.u.kill.uid, 1000);
	assert_zero_from(&info, offsetof(aegis_siginfo_t, u.kill.value));
	dirty(&info);
	assert_int_equal(signal_info_kernel(&info, SIGPIPE), 0);
	assert_int_equal(info.si_signo, SIGPIPE);
	assert_int_equal(info.si_code, AEGIS_SI_KERNEL);
	assert_zero_from(&info, offsetof(aegis_siginfo_t, si_code) + sizeof(int32_t));
	assert_int_equal(signal_info_kill(&info, 0, 1, 1), -EINVAL);
	assert_int_equal(signal_info_kill(&info, 65, 1, 1), -EINVAL);
	assert_int_equal(signal_info_kernel(&info, -2), -EINVAL);
}

/* SIG-050, SIG-052: SIGCHLD records. */
static void test_SIG_052_sigchld(void **state)
{
	(void)state;
	aegis_siginfo_t info;
	const struct {
		int code;
		int status;
	} cases[] = {
		{ AEGIS_CLD_EXITED, 3 },         { AEGIS_CLD_KILLED, SIGKILL }, { AEGIS_CLD_DUMPED, SIGSEGV },
		{ AEGIS_CLD_STOPPED, SIGTSTP },  { AEGIS_CLD_CONTINUED, SIGCONT },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dirty(&info);
		assert_int_equal(signal_info_chld(&info, cases[i].code, 77, 5, cases[i].status, 11, 12), 0);
		assert_int_equal(info.si_signo, SIGCHLD);
		assert_int_equal(info.si_errno, 0);
		assert_int_equal(info.si_code, cases[i].code);
		assert_int_equal(info.u.chld.pid, 77);
		assert_int_equal(info.u.chld.uid, 5);
		assert_int_equal(info.u.chld.status, cases[i].status);
		assert_int_equal(info.u.chld.pad, 0);
		assert_int_equal(info.u.chld.utime, 11);
		assert_int_equal(info.u.chld.stime, 12);
		assert_zero_from(&info, offsetof(aegis_siginfo_t, u.chld.stime) + sizeof(int64_t));
	}
	assert_int_equal(signal_info_chld(&info, 0, 1, 1, 0, 0, 0), -EINVAL);
	assert_int_equal(signal_info_chld(&info, AEGIS_CLD_TRAPPED, 1, 1, 0, 0, 0), -EINVAL);
	assert_int_equal(signal_info_chld(&info, 7, 1, 1, 0, 0, 0), -EINVAL);
}

/* SIG-050, SIG-053: fault records. */
static void test_SIG_053_faults(void **state)
{
	(void)state;
	aegis_siginfo_t info;
	const struct {
		int sig;
		int code;
	} cases[] = {
		{ SIGSEGV, AEGIS_SEGV_MAPERR }, { SIGSEGV, AEGIS_SEGV_ACCERR }, { SIGBUS, AEGIS_BUS_ADRALN },
		{ SIGILL, AEGIS_ILL_ILLOPC },   { SIGFPE, AEGIS_FPE_INTDIV },   { SIGTRAP, AEGIS_TRAP_BRKPT },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dirty(&info);
		assert_int_equal(signal_info_fault(&info, cases[i].sig, cases[i].code, 0xdead0000ull + i), 0);
		assert_int_equal(info.si_signo, cases[i].sig);
		assert_int_equal(info.si_errno, 0);
		assert_int_equal(info.si_code, cases[i].code);
		assert_int_equal(info.u.fault.addr, 0xdead0000ull + i);
		assert_zero_from(&info, offsetof(aegis_siginfo_t, u.fault.addr) + sizeof(uint64_t));
	}
	assert_int_equal(signal_info_fault(&info, SIGTERM, 1, 0), -EINVAL);
	assert_int_equal(signal_info_fault(&info, 0, 1, 0), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_051_kill_and_kernel),
		cmocka_unit_test(test_SIG_052_sigchld),
		cmocka_unit_test(test_SIG_053_faults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
