/*
 * Password verification against shadow hash fields (spec/auth-flow.md
 * AUTH-020..023): matching, locked/empty/disabled fields, the equal-work rule
 * and the password bound.
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
/* openssl passwd -5 -salt aegisSalt 'correct horse' */
#define HASH5 "$5$aegisSalt$UNDSM.HR.6SqZqY8H8QkA3MIhGMwumvPZ4yJdvNGoDB"
/* openssl passwd -5 -salt 'rounds=1234$r1234' 'pw' */
#define HASH5_ROUNDS "$5$rounds=1234$r1234$s0W610UZBoDs53XLacuYhtjzf74IQ/G8x6jN2WwNIG7"

/* AUTH-020: right password OK, wrong ones DENY, whole-string comparison. */
static void test_AUTH_020_verify_match(void **state)
{
	(void)state;
	auth_reason_t why;

	assert_int_equal(auth_verify_hash(HASH6, "correct horse", &why), AUTH_OK);
	assert_string_equal(why.text, "");
	assert_int_equal(auth_verify_hash(HASH5, "correct horse", &why), AUTH_OK);
	assert_int_equal(auth_verify_hash(HASH5_ROUNDS, "pw", &why), AUTH_OK);

	const char *wrong[] = {"correct horsE", "correct hors", "correct horse ", "", "Correct horse"};
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		assert_int_equal(auth_verify_hash(HASH6, wrong[i], &why), AUTH_DENY);
		assert_string_equal(why.text, "password does not match");
		assert_int_equal(auth_verify_hash(HASH5, wrong[i], &why), AUTH_DENY);
	}
	/* a change anywhere in the stored hash denies the right password */
	char h[] = HASH6;
	for (size_t i = strlen("$6$aegisSalt$"); i < strlen(h); i++) {
		char keep = h[i];
		h[i] = keep == 'a' ? 'b' : 'a';
		assert_int_equal(auth_verify_hash(h, "correct horse", &why), AUTH_DENY);
		h[i] = keep;
	}
	/* a different salt or rounds in the stored string denies too */
	assert_int_equal(auth_verify_hash("$5$rounds=1235$r1234$s0W610UZBoDs53XLacuYhtjzf74IQ/G8x6jN2WwNIG7", "pw",
					  &why), AUTH_DENY);
	/* an explicit rounds=5000 names the default cost: same digest, and the string round-trips */
	assert_int_equal(auth_verify_hash("$6$rounds=5000$aegisSalt$mXLBNkxvjG12sX7EV.pIplnwgXDvOUEUt8/37/tGdHly"
					  "SGJoi34oJ/j.qM63xcrN4je1Fb.cTSwB4zQSmhc511", "correct horse", &why),
			 AUTH_OK);

	/* through a parsed shadow entry */
	auth_shadow_t entry;
	const char line[] = "alice:" HASH6 ":19000:0:99999:7:::";
	assert_int_equal(auth_shadow_parse_line(line, strlen(line), 1, &entry, &why), AUTH_OK);
	assert_int_equal(auth_verify_password(&entry, "correct horse", &why), AUTH_OK);
	assert_int_equal(auth_verify_password(&entry, "wrong", &why), AUTH_DENY);
	assert_int_equal(auth_verify_password(NULL, "correct horse", &why), AUTH_DENY);
	assert_int_equal(auth_verify_hash(HASH6, NULL, &why), AUTH_DENY);
}

/* AUTH-021: locked, empty, disabled, malformed, unsupported: never OK. */
static void test_AUTH_021_non_authenticating_fields(void **state)
{
	(void)state;
	static const struct {
		const char *field;
		auth_hash_kind_t kind;
		auth_result_t result;
		const char *reason;
	} cases[] = {
		{"!", AUTH_HASH_LOCKED, AUTH_DENY, "account is locked"},
		{"!!", AUTH_HASH_LOCKED, AUTH_DENY, "account is locked"},
		{"!" HASH6, AUTH_HASH_LOCKED, AUTH_DENY, "account is locked"},
		{"!*", AUTH_HASH_LOCKED, AUTH_DENY, "account is locked"},
		{"", AUTH_HASH_EMPTY, AUTH_DENY, "account has no password"},
		{"*", AUTH_HASH_DISABLED, AUTH_DENY, "password login is disabled"},
		{"x", AUTH_HASH_DISABLED, AUTH_DENY, "password login is disabled"},
		{"*LK*", AUTH_HASH_DISABLED, AUTH_DENY, "password login is disabled"},
		{"$6", AUTH_HASH_DISABLED, AUTH_DENY, "password login is disabled"},
		{HASH6 "x", AUTH_HASH_SHA_CRYPT, AUTH_MALFORMED, "exactly 86"},
		{"$6$rounds=10$aegisSalt$mXLBNkxvjG12sX7EV.pIplnwgXDvOUEUt8/37/tGdHlySGJoi34oJ/j.qM63xcrN4je1Fb.cTSwB4zQSmhc511",
		 AUTH_HASH_SHA_CRYPT, AUTH_MALFORMED, "outside"},
		{"$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7", AUTH_HASH_UNSUPPORTED,
		 AUTH_UNSUPPORTED, "yescrypt"},
		{"abJnggxhB/yWI", AUTH_HASH_UNSUPPORTED, AUTH_UNSUPPORTED, "traditional DES"},
	};
	const char *passwords[] = {"correct horse", "", "!", "*", "x"};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(auth_hash_classify(cases[i].field), cases[i].kind);
		for (size_t p = 0; p < sizeof(passwords) / sizeof(passwords[0]); p++) {
			auth_reason_t why;
			auth_result_t r = auth_verify_hash(cases[i].field, passwords[p], &why);
			assert_int_equal(r, cases[i].result);
			if (!strstr(why.text, cases[i].reason))
				print_error("field %s: reason '%s'\n", cases[i].field, why.text);
			assert_non_null(strstr(why.text, cases[i].reason));
		}
	}
	assert_int_equal(auth_hash_classify(NULL), AUTH_HASH_EMPTY);
	assert_int_equal(auth_hash_classify(HASH5), AUTH_HASH_SHA_CRYPT);
}

static void verify_wrong(const void *field)
{
	(void)auth_verify_hash(field, "wrong password", NULL);
}

/* SHA-512 blocks compressed by one call of fn(arg): the work it did, counted exactly. */
static uint64_t work_of(void (*fn)(const void *), const void *arg)
{
	uint64_t before = crypto_sha512_blocks();
	fn(arg);
	return crypto_sha512_blocks() - before;
}

/* AUTH-022: a field that cannot authenticate costs as much as a real verification. */
static void test_AUTH_022_equal_work(void **state)
{
	(void)state;
	const char *fields[] = {"!", "!" HASH6, "", "*", "$y$j9T$abc$def", HASH6 "x"};
	uint64_t real = work_of(verify_wrong, HASH6);
	assert_true(real > 5000); /* 5000 rounds of at least one block each */
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		uint64_t work = work_of(verify_wrong, fields[i]);
		printf("# field %zu: %llu blocks, a real verification %llu\n", i, (unsigned long long)work,
		       (unsigned long long)real);
		assert_true(work * 10 >= real * 9 && work * 10 <= real * 11);
	}
}

/* AUTH-023: too-long passwords are refused, never cut. */
static void test_AUTH_023_password_bound(void **state)
{
	(void)state;
	char pw[AUTH_PASSWORD_MAX + 2];
	char hash[AUTH_CRYPT_MAX];
	auth_reason_t why;

	memset(pw, 'p', sizeof(pw));
	pw[AUTH_PASSWORD_MAX] = '\0';
	assert_int_equal(auth_crypt(pw, "$5$rounds=1000$s", hash, sizeof(hash), &why), AUTH_OK);
	assert_int_equal(auth_verify_hash(hash, pw, &why), AUTH_OK);
	pw[AUTH_PASSWORD_MAX] = 'p';
	pw[AUTH_PASSWORD_MAX + 1] = '\0';
	assert_int_equal(auth_verify_hash(hash, pw, &why), AUTH_DENY);
	assert_string_equal(why.text, "password longer than 512 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_AUTH_020_verify_match),
		cmocka_unit_test(test_AUTH_021_non_authenticating_fields),
		cmocka_unit_test(test_AUTH_022_equal_work),
		cmocka_unit_test(test_AUTH_023_password_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
