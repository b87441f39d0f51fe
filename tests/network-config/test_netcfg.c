/*
 * The interface module and system call 500 at the host level
 * (spec/network-config.md NETCFG-001, NETCFG-010..NETCFG-012): a fake NIC
 * driver registers a MAC, and the handler is called directly with a process
 * that holds NET_ADMIN(W) or not.  The sim's user copies need a running
 * program, so op 1's copy to a real buffer is checked through netcfg_info
 * here and through netcfgcheck on both builds (no interface there).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/private_abi.h>
#include <aegis/syscall_nr.h>

#include "cap/cap_table.h"
#include "net/netcfg.h"
#include "syscall/syscall.h"

/* An address in the kernel half: user_range_ok refuses it before any copy. */
#define KERNEL_ADDR 0xffff800000001000ull
/* A user-half address the handler never reaches when there is no interface. */
#define USER_ADDR 0x400000ull
#define NET(a, b, c, d) net_order((uint8_t[4]){ (a), (b), (c), (d) })

static const uint8_t fake_mac[AEGIS_MAC_LEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static process_t proc;

/* A value whose bytes in memory are a.b.c.d, as netcfg takes it. */
static uint32_t net_order(const uint8_t b[4])
{
	uint32_t v;
	memcpy(&v, b, sizeof(v));
	return v;
}

static int64_t call(uint64_t op, uint64_t a1, uint64_t a2, uint64_t a3)
{
	syscall_args_t args = { { op, a1, a2, a3, 0, 0 } };
	syscall_fn_t fn = syscall_lookup(SYS_netcfg);
	assert_non_null(fn);
	return fn(&proc, &args);
}

/* No interface, and the caller with or without NET_ADMIN(W). */
static int fresh(void **state)
{
	(void)state;
	(void)netcfg_unregister();
	memset(&proc, 0, sizeof(proc));
	cap_table_clear(&proc.caps.held);
	return 0;
}

static void grant_net_admin(void)
{
	assert_int_equal(cap_table_grant(&proc.caps.held, CAP_KIND_NET_ADMIN, CAP_RIGHTS_WRITE), CAP_KIND_NET_ADMIN - 1);
}

static aegis_netcfg_info_t info_now(void)
{
	aegis_netcfg_info_t info;
	memset(&info, 0xee, sizeof(info));
	assert_int_equal(netcfg_info(&info), 0);
	return info;
}

/* NETCFG-001: one interface, a valid unicast MAC, configuration zero at first. */
static void test_netcfg_001_register(void **state)
{
	(void)state;
	aegis_netcfg_info_t info;
	assert_int_equal(netcfg_info(&info), -ENODEV);
	const uint8_t zero[AEGIS_MAC_LEN] = { 0 };
	const uint8_t multicast[AEGIS_MAC_LEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	assert_int_equal(netcfg_register(zero), -EINVAL);
	assert_int_equal(netcfg_register(multicast), -EINVAL);
	assert_int_equal(netcfg_info(&info), -ENODEV);
	assert_int_equal(netcfg_register(fake_mac), 0);
	info = info_now();
	assert_memory_equal(info.mac, fake_mac, AEGIS_MAC_LEN);
	assert_int_equal(info.pad[0], 0);
	assert_int_equal(info.pad[1], 0);
	assert_int_equal(info.ip, 0);
	assert_int_equal(info.mask, 0);
	assert_int_equal(info.gw, 0);
	const uint8_t other[AEGIS_MAC_LEN] = { 0x02, 1, 2, 3, 4, 5 };
	assert_int_equal(netcfg_register(other), -EBUSY);
	info = info_now();
	assert_memory_equal(info.mac, fake_mac, AEGIS_MAC_LEN);
	assert_int_equal(netcfg_unregister(), 0);
	assert_int_equal(netcfg_info(&info), -ENODEV);
	assert_int_equal(netcfg_unregister(), -ENODEV);
}

/* NETCFG-010: only ops 0 and 1, judged on the whole register. */
static void test_netcfg_010_unknown_ops(void **state)
{
	(void)state;
	grant_net_admin();
	assert_int_equal(netcfg_register(fake_mac), 0);
	assert_int_equal(call(2, USER_ADDR, 0, 0), -EINVAL);
	assert_int_equal(call(UINT64_MAX, USER_ADDR, 0, 0), -EINVAL);
	assert_int_equal(call(1ull << 32, NET(10, 0, 0, 5), NET(255, 0, 0, 0), 0), -EINVAL);
	assert_int_equal(call((1ull << 32) | AEGIS_NETCFG_INFO, USER_ADDR, 0, 0), -EINVAL);
	assert_int_equal(info_now().ip, 0);
}

/* NETCFG-011: op 1's order: a kernel-half buffer EFAULT first, then ENODEV; no capability needed. */
static void test_netcfg_011_info(void **state)
{
	(void)state;
	assert_int_equal(call(AEGIS_NETCFG_INFO, KERNEL_ADDR, 0, 0), -EFAULT);
	assert_int_equal(call(AEGIS_NETCFG_INFO, USER_ADDR, 0, 0), -ENODEV);
	assert_int_equal(call(AEGIS_NETCFG_INFO, UINT64_MAX - 4, 0, 0), -EFAULT);
	assert_int_equal(netcfg_register(fake_mac), 0);
	assert_int_equal(call(AEGIS_NETCFG_INFO, KERNEL_ADDR, 0, 0), -EFAULT);
}

/* NETCFG-012: NET_ADMIN(W) first, then the interface, then the values; a refusal changes nothing. */
static void test_netcfg_012_set_order(void **state)
{
	(void)state;
	assert_int_equal(netcfg_register(fake_mac), 0);
	assert_int_equal(call(AEGIS_NETCFG_SET, NET(10, 0, 2, 15), NET(255, 255, 255, 0), NET(10, 0, 2, 2)), -ENOCAP);
	assert_int_equal(call(AEGIS_NETCFG_SET, 0, NET(255, 0, 255, 0), 0), -ENOCAP);
	/* NET_ADMIN(R) is not enough. */
	assert_int_equal(cap_table_grant(&proc.caps.held, CAP_KIND_NET_ADMIN, CAP_RIGHTS_READ), CAP_KIND_NET_ADMIN - 1);
	assert_int_equal(call(AEGIS_NETCFG_SET, NET(10, 0, 2, 15), NET(255, 255, 255, 0), NET(10, 0, 2, 2)), -ENOCAP);
	assert_int_equal(info_now().ip, 0);
	assert_int_equal(netcfg_unregister(), 0);
	grant_net_admin();
	assert_int_equal(call(AEGIS_NETCFG_SET, NET(10, 0, 2, 15), NET(255, 255, 255, 0), NET(10, 0, 2, 2)), -ENODEV);
	assert_int_equal(call(AEGIS_NETCFG_SET, 0, NET(255, 0, 255, 0), 0), -ENODEV);
}

/* NETCFG-012: the values a lease may have, applying, re-applying and removing. */
static void test_netcfg_012_set_values(void **state)
{
	(void)state;
	grant_net_admin();
	assert_int_equal(netcfg_register(fake_mac), 0);
	uint32_t ip = NET(10, 0, 2, 15), mask = NET(255, 255, 255, 0), gw = NET(10, 0, 2, 2);
	assert_int_equal(call(AEGIS_NETCFG_SET, ip, mask, gw), 0);
	aegis_netcfg_info_t info = info_now();
	assert_int_equal(info.ip, ip);
	assert_int_equal(info.mask, mask);
	assert_int_equal(info.gw, gw);
	assert_memory_equal(info.mac, fake_mac, AEGIS_MAC_LEN);
	/* Refused values: holes in the mask, an address 0 with a mask or gateway, more than 32 bits. */
	const uint32_t bad_masks[] = { NET(255, 0, 255, 0), NET(0, 255, 255, 255), NET(255, 255, 255, 1),
				       NET(128, 0, 0, 1) };
	for (size_t i = 0; i < sizeof(bad_masks) / sizeof(bad_masks[0]); i++)
		assert_int_equal(call(AEGIS_NETCFG_SET, NET(192, 168, 1, 9), bad_masks[i], 0), -EINVAL);
	assert_int_equal(call(AEGIS_NETCFG_SET, 0, mask, 0), -EINVAL);
	assert_int_equal(call(AEGIS_NETCFG_SET, 0, 0, gw), -EINVAL);
	assert_int_equal(call(AEGIS_NETCFG_SET, (1ull << 32) | ip, mask, gw), -EINVAL);
	assert_int_equal(call(AEGIS_NETCFG_SET, ip, (1ull << 32) | mask, gw), -EINVAL);
	assert_int_equal(call(AEGIS_NETCFG_SET, ip, mask, UINT64_MAX), -EINVAL);
	info = info_now();
	assert_int_equal(info.ip, ip);
	assert_int_equal(info.mask, mask);
	assert_int_equal(info.gw, gw);
	/* Contiguous masks of every length are fine; a /32 without a gateway, a /0 with one. */
	assert_int_equal(call(AEGIS_NETCFG_SET, NET(192, 168, 1, 9), NET(255, 255, 255, 255), 0), 0);
	assert_int_equal(call(AEGIS_NETCFG_SET, NET(192, 168, 1, 9), NET(255, 255, 128, 0), NET(192, 168, 1, 1)), 0);
	assert_int_equal(call(AEGIS_NETCFG_SET, NET(192, 168, 1, 9), 0, NET(192, 168, 1, 1)), 0);
	assert_int_equal(info_now().mask, 0);
	/* All zero removes the configuration; the MAC stays. */
	assert_int_equal(call(AEGIS_NETCFG_SET, 0, 0, 0), 0);
	info = info_now();
	assert_int_equal(info.ip, 0);
	assert_int_equal(info.gw, 0);
	assert_memory_equal(info.mac, fake_mac, AEGIS_MAC_LEN);
	/* A new registration starts from zero. */
	assert_int_equal(call(AEGIS_NETCFG_SET, ip, mask, gw), 0);
	assert_int_equal(netcfg_unregister(), 0);
	assert_int_equal(netcfg_register(fake_mac), 0);
	assert_int_equal(info_now().ip, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_netcfg_001_register, fresh),
		cmocka_unit_test_setup(test_netcfg_010_unknown_ops, fresh),
		cmocka_unit_test_setup(test_netcfg_011_info, fresh),
		cmocka_unit_test_setup(test_netcfg_012_set_order, fresh),
		cmocka_unit_test_setup(test_netcfg_012_set_values, fresh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
