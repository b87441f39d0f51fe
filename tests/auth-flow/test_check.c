/*
 * The whole decision on file contents, auth_check_files (spec/auth-flow.md
 * AUTH-050..052).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "libauth/auth.h"
#include "crypto/sha512.h"

/* openssl passwd -6 -salt aegisSalt 'correct horse' */
#define HASH6 "$6$aegisSalt$mXLBNkxvjG12sX7EV.pIplnwgXDvOUEUt8/37/tGdHlySGJoi34oJ/j.qM63xcrN4je1Fb.cTSwB4zQSmhc511"
#define ROOT_HASH "$6$5a3b9c1d2e4f6789$fvwyIjdmyvB59hifGMRFrcwhBb4cH0.3nRy2j2LpCk.aNIFNyvYQJ36Bsl94miFbD/JHICz8O1dXoegZ0OmOg."

static const char passwd[] =
	"root:x:0:0:root:/root:/bin/stsh\n"
	"alice:x:1000:1000:Alice:/home/alice:/bin/stsh\n"
	"locked:x:1001:1001::/home/locked:/bin/stsh\n"
	"ghost:x:1002:1002::/home/ghost:/bin/stsh\n"
	"inpasswd:" HASH6 ":1003:1003::/:\n";
static const char shadow[] =
	"root:" ROOT_HASH ":19000:0:99999:7:::\n"
	"alice:" HASH6 ":19000:0:99999:7:::\n"
	"locked:!" HASH6 ":19000:0:99999:7:::\n"
	"inpasswd:*:::::::\n";

static auth_result_t check(const char *user, const char *password, auth_passwd_t *acct, auth_reason_t *why)
{
	return auth_check_files(passwd, strlen(passwd), shadow, strlen(shadow), user, password, acct, why);
}

/* AUTH-050: passwd, then shadow, then verification. */
static void test_AUTH_050_decision(void **state)
{
	(void)state;
	auth_passwd_t acct;
	auth_reason_t why;

	assert_int_equal(check("root", "forevervigilant", &acct, &why), AUTH_OK);
	assert_int_equal(acct.uid, 0);
	assert_string_equal(acct.shell, "/bin/stsh");
	assert_string_equal(why.text, "");
	assert_int_equal(check("alice", "correct horse", &acct, &why), AUTH_OK);
	assert_int_equal(acct.uid, 1000);
	assert_string_equal(acct.home, "/home/alice");

	assert_int_equal(check("alice", "forevervigilant", &acct, &why), AUTH_DENY);
	assert_string_equal(why.text, "password does not match");
	assert_int_equal(check("root", "correct horse", &acct, &why), AUTH_DENY);
	assert_int_equal(check("locked", "correct horse", &acct, &why), AUTH_DENY);
	assert_string_equal(why.text, "account is locked");
	/* a hash in the passwd field is never used: shadow says '*' */
	assert_int_equal(check("inpasswd", "correct horse", &acct, &why), AUTH_DENY);
	assert_string_equal(why.text, "password login is disabled");
	assert_int_equal(check(NULL, "x", &acct, &why), AUTH_DENY);
	assert_int_equal(check("root", NULL, &acct, &why), AUTH_DENY);
	assert_int_equal(check("root", "forevervigilant", NULL, &why), AUTH_DENY);
}

static void check_alice_wrong(const void *arg)
{
	(void)arg;
	auth_passwd_t acct;
	(void)check("alice", "wrong password", &acct, NULL);
}

static void check_user_wrong(const void *user)
{
	auth_passwd_t acct;
	(void)check(user, "wrong password", &acct, NULL);
}

/* AUTH-051: unknown users look exactly like wrong passwords, in result and in time. */
static void test_AUTH_051_unknown_user(void **state)
{
	(void)state;
	auth_passwd_t acct;
	auth_reason_t why;

	assert_int_equal(check("mallory", "correct horse", &acct, &why), AUTH_DENY);
	assert_string_equal(why.text, "unknown user");
	assert_int_equal(check("", "correct horse", &acct, &why), AUTH_DENY);
	assert_int_equal(check("ghost", "correct horse", &acct, &why), AUTH_DENY);
	assert_string_equal(why.text, "user has no shadow entry");

	const char *users[] = {"mallory", "ghost", "locked"};
	uint64_t before = crypto_sha512_blocks();
	check_alice_wrong(NULL);
	uint64_t real = crypto_sha512_blocks() - before;
	assert_true(real > 5000);
	for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++) {
		before = crypto_sha512_blocks();
		check_user_wrong(users[i]);
		uint64_t work = crypto_sha512_blocks() - before;
		printf("# %s: %llu SHA-512 blocks, a wrong password %llu\n", users[i], (unsigned long long)work,
		       (unsigned long long)real);
		assert_true(work * 10 >= real * 9 && work * 10 <= real * 11);
	}
}

/* AUTH-052: broken files fail closed, with the file named. */
static void test_AUTH_052_broken_files(void **state)
{
	(void)state;
	auth_passwd_t acct;
	auth_reason_t why;
	const char bad_shadow[] = "root:" ROOT_HASH ":19000:0:99999:7:::\nalice:x:1\n";
	const char bad_passwd[] = "root:x:0:0:root:/root:/bin/stsh\nalice:x:1000:1000\n";

	assert_int_equal(auth_check_files(passwd, strlen(passwd), bad_shadow, strlen(bad_shadow), "root",
					  "forevervigilant", &acct, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "/etc/shadow: line 2: expected 9 fields, found 3");
	assert_int_equal(auth_check_files(bad_passwd, strlen(bad_passwd), shadow, strlen(shadow), "root",
					  "forevervigilant", &acct, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "/etc/passwd: line 2: expected 7 fields, found 4");
	/* duplicate root in shadow: refused, not "first one wins" */
	const char dup[] = "root:" ROOT_HASH ":::::::\nroot:" HASH6 ":::::::\n";
	assert_int_equal(auth_check_files(passwd, strlen(passwd), dup, strlen(dup), "root", "correct horse",
					  &acct, &why), AUTH_MALFORMED);
	assert_non_null(strstr(why.text, "/etc/shadow: line 2: duplicate entry"));
	/* a hash of an unsupported scheme */
	const char yes[] = "root:$y$j9T$abc$def:::::::\n";
	assert_int_equal(auth_check_files(passwd, strlen(passwd), yes, strlen(yes), "root", "forevervigilant",
					  &acct, &why), AUTH_UNSUPPORTED);
	assert_string_equal(why.text, "unsupported hash scheme: yescrypt ($y$)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_AUTH_050_decision),
		cmocka_unit_test(test_AUTH_051_unknown_user),
		cmocka_unit_test(test_AUTH_052_broken_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
