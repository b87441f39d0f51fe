/*
 * Process capability state: baseline, fork, exec, drop, exec grants and the
 * session flag (contracts of intent in cap_proc.h, rules in
 * spec/capability-model.md).  Every change to a table goes through
 * cap_table.c, so the table invariant proved there holds here too.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_proc.h"
#include "cap/cap_table.h"

void cap_table_set_baseline(cap_table_t *t)
{
	/* The six capabilities of every fresh program image, one call each. */
	cap_table_clear(t);
	(void)cap_table_grant(t, CAP_KIND_VFS_OPEN, CAP_RIGHTS_READ);
	(void)cap_table_grant(t, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE);
	(void)cap_table_grant(t, CAP_KIND_VFS_READ, CAP_RIGHTS_READ);
	(void)cap_table_grant(t, CAP_KIND_IPC, CAP_RIGHTS_READ);
	(void)cap_table_grant(t, CAP_KIND_PROC_READ, CAP_RIGHTS_READ);
	(void)cap_table_grant(t, CAP_KIND_THREAD_CREATE, CAP_RIGHTS_READ);
}

unsigned cap_proc_init_for_pid1(cap_proc_t *p)
{
	cap_table_set_baseline(&p->held);
	/*@ assert p->held.slot[CAP_KIND_PROC_READ - 1].rights == CAP_RIGHTS_READ; */
	/* Init signals its children (WRITE) and may power the machine off. */
	(void)cap_table_grant(&p->held, CAP_KIND_PROC_READ, CAP_RIGHTS_WRITE);
	(void)cap_table_grant(&p->held, CAP_KIND_POWER, CAP_RIGHTS_READ);
	cap_table_clear(&p->exec_grants);
	p->authenticated = false;
	return cap_table_count(&p->held);
}

int cap_proc_fork(cap_proc_t *child, const cap_proc_t *parent)
{
	if (child == NULL || parent == NULL || (const cap_proc_t *)child == parent)
		return -EINVAL;
	cap_table_copy(&child->held, &parent->held);
	cap_table_clear(&child->exec_grants);
	child->authenticated = parent->authenticated;
	return 0;
}

/* Grant every kind of a policy set with all rights. */
/*@ requires \valid(t) && cap_table_ok(t);
    assigns t->slot[0 .. CAP_KIND_MAX - 1];
    ensures cap_table_ok(t);
    ensures \forall integer i; 0 <= i < CAP_KIND_MAX && cap_kind_in(kinds, i + 1) ==> (t->slot[i].rights & CAP_RIGHTS_ALL) == CAP_RIGHTS_ALL;
    ensures \forall integer i; 0 <= i < CAP_KIND_MAX && !cap_kind_in(kinds, i + 1) ==>
      t->slot[i].rights == \old(t->slot[i].rights); */
static void cap_grant_kind_set(cap_table_t *t, uint32_t kinds)
{
	/*@ loop invariant 1 <= kind <= CAP_KIND_MAX + 1;
	    loop invariant cap_table_ok(t);
	    loop invariant \forall integer i; 0 <= i < kind - 1 && cap_kind_in(kinds, i + 1) ==>
	      (t->slot[i].rights & CAP_RIGHTS_ALL) == CAP_RIGHTS_ALL;
	    loop invariant \forall integer i; 0 <= i < kind - 1 && !cap_kind_in(kinds, i + 1) ==>
	      t->slot[i].rights == \at(t->slot[i].rights, Pre);
	    loop invariant \forall integer i; kind - 1 <= i < CAP_KIND_MAX ==> t->slot[i].rights == \at(t->slot[i].rights, Pre);
	    loop assigns kind, t->slot[0 .. CAP_KIND_MAX - 1];
	    loop variant CAP_KIND_MAX + 1 - kind; */
	for (uint32_t kind = 1; kind <= CAP_KIND_MAX; kind++) {
		if (kinds & (UINT32_C(1) << kind))
			(void)cap_table_grant(t, kind, CAP_RIGHTS_ALL);
	}
}

/* The rights in both a and b (no more than either). */
/*@ requires a <= CAP_RIGHTS_ALL && b <= CAP_RIGHTS_ALL;
    assigns \nothing;
    ensures \result == (a & b);
    ensures 0 <= \result <= CAP_RIGHTS_ALL; */
static uint32_t cap_rights_common(uint32_t a, uint32_t b)
{
	uint32_t both = a & b;
	/*@ assert 0 <= both <= CAP_RIGHTS_ALL; */
	return both;
}

int cap_proc_exec(cap_proc_t *p, const cap_policy_t *policy)
{
	if (p == NULL)
		return -EINVAL;
	/* The policy's kinds for this exec: admin only in an authenticated session. */
	uint32_t service = policy != NULL ? policy->service : 0;
	uint32_t admin = policy != NULL && p->authenticated ? policy->admin : 0;
	cap_table_t next;
	cap_table_set_baseline(&next);
	/* Registered grants carry over only as far as they are still held. */
	/*@ loop invariant 1 <= kind <= CAP_KIND_MAX + 1;
	    loop invariant cap_table_ok(&next);
	    loop invariant \forall integer i; 0 <= i < CAP_TABLE_SLOTS ==>
	      p->exec_grants.slot[i].rights == \at(p->exec_grants.slot[i].rights, Pre) &&
	      p->held.slot[i].rights == \at(p->held.slot[i].rights, Pre);
	    loop invariant \forall integer i; 0 <= i < kind - 1 ==> next.slot[i].rights ==
	      (cap_baseline_rights(i + 1) | (\at(p->exec_grants.slot[i].rights, Pre) & \at(p->held.slot[i].rights, Pre)));
	    loop invariant \forall integer i; kind - 1 <= i < CAP_TABLE_SLOTS ==>
	      next.slot[i].rights == cap_baseline_rights(i + 1);
	    loop assigns kind, next.slot[0 .. CAP_KIND_MAX - 1];
	    loop variant CAP_KIND_MAX + 1 - kind; */
	for (uint32_t kind = 1; kind <= CAP_KIND_MAX; kind++) {
		uint32_t keep = cap_rights_common(p->exec_grants.slot[kind - 1].rights, p->held.slot[kind - 1].rights);
		if (keep != 0)
			(void)cap_table_grant(&next, kind, keep);
	}
	/* Policy kinds get every right, so they go last. */
	if (service != 0)
		cap_grant_kind_set(&next, service);
	if (admin != 0)
		cap_grant_kind_set(&next, admin);
	cap_table_copy(&p->held, &next);
	cap_table_clear(&p->exec_grants);
	return 0;
}

/*@ assigns \nothing;
    ensures \result <==> cap_kind_valid(kind) && cap_rights_valid(rights); */
static bool cap_args_ok(uint32_t kind, uint32_t rights)
{
	return kind >= 1 && kind <= CAP_KIND_MAX && rights >= 1 && rights <= CAP_RIGHTS_ALL;
}

int cap_proc_drop(cap_proc_t *p, uint32_t kind, uint32_t rights)
{
	if (p == NULL || !cap_args_ok(kind, rights))
		return -EINVAL;
	cap_table_remove(&p->held, kind, rights);
	cap_table_remove(&p->exec_grants, kind, rights);
	return 0;
}

int cap_proc_register_exec_grant(cap_proc_t *p, uint32_t kind, uint32_t rights)
{
	if (p == NULL || !cap_args_ok(kind, rights))
		return -EINVAL;
	if (!p->authenticated)
		return -ENOCAP;
	if (cap_table_check(&p->held, CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ) != 0)
		return -ENOCAP;
	if (cap_table_check(&p->held, kind, rights) != 0)
		return -ENOCAP;
	int slot = cap_table_grant(&p->exec_grants, kind, rights);
	return slot < 0 ? slot : 0;
}

int cap_proc_auth_session(cap_proc_t *p)
{
	if (p == NULL)
		return -EINVAL;
	if (cap_table_check(&p->held, CAP_KIND_AUTH, CAP_RIGHTS_READ) != 0)
		return -ENOCAP;
	p->authenticated = true;
	return 0;
}
