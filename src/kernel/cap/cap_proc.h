/*
 * A process's capability state and how it changes at fork, exec and the
 * capability system calls (spec/capability-model.md CAP-030..086).
 *
 * Design: cap_proc_t is embedded in the process structure.  It holds the
 * table, the grants registered with cap_grant_exec for the process's next
 * exec, and the authenticated-session flag.  The functions are the pure
 * cores of fork, execve, 361, 364 and 365: the system-call layer finds the
 * processes, copies arguments, and calls these.  Like cap_table.c, this file
 * includes only <stdint.h>-level headers so Frama-C can prove it.
 */
#ifndef AEGIS_KERNEL_CAP_PROC_H
#define AEGIS_KERNEL_CAP_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_policy.h"
#include "cap/cap_table.h"

typedef struct {
	cap_table_t held;
	cap_table_t exec_grants; /* registered for the next exec only; always within held */
	bool authenticated;
} cap_proc_t;

/* Baseline sizes (CAP-060, CAP-061). */
#define CAP_BASELINE_COUNT 6u
#define CAP_INIT_BASELINE_COUNT 7u

/*@
  predicate cap_proc_ok(cap_proc_t *p) =
    \valid(p) && cap_table_ok(&p->held) && cap_table_ok(&p->exec_grants);

  // The rights the baseline gives each kind (CAP-060).
  logic integer cap_baseline_rights(integer k) =
    k == CAP_KIND_VFS_OPEN ? CAP_RIGHTS_READ :
    k == CAP_KIND_VFS_WRITE ? CAP_RIGHTS_WRITE :
    k == CAP_KIND_VFS_READ ? CAP_RIGHTS_READ :
    k == CAP_KIND_IPC ? CAP_RIGHTS_READ :
    k == CAP_KIND_PROC_READ ? CAP_RIGHTS_READ :
    k == CAP_KIND_THREAD_CREATE ? CAP_RIGHTS_READ : 0;

  // Kind k is in a policy kind set (bit k).
  predicate cap_kind_in(integer kinds, integer k) = (kinds & (1 << k)) != 0;

  // Exec gives kind k all rights from the policy (CAP-070, POL-030).
  predicate cap_policy_gives(cap_policy_t *policy, integer k, integer authenticated) =
    policy != \null && (cap_kind_in(policy->service, k) || (authenticated != 0 && cap_kind_in(policy->admin, k)));

  predicate cap_table_empty(cap_table_t *t) =
    \forall integer i; 0 <= i < CAP_TABLE_SLOTS ==> t->slot[i].kind == 0 && t->slot[i].rights == 0;
*/

/* Reset a table to the baseline every exec starts from (CAP-060). */
/*@
  requires \valid(t);
  assigns t->slot[0 .. CAP_TABLE_SLOTS - 1];
  ensures cap_table_ok(t);
  ensures \forall integer i; 0 <= i < CAP_TABLE_SLOTS ==> t->slot[i].rights == cap_baseline_rights(i + 1);
*/
void cap_table_set_baseline(cap_table_t *t);

/* Give init (PID 1) its seven capabilities; returns the count, 7 (CAP-061). */
/*@
  requires \valid(p);
  assigns *p;
  ensures cap_proc_ok(p) && cap_table_empty(&p->exec_grants) && !p->authenticated;
  ensures \forall integer i; 0 <= i < CAP_TABLE_SLOTS && i != CAP_KIND_PROC_READ - 1 && i != CAP_KIND_POWER - 1 ==>
    p->held.slot[i].rights == cap_baseline_rights(i + 1);
  ensures p->held.slot[CAP_KIND_PROC_READ - 1].rights == (CAP_RIGHTS_READ | CAP_RIGHTS_WRITE);
  ensures p->held.slot[CAP_KIND_POWER - 1].rights == CAP_RIGHTS_READ;
  ensures \result <= CAP_KIND_MAX;
*/
unsigned cap_proc_init_for_pid1(cap_proc_t *p);

/* Child state at fork: same table and flag, no exec grants (CAP-050, CAP-086). */
/*@
  requires child == \null || \valid(child);
  requires parent == \null || cap_proc_ok(parent);
  requires child != \null && parent != \null && child != parent ==> \separated(child, parent);
  assigns *child;
  behavior bad:
    assumes child == \null || parent == \null || child == parent;
    assigns \nothing;
    ensures \result == -EINVAL;
  behavior copied:
    assumes child != \null && parent != \null && child != parent;
    ensures \result == 0 && cap_proc_ok(child) && cap_table_empty(&child->exec_grants);
    ensures child->authenticated == parent->authenticated;
    ensures \forall integer i; 0 <= i < CAP_TABLE_SLOTS ==>
      child->held.slot[i].kind == parent->held.slot[i].kind &&
      child->held.slot[i].rights == parent->held.slot[i].rights;
  complete behaviors;
  disjoint behaviors;
*/
int cap_proc_fork(cap_proc_t *child, const cap_proc_t *parent);

/* Table after exec: baseline + policy tiers + exec grants still held (CAP-070, CAP-071). */
/*@
  requires p == \null || cap_proc_ok(p);
  requires policy == \null || \valid_read(policy);
  requires p != \null && policy != \null ==> \separated(p, policy);
  assigns p->held, p->exec_grants;
  behavior bad:
    assumes p == \null;
    assigns \nothing;
    ensures \result == -EINVAL;
  behavior done:
    assumes p != \null;
    ensures \result == 0 && cap_proc_ok(p) && cap_table_empty(&p->exec_grants);
    ensures p->authenticated == \old(p->authenticated);
    ensures \forall integer i; 0 <= i < CAP_KIND_MAX && \at(cap_policy_gives(policy, i + 1, p->authenticated), Pre) ==>
      (p->held.slot[i].rights & CAP_RIGHTS_ALL) == CAP_RIGHTS_ALL;
    ensures \forall integer i; 0 <= i < CAP_KIND_MAX && !\at(cap_policy_gives(policy, i + 1, p->authenticated), Pre) ==>
      p->held.slot[i].rights ==
        (cap_baseline_rights(i + 1) | (\old(p->exec_grants.slot[i].rights) & \old(p->held.slot[i].rights)));
  complete behaviors;
  disjoint behaviors;
*/
int cap_proc_exec(cap_proc_t *p, const cap_policy_t *policy);

/* Give up rights for good, also from the exec grants (CAP-030..032). */
/*@
  requires p == \null || cap_proc_ok(p);
  assigns p->held.slot[kind - 1], p->exec_grants.slot[kind - 1];
  behavior bad:
    assumes p == \null || !cap_kind_valid(kind) || !cap_rights_valid(rights);
    assigns \nothing;
    ensures \result == -EINVAL;
  behavior dropped:
    assumes p != \null && cap_kind_valid(kind) && cap_rights_valid(rights);
    ensures \result == 0 && cap_proc_ok(p);
    ensures (p->held.slot[kind - 1].rights & rights) == 0;
    ensures (p->exec_grants.slot[kind - 1].rights & rights) == 0;
  complete behaviors;
  disjoint behaviors;
*/
int cap_proc_drop(cap_proc_t *p, uint32_t kind, uint32_t rights);

/* The core of cap_grant_exec (361): CAP-080, CAP-081. */
/*@
  requires p == \null || cap_proc_ok(p);
  assigns p->exec_grants.slot[kind - 1];
  behavior bad:
    assumes p == \null || !cap_kind_valid(kind) || !cap_rights_valid(rights);
    assigns \nothing;
    ensures \result == -EINVAL;
  behavior refused:
    assumes p != \null && cap_kind_valid(kind) && cap_rights_valid(rights);
    assumes !p->authenticated || !cap_covers(&p->held, CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ) ||
            !cap_covers(&p->held, kind, rights);
    assigns \nothing;
    ensures \result == -ENOCAP;
  behavior registered:
    assumes p != \null && cap_kind_valid(kind) && cap_rights_valid(rights);
    assumes p->authenticated && cap_covers(&p->held, CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ) &&
            cap_covers(&p->held, kind, rights);
    ensures \result == 0 && cap_proc_ok(p);
    ensures p->exec_grants.slot[kind - 1].rights == (\old(p->exec_grants.slot[kind - 1].rights) | rights);
  complete behaviors;
  disjoint behaviors;
*/
int cap_proc_register_exec_grant(cap_proc_t *p, uint32_t kind, uint32_t rights);

/* The core of auth_session (364): CAP-085, CAP-086. */
/*@
  requires p == \null || cap_proc_ok(p);
  assigns p->authenticated;
  behavior bad:
    assumes p == \null;
    assigns \nothing;
    ensures \result == -EINVAL;
  behavior refused:
    assumes p != \null && !cap_covers(&p->held, CAP_KIND_AUTH, CAP_RIGHTS_READ);
    assigns \nothing;
    ensures \result == -ENOCAP;
  behavior elevated:
    assumes p != \null && cap_covers(&p->held, CAP_KIND_AUTH, CAP_RIGHTS_READ);
    ensures \result == 0 && p->authenticated;
  complete behaviors;
  disjoint behaviors;
*/
int cap_proc_auth_session(cap_proc_t *p);

#endif
