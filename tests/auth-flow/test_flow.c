/*
 * The flow API over the kernel, with its system calls replaced by fakes
 * (spec/auth-flow.md AUTH-060, AUTH-061): auth_check_with's file reads and
 * auth_set_identity_with's identity calls.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "authflow/authflow.h"

#define ROOT_HASH "$6$5a3b9c1d2e4f6789$fvwyIjdmyvB59hifGMRFrcwhBb4cH0.3nRy2j2LpCk.aNIFNyvYQJ36Bsl94miFbD/JHICz8O1dXoegZ0OmOg."
#define CALLS_MAX 8
#define NO_ID 0xFFFFFFFFu

static const char passwd[] = "root:x:0:0:root:/root:/bin/stsh\n";
static const char shadow[] = "root:" ROOT_HASH ":19000:0:99999:7:::\n";

/* The fake file reader: which path fails and how, and what was read. */
static const char *fail_path;
static long fail_rc;
static int reads;

static long fake_read(const char *path, char *buf, size_t cap, size_t *len)
{
	const char *text = strcmp(path, "/etc/passwd") == 0 ? passwd : shadow;

	reads++;
	*len = 0;
	if (fail_path && strcmp(path, fail_path) == 0)
		return fail_rc;
	assert_true(strlen(text) <= cap);
	memcpy(buf, text, strlen(text));
	*len = strlen(text);
	return 0;
}

/* AUTH-060: the files as read decide; an unreadable file denies with a reason naming it. */
static void test_AUTH_060_check(void **state)
{
	(void)state;
	auth_passwd_t acct;
	auth_reason_t why;

	fail_path = NULL;
	assert_int_equal(auth_check_with(fake_read, "root", "forevervigilant", &acct, &why), AUTH_OK);
	assert_int_equal(acct.uid, 0);
	assert_string_equal(acct.home, "/root");
	assert_int_equal(auth_check_with(fake_read, "root", "wrong", &acct, &why), AUTH_DENY);
	assert_string_equal(why.text, "password does not match");
	assert_int_equal(auth_check_with(fake_read, "nobody", "forevervigilant", &acct, &why), AUTH_DENY);
	assert_string_equal(why.text, "unknown user");

	fail_path = "/etc/shadow";
	fail_rc = -ENOCAP;
	assert_int_equal(auth_check_with(fake_read, "root", "forevervigilant", &acct, &why), AUTH_DENY);
	assert_string_equal(why.text, "/etc/shadow cannot be read (error -130)");
	fail_rc = -EFBIG;
	assert_int_equal(auth_check_with(fake_read, "root", "forevervigilant", &acct, &why), AUTH_DENY);
	assert_string_equal(why.text, "/etc/shadow cannot be read (error -27)");
	fail_path = "/etc/passwd";
	fail_rc = -ENOENT;
	reads = 0;
	assert_int_equal(auth_check_with(fake_read, "root", "forevervigilant", &acct, &why), AUTH_DENY);
	assert_string_equal(why.text, "/etc/passwd cannot be read (error -2)");
	assert_int_equal(reads, 1);

	fail_path = NULL;
	assert_int_equal(auth_check_with(NULL, "root", "forevervigilant", &acct, &why), AUTH_DENY);
	assert_int_equal(auth_check_with(fake_read, NULL, "forevervigilant", &acct, &why), AUTH_DENY);
	assert_int_equal(auth_check_with(fake_read, "root", NULL, &acct, &why), AUTH_DENY);
	assert_int_equal(auth_check_with(fake_read, "root", "forevervigilant", NULL, &why), AUTH_DENY);
}

/* The fake identity calls: a log of the calls made, a failing one, and what the read-backs say. */
static char calls[CALLS_MAX][16];
static int ncalls;
static const char *failing;
static long fail_with;
static uint32_t cur_uid, cur_gid, lie;
static size_t last_n;
static uint32_t last_groups[4];

static long record(const char *name)
{
	if (ncalls < CALLS_MAX)
		snprintf(calls[ncalls++], sizeof(calls[0]), "%s", name);
	return failing && strcmp(failing, name) == 0 ? fail_with : 0;
}

static long f_setgroups(size_t n, const uint32_t *list)
{
	last_n = n;
	if (n > 0)
		memcpy(last_groups, list, n * sizeof(*list));
	return record("setgroups");
}
static long f_setgid(uint32_t gid)
{
	long r = record("setgid");
	if (r == 0)
		cur_gid = gid;
	return r;
}
static long f_setuid(uint32_t uid)
{
	long r = record("setuid");
	if (r == 0)
		cur_uid = uid;
	return r;
}
static long f_getuid(void) { return cur_uid; }
static long f_geteuid(void) { return cur_uid + lie; }
static long f_getgid(void) { return cur_gid; }
static long f_getegid(void) { return cur_gid; }

static const auth_identity_ops_t ops = { f_setgroups, f_setgid, f_setuid, f_getuid, f_geteuid, f_getgid, f_getegid };

static void reset(void)
{
	ncalls = 0;
	failing = NULL;
	cur_uid = cur_gid = 4242;
	lie = 0;
	last_n = 0;
}

/* AUTH-061: groups, then gid, then uid; the first failure stops the rest; the ids are read back. */
static void test_AUTH_061_identity(void **state)
{
	(void)state;
	const uint32_t groups[] = { 0, 999 };
	auth_reason_t why;

	reset();
	assert_int_equal(auth_set_identity_with(&ops, 0, 0, groups, 2, &why), 0);
	assert_int_equal(ncalls, 3);
	assert_string_equal(calls[0], "setgroups");
	assert_string_equal(calls[1], "setgid");
	assert_string_equal(calls[2], "setuid");
	assert_int_equal(last_n, 2);
	assert_int_equal(last_groups[1], 999);
	assert_int_equal(cur_uid, 0);

	const char *order[] = { "setgroups", "setgid", "setuid" };
	for (int k = 0; k < 3; k++) {
		reset();
		failing = order[k];
		fail_with = -ENOCAP;
		assert_int_equal(auth_set_identity_with(&ops, 1000, 1000, groups, 2, &why), -ENOCAP);
		assert_int_equal(ncalls, k + 1);
		char want[64];
		snprintf(want, sizeof(want), "%s failed (error -130)", order[k]);
		assert_string_equal(why.text, want);
	}

	reset();
	lie = 1; /* the kernel said yes but the effective uid is not the one asked for */
	assert_int_equal(auth_set_identity_with(&ops, 1000, 1000, groups, 2, &why), -EPERM);
	assert_string_equal(why.text, "the identity did not change to uid 1000 gid 1000");

	reset();
	assert_int_equal(auth_set_identity_with(&ops, 1000, 1000, NULL, 1, &why), -EINVAL);
	assert_int_equal(auth_set_identity_with(&ops, NO_ID, 1000, groups, 2, &why), -EINVAL);
	assert_int_equal(auth_set_identity_with(&ops, 1000, NO_ID, groups, 2, &why), -EINVAL);
	assert_int_equal(auth_set_identity_with(NULL, 1000, 1000, groups, 2, &why), -EINVAL);
	assert_int_equal(ncalls, 0);
	assert_int_equal(auth_set_identity_with(&ops, 7, 8, NULL, 0, &why), 0);
	assert_int_equal(last_n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_AUTH_060_check),
		cmocka_unit_test(test_AUTH_061_identity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
