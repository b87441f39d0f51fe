/*
 * SHA-crypt ($5$, $6$) and the hash-string parser (spec/auth-flow.md
 * AUTH-010..017).
 *
 * Vectors: the ones published with Drepper's SHA-crypt specification (also in
 * glibc's crypt/sha256c-test.c and sha512c-test.c), libxcrypt's explicit
 * rounds=5000 case, musl's empty-salt case, and hashes made on this machine
 * with the commands quoted next to them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "libauth/auth.h"

struct crypt_vector {
	const char *setting;
	const char *key;
	const char *expected;
};

#define LONG_TEXT "a very much longer text to encrypt.  This one even stretches over morethan one line."

/* AUTH-010: Drepper's published $5$ vectors. */
static const struct crypt_vector drepper_sha256[] = {
	{"$5$saltstring", "Hello world!", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"},
	{"$5$rounds=10000$saltstringsaltstring", "Hello world!",
	 "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA"},
	{"$5$rounds=5000$toolongsaltstring", "This is just a test",
	 "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5"},
	{"$5$rounds=1400$anotherlongsaltstring", LONG_TEXT,
	 "$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1"},
	{"$5$rounds=77777$short", "we have a short salt string but not a short password",
	 "$5$rounds=77777$short$JiO1O3ZpDAxGJeaDIuqCoEFysAe1mZNJRs3pw0KQRd/"},
	{"$5$rounds=123456$asaltof16chars..", "a short string",
	 "$5$rounds=123456$asaltof16chars..$gP3VQ/6X7UUEW3HkBn2w1/Ptq2jxPyzV/cZKmF/wJvD"},
	{"$5$rounds=10$roundstoolow", "the minimum number is still observed",
	 "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC"},
	/* libxcrypt: an explicit rounds=5000 is kept in the output */
	{"$5$rounds=5000$saltstring", "Hello world!",
	 "$5$rounds=5000$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"},
};

/* AUTH-010: Drepper's published $6$ vectors. */
static const struct crypt_vector drepper_sha512[] = {
	{"$6$saltstring", "Hello world!",
	 "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"},
	{"$6$rounds=10000$saltstringsaltstring", "Hello world!",
	 "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v."},
	{"$6$rounds=5000$toolongsaltstring", "This is just a test",
	 "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0"},
	{"$6$rounds=1400$anotherlongsaltstring", LONG_TEXT,
	 "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1"},
	{"$6$rounds=77777$short", "we have a short salt string but not a short password",
	 "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0"},
	{"$6$rounds=123456$asaltof16chars..", "a short string",
	 "$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1"},
	{"$6$rounds=10$roundstoolow", "the minimum number is still observed",
	 "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX."},
	{"$6$rounds=5000$saltstring", "Hello world!",
	 "$6$rounds=5000$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"},
	/* musl libc-test: empty salt, the rest of the setting ignored */
	{"$6$$bar$", "foo",
	 "$6$$QMXjqd7rHQZPQ1yHsXkQqC1FBzDiVfTHXL.LaeDAeVV.IzMaV9VU4MQ8kPuZa2SOP1A0RPm772EaFYjpEJtdu."},
};

/* AUTH-010: made on this machine (OpenSSL 3.0.19, libxcrypt 4.4.33). */
static const struct crypt_vector local_hashes[] = {
	/* openssl passwd -5 -salt 'aegisSalt' 'correct horse' */
	{"$5$aegisSalt", "correct horse", "$5$aegisSalt$UNDSM.HR.6SqZqY8H8QkA3MIhGMwumvPZ4yJdvNGoDB"},
	/* openssl passwd -6 -salt 'aegisSalt' 'correct horse' */
	{"$6$aegisSalt", "correct horse",
	 "$6$aegisSalt$mXLBNkxvjG12sX7EV.pIplnwgXDvOUEUt8/37/tGdHlySGJoi34oJ/j.qM63xcrN4je1Fb.cTSwB4zQSmhc511"},
	/* openssl passwd -5 -salt 'rounds=1234$r1234' 'pw' */
	{"$5$rounds=1234$r1234", "pw", "$5$rounds=1234$r1234$s0W610UZBoDs53XLacuYhtjzf74IQ/G8x6jN2WwNIG7"},
	/* openssl passwd -6 -salt 'rounds=5000$abcdefghijklmnop' 'longpassword' x6 + 'long' (76 bytes, > one digest) */
	{"$6$rounds=5000$abcdefghijklmnop",
	 "longpasswordlongpasswordlongpasswordlongpasswordlongpasswordlongpasswordlong",
	 "$6$rounds=5000$abcdefghijklmnop$mmPg3z7ZjI/.83IUr6inSQ808j1WCXGaqQL2BdpC32uMS0IUFY9vPVWLmQvYX6WRb4GKG.ozixB1ZmAnpN8kg1"},
	/* openssl passwd -6 -salt 'Z9./' "$(printf 'caf\xc3\xa9 \x80\xff')" (bytes >= 0x80 in the key) */
	{"$6$Z9./", "caf\xc3\xa9 \x80\xff",
	 "$6$Z9./$H0GSsOzidSAg3ZB7bsifdBI7ooQC5iXK/.8cxgEy6rwUVY6NMgNWql3y4.WqAwi82LLFjLpJ2.wgj0/axXCp21"},
	/* openssl passwd -6 -salt 'abcdefghijkl' forevervigilant (the installer's 12-char salt form) */
	{"$6$abcdefghijkl", "forevervigilant",
	 "$6$abcdefghijkl$whLhaBofRsltlRKId31.Uj6SjQ1tlUA61cL3BM2gVB91W2m1jdvcSbbSaEo8FO4zMlVkMEodpe8sZRCU72jCY/"},
	/* python3 -c "import crypt; print(crypt.crypt('', '\$6\$x'))"  (libxcrypt; openssl refuses an empty key) */
	{"$6$x", "",
	 "$6$x$QSmr1Bx2g4O6BzKvdkgOcyU6H91X6I/XBv5pSalMhSPkwdH6Beo3F455xZJg0v//bxVK5F4OE5k1.0xuR26MK0"},
	/* python3 crypt.crypt('pw', '$5$rounds=1000$toolongsaltstring12$xyz') (libxcrypt) */
	{"$5$rounds=1000$toolongsaltstring12$xyz", "pw",
	 "$5$rounds=1000$toolongsaltstrin$/MzrvgjuoD3DC.BygsyNcusG.J./HG7EcCWgdGrHU2C"},
};

#define ROOT_HASH "$6$5a3b9c1d2e4f6789$fvwyIjdmyvB59hifGMRFrcwhBb4cH0.3nRy2j2LpCk.aNIFNyvYQJ36Bsl94miFbD/JHICz8O1dXoegZ0OmOg."

static void check_vectors(const struct crypt_vector *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char out[AUTH_CRYPT_MAX];
		auth_reason_t why;
		auth_result_t r = auth_crypt(v[i].key, v[i].setting, out, sizeof(out), &why);
		if (r != AUTH_OK)
			print_error("setting %s: %s\n", v[i].setting, why.text);
		assert_int_equal(r, AUTH_OK);
		assert_string_equal(out, v[i].expected);
		/* the output, used as a setting, reproduces itself (verification path);
		 * skipped for the two slow vectors to keep the sanitizer run short */
		if (strstr(v[i].setting, "rounds=123456") || strstr(v[i].setting, "rounds=77777"))
			continue;
		r = auth_crypt(v[i].key, v[i].expected, out, sizeof(out), &why);
		assert_int_equal(r, AUTH_OK);
		assert_string_equal(out, v[i].expected);
	}
}

/* AUTH-010 */
static void test_AUTH_010_drepper_sha256(void **state)
{
	(void)state;
	check_vectors(drepper_sha256, sizeof(drepper_sha256) / sizeof(drepper_sha256[0]));
}

/* AUTH-010 */
static void test_AUTH_010_drepper_sha512(void **state)
{
	(void)state;
	check_vectors(drepper_sha512, sizeof(drepper_sha512) / sizeof(drepper_sha512[0]));
}

/* AUTH-010 */
static void test_AUTH_010_openssl_hashes(void **state)
{
	(void)state;
	check_vectors(local_hashes, sizeof(local_hashes) / sizeof(local_hashes[0]));
}

static void expect_setting(const char *setting, uint32_t rounds, int explicit_rounds, const char *salt)
{
	auth_crypt_setting_t st;
	auth_reason_t why;
	auth_result_t r = auth_crypt_parse_setting(setting, strlen(setting), &st, &why);
	if (r != AUTH_OK)
		print_error("%s: %s\n", setting, why.text);
	assert_int_equal(r, AUTH_OK);
	assert_int_equal(st.rounds, rounds);
	assert_int_equal(st.rounds_explicit, explicit_rounds);
	assert_string_equal(st.salt, salt);
	assert_int_equal(st.salt_len, strlen(salt));
}

static void expect_setting_rejected(const char *setting, size_t len, auth_result_t want)
{
	auth_crypt_setting_t st;
	auth_reason_t why;
	auth_result_t r = auth_crypt_parse_setting(setting, len, &st, &why);
	assert_int_equal(r, want);
	assert_true(strlen(why.text) > 0);
}

/* AUTH-011: default, explicit, clamping low and high, saturation, leading zeros, junk. */
static void test_AUTH_011_rounds(void **state)
{
	(void)state;
	expect_setting("$6$abc", 5000, 0, "abc");
	expect_setting("$6$rounds=5000$abc", 5000, 1, "abc");
	expect_setting("$6$rounds=10$abc", 1000, 1, "abc");
	expect_setting("$6$rounds=0$abc", 1000, 1, "abc");
	expect_setting("$6$rounds=999$abc", 1000, 1, "abc");
	expect_setting("$6$rounds=1000$abc", 1000, 1, "abc");
	expect_setting("$5$rounds=999999999$abc", 999999999, 1, "abc");
	expect_setting("$5$rounds=1000000000$abc", 999999999, 1, "abc");
	expect_setting("$5$rounds=99999999999999999999999999999999$abc", 999999999, 1, "abc");
	expect_setting("$6$rounds=00001234$abc", 1234, 1, "abc");

	char out[AUTH_CRYPT_MAX];
	assert_int_equal(auth_crypt("pw", "$6$rounds=00001234$abc", out, sizeof(out), NULL), AUTH_OK);
	assert_memory_equal(out, "$6$rounds=1234$abc$", strlen("$6$rounds=1234$abc$"));
	assert_int_equal(auth_crypt("pw", "$5$rounds=7$abc", out, sizeof(out), NULL), AUTH_OK);
	assert_memory_equal(out, "$5$rounds=1000$abc$", strlen("$5$rounds=1000$abc$"));
	assert_int_equal(auth_crypt("pw", "$5$abc", out, sizeof(out), NULL), AUTH_OK);
	assert_null(strstr(out, "rounds="));

	const char *bad[] = {"$6$rounds=$abc", "$6$rounds=+5$abc", "$6$rounds=-5$abc", "$6$rounds= 5$abc",
			     "$6$rounds=12x$abc", "$6$rounds=1234", "$6$rounds=0x10$abc"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_setting_rejected(bad[i], strlen(bad[i]), AUTH_MALFORMED);
}

/* AUTH-012: salt length, truncation to 16, empty salt, alphabet, what follows the salt. */
static void test_AUTH_012_salt(void **state)
{
	(void)state;
	expect_setting("$6$", 5000, 0, "");
	expect_setting("$6$$", 5000, 0, "");
	expect_setting("$6$0123456789abcdef", 5000, 0, "0123456789abcdef");
	expect_setting("$6$0123456789abcdefXYZ", 5000, 0, "0123456789abcdef");
	expect_setting("$6$./az09AZ$ignored:anything\n", 5000, 0, "./az09AZ");
	expect_setting("$5$rounds=2000$s$", 2000, 1, "s");

	const char *bad[] = {"$6$ab:cd", "$6$ab cd", "$6$ab\ncd", "$6$ab=cd", "$6$ab\xff", "$6$rounds=1000$a*b"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_setting_rejected(bad[i], strlen(bad[i]), AUTH_MALFORMED);
	/* a NUL inside the given length is a bad salt byte, not an end */
	expect_setting_rejected("$6$ab\0cd", 8, AUTH_MALFORMED);

	auth_reason_t why;
	auth_crypt_setting_t st;
	assert_int_equal(auth_crypt_parse_setting("$6$abc:", 7, &st, &why), AUTH_MALFORMED);
	assert_non_null(strstr(why.text, "salt character 4"));
}

/* AUTH-013: the original root hash. */
static void test_AUTH_013_root_hash(void **state)
{
	(void)state;
	char out[AUTH_CRYPT_MAX];
	auth_reason_t why;

	/* openssl passwd -6 -salt 5a3b9c1d2e4f6789 forevervigilant */
	assert_int_equal(auth_crypt("forevervigilant", "$6$5a3b9c1d2e4f6789", out, sizeof(out), &why), AUTH_OK);
	assert_string_equal(out, ROOT_HASH);
	assert_int_equal(auth_verify_hash(ROOT_HASH, "forevervigilant", &why), AUTH_OK);
	const char *wrong[] = {"", "forevervigilanT", "forevervigilant ", "forevervigilan", "root", "aegis"};
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++)
		assert_int_equal(auth_verify_hash(ROOT_HASH, wrong[i], &why), AUTH_DENY);
}

static void expect_hash_ok(const char *s, auth_scheme_t scheme, uint32_t rounds, int explicit_rounds,
			   const char *salt)
{
	auth_crypt_setting_t st;
	auth_reason_t why;
	auth_result_t r = auth_crypt_parse_hash(s, strlen(s), &st, &why);
	if (r != AUTH_OK)
		print_error("%s: %s\n", s, why.text);
	assert_int_equal(r, AUTH_OK);
	assert_int_equal(st.scheme, scheme);
	assert_int_equal(st.rounds, rounds);
	assert_int_equal(st.rounds_explicit, explicit_rounds);
	assert_string_equal(st.salt, salt);
	assert_int_equal(st.hash_len, auth_crypt_hash_chars(scheme));
}

static void expect_hash_bad(const char *s, size_t len, auth_result_t want, const char *reason_part)
{
	auth_crypt_setting_t st;
	auth_reason_t why;
	auth_result_t r = auth_crypt_parse_hash(s, len, &st, &why);
	if (r != want)
		print_error("%.*s: got %s (%s)\n", (int)len, s, auth_result_name(r), why.text);
	assert_int_equal(r, want);
	if (reason_part && !strstr(why.text, reason_part))
		print_error("reason '%s' lacks '%s'\n", why.text, reason_part);
	assert_true(!reason_part || strstr(why.text, reason_part) != NULL);
}

#define H43 "5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"
#define H86 "svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"

/* AUTH-014: the strict stored-hash parser. */
static void test_AUTH_014_stored_hash(void **state)
{
	(void)state;
	expect_hash_ok("$5$saltstring$" H43, AUTH_SCHEME_SHA256, 5000, 0, "saltstring");
	expect_hash_ok("$6$saltstring$" H86, AUTH_SCHEME_SHA512, 5000, 0, "saltstring");
	expect_hash_ok("$6$rounds=5000$saltstring$" H86, AUTH_SCHEME_SHA512, 5000, 1, "saltstring");
	expect_hash_ok("$6$rounds=1000$$" H86, AUTH_SCHEME_SHA512, 1000, 1, "");
	expect_hash_ok("$6$rounds=999999999$0123456789abcdef$" H86, AUTH_SCHEME_SHA512, 999999999, 1,
		       "0123456789abcdef");
	expect_hash_ok(ROOT_HASH, AUTH_SCHEME_SHA512, 5000, 0, "5a3b9c1d2e4f6789");

	expect_hash_bad("$6$saltstring$" H86 "x", strlen("$6$saltstring$" H86) + 1, AUTH_MALFORMED, "exactly 86");
	expect_hash_bad("$6$saltstring$" H43, strlen("$6$saltstring$" H43), AUTH_MALFORMED, "exactly 86");
	expect_hash_bad("$5$saltstring$" H86, strlen("$5$saltstring$" H86), AUTH_MALFORMED, "exactly 43");
	expect_hash_bad("$5$saltstring", strlen("$5$saltstring"), AUTH_MALFORMED, "no '$'");
	expect_hash_bad("$5$saltstring$", strlen("$5$saltstring$"), AUTH_MALFORMED, "found 0");
	expect_hash_bad("$5$0123456789abcdefg$" H43, strlen("$5$0123456789abcdefg$" H43), AUTH_MALFORMED,
			"longer than 16");
	expect_hash_bad("$5$rounds=10$s$" H43, strlen("$5$rounds=10$s$" H43), AUTH_MALFORMED, "outside");
	expect_hash_bad("$5$rounds=01000$s$" H43, strlen("$5$rounds=01000$s$" H43), AUTH_MALFORMED, "canonical");
	expect_hash_bad("$5$rounds=1000000000$s$" H43, strlen("$5$rounds=1000000000$s$" H43), AUTH_MALFORMED,
			"canonical");
	expect_hash_bad("$5$rounds=$s$" H43, strlen("$5$rounds=$s$" H43), AUTH_MALFORMED, "rounds=");
	expect_hash_bad("$5$s$" H43 "\n", strlen("$5$s$" H43) + 1, AUTH_MALFORMED, "exactly 43");
	char star[] = "$5$s$" H43;
	star[5] = '*';
	expect_hash_bad(star, strlen(star), AUTH_MALFORMED, "hash character 1");
	expect_hash_bad("$5$s$", 0, AUTH_MALFORMED, NULL);
	expect_hash_bad("$5", 2, AUTH_MALFORMED, NULL);
	expect_hash_bad("x", 1, AUTH_MALFORMED, "not a SHA-crypt");
	expect_hash_bad(NULL, 0, AUTH_MALFORMED, NULL);

	/* only the given bytes are read: a valid hash cut short is malformed */
	const char *full = "$6$saltstring$" H86;
	for (size_t len = 0; len < strlen(full); len++) {
		auth_crypt_setting_t st;
		assert_int_not_equal(auth_crypt_parse_hash(full, len, &st, NULL), AUTH_OK);
	}
}

/* AUTH-015: other schemes are named and refused, as settings, stored hashes and at verification. */
static void test_AUTH_015_unsupported_schemes(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		const char *name;
	} cases[] = {
		{"$1$saltsalt$qjXMvbEw8oaL.CzflDugX/", "MD5-crypt"},
		{"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", "bcrypt ($2a$)"},
		{"$2b$12$abcdefghijklmnopqrstuu5hN1fTGWuVXgW3S0m5sKuYFKc6dsu7K", "bcrypt ($2b$)"},
		{"$2y$05$abcdefghijklmnopqrstuu", "bcrypt ($2y$)"},
		{"$2x$05$abcdefghijklmnopqrstuu", "bcrypt ($2x$)"},
		{"$3$$8846f7eaee8fb117ad06bdd830b7586c", "NT hash"},
		{"$7$CU..../....abcdefgh$abcdefghijk", "scrypt"},
		{"$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7", "yescrypt"},
		{"$gy$j9T$abc$def", "gost-yescrypt"},
		{"$sha1$40000$jtNX3nZ2$hBNaIXkt4wBI2o5rsi8KejSjNqIq", "sha1crypt"},
		{"$md5,rounds=5000$GUBv0xjJ$$mSwgIswdjlTY0YxV7HBVm0", "SunMD5"},
		{"_J9..CCCCXBrJUJV154M", "BSDi"},
		{"abJnggxhB/yWI", "traditional DES"},
		{"ab", "traditional DES"},
		{"$9$whatever$abc", "unknown '$' scheme"},
		{"$$", "unknown '$' scheme"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		auth_crypt_setting_t st;
		auth_reason_t why;
		char out[AUTH_CRYPT_MAX];
		const char *s = cases[i].s;
		assert_int_equal(auth_crypt_parse_hash(s, strlen(s), &st, &why), AUTH_UNSUPPORTED);
		assert_non_null(strstr(why.text, cases[i].name));
		assert_int_equal(auth_crypt_parse_setting(s, strlen(s), &st, &why), AUTH_UNSUPPORTED);
		assert_int_equal(auth_crypt("password", s, out, sizeof(out), &why), AUTH_UNSUPPORTED);
		assert_string_equal(out, "");
		assert_non_null(strstr(why.text, cases[i].name));
		assert_int_equal(auth_verify_hash(s, "password", &why), AUTH_UNSUPPORTED);
		assert_non_null(strstr(why.text, cases[i].name));
	}
}

/* AUTH-016: key bound and output bound, never a cut result. */
static void test_AUTH_016_limits(void **state)
{
	(void)state;
	char key[AUTH_PASSWORD_MAX + 2];
	char out[AUTH_CRYPT_MAX];
	auth_reason_t why;

	memset(key, 'k', sizeof(key));
	key[AUTH_PASSWORD_MAX] = '\0';
	assert_int_equal(auth_crypt(key, "$5$rounds=1000$s", out, sizeof(out), &why), AUTH_OK);
	key[AUTH_PASSWORD_MAX] = 'k';
	key[AUTH_PASSWORD_MAX + 1] = '\0';
	assert_int_equal(auth_crypt(key, "$5$rounds=1000$s", out, sizeof(out), &why), AUTH_LIMIT);
	assert_string_equal(out, "");
	assert_non_null(strstr(why.text, "512"));

	/* "$5$s$" + 43 = 48 characters: 49 bytes fit, 48 do not */
	assert_int_equal(auth_crypt("pw", "$5$rounds=1000$s", out, 64, &why), AUTH_OK);
	size_t need = strlen(out) + 1;
	assert_int_equal(auth_crypt("pw", "$5$rounds=1000$s", out, need, &why), AUTH_OK);
	memset(out, 'Z', sizeof(out));
	assert_int_equal(auth_crypt("pw", "$5$rounds=1000$s", out, need - 1, &why), AUTH_LIMIT);
	assert_string_equal(out, "");
	assert_int_equal(auth_crypt("pw", "$5$rounds=1000$s", out, 0, &why), AUTH_LIMIT);
	assert_int_equal(out[0], '\0');
	auth_crypt_setting_t st;
	assert_int_equal(auth_crypt_parse_setting("$6$abc", 6, &st, &why), AUTH_OK);
	auth_crypt_setting_t hand = st;
	hand.salt_len = AUTH_SALT_MAX + 1;
	assert_int_equal(auth_crypt_compute("pw", 2, &hand, out, sizeof(out), &why), AUTH_MALFORMED);
	hand = st;
	hand.rounds = AUTH_ROUNDS_MIN - 1;
	assert_int_equal(auth_crypt_compute("pw", 2, &hand, out, sizeof(out), &why), AUTH_MALFORMED);
	hand = st;
	hand.rounds = AUTH_ROUNDS_MAX + 1;
	assert_int_equal(auth_crypt_compute("pw", 2, &hand, out, sizeof(out), &why), AUTH_MALFORMED);
	hand = st;
	hand.scheme = (auth_scheme_t)1;
	assert_int_equal(auth_crypt_compute("pw", 2, &hand, out, sizeof(out), &why), AUTH_MALFORMED);
	assert_string_equal(out, "");
	assert_int_equal(auth_crypt_compute("pw", 2, &st, out, sizeof(out), &why), AUTH_OK);
	assert_int_equal(auth_crypt(NULL, "$5$s", out, sizeof(out), &why), AUTH_MALFORMED);
	assert_int_equal(auth_crypt("pw", NULL, out, sizeof(out), &why), AUTH_MALFORMED);
}

static void assert_one_clean_line(const char *text)
{
	size_t n = strlen(text);
	assert_true(n > 0);
	assert_true(n < AUTH_REASON_MAX);
	for (size_t i = 0; i < n; i++)
		assert_true((unsigned char)text[i] >= 0x20 && (unsigned char)text[i] < 0x7f);
}

/* AUTH-017: reasons are one printable line and quote no input bytes. */
static void test_AUTH_017_reasons_clean(void **state)
{
	(void)state;
	const char *evil[] = {"$6$\x1b[2Jpwned", "$6$rounds=\x1b]0;x\x07$a", "$y$\n\x1b[31mred",
			      "$6$s$\x1b[2J", "\x1b[2J", "$6$ab\ncd"};
	for (size_t i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		auth_crypt_setting_t st;
		auth_reason_t why;
		assert_int_not_equal(auth_crypt_parse_hash(evil[i], strlen(evil[i]), &st, &why), AUTH_OK);
		assert_one_clean_line(why.text);
		assert_null(strstr(why.text, "pwned"));
		assert_null(strstr(why.text, "red"));
		assert_int_not_equal(auth_verify_hash(evil[i], "pw", &why), AUTH_OK);
		assert_one_clean_line(why.text);
	}
	assert_string_equal(auth_result_name(AUTH_OK), "ok");
	assert_string_equal(auth_result_name(AUTH_DENY), "deny");
	assert_string_equal(auth_result_name(AUTH_NOT_FOUND), "not-found");
	assert_string_equal(auth_result_name(AUTH_MALFORMED), "malformed");
	assert_string_equal(auth_result_name(AUTH_UNSUPPORTED), "unsupported");
	assert_string_equal(auth_result_name(AUTH_LIMIT), "limit");
	assert_string_equal(auth_result_name((auth_result_t)99), "unknown");
	/* a very long reason is cut at the buffer, terminated */
	auth_reason_t why;
	auth_reason_set(&why, 4000000000u, "%0300d", 7);
	assert_int_equal(strlen(why.text), AUTH_REASON_MAX - 1);
	auth_reason_set(NULL, 1, "ignored");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_AUTH_010_drepper_sha256),
		cmocka_unit_test(test_AUTH_010_drepper_sha512),
		cmocka_unit_test(test_AUTH_010_openssl_hashes),
		cmocka_unit_test(test_AUTH_011_rounds),
		cmocka_unit_test(test_AUTH_012_salt),
		cmocka_unit_test(test_AUTH_013_root_hash),
		cmocka_unit_test(test_AUTH_014_stored_hash),
		cmocka_unit_test(test_AUTH_015_unsupported_schemes),
		cmocka_unit_test(test_AUTH_016_limits),
		cmocka_unit_test(test_AUTH_017_reasons_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
