/*
 * The capability table core (contracts and design in cap_table.h).
 *
 * Every function validates its arguments before touching the table and then
 * reaches exactly one slot, kind - 1, or walks all 64 with a bounded loop.
 * The loop annotations are for Frama-C WP; the compilers ignore them.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_table.h"

/*@ assigns \nothing;
    ensures \result <==> cap_kind_valid(kind); */
static bool cap_kind_ok(uint32_t kind)
{
	return kind >= 1 && kind <= CAP_KIND_MAX;
}

/*@ assigns \nothing;
    ensures \result <==> cap_rights_valid(rights); */
static bool cap_rights_ok(uint32_t rights)
{
	return rights >= 1 && rights <= CAP_RIGHTS_ALL;
}

/*
 * The two bit operations on rights, each in a function of its own so that the
 * prover meets the bit-level facts once, in a small goal, and the callers
 * only see the contract.
 */
/*@ requires held <= CAP_RIGHTS_ALL && cap_rights_valid(add);
    assigns \nothing;
    ensures \result == (held | add);
    ensures cap_rights_valid(\result);
    ensures (\result & add) == add; */
static uint32_t cap_rights_union(uint32_t held, uint32_t add)
{
	uint32_t merged = held | add;
	/*@ assert 0 <= merged <= CAP_RIGHTS_ALL; */
	/*@ assert (merged & add) == add; */
	/*@ assert merged >= 1; */
	return merged;
}

/*@ requires held <= CAP_RIGHTS_ALL && cap_rights_valid(drop);
    assigns \nothing;
    ensures \result <= CAP_RIGHTS_ALL;
    ensures (\result & drop) == 0;
    ensures \forall integer r; 1 <= r <= CAP_RIGHTS_ALL && (\result & r) == r ==> (held & r) == r; */
static uint32_t cap_rights_minus(uint32_t held, uint32_t drop)
{
	return held & ~drop & CAP_RIGHTS_ALL;
}

void cap_table_clear(cap_table_t *t)
{
	/*@ loop invariant 0 <= i <= CAP_TABLE_SLOTS;
	    loop invariant \forall integer j; 0 <= j < i ==> t->slot[j].kind == 0 && t->slot[j].rights == 0;
	    loop assigns i, t->slot[0 .. CAP_TABLE_SLOTS - 1];
	    loop variant CAP_TABLE_SLOTS - i; */
	for (uint32_t i = 0; i < CAP_TABLE_SLOTS; i++) {
		t->slot[i].kind = CAP_KIND_NULL;
		t->slot[i].rights = 0;
	}
}

void cap_table_copy(cap_table_t *dst, const cap_table_t *src)
{
	/*@ loop invariant 0 <= i <= CAP_TABLE_SLOTS;
	    loop invariant \forall integer j; 0 <= j < i ==>
	      dst->slot[j].kind == src->slot[j].kind && dst->slot[j].rights == src->slot[j].rights;
	    loop assigns i, dst->slot[0 .. CAP_TABLE_SLOTS - 1];
	    loop variant CAP_TABLE_SLOTS - i; */
	for (uint32_t i = 0; i < CAP_TABLE_SLOTS; i++)
		dst->slot[i] = src->slot[i];
}

int cap_table_grant(cap_table_t *t, uint32_t kind, uint32_t rights)
{
	if (t == NULL || !cap_kind_ok(kind) || !cap_rights_ok(rights))
		return -EINVAL;
	cap_slot_t *slot = &t->slot[kind - 1];
	slot->rights = cap_rights_union(slot->rights, rights);
	slot->kind = kind;
	return (int)(kind - 1);
}

int cap_table_check(const cap_table_t *t, uint32_t kind, uint32_t rights)
{
	if (t == NULL || !cap_kind_ok(kind) || !cap_rights_ok(rights))
		return -EINVAL;
	const cap_slot_t *slot = &t->slot[kind - 1];
	if (slot->kind == kind && (slot->rights & rights) == rights)
		return 0;
	return -ENOCAP;
}

uint32_t cap_table_rights(const cap_table_t *t, uint32_t kind)
{
	if (t == NULL || !cap_kind_ok(kind))
		return 0;
	return t->slot[kind - 1].rights;
}

unsigned cap_table_count(const cap_table_t *t)
{
	if (t == NULL)
		return 0;
	unsigned count = 0;
	/*@ loop invariant 0 <= i <= CAP_KIND_MAX;
	    loop invariant 0 <= count <= i;
	    loop assigns i, count;
	    loop variant CAP_KIND_MAX - i; */
	for (uint32_t i = 0; i < CAP_KIND_MAX; i++) {
		if (t->slot[i].rights != 0)
			count++;
	}
	return count;
}

void cap_table_remove(cap_table_t *t, uint32_t kind, uint32_t rights)
{
	cap_slot_t *slot = &t->slot[kind - 1];
	uint32_t left = cap_rights_minus(slot->rights, rights);
	if (left != 0) {
		slot->kind = kind;
		slot->rights = left;
	} else {
		slot->kind = CAP_KIND_NULL;
		slot->rights = 0;
	}
}

int cap_table_delegate(const cap_table_t *giver, cap_table_t *receiver, uint32_t kind, uint32_t rights)
{
	if (giver == NULL || receiver == NULL || !cap_kind_ok(kind) || !cap_rights_ok(rights))
		return -EINVAL;
	if (cap_table_check(giver, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_READ) != 0)
		return -ENOCAP;
	if (cap_table_check(giver, kind, rights) != 0)
		return -ENOCAP;
	return cap_table_grant(receiver, kind, rights);
}

int cap_table_query(const cap_table_t *t, cap_slot_t *out, size_t n)
{
	if (t == NULL || (out == NULL && n > 0))
		return -EINVAL;
	size_t count = n < CAP_TABLE_SLOTS ? n : CAP_TABLE_SLOTS;
	/*@ loop invariant 0 <= i <= count;
	    loop invariant \forall integer j; 0 <= j < i ==>
	      out[j].kind == t->slot[j].kind && out[j].rights == t->slot[j].rights;
	    loop assigns i, out[0 .. count - 1];
	    loop variant count - i; */
	for (size_t i = 0; i < count; i++)
		out[i] = t->slot[i];
	return (int)count;
}
