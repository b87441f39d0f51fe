/*
 * Resource limits: getrlimit, setrlimit and prlimit64 (spec/credentials.md
 * CRED-082).  Linux x86_64's struct rlimit and struct rlimit64 are both two
 * 64-bit values, soft then hard: rlimit_t's layout.  A change is computed on
 * a copy of the table and stored only after the old value has reached the
 * caller, so a call that fails (even with -EFAULT) changes nothing.
 */
#include <aegis/errno.h>

#include "proc/proc_limits.h"
#include "proc/rlimit.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

/* getrlimit, setrlimit and prlimit64 on target, by the caller p. */
static int64_t rlimit_call(process_t *p, process_t *target, uint64_t resource, uint64_t new_addr, uint64_t old_addr)
{
	rlimit_t wanted, before;
	if (resource >= RL_COUNT)
		return -EINVAL;
	if (target != p) {
		int r = rlimit_may_access(&p->cred, &target->cred, proc_holds_setuid(p));
		if (r != 0)
			return r;
	}
	if (new_addr && copy_from_user(p, &wanted, new_addr, sizeof(wanted)) != 0)
		return -EFAULT;
	rlimit_table_t table = target->rlimits;
	int r = rlimit_prlimit(&table, (uint32_t)resource, new_addr ? &wanted : NULL, &before, proc_holds_setuid(p));
	if (r != 0)
		return r;
	if (old_addr && copy_to_user(p, old_addr, &before, sizeof(before)) != 0)
		return -EFAULT;
	target->rlimits = table;
	return 0;
}

SYSCALL_HANDLER(getrlimit)
{
	if (!args->a[1])
		return -EFAULT;
	return rlimit_call(p, p, args->a[0], 0, args->a[1]);
}

SYSCALL_HANDLER(setrlimit)
{
	if (!args->a[1])
		return -EFAULT;
	return rlimit_call(p, p, args->a[0], args->a[1], 0);
}

SYSCALL_HANDLER(prlimit64)
{
	int pid = (int)args->a[0];
	process_t *target = pid == 0 ? p : proc_find(pid);
	if (!target || target->state != PROC_ALIVE)
		return -ESRCH;
	return rlimit_call(p, target, args->a[1], args->a[2], args->a[3]);
}
