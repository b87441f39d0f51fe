/*
 * Changing user and group IDs and the supplementary groups: setuid, setgid,
 * setreuid, setregid, setresuid, setresgid, getresuid, getresgid, setgroups,
 * getgroups (spec/credentials.md CRED-080).  Each handler copies its
 * arguments, asks proc_holds_setuid once and leaves the decision to the pure
 * rules of proc/cred.c, so a refused or faulting call changes nothing.
 */
#include <aegis/errno.h>

#include "proc/cred.h"
#include "proc/proc_limits.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

/* The number of IDs getresuid and getresgid report. */
#define CRED_RES_IDS 3u

static cred_id_t arg_id(const syscall_args_t *args, unsigned i)
{
	return (cred_id_t)args->a[i];
}

SYSCALL_HANDLER(setuid)
{
	return cred_setuid(&p->cred, arg_id(args, 0), proc_holds_setuid(p));
}

SYSCALL_HANDLER(setgid)
{
	return cred_setgid(&p->cred, arg_id(args, 0), proc_holds_setuid(p));
}

SYSCALL_HANDLER(setreuid)
{
	return cred_setreuid(&p->cred, arg_id(args, 0), arg_id(args, 1), proc_holds_setuid(p));
}

SYSCALL_HANDLER(setregid)
{
	return cred_setregid(&p->cred, arg_id(args, 0), arg_id(args, 1), proc_holds_setuid(p));
}

SYSCALL_HANDLER(setresuid)
{
	return cred_setresuid(&p->cred, arg_id(args, 0), arg_id(args, 1), arg_id(args, 2), proc_holds_setuid(p));
}

SYSCALL_HANDLER(setresgid)
{
	return cred_setresgid(&p->cred, arg_id(args, 0), arg_id(args, 1), arg_id(args, 2), proc_holds_setuid(p));
}

/* Three IDs to three user pointers: every range is checked before the first byte is written. */
static int64_t put_three_ids(process_t *p, const syscall_args_t *args, cred_id_t r, cred_id_t e, cred_id_t s)
{
	const cred_id_t ids[CRED_RES_IDS] = { r, e, s };
	for (unsigned i = 0; i < CRED_RES_IDS; i++)
		if (!user_range_ok(args->a[i], sizeof(cred_id_t)))
			return -EFAULT;
	for (unsigned i = 0; i < CRED_RES_IDS; i++)
		if (copy_to_user(p, args->a[i], &ids[i], sizeof(cred_id_t)) != 0)
			return -EFAULT;
	return 0;
}

SYSCALL_HANDLER(getresuid)
{
	return put_three_ids(p, args, p->cred.ruid, p->cred.euid, p->cred.suid);
}

SYSCALL_HANDLER(getresgid)
{
	return put_three_ids(p, args, p->cred.rgid, p->cred.egid, p->cred.sgid);
}

SYSCALL_HANDLER(setgroups)
{
	uint64_t count = args->a[0];
	cred_id_t list[CRED_NGROUPS_MAX];
	if (count > CRED_NGROUPS_MAX)
		return -EINVAL;
	if (count > 0 && copy_from_user(p, list, args->a[1], (size_t)count * sizeof(cred_id_t)) != 0)
		return -EFAULT;
	return cred_setgroups(&p->cred, (uint32_t)count, count > 0 ? list : NULL, proc_holds_setuid(p));
}

SYSCALL_HANDLER(getgroups)
{
	int size = (int)args->a[0];
	cred_id_t list[CRED_NGROUPS_MAX];
	if (size == 0)
		return cred_getgroups(&p->cred, 0, NULL);
	int n = cred_getgroups(&p->cred, size, list);
	if (n <= 0)
		return n;
	return copy_to_user(p, args->a[1], list, (size_t)n * sizeof(cred_id_t)) != 0 ? -EFAULT : n;
}
