/*
 * Tests of supplementary groups, the exec rule and the DAC check
 * (spec/credentials.md CRED-017, CRED-020..022, CRED-030..033, CRED-040..044).
 *
 * The DAC test compares cred_dac_check with a direct reading of POSIX over
 * every mode 0000-0777, every want mask and the four ways a caller can
 * relate to a file (owner, group via egid, group via a supplementary group,
 * other), for files and directories.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "proc/cred.h"

#define NONE CRED_ID_UNCHANGED
#define ALL_PERMS 0777u

static void user_cred(cred_t *c)
{
	static const cred_id_t groups[] = { 200, 201 };

	assert_int_equal(cred_init(c, 1000, 100), 0);
	assert_int_equal(cred_setgroups(c, 2, groups, true), 0);
}

/* CRED-020: setgroups needs SETUID(W), even to shrink; order and duplicates are kept. */
static void test_CRED_020_setgroups_privilege(void **state)
{
	static const cred_id_t dup[] = { 7, 5, 7 };
	cred_t c, before;
	cred_id_t out[CRED_NGROUPS_MAX];

	(void)state;
	user_cred(&c);
	before = c;
	assert_int_equal(cred_setgroups(&c, 1, dup, false), -ENOCAP);
	assert_int_equal(cred_setgroups(&c, 0, NULL, false), -ENOCAP);
	assert_memory_equal(&c, &before, sizeof(c)); /* CRED-017 */
	assert_int_equal(cred_setgroups(&c, 3, dup, true), 0);
	assert_int_equal(cred_getgroups(&c, CRED_NGROUPS_MAX, out), 3);
	assert_int_equal(out[0], 7);
	assert_int_equal(out[1], 5);
	assert_int_equal(out[2], 7);
	assert_int_equal(c.ruid, 1000);
	assert_int_equal(c.egid, 100);
}

/* CRED-021: bounds and bad entries, judged before the capability. */
static void test_CRED_021_setgroups_bounds(void **state)
{
	cred_id_t many[CRED_NGROUPS_MAX + 1];
	cred_t c, before;

	(void)state;
	for (uint32_t i = 0; i <= CRED_NGROUPS_MAX; i++)
		many[i] = 1000 + i;
	user_cred(&c);
	before = c;
	assert_int_equal(cred_setgroups(&c, CRED_NGROUPS_MAX + 1, many, true), -EINVAL);
	assert_int_equal(cred_setgroups(&c, CRED_NGROUPS_MAX + 1, many, false), -EINVAL);
	assert_int_equal(cred_setgroups(&c, 0xFFFFFFFFu, many, true), -EINVAL);
	assert_int_equal(cred_setgroups(&c, 2, NULL, true), -EINVAL);
	many[3] = NONE;
	assert_int_equal(cred_setgroups(&c, 4, many, true), -EINVAL);
	assert_int_equal(cred_setgroups(&c, 4, many, false), -EINVAL); /* arguments before capability */
	assert_int_equal(cred_setgroups(&c, 3, many, false), -ENOCAP);
	assert_memory_equal(&c, &before, sizeof(c));
	many[3] = 1003;
	assert_int_equal(cred_setgroups(&c, CRED_NGROUPS_MAX, many, true), 0);
	assert_int_equal(c.ngroups, CRED_NGROUPS_MAX);
	assert_int_equal(cred_setgroups(&c, 1, many, true), 0);
	for (uint32_t i = 1; i < CRED_NGROUPS_MAX; i++)
		assert_int_equal(c.groups[i], 0);
	assert_int_equal(cred_setgroups(&c, 0, NULL, true), 0);
	assert_int_equal(c.ngroups, 0);
	assert_int_equal(c.groups[0], 0);
	assert_false(cred_in_group(&c, 1000));
}

/* CRED-022: getgroups sizes. */
static void test_CRED_022_getgroups(void **state)
{
	cred_id_t out[4] = { 9, 9, 9, 9 };
	cred_t c;

	(void)state;
	user_cred(&c);
	assert_int_equal(cred_getgroups(&c, 0, NULL), 2);
	assert_int_equal(cred_getgroups(&c, 0, out), 2);
	assert_int_equal(out[0], 9);
	assert_int_equal(cred_getgroups(&c, 1, out), -EINVAL);
	assert_int_equal(cred_getgroups(&c, -1, out), -EINVAL);
	assert_int_equal(cred_getgroups(&c, 2, NULL), -EINVAL);
	assert_int_equal(out[0], 9);
	assert_int_equal(cred_getgroups(&c, 2, out), 2);
	assert_int_equal(out[0], 200);
	assert_int_equal(out[1], 201);
	assert_int_equal(out[2], 9); /* egid is not added */
	assert_int_equal(cred_getgroups(&c, 4, out), 2);
}

/* CRED-030 CRED-033: set-user-ID sets euid and suid; real IDs and groups are kept. */
static void test_CRED_030_exec_setuid(void **state)
{
	cred_t c, before;

	(void)state;
	user_cred(&c);
	before = c;
	assert_int_equal(cred_exec(&c, 500, 600, 0104755, false), 0);
	assert_int_equal(c.ruid, 1000);
	assert_int_equal(c.euid, 500);
	assert_int_equal(c.suid, 500);
	assert_int_equal(c.egid, 100);
	assert_int_equal(c.sgid, 100);
	assert_int_equal(c.ngroups, before.ngroups);
	assert_memory_equal(c.groups, before.groups, sizeof(c.groups));
	/* A later plain exec copies euid into suid: the invoker's saved 500 is gone. */
	assert_int_equal(cred_setresuid(&c, NONE, 1000, NONE, false), 0);
	assert_int_equal(cred_exec(&c, 500, 600, 0755, false), 0);
	assert_int_equal(c.euid, 1000);
	assert_int_equal(c.suid, 1000);
	assert_int_equal(cred_setuid(&c, 500, false), -ENOCAP);
}

/* CRED-031: set-group-ID needs group execute too. */
static void test_CRED_031_exec_setgid(void **state)
{
	cred_t c;

	(void)state;
	user_cred(&c);
	assert_int_equal(cred_exec(&c, 500, 600, 02745, false), 0); /* no group x: locking mark */
	assert_int_equal(c.egid, 100);
	assert_int_equal(c.sgid, 100);
	assert_int_equal(cred_exec(&c, 500, 600, 02755, false), 0);
	assert_int_equal(c.egid, 600);
	assert_int_equal(c.sgid, 600);
	assert_int_equal(c.rgid, 100);
	assert_int_equal(c.euid, 1000);
	assert_int_equal(cred_exec(&c, 500, 600, 06755, false), 0);
	assert_int_equal(c.euid, 500);
}

/* CRED-032 CRED-033: nosuid ignores both bits; saved IDs still follow effective; -1 owner refused. */
static void test_CRED_032_exec_nosuid(void **state)
{
	cred_t c, before;

	(void)state;
	user_cred(&c);
	assert_int_equal(cred_setresuid(&c, 1000, 1000, 1000, true), 0);
	c.suid = 42; /* odd saved ID: exec must reset it */
	assert_int_equal(cred_exec(&c, 500, 600, 06755, true), 0);
	assert_int_equal(c.euid, 1000);
	assert_int_equal(c.egid, 100);
	assert_int_equal(c.suid, 1000);
	before = c;
	assert_int_equal(cred_exec(&c, NONE, 600, 04755, false), -EINVAL);
	assert_int_equal(cred_exec(&c, 500, NONE, 02755, false), -EINVAL);
	assert_memory_equal(&c, &before, sizeof(c));
	assert_int_equal(cred_exec(&c, NONE, NONE, 0755, false), 0); /* bits not set: owner irrelevant */
}

/* CRED-040: egid and supplementary groups count; rgid and sgid do not. */
static void test_CRED_040_in_group(void **state)
{
	cred_t c;

	(void)state;
	user_cred(&c);
	assert_int_equal(cred_setresgid(&c, 150, 100, 160, true), 0);
	assert_true(cred_in_group(&c, 100));
	assert_true(cred_in_group(&c, 200));
	assert_true(cred_in_group(&c, 201));
	assert_false(cred_in_group(&c, 150));
	assert_false(cred_in_group(&c, 160));
	assert_false(cred_in_group(&c, 0));
}

/* POSIX, read directly: pick the class, then the class's three bits must cover want. */
static int ref_dac(int relation, uint32_t mode, uint32_t want)
{
	uint32_t bits = relation == 0 ? (mode >> 6) & 7u : relation <= 2 ? (mode >> 3) & 7u : mode & 7u;

	return (bits & want) == want ? 0 : -EACCES;
}

/* CRED-041 CRED-042 CRED-043 CRED-044: every mode, want and relation, files and directories;
 * uid 0 callers get the same answers (no override). */
static void test_CRED_041_dac_exhaustive(void **state)
{
	/* relation 0 owner, 1 egid group, 2 supplementary group, 3 other */
	static const cred_id_t owners[] = { 1000, 1, 1, 1 };
	static const cred_id_t groups[] = { 7, 100, 201, 7 };
	unsigned long cases = 0, granted = 0;
	cred_t users[2];

	(void)state;
	user_cred(&users[0]);
	assert_int_equal(cred_init(&users[1], 0, 0), 0); /* "root" */
	for (uint32_t mode = 0; mode <= ALL_PERMS; mode++)
		for (uint32_t want = 0; want <= CRED_ACCESS_ALL; want++)
			for (int rel = 0; rel < 4; rel++)
				for (int dir = 0; dir < 2; dir++) {
					int want_rc = ref_dac(rel, mode, want);
					int rc = cred_dac_check(&users[0], owners[rel], groups[rel], mode | 0100000u, want,
								dir);
					/* root is "other" to a file owned by 1/7 unless owner is 0 */
					int root_rc = cred_dac_check(&users[1], rel == 0 ? 0 : 1, rel == 0 ? 7 : 0, mode,
								     want, dir);
					int root_want = ref_dac(rel == 0 ? 0 : 1, mode, want);

					if (rc != want_rc || root_rc != root_want)
						fail_msg("mode %04o want %u rel %d dir %d: %d/%d want %d/%d", mode, want, rel,
							 dir, rc, root_rc, want_rc, root_want);
					cases++;
					granted += rc == 0;
				}
	printf("# CRED-041 DAC: %lu cases, %lu granted\n", cases, granted);
	assert_true(granted > 0 && granted < cases);
}

/* CRED-041: the owner class is exclusive even when group and other would allow. */
static void test_CRED_041_owner_class_exclusive(void **state)
{
	cred_t c;

	(void)state;
	user_cred(&c);
	assert_int_equal(cred_dac_check(&c, 1000, 100, 0077, CRED_ACCESS_R, false), -EACCES);
	assert_int_equal(cred_dac_check(&c, 1, 200, 0707, CRED_ACCESS_R, false), -EACCES); /* group deny */
	assert_int_equal(cred_dac_check(&c, 1, 2, 0004, CRED_ACCESS_R, false), 0);
	assert_int_equal(cred_dac_check(&c, 1, 2, 0006, CRED_ACCESS_R | CRED_ACCESS_W, false), 0);
	assert_int_equal(cred_dac_check(&c, 1, 2, 0004, CRED_ACCESS_R | CRED_ACCESS_W, false), -EACCES);
	/* CRED-042: uid 0 owns nothing it does not own. */
	assert_int_equal(cred_init(&c, 0, 0), 0);
	assert_int_equal(cred_dac_check(&c, 1000, 100, 0770, CRED_ACCESS_R, false), -EACCES);
	assert_int_equal(cred_dac_check(&c, 1000, 100, 0770, CRED_ACCESS_X, true), -EACCES);
}

/* CRED-043: unknown want bits are EINVAL; want 0 is allowed. */
static void test_CRED_043_want_validation(void **state)
{
	cred_t c;

	(void)state;
	user_cred(&c);
	assert_int_equal(cred_dac_check(&c, 1, 2, 0, 0, false), 0);
	assert_int_equal(cred_dac_check(&c, 1000, 100, 0777, 8, false), -EINVAL);
	assert_int_equal(cred_dac_check(&c, 1000, 100, 0777, 0x80000000u, true), -EINVAL);
	/* Set-ID and sticky bits grant nothing. */
	assert_int_equal(cred_dac_check(&c, 1, 2, 07000, CRED_ACCESS_X, false), -EACCES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_CRED_020_setgroups_privilege),
		cmocka_unit_test(test_CRED_021_setgroups_bounds),
		cmocka_unit_test(test_CRED_022_getgroups),
		cmocka_unit_test(test_CRED_030_exec_setuid),
		cmocka_unit_test(test_CRED_031_exec_setgid),
		cmocka_unit_test(test_CRED_032_exec_nosuid),
		cmocka_unit_test(test_CRED_040_in_group),
		cmocka_unit_test(test_CRED_041_dac_exhaustive),
		cmocka_unit_test(test_CRED_041_owner_class_exclusive),
		cmocka_unit_test(test_CRED_043_want_validation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
