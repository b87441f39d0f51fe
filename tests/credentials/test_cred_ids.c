/*
 * Tests of the user-ID and group-ID rules (spec/credentials.md CRED-001..018,
 * CRED-045).
 *
 * The reference model below is written from the spec's table of
 * unprivileged transitions, not from cred.c: a state is three numbers and
 * each call is a few lines.  The exhaustive test runs every call over every
 * starting state with IDs in {0, 1, 2} and every argument in {0, 1, 2, -1},
 * privileged and not, for both families; the property test runs a seeded
 * random sequence (AEGIS_TEST_SEED, printed; AEGIS_CRED_STEPS overrides the
 * default 60000 steps) and compares after every step.  Both compare the whole
 * credential byte for byte, so a call that touches the other family, the
 * groups, or anything on refusal is caught.  The random test also checks,
 * without the model, that an unprivileged call never brings in an ID that
 * was not already one of the caller's own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "proc/cred.h"

#define NONE CRED_ID_UNCHANGED
#define DEFAULT_SEED 20261122u
#define DEFAULT_STEPS 60000ul
#define DOMAIN_IDS 3u
#define RANDOM_IDS 4u

/* The calls, for the model and the driver. */
enum { OP_SET, OP_SETE, OP_SETRE, OP_SETRES, OP_COUNT };

typedef struct {
	uint32_t r, e, s;
} ref_ids_t;

static bool ref_own(const ref_ids_t *st, uint32_t id)
{
	return id == st->r || id == st->e || id == st->s;
}

/* The spec's rules, one call at a time; returns the expected result. */
static int ref_call(ref_ids_t *st, int op, uint32_t a, uint32_t b, uint32_t c, bool priv)
{
	ref_ids_t old = *st;

	switch (op) {
	case OP_SET: /* CRED-010, 011, 012 */
		if (a == NONE)
			return -EINVAL;
		if (priv) {
			st->r = st->e = st->s = a;
			return 0;
		}
		if (a == old.r || a == old.s) {
			st->e = a;
			return 0;
		}
		return -ENOCAP;
	case OP_SETE: /* CRED-016 */
		if (a == NONE)
			return -EINVAL;
		if (!priv && !ref_own(&old, a))
			return -ENOCAP;
		st->e = a;
		return 0;
	case OP_SETRE: /* CRED-013, 014 */
		if (!priv) {
			if (a != NONE && a != old.r && a != old.e)
				return -ENOCAP;
			if (b != NONE && !ref_own(&old, b))
				return -ENOCAP;
		}
		if (a != NONE)
			st->r = a;
		if (b != NONE)
			st->e = b;
		if (a != NONE || (b != NONE && b != old.r))
			st->s = st->e;
		return 0;
	case OP_SETRES: /* CRED-015 */
		if (!priv && ((a != NONE && !ref_own(&old, a)) || (b != NONE && !ref_own(&old, b)) ||
			      (c != NONE && !ref_own(&old, c))))
			return -ENOCAP;
		if (a != NONE)
			st->r = a;
		if (b != NONE)
			st->e = b;
		if (c != NONE)
			st->s = c;
		return 0;
	default:
		fail_msg("unknown op %d", op);
		return 0;
	}
}

static int impl_call(cred_t *cr, bool gid, int op, uint32_t a, uint32_t b, uint32_t c, bool priv)
{
	switch (op) {
	case OP_SET:
		return gid ? cred_setgid(cr, a, priv) : cred_setuid(cr, a, priv);
	case OP_SETE:
		return gid ? cred_setegid(cr, a, priv) : cred_seteuid(cr, a, priv);
	case OP_SETRE:
		return gid ? cred_setregid(cr, a, b, priv) : cred_setreuid(cr, a, b, priv);
	case OP_SETRES:
		return gid ? cred_setresgid(cr, a, b, c, priv) : cred_setresuid(cr, a, b, c, priv);
	default:
		fail_msg("unknown op %d", op);
		return 0;
	}
}

/* A credential whose other family and groups are distinctive, to catch stray writes. */
static void make_cred(cred_t *cr, bool gid, const ref_ids_t *st)
{
	static const cred_id_t groups[] = { 40, 41, 42 };

	memset(cr, 0, sizeof(*cr));
	assert_int_equal(cred_init(cr, 70, 80), 0);
	cr->suid = 71;
	cr->sgid = 81;
	assert_int_equal(cred_setgroups(cr, 3, groups, true), 0);
	if (gid) {
		cr->rgid = st->r;
		cr->egid = st->e;
		cr->sgid = st->s;
	} else {
		cr->ruid = st->r;
		cr->euid = st->e;
		cr->suid = st->s;
	}
}

static const char *const op_names[OP_COUNT] = { "set", "sete", "setre", "setres" };

static void check_one(bool gid, const ref_ids_t *start, int op, uint32_t a, uint32_t b, uint32_t c, bool priv,
		      unsigned long *allowed)
{
	ref_ids_t st = *start;
	cred_t got, want;
	int ref_rc, rc;

	make_cred(&got, gid, start);
	ref_rc = ref_call(&st, op, a, b, c, priv);
	make_cred(&want, gid, &st);
	rc = impl_call(&got, gid, op, a, b, c, priv);
	if (rc != ref_rc || memcmp(&got, &want, sizeof(got)) != 0)
		fail_msg("%s%s(%d,%d,%d) priv=%d from (%u,%u,%u): rc %d want %d", op_names[op], gid ? "gid" : "uid",
			 (int)a, (int)b, (int)c, priv, start->r, start->e, start->s, rc, ref_rc);
	if (rc == 0)
		(*allowed)++;
}

/* CRED-010 CRED-011 CRED-012 CRED-013 CRED-014 CRED-015 CRED-016 CRED-017 CRED-018 CRED-045:
 * every call over every start state and every argument, both families, both privileges. */
static void test_CRED_045_exhaustive(void **state)
{
	static const uint32_t args[] = { 0, 1, 2, NONE };
	unsigned long cases = 0, allowed = 0;

	(void)state;
	for (int fam = 0; fam < 2; fam++)
		for (uint32_t r = 0; r < DOMAIN_IDS; r++)
			for (uint32_t e = 0; e < DOMAIN_IDS; e++)
				for (uint32_t s = 0; s < DOMAIN_IDS; s++)
					for (int priv = 0; priv < 2; priv++)
						for (int op = 0; op < OP_COUNT; op++)
							for (size_t i = 0; i < 4; i++)
								for (size_t j = 0; j < 4; j++)
									for (size_t k = 0; k < 4; k++) {
										ref_ids_t st = { r, e, s };
										uint32_t b = op >= OP_SETRE ? args[j] : NONE;
										uint32_t c = op == OP_SETRES ? args[k] : NONE;

										if ((op < OP_SETRE && j != 0) || (op != OP_SETRES && k != 0))
											continue;
										check_one(fam, &st, op, args[i], b, c, priv, &allowed);
										cases++;
									}
	printf("# CRED-045 exhaustive: %lu cases, %lu allowed, %lu refused\n", cases, allowed, cases - allowed);
	/* 2 families x 27 states x 2 privileges x (4 + 4 + 16 + 64) argument tuples. */
	assert_int_equal(cases, 2ul * 27ul * 2ul * 88ul);
	assert_true(allowed > 0 && allowed < cases);
}

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static uint32_t rng_id(uint64_t *s)
{
	uint32_t v = (uint32_t)(rng_next(s) % (RANDOM_IDS + 1));
	return v == RANDOM_IDS ? NONE : v;
}

static bool id_in(cred_id_t id, cred_id_t a, cred_id_t b, cred_id_t c)
{
	return id == a || id == b || id == c;
}

/* Every ID of the family in `now` was one of that family's IDs in `prev`. */
static bool family_within(const cred_t *prev, const cred_t *now, bool gid)
{
	if (gid)
		return id_in(now->rgid, prev->rgid, prev->egid, prev->sgid) &&
		       id_in(now->egid, prev->rgid, prev->egid, prev->sgid) &&
		       id_in(now->sgid, prev->rgid, prev->egid, prev->sgid);
	return id_in(now->ruid, prev->ruid, prev->euid, prev->suid) &&
	       id_in(now->euid, prev->ruid, prev->euid, prev->suid) &&
	       id_in(now->suid, prev->ruid, prev->euid, prev->suid);
}

/* CRED-045: a random sequence of calls on one credential, both families interleaved. */
static void test_CRED_045_random_sequence(void **state)
{
	const char *seed_env = getenv("AEGIS_TEST_SEED");
	const char *steps_env = getenv("AEGIS_CRED_STEPS");
	uint64_t seed = seed_env ? strtoull(seed_env, NULL, 0) : DEFAULT_SEED;
	unsigned long steps = steps_env ? strtoul(steps_env, NULL, 0) : DEFAULT_STEPS;
	uint64_t rng = seed ? seed : DEFAULT_SEED;
	ref_ids_t ref_u = { 3, 3, 3 }, ref_g = { 2, 2, 2 };
	unsigned long allowed = 0;
	cred_t cr, want, prev;

	(void)state;
	printf("# CRED-045 seed %llu (AEGIS_TEST_SEED), %lu steps\n", (unsigned long long)seed, steps);
	assert_int_equal(cred_init(&cr, 3, 2), 0);
	prev = cr;
	for (unsigned long n = 0; n < steps; n++) {
		bool gid = rng_next(&rng) & 1u;
		bool priv = rng_next(&rng) % 10u == 0; /* mostly unprivileged, or the state collapses */
		int op = (int)(rng_next(&rng) % OP_COUNT);
		uint32_t a = rng_id(&rng), b = rng_id(&rng), c = rng_id(&rng);
		ref_ids_t *st = gid ? &ref_g : &ref_u;
		int ref_rc = ref_call(st, op, a, b, c, priv);
		int rc = impl_call(&cr, gid, op, a, b, c, priv);

		memset(&want, 0, sizeof(want));
		want.ruid = ref_u.r;
		want.euid = ref_u.e;
		want.suid = ref_u.s;
		want.rgid = ref_g.r;
		want.egid = ref_g.e;
		want.sgid = ref_g.s;
		if (rc != ref_rc || memcmp(&cr, &want, sizeof(cr)) != 0)
			fail_msg("step %lu: %s%s(%d,%d,%d) priv=%d rc %d want %d", n, op_names[op], gid ? "gid" : "uid",
				 (int)a, (int)b, (int)c, priv, rc, ref_rc);
		/* Independent of the model: unprivileged, no ID outside the old own set appears. */
		if (!priv && rc == 0 && !family_within(&prev, &cr, gid))
			fail_msg("step %lu: unprivileged %s%s gained an ID", n, op_names[op], gid ? "gid" : "uid");
		prev = cr;
		if (rc == 0)
			allowed++;
	}
	printf("# CRED-045 %lu steps agreed, %lu allowed\n", steps, allowed);
	assert_true(allowed > 0 && allowed < steps);
}

/* CRED-001 CRED-002: init fills every ID; -1 is refused and leaves the credential alone. */
static void test_CRED_002_init(void **state)
{
	cred_t c, before;

	(void)state;
	assert_int_equal(CRED_NGROUPS_MAX, 64);
	assert_int_equal(cred_init(&c, 1000, 100), 0);
	assert_int_equal(c.ruid, 1000);
	assert_int_equal(c.euid, 1000);
	assert_int_equal(c.suid, 1000);
	assert_int_equal(c.rgid, 100);
	assert_int_equal(c.egid, 100);
	assert_int_equal(c.sgid, 100);
	assert_int_equal(c.ngroups, 0);
	before = c;
	assert_int_equal(cred_init(&c, NONE, 5), -EINVAL);
	assert_int_equal(cred_init(&c, 5, NONE), -EINVAL);
	assert_memory_equal(&c, &before, sizeof(c));
}

/* CRED-003: fork copies everything, and the copies are independent. */
static void test_CRED_003_fork_copies(void **state)
{
	static const cred_id_t groups[] = { 10, 20 };
	cred_t parent, child;

	(void)state;
	assert_int_equal(cred_init(&parent, 1000, 100), 0);
	assert_int_equal(cred_setresuid(&parent, 1000, 500, 500, true), 0);
	assert_int_equal(cred_setgroups(&parent, 2, groups, true), 0);
	memset(&child, 0xAB, sizeof(child));
	cred_copy(&child, &parent);
	assert_memory_equal(&child, &parent, sizeof(child));
	assert_int_equal(cred_setuid(&child, 1000, false), 0);
	assert_int_equal(parent.euid, 500);
	assert_int_equal(child.euid, 1000);
}

/* CRED-010 CRED-011: a set-uid program switches between invoker and owner with setuid;
 * a privileged setuid is one-way. */
static void test_CRED_011_setuid_switch(void **state)
{
	cred_t c;

	(void)state;
	assert_int_equal(cred_init(&c, 1000, 100), 0);
	assert_int_equal(cred_exec(&c, 500, 0, 04755, false), 0); /* set-uid to 500 */
	assert_int_equal(cred_setuid(&c, 1000, false), 0);
	assert_int_equal(c.euid, 1000);
	assert_int_equal(c.suid, 500);
	assert_int_equal(cred_setuid(&c, 500, false), 0);
	assert_int_equal(c.euid, 500);
	assert_int_equal(cred_setuid(&c, 7, false), -ENOCAP);
	/* uid 0 is nothing special (principle 1). */
	assert_int_equal(cred_init(&c, 0, 0), 0);
	assert_int_equal(cred_setuid(&c, 7, false), -ENOCAP);
	assert_int_equal(cred_setuid(&c, 7, true), 0);
	assert_int_equal(c.ruid, 7);
	assert_int_equal(c.suid, 7);
	assert_int_equal(cred_setuid(&c, 0, false), -ENOCAP);
	assert_int_equal(cred_setuid(&c, NONE, true), -EINVAL); /* CRED-012 */
}

/* CRED-014: setreuid(-1, ruid) keeps suid, so setreuid(-1, suid) can switch back. */
static void test_CRED_014_setreuid_saved(void **state)
{
	cred_t c;

	(void)state;
	assert_int_equal(cred_init(&c, 1000, 100), 0);
	assert_int_equal(cred_exec(&c, 500, 0, 04755, false), 0);
	assert_int_equal(cred_setreuid(&c, NONE, 1000, false), 0);
	assert_int_equal(c.suid, 500);
	assert_int_equal(cred_setreuid(&c, NONE, 500, false), 0);
	assert_int_equal(c.suid, 500); /* 500 differs from ruid: suid = new euid = 500 */
	assert_int_equal(cred_setreuid(&c, 500, NONE, false), 0);
	assert_int_equal(c.ruid, 500);
	assert_int_equal(c.suid, 500); /* ruid set: suid = euid */
}

/* CRED-016 CRED-018: seteuid/setegid of -1 is EINVAL; gid calls ignore supplementary groups. */
static void test_CRED_016_seteuid_and_gid_rules(void **state)
{
	static const cred_id_t groups[] = { 300 };
	cred_t c;

	(void)state;
	assert_int_equal(cred_init(&c, 1000, 100), 0);
	assert_int_equal(cred_seteuid(&c, NONE, true), -EINVAL);
	assert_int_equal(cred_setegid(&c, NONE, true), -EINVAL);
	assert_int_equal(cred_setgroups(&c, 1, groups, true), 0);
	assert_int_equal(cred_setegid(&c, 300, false), -ENOCAP);
	assert_int_equal(cred_setgid(&c, 300, false), -ENOCAP);
	assert_int_equal(cred_setresgid(&c, NONE, NONE, NONE, false), 0);
	assert_int_equal(c.egid, 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_CRED_002_init),
		cmocka_unit_test(test_CRED_003_fork_copies),
		cmocka_unit_test(test_CRED_011_setuid_switch),
		cmocka_unit_test(test_CRED_014_setreuid_saved),
		cmocka_unit_test(test_CRED_016_seteuid_and_gid_rules),
		cmocka_unit_test(test_CRED_045_exhaustive),
		cmocka_unit_test(test_CRED_045_random_sequence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
