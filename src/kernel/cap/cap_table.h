/*
 * The capability table core: one process's table and the operations on it.
 *
 * Design: slot k-1 is the home of kind k, so a table has one slot per kind by
 * construction, can never fill up, and every operation is a bounds check
 * plus one slot access.  Slots 16-63 exist for the 64-slot ABI and stay
 * empty.  Nothing here allocates, locks or prints; the callers (the exec
 * path, the system calls) do that.  spec/capability-model.md, CAP-0xx.
 *
 * The ACSL contracts below are proved by Frama-C WP (`make prove`), so this
 * header and cap_table.c include only <stdint.h>, <stddef.h> and the ABI
 * headers.  `cap_table_ok` is the table invariant every function keeps.
 */
#ifndef AEGIS_KERNEL_CAP_TABLE_H
#define AEGIS_KERNEL_CAP_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include <aegis/cap.h>

typedef struct {
	cap_slot_t slot[CAP_TABLE_SLOTS];
} cap_table_t;

/*@
  predicate cap_kind_valid(integer k) = 1 <= k <= CAP_KIND_MAX;

  // Rights bits are READ 1, WRITE 2, EXEC 4: "non-zero with no unknown bit" is 1..7.
  predicate cap_rights_valid(integer r) = 1 <= r <= CAP_RIGHTS_ALL;

  predicate cap_slot_ok(cap_table_t *t, integer i) =
    (t->slot[i].kind == 0 && t->slot[i].rights == 0) ||
    (i < CAP_KIND_MAX && t->slot[i].kind == i + 1 && cap_rights_valid(t->slot[i].rights));

  predicate cap_table_ok(cap_table_t *t) =
    \valid_read(t) && \forall integer i; 0 <= i < CAP_TABLE_SLOTS ==> cap_slot_ok(t, i);

  // Some slot of kind k holds every bit of r.
  predicate cap_covers(cap_table_t *t, integer k, integer r) =
    \exists integer i; 0 <= i < CAP_TABLE_SLOTS &&
      t->slot[i].kind == k && (t->slot[i].rights & r) == r;
*/

/* Empty every slot. */
/*@
  requires \valid(t);
  assigns t->slot[0 .. CAP_TABLE_SLOTS - 1];
  ensures cap_table_ok(t);
  ensures \forall integer i; 0 <= i < CAP_TABLE_SLOTS ==> t->slot[i].kind == 0 && t->slot[i].rights == 0;
*/
void cap_table_clear(cap_table_t *t);

/* Copy a whole table (fork). */
/*@
  requires \valid(dst) && cap_table_ok(src) && \separated(dst, src);
  assigns dst->slot[0 .. CAP_TABLE_SLOTS - 1];
  ensures cap_table_ok(dst);
  ensures \forall integer i; 0 <= i < CAP_TABLE_SLOTS ==>
    dst->slot[i].kind == src->slot[i].kind && dst->slot[i].rights == src->slot[i].rights;
*/
void cap_table_copy(cap_table_t *dst, const cap_table_t *src);

/* Merge rights into kind's slot: slot index, or -EINVAL for bad arguments (CAP-010, CAP-011). */
/*@
  requires t == \null || (\valid(t) && cap_table_ok(t));
  assigns t->slot[kind - 1];
  behavior bad:
    assumes t == \null || !cap_kind_valid(kind) || !cap_rights_valid(rights);
    assigns \nothing;
    ensures \result == -EINVAL;
  behavior good:
    assumes t != \null && cap_kind_valid(kind) && cap_rights_valid(rights);
    ensures \result == kind - 1;
    ensures cap_table_ok(t);
    ensures t->slot[kind - 1].kind == kind;
    ensures t->slot[kind - 1].rights == (\old(t->slot[kind - 1].rights) | rights);
    ensures (t->slot[kind - 1].rights & rights) == rights;
  complete behaviors;
  disjoint behaviors;
*/
int cap_table_grant(cap_table_t *t, uint32_t kind, uint32_t rights);

/* 0 when kind's slot holds every requested bit, -ENOCAP if not, -EINVAL for bad arguments. */
/*@
  requires t == \null || cap_table_ok(t);
  assigns \nothing;
  behavior bad:
    assumes t == \null || !cap_kind_valid(kind) || !cap_rights_valid(rights);
    ensures \result == -EINVAL;
  behavior held:
    assumes t != \null && cap_kind_valid(kind) && cap_rights_valid(rights) && cap_covers(t, kind, rights);
    ensures \result == 0;
  behavior not_held:
    assumes t != \null && cap_kind_valid(kind) && cap_rights_valid(rights) && !cap_covers(t, kind, rights);
    ensures \result == -ENOCAP;
  complete behaviors;
  disjoint behaviors;
*/
int cap_table_check(const cap_table_t *t, uint32_t kind, uint32_t rights);

/* The rights held for kind (0: not held, invalid kind, NULL table). */
/*@
  requires t == \null || cap_table_ok(t);
  assigns \nothing;
  ensures (t != \null && cap_kind_valid(kind)) ==> \result == t->slot[kind - 1].rights;
  ensures (t == \null || !cap_kind_valid(kind)) ==> \result == 0;
  ensures \result <= CAP_RIGHTS_ALL;
*/
uint32_t cap_table_rights(const cap_table_t *t, uint32_t kind);

/* Number of held kinds. */
/*@
  requires t == \null || cap_table_ok(t);
  assigns \nothing;
  ensures 0 <= \result <= CAP_KIND_MAX;
*/
unsigned cap_table_count(const cap_table_t *t);

/* Remove rights from kind's slot (CAP-030); the caller validated the arguments. */
/*@
  requires \valid(t) && cap_table_ok(t) && cap_kind_valid(kind) && cap_rights_valid(rights);
  assigns t->slot[kind - 1];
  ensures cap_table_ok(t);
  ensures (t->slot[kind - 1].rights & rights) == 0;
  ensures \forall integer r; 1 <= r <= CAP_RIGHTS_ALL && (t->slot[kind - 1].rights & r) == r ==>
    (\old(t->slot[kind - 1].rights) & r) == r;
*/
void cap_table_remove(cap_table_t *t, uint32_t kind, uint32_t rights);

/*
 * Delegation (CAP-020..023): the giver needs CAP_DELEGATE(READ) and kind with
 * every bit of rights.  Returns the receiver's slot index, -ENOCAP, -EINVAL.
 */
/*@
  requires giver == \null || cap_table_ok(giver);
  requires receiver == \null || (\valid(receiver) && cap_table_ok(receiver));
  requires giver != \null && receiver != \null && giver != receiver ==> \separated(giver, receiver);
  assigns receiver->slot[kind - 1];
  behavior bad:
    assumes giver == \null || receiver == \null || !cap_kind_valid(kind) || !cap_rights_valid(rights);
    assigns \nothing;
    ensures \result == -EINVAL;
  behavior refused:
    assumes giver != \null && receiver != \null && cap_kind_valid(kind) && cap_rights_valid(rights);
    assumes !cap_covers(giver, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_READ) || !cap_covers(giver, kind, rights);
    assigns \nothing;
    ensures \result == -ENOCAP;
  behavior given:
    assumes giver != \null && receiver != \null && cap_kind_valid(kind) && cap_rights_valid(rights);
    assumes cap_covers(giver, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_READ) && cap_covers(giver, kind, rights);
    ensures \result == kind - 1;
    ensures cap_table_ok(receiver);
    ensures receiver->slot[kind - 1].rights == (\old(receiver->slot[kind - 1].rights) | rights);
  complete behaviors;
  disjoint behaviors;
*/
int cap_table_delegate(const cap_table_t *giver, cap_table_t *receiver, uint32_t kind, uint32_t rights);

/* Copy min(n, 64) slots out (CAP-040): the count, or -EINVAL. */
/*@
  requires t == \null || cap_table_ok(t);
  requires n > 0 && out != \null ==> \valid(out + (0 .. (n < CAP_TABLE_SLOTS ? n : CAP_TABLE_SLOTS) - 1));
  requires n > 0 && out != \null && t != \null ==> \separated(out + (0 .. (n < CAP_TABLE_SLOTS ? n : CAP_TABLE_SLOTS) - 1), t);
  assigns out[0 .. (n < CAP_TABLE_SLOTS ? n : CAP_TABLE_SLOTS) - 1];
  behavior bad:
    assumes t == \null || (out == \null && n > 0);
    assigns \nothing;
    ensures \result == -EINVAL;
  behavior copied:
    assumes t != \null && (out != \null || n == 0);
    ensures \result == (n < CAP_TABLE_SLOTS ? n : CAP_TABLE_SLOTS);
    ensures \forall integer i; 0 <= i < \result ==>
      out[i].kind == t->slot[i].kind && out[i].rights == t->slot[i].rights;
  complete behaviors;
  disjoint behaviors;
*/
int cap_table_query(const cap_table_t *t, cap_slot_t *out, size_t n);

#endif
