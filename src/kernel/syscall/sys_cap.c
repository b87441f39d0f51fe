/*
 * The capability system calls (spec/capability-model.md CAP-100..104):
 * 361 cap_grant_exec, 362 cap_query, 363 cap_grant_runtime, 364
 * auth_session and 365 cap_drop.  Each judges its arguments first
 * (-EINVAL), then the caller's capabilities (-ENOCAP), then the target
 * (-ESRCH), then user memory (-EFAULT), and hands the decision to the pure
 * cores in cap/, so a call that fails has changed nothing.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_proc.h"
#include "cap/cap_table.h"
#include "proc/proc_cap.h"
#include "proc/process.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

#define CAP_SLOT_BYTES sizeof(cap_slot_t)

/* A kind and rights as they arrive in 64-bit registers: every bit counts (CAP-100). */
static bool cap_args_valid(uint64_t kind, uint64_t rights)
{
	return kind >= 1 && kind <= CAP_KIND_MAX && rights >= 1 && rights <= CAP_RIGHTS_ALL;
}

/* A pid argument: negative is malformed; 0 and the caller's own pid mean the caller. */
static bool cap_pid_is_self(const process_t *p, int pid)
{
	return pid == 0 || pid == p->pid;
}

/* The living process pid, or NULL. */
static process_t *cap_find_alive(int pid)
{
	process_t *q = proc_find(pid);
	return q && q->state == PROC_ALIVE ? q : NULL;
}

/* Is q one of p's descendants? */
static bool cap_is_descendant(const process_t *p, const process_t *q)
{
	for (const process_t *up = q->parent; up; up = up->parent)
		if (up == p)
			return true;
	return false;
}

SYSCALL_HANDLER(cap_grant_exec)
{
	if (!cap_args_valid(args->a[0], args->a[1]))
		return -EINVAL;
	return cap_proc_register_exec_grant(&p->caps, (uint32_t)args->a[0], (uint32_t)args->a[1]);
}

/*
 * Copy len bytes to the user at dst all or nothing: the range is first read
 * and written back unchanged, so a range that is not entirely writable
 * fails before any byte of the answer lands (CAP-101).
 */
static int cap_copy_out_whole(process_t *p, uint64_t dst, const void *src, size_t len)
{
	uint8_t before[CAP_TABLE_SLOTS * CAP_SLOT_BYTES];
	if (len > sizeof(before))
		return -EFAULT;
	if (copy_from_user(p, before, dst, len) != 0 || copy_to_user(p, dst, before, len) != 0)
		return -EFAULT;
	return copy_to_user(p, dst, src, len);
}

SYSCALL_HANDLER(cap_query)
{
	int pid = (int)args->a[0];
	uint64_t buf = args->a[1];
	uint64_t buflen = args->a[2];
	if ((int64_t)args->a[0] != (int64_t)pid || pid < 0)
		return -EINVAL;
	const process_t *target = p;
	if (!cap_pid_is_self(p, pid)) {
		int r = proc_cap_require(p, CAP_KIND_CAP_QUERY, CAP_RIGHTS_READ);
		if (r != 0)
			return r;
		target = cap_find_alive(pid);
		if (!target)
			return -ESRCH;
	}
	uint64_t want = buflen / CAP_SLOT_BYTES;
	size_t n = want < CAP_TABLE_SLOTS ? (size_t)want : CAP_TABLE_SLOTS;
	if (n == 0)
		return 0;
	cap_slot_t slots[CAP_TABLE_SLOTS];
	int copied = cap_table_query(&target->caps.held, slots, n);
	if (copied < 0)
		return copied;
	int r = cap_copy_out_whole(p, buf, slots, (size_t)copied * CAP_SLOT_BYTES);
	return r != 0 ? r : copied;
}

SYSCALL_HANDLER(cap_grant_runtime)
{
	int pid = (int)args->a[0];
	uint64_t kind = args->a[1], rights = args->a[2];
	if ((int64_t)args->a[0] != (int64_t)pid || pid < 0 || !cap_args_valid(kind, rights))
		return -EINVAL;
	/* CAP-020's conditions on the giver, checked before the target so a refusal reveals no pid. */
	int r = proc_cap_require(p, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_READ);
	if (r == 0)
		r = proc_cap_require(p, (uint32_t)kind, (uint32_t)rights);
	if (r != 0)
		return r;
	process_t *target = cap_pid_is_self(p, pid) ? p : cap_find_alive(pid);
	if (!target || (target != p && !cap_is_descendant(p, target)))
		return -ESRCH;
	if (target == p)
		return (int64_t)kind - 1; /* delegating to oneself: everything is already held */
	return cap_table_delegate(&p->caps.held, &target->caps.held, (uint32_t)kind, (uint32_t)rights);
}

SYSCALL_HANDLER(auth_session)
{
	(void)args;
	return cap_proc_auth_session(&p->caps);
}

SYSCALL_HANDLER(cap_drop)
{
	if (!cap_args_valid(args->a[0], args->a[1]))
		return -EINVAL;
	return cap_proc_drop(&p->caps, (uint32_t)args->a[0], (uint32_t)args->a[1]);
}
