/*
 * /bin/dhcp's adapter (src/user/lib/dhcpaegis/) against the kernel at the
 * host level (spec/dhcp-client.md DHCP-070, DHCP-061, DHCP-020).  This test
 * defines the glue's transport, glue_syscall6, so every system call the
 * adapter makes lands here: netcfg goes to the kernel's interface module
 * (op 1 copied here, since the sim's user copies need a running program;
 * op 0 through the real handler), the socket calls go to the kernel's real
 * dispatch, and writes to standard error are recorded.  A fake NIC driver
 * registers an interface, which neither build has yet, so the "interface
 * but no sockets" path runs: exit status 2 with one clear [DHCP] line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/private_abi.h>
#include <aegis/syscall_nr.h>

#include "cap/cap_table.h"
#include "dhcpaegis/dhcpaegis.h"
#include "glue/glue_call.h"
#include "net/netcfg.h"
#include "syscall/syscall.h"

#define OUT_MAX 4096
#define STDERR_FD 2
#define FILE_FD 7
#define FAKE_NOW_S 1000

static const uint8_t fake_mac[AEGIS_MAC_LEN] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef };
static process_t proc;                 /* the caller the kernel's handlers see */
static char err_out[OUT_MAX];          /* what went to standard error */
static size_t err_len;
static char file_out[OUT_MAX];         /* what went to the opened file */
static size_t file_len;
static char opened_path[OUT_MAX];
static long opened_flags;
static int socket_calls;

void glue_signal_restorer(void)
{
}

static long to_kernel(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	syscall_args_t args = { { (uint64_t)a1, (uint64_t)a2, (uint64_t)a3, (uint64_t)a4, (uint64_t)a5, (uint64_t)a6 } };
	return (long)syscall_dispatch(&proc, (uint64_t)nr, &args);
}

static long fake_write(long fd, const char *buf, size_t len)
{
	char *out = fd == STDERR_FD ? err_out : fd == FILE_FD ? file_out : NULL;
	size_t *used = fd == STDERR_FD ? &err_len : &file_len;
	if (out == NULL || *used + len >= OUT_MAX)
		return -EBADF;
	memcpy(out + *used, buf, len);
	*used += len;
	return (long)len;
}

long glue_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	switch (nr) {
	case SYS_netcfg:
		if (a1 == AEGIS_NETCFG_INFO) {
			aegis_netcfg_info_t info;
			int r = netcfg_info(&info);
			if (r == 0)
				memcpy((void *)(uintptr_t)a2, &info, sizeof(info));
			return r;
		}
		return to_kernel(nr, a1, a2, a3, a4, a5, a6);
	case SYS_socket:
		socket_calls++;
		return to_kernel(nr, a1, a2, a3, a4, a5, a6);
	case SYS_getrandom:
		memset((void *)(uintptr_t)a1, 0x5a, (size_t)a2);
		return a2;
	case SYS_clock_gettime: {
		aegis_timespec_t *ts = (aegis_timespec_t *)(uintptr_t)a2;
		ts->tv_sec = FAKE_NOW_S;
		ts->tv_nsec = 0;
		return 0;
	}
	case SYS_write:
		return fake_write(a1, (const char *)(uintptr_t)a2, (size_t)a3);
	case SYS_open:
		strncpy(opened_path, (const char *)(uintptr_t)a1, sizeof(opened_path) - 1);
		opened_flags = a2;
		return FILE_FD;
	case SYS_close:
	case SYS_rt_sigaction:      /* the SIGTERM handler: no signal comes here */
	case SYS_rt_sigprocmask:
		return 0;
	default:
		fail_msg("unexpected system call %ld", nr);
		return -ENOSYS;
	}
}

/* No interface, nothing recorded, the caller holding /bin/dhcp's policy (NET_SOCKET, NET_ADMIN). */
static int fresh(void **state)
{
	(void)state;
	(void)netcfg_unregister();
	memset(&proc, 0, sizeof(proc));
	cap_table_clear(&proc.caps.held);
	assert_true(cap_table_grant(&proc.caps.held, CAP_KIND_NET_SOCKET, CAP_RIGHTS_ALL) >= 0);
	assert_true(cap_table_grant(&proc.caps.held, CAP_KIND_NET_ADMIN, CAP_RIGHTS_ALL) >= 0);
	memset(err_out, 0, sizeof(err_out));
	memset(file_out, 0, sizeof(file_out));
	memset(opened_path, 0, sizeof(opened_path));
	err_len = file_len = 0;
	socket_calls = 0;
	return 0;
}

/* DHCP-070 DHCP-020: no interface (netcfg op 1 is ENODEV): the seeds' line, status 0, no socket. */
static void test_dhcp_070_no_interface(void **state)
{
	(void)state;
	assert_int_equal(dhcpaegis_main(), 0);
	assert_string_equal(err_out, "[DHCP] no network interface, exiting\n");
	assert_int_equal(socket_calls, 0);
}

/* DHCP-070 DHCP-061: an interface but no sockets in the kernel: one [DHCP] line, status 2, nothing set. */
static void test_dhcp_070_interface_without_sockets(void **state)
{
	(void)state;
	assert_int_equal(netcfg_register(fake_mac), 0);
	assert_int_equal(dhcpaegis_main(), DHCPAEGIS_EXIT_CANNOT_START);
	assert_int_equal(socket_calls, 1);
	assert_string_equal(err_out, "[DHCP] cannot open a UDP socket (the kernel has no UDP/IPv4 sockets yet, errno 97), exiting\n");
	aegis_netcfg_info_t info;
	assert_int_equal(netcfg_info(&info), 0);
	assert_int_equal(info.ip, 0);
	assert_int_equal(info.mask, 0);
}

/* DHCP-070: the MAC comes from netcfg op 1; a lease reaches the kernel in network byte order. */
static void test_dhcp_070_netcfg_byte_order(void **state)
{
	(void)state;
	uint8_t mac[DHCP_MAC_LEN];
	assert_int_equal(dhcpaegis_read_mac(mac), -ENODEV);
	assert_int_equal(netcfg_register(fake_mac), 0);
	assert_int_equal(dhcpaegis_read_mac(mac), 0);
	assert_memory_equal(mac, fake_mac, DHCP_MAC_LEN);
	/* 10.0.2.15/24 gw 10.0.2.2, as the core holds them (host byte order). */
	assert_int_equal(dhcpaegis_configure(0x0a00020fu, 0xffffff00u, 0x0a000202u), 0);
	aegis_netcfg_info_t info;
	assert_int_equal(netcfg_info(&info), 0);
	const uint8_t ip[4] = { 10, 0, 2, 15 }, mask[4] = { 255, 255, 255, 0 }, gw[4] = { 10, 0, 2, 2 };
	assert_memory_equal(&info.ip, ip, sizeof(ip));
	assert_memory_equal(&info.mask, mask, sizeof(mask));
	assert_memory_equal(&info.gw, gw, sizeof(gw));
	/* Removal is op 0 with all zeros. */
	assert_int_equal(dhcpaegis_configure(0, 0, 0), 0);
	assert_int_equal(netcfg_info(&info), 0);
	assert_int_equal(info.ip, 0);
	/* Without NET_ADMIN the kernel's refusal comes back as it is. */
	cap_table_clear(&proc.caps.held);
	assert_int_equal(dhcpaegis_configure(0x0a00020fu, 0xffffff00u, 0), -ENOCAP);
}

/* DHCP-070 DHCP-060: the resolver file is created and truncated, then written whole. */
static void test_dhcp_070_resolver_file(void **state)
{
	(void)state;
	const char *text = "nameserver 10.0.2.3\nsearch example.org\n";
	assert_int_equal(dhcpaegis_write_file(DHCPAEGIS_RESOLV_PATH, text), 0);
	assert_string_equal(opened_path, "/etc/resolv.conf");
	assert_int_equal(opened_flags & (AEGIS_O_ACCMODE | AEGIS_O_CREAT | AEGIS_O_TRUNC),
			 AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC);
	assert_string_equal(file_out, text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_dhcp_070_no_interface, fresh),
		cmocka_unit_test_setup(test_dhcp_070_interface_without_sockets, fresh),
		cmocka_unit_test_setup(test_dhcp_070_netcfg_byte_order, fresh),
		cmocka_unit_test_setup(test_dhcp_070_resolver_file, fresh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
