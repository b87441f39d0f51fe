/*
 * netcfgcheck: system call 500 as a program sees it on a machine without a
 * NIC driver (spec/network-config.md NETCFG-002, NETCFG-010..NETCFG-012),
 * and sethostname's refusal (NETCFG-020),
 * run as PID 1 ("init=/bin/netcfgcheck test=init") on both builds by
 * tests/network-config/test_netcfgcheck.py.  PID 1 holds no NET_ADMIN (no
 * policy names this program), so setting is refused before the missing
 * interface is noticed.  One "ok - ID text" or "not ok - ID text: detail"
 * line per check, then a summary; exits 0 only when all passed.
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/private_abi.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"

#define NC_FILL 0xa5u                           /* what the buffer holds before a call */
#define NC_KERNEL_ADDR 0xffff800000001000ul     /* a pointer into the kernel half */
#define NC_OP_UNKNOWN 2
#define NC_OP_NEGATIVE (-1)
/* 10.0.2.15/24 gw 10.0.2.2 in network byte order: the bytes as written. */
static const uint8_t nc_ip[4] = { 10, 0, 2, 15 }, nc_mask[4] = { 255, 255, 255, 0 }, nc_gw[4] = { 10, 0, 2, 2 };

static unsigned long nc_net(const uint8_t b[4])
{
	uint32_t v;
	memcpy(&v, b, sizeof(v));
	return v;
}

static bool nc_untouched(const aegis_netcfg_info_t *info)
{
	const uint8_t *b = (const uint8_t *)info;
	for (size_t i = 0; i < sizeof(*info); i++)
		if (b[i] != NC_FILL)
			return false;
	return true;
}

/* Does the caller hold NET_ADMIN(W)?  (This check is meaningful only without it.) */
static bool nc_holds_net_admin(void)
{
	cap_slot_t slots[CAP_KIND_MAX];
	long n = sys_cap_query(0, slots, sizeof(slots));
	for (long i = 0; i < n; i++)
		if (slots[i].kind == CAP_KIND_NET_ADMIN && (slots[i].rights & CAP_RIGHTS_WRITE) != 0)
			return true;
	return false;
}

static void nc_info(void)
{
	aegis_netcfg_info_t info;
	memset(&info, NC_FILL, sizeof(info));
	long r = sys_netcfg(AEGIS_NETCFG_INFO, (unsigned long)(uintptr_t)&info, 0, 0);
	tcheck(r == -ENODEV && nc_untouched(&info), "NETCFG-002",
	       "no NIC driver: op 1 is ENODEV and leaves the buffer untouched", "%ld untouched %d", r,
	       nc_untouched(&info));
	long bad = sys_netcfg(AEGIS_NETCFG_INFO, NC_KERNEL_ADDR, 0, 0);
	tcheck(bad == -EFAULT, "NETCFG-011", "op 1 with a kernel-half buffer is EFAULT", "%ld", bad);
}

static void nc_set(void)
{
	bool admin = nc_holds_net_admin();
	long r = sys_netcfg(AEGIS_NETCFG_SET, nc_net(nc_ip), nc_net(nc_mask), nc_net(nc_gw));
	long zero = sys_netcfg(AEGIS_NETCFG_SET, 0, 0, 0);
	tcheck(!admin && r == -ENOCAP && zero == -ENOCAP, "NETCFG-012",
	       "op 0 without NET_ADMIN(W) is ENOCAP, for a lease and for removal", "admin %d %ld %ld", admin, r,
	       zero);
}

/* Without NET_ADMIN(W) sethostname is ENOCAP and uname still reports the old name (NETCFG-020). */
static void nc_hostname(void)
{
	aegis_utsname_t before, after;
	long got = sys_uname(&before);
	long r = sys_sethostname("renamed", sizeof("renamed") - 1);
	long again = sys_uname(&after);
	tcheck(got == 0 && again == 0 && r == -ENOCAP && strcmp(before.nodename, after.nodename) == 0, "NETCFG-020",
	       "sethostname without NET_ADMIN(W) is ENOCAP and the node name stays", "%ld %ld %ld '%s' '%s'", got, r,
	       again, before.nodename, after.nodename);
}

static void nc_ops(void)
{
	aegis_netcfg_info_t info;
	long two = sys_netcfg(NC_OP_UNKNOWN, (unsigned long)(uintptr_t)&info, 0, 0);
	long neg = sys_netcfg(NC_OP_NEGATIVE, (unsigned long)(uintptr_t)&info, 0, 0);
	tcheck(two == -EINVAL && neg == -EINVAL, "NETCFG-010", "ops other than 0 and 1 (2, -1) are EINVAL", "%ld %ld",
	       two, neg);
}

int main(void)
{
	nc_info();
	nc_set();
	nc_ops();
	nc_hostname();
	return tcheck_summary("netcfgcheck") ? 0 : 1;
}
