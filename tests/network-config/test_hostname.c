/*
 * System call 170, sethostname, at the host level (spec/network-config.md
 * NETCFG-020): the handler is called directly with a process that holds
 * NET_ADMIN(W) or not.  The sim's user copies need a running program, so a
 * successful copy is checked through proc_hostname_set here and through
 * the refusals of netcfgcheck on both builds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/syscall_nr.h>

#include "cap/cap_table.h"
#include "core/version.h"
#include "proc/proc_internal.h"
#include "syscall/syscall.h"

/* An address in the kernel half: user_range_ok refuses it before any copy. */
#define KERNEL_ADDR 0xffff800000001000ull
#define USER_ADDR 0x400000ull

static process_t proc;

static int64_t call(uint64_t name, uint64_t len)
{
	syscall_args_t args = { { name, len, 0, 0, 0, 0 } };
	syscall_fn_t fn = syscall_lookup(SYS_sethostname);
	assert_non_null(fn);
	return fn(&proc, &args);
}

static int fresh(void **state)
{
	(void)state;
	memset(&proc, 0, sizeof(proc));
	cap_table_clear(&proc.caps.held);
	proc_hostname_set(AEGIS_DEFAULT_HOSTNAME, strlen(AEGIS_DEFAULT_HOSTNAME));
	return 0;
}

/* NETCFG-020: without NET_ADMIN(W) every call is ENOCAP, before length and buffer are looked at. */
static void test_netcfg_020_needs_net_admin(void **state)
{
	(void)state;
	assert_int_equal(call(USER_ADDR, 4), -ENOCAP);
	assert_int_equal(call(KERNEL_ADDR, 4), -ENOCAP);
	assert_int_equal(call(USER_ADDR, PROC_HOSTNAME_MAX + 1), -ENOCAP);
	assert_int_equal(cap_table_grant(&proc.caps.held, CAP_KIND_NET_ADMIN, CAP_RIGHTS_READ), CAP_KIND_NET_ADMIN - 1);
	assert_int_equal(call(USER_ADDR, 4), -ENOCAP);
	assert_string_equal(proc_hostname(), AEGIS_DEFAULT_HOSTNAME);
}

/* NETCFG-020: with NET_ADMIN(W) a length over 64 is EINVAL, then an unreadable buffer EFAULT. */
static void test_netcfg_020_checks(void **state)
{
	(void)state;
	assert_int_equal(cap_table_grant(&proc.caps.held, CAP_KIND_NET_ADMIN, CAP_RIGHTS_WRITE), CAP_KIND_NET_ADMIN - 1);
	assert_int_equal(call(USER_ADDR, PROC_HOSTNAME_MAX + 1), -EINVAL);
	assert_int_equal(call(USER_ADDR, UINT64_MAX), -EINVAL);
	assert_int_equal(call(KERNEL_ADDR, 4), -EFAULT);
	assert_string_equal(proc_hostname(), AEGIS_DEFAULT_HOSTNAME);
}

/* NETCFG-020: the name is the given bytes, up to 64, cut at a NUL; uname's source reports it. */
static void test_netcfg_020_set(void **state)
{
	(void)state;
	char longest[PROC_HOSTNAME_MAX + 1];
	memset(longest, 'h', PROC_HOSTNAME_MAX);
	longest[PROC_HOSTNAME_MAX] = '\0';
	proc_hostname_set("box.example", 3);
	assert_string_equal(proc_hostname(), "box");
	proc_hostname_set(longest, PROC_HOSTNAME_MAX);
	assert_string_equal(proc_hostname(), longest);
	proc_hostname_set("a\0b", 3);
	assert_string_equal(proc_hostname(), "a");
	proc_hostname_set("", 0);
	assert_string_equal(proc_hostname(), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_netcfg_020_needs_net_admin, fresh),
		cmocka_unit_test_setup(test_netcfg_020_checks, fresh),
		cmocka_unit_test_setup(test_netcfg_020_set, fresh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
