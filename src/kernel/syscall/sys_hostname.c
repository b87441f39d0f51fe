/*
 * sethostname (170): set the node name uname reports (spec/network-config.md
 * NETCFG-020).  Checks, in this order: NET_ADMIN(W), else -ENOCAP; a length
 * of at most PROC_HOSTNAME_MAX (64) bytes, else -EINVAL; the bytes readable,
 * else -EFAULT.  A refused call leaves the name as it was.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>

#include "proc/proc_cap.h"
#include "proc/proc_internal.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

SYSCALL_HANDLER(sethostname)
{
	char name[PROC_HOSTNAME_MAX];
	uint64_t len = args->a[1];
	int r = proc_cap_require(p, CAP_KIND_NET_ADMIN, CAP_RIGHTS_WRITE);

	if (r != 0)
		return r;
	if (len > PROC_HOSTNAME_MAX)
		return -EINVAL;
	if (copy_from_user(p, name, args->a[0], (size_t)len) != 0)
		return -EFAULT;
	proc_hostname_set(name, (size_t)len);
	return 0;
}
