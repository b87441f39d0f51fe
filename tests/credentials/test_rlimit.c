/*
 * Tests of the resource-limit rules (spec/credentials.md CRED-060..074).
 *
 * Besides the cases of each rule, a seeded random test (AEGIS_TEST_SEED,
 * printed) drives rlimit_prlimit with random limits, resources and privilege
 * and checks it against a model of CRED-063..066 written here.
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
#include "proc/rlimit.h"

#define INF RL_INFINITY
#define MIB (1024ull * 1024ull)
#define SPEC_NOFILE 256u /* CRED-061 default soft and hard, CRED-065 ceiling: the spec's number */
#define DEFAULT_SEED 20261122u
#define RANDOM_STEPS 50000ul

/* CRED-060: Linux's numbers; which are enforced; 16 and above rejected. */
static void test_CRED_060_resources(void **state)
{
	rlimit_table_t t;
	rlimit_t l = { 1, 2 };
	uint32_t enforced = 0;

	(void)state;
	assert_int_equal(RL_CPU, 0);
	assert_int_equal(RL_FSIZE, 1);
	assert_int_equal(RL_STACK, 3);
	assert_int_equal(RL_CORE, 4);
	assert_int_equal(RL_NPROC, 6);
	assert_int_equal(RL_NOFILE, 7);
	assert_int_equal(RL_AS, 9);
	assert_int_equal(RL_RTTIME, 15);
	assert_int_equal(RL_COUNT, 16);
	for (uint32_t r = 0; r < RL_COUNT + 4; r++)
		if (rlimit_is_enforced(r))
			enforced |= 1u << r;
	assert_int_equal(enforced, (1u << RL_FSIZE) | (1u << RL_STACK) | (1u << RL_CORE) | (1u << RL_NPROC) |
					   (1u << RL_NOFILE) | (1u << RL_AS));
	rlimit_table_init(&t);
	assert_int_equal(rlimit_get(&t, RL_COUNT, &l), -EINVAL);
	assert_int_equal(rlimit_get(&t, 0xFFFFFFFFu, &l), -EINVAL);
	assert_int_equal(l.cur, 1); /* nothing written */
	assert_int_equal(rlimit_prlimit(&t, RL_COUNT, NULL, &l, true), -EINVAL);
	/* Not enforced but accepted and stored. */
	l.cur = 5;
	l.max = 10;
	assert_int_equal(rlimit_prlimit(&t, RL_MEMLOCK, &l, NULL, false), 0);
	assert_int_equal(rlimit_get(&t, RL_MEMLOCK, &l), 0);
	assert_int_equal(l.cur, 5);
	assert_int_equal(l.max, 10);
}

/* CRED-061 CRED-062: the default table. */
static void test_CRED_061_defaults(void **state)
{
	rlimit_table_t t;
	rlimit_t l;

	(void)state;
	memset(&t, 0x5A, sizeof(t));
	rlimit_table_init(&t);
	for (uint32_t r = 0; r < RL_COUNT; r++) {
		uint64_t cur = INF, max = INF;

		if (r == RL_NOFILE) {
			cur = SPEC_NOFILE;
			max = SPEC_NOFILE;
		} else if (r == RL_STACK) {
			cur = 8 * MIB;
		} else if (r == RL_CORE) {
			cur = 0;
		} else if (r == RL_NICE || r == RL_RTPRIO) {
			cur = max = 0;
		}
		assert_int_equal(rlimit_get(&t, r, &l), 0);
		if (l.cur != cur || l.max != max)
			fail_msg("resource %u: %llu/%llu", r, (unsigned long long)l.cur, (unsigned long long)l.max);
	}
	assert_int_equal(INF, 0xFFFFFFFFFFFFFFFFull);
}

/* CRED-063 CRED-064 CRED-065 CRED-066: the rules of a change, with the values they leave. */
static void test_CRED_064_set_rules(void **state)
{
	rlimit_table_t t, before;
	rlimit_t l, old = { 77, 77 };

	(void)state;
	rlimit_table_init(&t);
	before = t;
	l = (rlimit_t){ 200, 100 };
	assert_int_equal(rlimit_prlimit(&t, RL_FSIZE, &l, &old, true), -EINVAL); /* CRED-063 */
	l = (rlimit_t){ 10, 2000 };
	assert_int_equal(rlimit_prlimit(&t, RL_NOFILE, &l, &old, true), -EPERM); /* CRED-065 */
	l = (rlimit_t){ 10, SPEC_NOFILE + 1 };
	assert_int_equal(rlimit_prlimit(&t, RL_NOFILE, &l, &old, true), -EPERM);
	assert_int_equal(old.cur, 77); /* CRED-066: nothing written on failure */
	assert_memory_equal(&t, &before, sizeof(t));
	/* Lower the hard limit without privilege; then raising it again needs SETUID(W). */
	l = (rlimit_t){ 50, 100 };
	assert_int_equal(rlimit_prlimit(&t, RL_FSIZE, &l, &old, false), 0);
	assert_true(old.cur == INF && old.max == INF);
	l = (rlimit_t){ 100, 100 };
	assert_int_equal(rlimit_prlimit(&t, RL_FSIZE, &l, &old, false), 0); /* soft up to hard: free */
	assert_int_equal(old.cur, 50);
	l = (rlimit_t){ 100, 101 };
	old.cur = 77;
	assert_int_equal(rlimit_prlimit(&t, RL_FSIZE, &l, &old, false), -ENOCAP);
	assert_int_equal(old.cur, 77);
	assert_int_equal(rlimit_prlimit(&t, RL_FSIZE, &l, &old, true), 0);
	assert_int_equal(old.max, 100);
	assert_int_equal(rlimit_prlimit(&t, RL_FSIZE, NULL, &old, false), 0); /* read only */
	assert_true(old.cur == 100 && old.max == 101);
	l = (rlimit_t){ SPEC_NOFILE, SPEC_NOFILE };
	assert_int_equal(rlimit_prlimit(&t, RL_NOFILE, &l, NULL, false), 0); /* ceiling itself allowed */
}

/* CRED-067: prlimit64 on another process. */
static void test_CRED_067_may_access(void **state)
{
	cred_t me, same, setuid_child, other;

	(void)state;
	assert_int_equal(cred_init(&me, 1000, 100), 0);
	cred_copy(&same, &me);
	cred_copy(&setuid_child, &me);
	assert_int_equal(cred_exec(&setuid_child, 500, 0, 04755, false), 0);
	assert_int_equal(cred_init(&other, 1001, 100), 0);
	assert_int_equal(rlimit_may_access(&me, &same, false), 0);
	assert_int_equal(rlimit_may_access(&me, &setuid_child, false), -ENOCAP);
	assert_int_equal(rlimit_may_access(&me, &other, false), -ENOCAP);
	assert_int_equal(rlimit_may_access(&me, &other, true), 0);
	cred_copy(&same, &me);
	assert_int_equal(cred_setresgid(&same, 100, 100, 7, true), 0);
	assert_int_equal(rlimit_may_access(&me, &same, false), -ENOCAP);
	/* The caller's effective IDs do not matter, only its real ones. */
	cred_copy(&same, &me);
	assert_int_equal(cred_setresuid(&me, 1000, 1, 1, true), 0);
	assert_int_equal(rlimit_may_access(&me, &same, false), 0);
}

/* CRED-068: fork copies the table; the copies are independent. */
static void test_CRED_068_fork_inherits(void **state)
{
	rlimit_table_t parent, child;
	rlimit_t l = { 3, 3 };

	(void)state;
	rlimit_table_init(&parent);
	assert_int_equal(rlimit_prlimit(&parent, RL_NPROC, &l, NULL, false), 0);
	memset(&child, 0, sizeof(child));
	rlimit_table_copy(&child, &parent);
	assert_memory_equal(&child, &parent, sizeof(child));
	l = (rlimit_t){ 1, 1 };
	assert_int_equal(rlimit_prlimit(&child, RL_NPROC, &l, NULL, false), 0);
	assert_int_equal(rlimit_check_fork(&parent, 2), 0);
	assert_int_equal(rlimit_check_fork(&child, 1), -EAGAIN);
}

/* CRED-070 CRED-071: NOFILE and NPROC at their boundaries. */
static void test_CRED_070_open_and_fork(void **state)
{
	rlimit_table_t t;
	rlimit_t l = { 3, 3 };

	(void)state;
	rlimit_table_init(&t);
	assert_int_equal(rlimit_check_open(&t, 255), 0);
	assert_int_equal(rlimit_check_open(&t, 256), -EMFILE);
	assert_int_equal(rlimit_prlimit(&t, RL_NOFILE, &l, NULL, false), 0);
	assert_int_equal(rlimit_check_open(&t, 2), 0);
	assert_int_equal(rlimit_check_open(&t, 3), -EMFILE);
	assert_int_equal(rlimit_check_open(&t, UINT64_MAX), -EMFILE);
	l = (rlimit_t){ 0, 0 };
	assert_int_equal(rlimit_prlimit(&t, RL_NOFILE, &l, NULL, false), 0);
	assert_int_equal(rlimit_check_open(&t, 0), -EMFILE);
	/* CRED-071 */
	assert_int_equal(rlimit_check_fork(&t, 1000000), 0); /* default infinity */
	l = (rlimit_t){ 2, 5 };
	assert_int_equal(rlimit_prlimit(&t, RL_NPROC, &l, NULL, false), 0);
	assert_int_equal(rlimit_check_fork(&t, 1), 0);
	assert_int_equal(rlimit_check_fork(&t, 2), -EAGAIN);
}

/* CRED-072: FSIZE whole, short and refused writes, overflow. */
static void test_CRED_072_fsize(void **state)
{
	rlimit_table_t t;
	rlimit_t l = { 100, 100 };
	uint64_t len;

	(void)state;
	rlimit_table_init(&t);
	len = 1000;
	assert_int_equal(rlimit_clip_write(&t, UINT64_MAX - 10, &len), 0); /* infinity: clipped at 2^64-1 */
	assert_int_equal(len, 10);
	assert_int_equal(rlimit_prlimit(&t, RL_FSIZE, &l, NULL, false), 0);
	len = 40;
	assert_int_equal(rlimit_clip_write(&t, 60, &len), 0);
	assert_int_equal(len, 40);
	len = 41;
	assert_int_equal(rlimit_clip_write(&t, 60, &len), 0);
	assert_int_equal(len, 40);
	len = 1;
	assert_int_equal(rlimit_clip_write(&t, 100, &len), -EFBIG);
	assert_int_equal(len, 1);
	len = 0;
	assert_int_equal(rlimit_clip_write(&t, 5000, &len), 0);
	len = UINT64_MAX;
	assert_int_equal(rlimit_clip_write(&t, 99, &len), 0);
	assert_int_equal(len, 1);
	len = 5;
	assert_int_equal(rlimit_clip_write(&t, UINT64_MAX, &len), -EFBIG);
}

/* CRED-073 CRED-074: stack, address space, core. */
static void test_CRED_073_stack_as_core(void **state)
{
	rlimit_table_t t;
	rlimit_t l = { 1000, 1000 };

	(void)state;
	rlimit_table_init(&t);
	assert_int_equal(rlimit_check_stack(&t, 8 * MIB), 0);
	assert_int_equal(rlimit_check_stack(&t, 8 * MIB + 1), -ENOMEM);
	assert_int_equal(rlimit_check_as(&t, UINT64_MAX - 1, 1), 0);
	assert_int_equal(rlimit_check_as(&t, UINT64_MAX, 1), -ENOMEM); /* overflow */
	assert_int_equal(rlimit_prlimit(&t, RL_AS, &l, NULL, false), 0);
	assert_int_equal(rlimit_check_as(&t, 600, 400), 0);
	assert_int_equal(rlimit_check_as(&t, 600, 401), -ENOMEM);
	assert_int_equal(rlimit_check_as(&t, 2000, 0), -ENOMEM);
	assert_int_equal(rlimit_check_as(&t, 1, UINT64_MAX), -ENOMEM);
	/* CRED-074 */
	assert_int_equal(rlimit_core_bytes(&t, 12345), 0);
	l = (rlimit_t){ 4096, INF };
	assert_int_equal(rlimit_prlimit(&t, RL_CORE, &l, NULL, false), 0);
	assert_int_equal(rlimit_core_bytes(&t, 12345), 4096);
	assert_int_equal(rlimit_core_bytes(&t, 100), 100);
}

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A limit value: small numbers, the NOFILE ceiling's neighbours and infinity. */
static uint64_t rng_limit(uint64_t *s)
{
	static const uint64_t picks[] = { 0, 1, 2, 5, SPEC_NOFILE - 1, SPEC_NOFILE, SPEC_NOFILE + 1, INF - 1, INF };
	return picks[rng_next(s) % (sizeof(picks) / sizeof(picks[0]))];
}

/* CRED-063 CRED-064 CRED-065 CRED-066: random changes against a model of the rules. */
static void test_CRED_066_random_against_model(void **state)
{
	const char *seed_env = getenv("AEGIS_TEST_SEED");
	uint64_t seed = seed_env ? strtoull(seed_env, NULL, 0) : DEFAULT_SEED;
	uint64_t rng = seed ? seed : DEFAULT_SEED;
	rlimit_table_t t, model;
	unsigned long ok = 0;

	(void)state;
	printf("# CRED-066 seed %llu (AEGIS_TEST_SEED), %lu steps\n", (unsigned long long)seed, RANDOM_STEPS);
	rlimit_table_init(&t);
	rlimit_table_init(&model);
	for (unsigned long n = 0; n < RANDOM_STEPS; n++) {
		uint32_t res = (uint32_t)(rng_next(&rng) % (RL_COUNT + 2));
		bool priv = rng_next(&rng) % 4u == 0;
		bool read_only = rng_next(&rng) % 8u == 0;
		rlimit_t nl = { rng_limit(&rng), rng_limit(&rng) };
		rlimit_t old = { 42, 43 }, expect_old = { 42, 43 };
		int want_rc = 0, rc;

		if (res >= RL_COUNT)
			want_rc = -EINVAL;
		else if (!read_only && nl.cur > nl.max)
			want_rc = -EINVAL;
		else if (!read_only && res == RL_NOFILE && nl.max > SPEC_NOFILE)
			want_rc = -EPERM;
		else if (!read_only && nl.max > model.lim[res].max && !priv)
			want_rc = -ENOCAP;
		if (want_rc == 0) {
			expect_old = model.lim[res];
			if (!read_only)
				model.lim[res] = nl;
		}
		rc = rlimit_prlimit(&t, res, read_only ? NULL : &nl, &old, priv);
		if (rc != want_rc || memcmp(&old, &expect_old, sizeof(old)) != 0 || memcmp(&t, &model, sizeof(t)) != 0)
			fail_msg("step %lu res %u priv %d: rc %d want %d", n, res, priv, rc, want_rc);
		ok += rc == 0;
		/* Every so often start again, or the hard limits only ever fall. */
		if (rng_next(&rng) % 64u == 0) {
			rlimit_table_init(&t);
			rlimit_table_init(&model);
		}
	}
	printf("# CRED-066 %lu steps agreed, %lu succeeded\n", RANDOM_STEPS, ok);
	assert_true(ok > 0 && ok < RANDOM_STEPS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_CRED_060_resources),
		cmocka_unit_test(test_CRED_061_defaults),
		cmocka_unit_test(test_CRED_064_set_rules),
		cmocka_unit_test(test_CRED_067_may_access),
		cmocka_unit_test(test_CRED_068_fork_inherits),
		cmocka_unit_test(test_CRED_070_open_and_fork),
		cmocka_unit_test(test_CRED_072_fsize),
		cmocka_unit_test(test_CRED_073_stack_as_core),
		cmocka_unit_test(test_CRED_066_random_against_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
