/*
 * netcfg (500): read or set the network interface's configuration
 * (spec/network-config.md NETCFG-010..NETCFG-012).  Op 1 needs no
 * capability; op 0 needs NET_ADMIN(W).  The state lives in net/netcfg.c.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/private_abi.h>

#include "net/netcfg.h"
#include "proc/proc_cap.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

#define NETCFG_VALUE_MAX 0xffffffffull /* values are 32-bit addresses */

static int64_t netcfg_get(process_t *p, uint64_t buf)
{
	if (!user_range_ok(buf, sizeof(aegis_netcfg_info_t)))
		return -EFAULT;
	aegis_netcfg_info_t info;
	int r = netcfg_info(&info);
	if (r != 0)
		return r;
	return copy_to_user(p, buf, &info, sizeof(info));
}

static int64_t netcfg_put(process_t *p, uint64_t ip, uint64_t mask, uint64_t gw)
{
	int gate = proc_cap_require(p, CAP_KIND_NET_ADMIN, CAP_RIGHTS_WRITE);
	if (gate != 0)
		return gate;
	aegis_netcfg_info_t info;
	int r = netcfg_info(&info);
	if (r != 0)
		return r;
	if (ip > NETCFG_VALUE_MAX || mask > NETCFG_VALUE_MAX || gw > NETCFG_VALUE_MAX)
		return -EINVAL;
	return netcfg_set((uint32_t)ip, (uint32_t)mask, (uint32_t)gw);
}

SYSCALL_HANDLER(netcfg)
{
	switch (args->a[0]) {
	case AEGIS_NETCFG_SET:
		return netcfg_put(p, args->a[1], args->a[2], args->a[3]);
	case AEGIS_NETCFG_INFO:
		return netcfg_get(p, args->a[1]);
	default:
		return -EINVAL;
	}
}
