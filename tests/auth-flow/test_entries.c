/*
 * Per-file entry rules: passwd, shadow and group lines, and entries owning
 * their strings (spec/auth-flow.md AUTH-036..039).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "libauth/auth.h"

static auth_result_t pw(const char *line, auth_passwd_t *e, auth_reason_t *why)
{
	return auth_passwd_parse_line(line, strlen(line), 1, e, why);
}

/* AUTH-036: passwd fields, home and shell rules. */
static void test_AUTH_036_passwd(void **state)
{
	(void)state;
	auth_passwd_t e;
	auth_reason_t why;

	assert_int_equal(pw("alice:x:1000:100:Alice Liddell,Room 1,,:/home/alice:/bin/stsh", &e, &why), AUTH_OK);
	assert_string_equal(e.name, "alice");
	assert_string_equal(e.password, "x");
	assert_int_equal(e.uid, 1000);
	assert_int_equal(e.gid, 100);
	assert_string_equal(e.gecos, "Alice Liddell,Room 1,,");
	assert_string_equal(e.home, "/home/alice");
	assert_string_equal(e.shell, "/bin/stsh");
	assert_int_equal(e.line_no, 1);

	assert_int_equal(pw("daemon:*:1:1::/:", &e, &why), AUTH_OK);
	assert_string_equal(e.shell, "/bin/sh");
	assert_string_equal(e.gecos, "");
	assert_string_equal(e.password, "*");
	assert_int_equal(pw("odd:any thing goes!:5:5:x:/a b/c:/bin/my shell", &e, &why), AUTH_OK);
	assert_string_equal(e.password, "any thing goes!");

	assert_int_equal(pw("a:x:1:1:::/bin/sh", &e, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 1: home is not an absolute path");
	assert_int_equal(pw("a:x:1:1::home:/bin/sh", &e, &why), AUTH_MALFORMED);
	assert_int_equal(pw("a:x:1:1::/:bin/sh", &e, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 1: shell is not an absolute path");
	assert_int_equal(pw("a:x:1:1::/: /bin/sh", &e, &why), AUTH_MALFORMED);
}

/* AUTH-037: shadow day fields and the reserved field. */
static void test_AUTH_037_shadow(void **state)
{
	(void)state;
	auth_shadow_t s;
	auth_reason_t why;
	const char *full = "alice:$6$s$h:19000:1:99999:7:30:20000:";
	assert_int_equal(auth_shadow_parse_line(full, strlen(full), 2, &s, &why), AUTH_OK);
	assert_string_equal(s.name, "alice");
	assert_string_equal(s.hash, "$6$s$h"); /* kept as written; verify decides */
	assert_int_equal(s.last_change, 19000);
	assert_int_equal(s.min_age, 1);
	assert_int_equal(s.max_age, 99999);
	assert_int_equal(s.warn_days, 7);
	assert_int_equal(s.inactive_days, 30);
	assert_int_equal(s.expire_day, 20000);
	assert_int_equal(s.line_no, 2);

	const char *empty = "bob::::::::";
	assert_int_equal(auth_shadow_parse_line(empty, strlen(empty), 1, &s, &why), AUTH_OK);
	assert_string_equal(s.hash, "");
	assert_int_equal(s.last_change, AUTH_SHADOW_UNSET);
	assert_int_equal(s.expire_day, AUTH_SHADOW_UNSET);

	const char *reserved = "bob:*:1:::::: x";
	assert_int_equal(auth_shadow_parse_line(reserved, strlen(reserved), 1, &s, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 1: reserved field is not empty");
	const char *fields[] = {"bob:*:x:::::", "bob:*::x::::", "bob:*:::x:::", "bob:*::::x::", "bob:*:::::x:",
				"bob:*::::::x"};
	const char *names[] = {"last change day", "minimum age", "maximum age", "warning period",
			       "inactivity period", "expiration day"};
	for (size_t i = 0; i < 6; i++) {
		char line[64];
		snprintf(line, sizeof(line), "%s:", fields[i]);
		assert_int_equal(auth_shadow_parse_line(line, strlen(line), 1, &s, &why), AUTH_MALFORMED);
		assert_non_null(strstr(why.text, names[i]));
	}
	const char *badname = "b c:*:::::::";
	assert_int_equal(auth_shadow_parse_line(badname, strlen(badname), 1, &s, &why), AUTH_MALFORMED);
	assert_non_null(strstr(why.text, "user name"));
}

/* AUTH-038: group members. */
static void test_AUTH_038_group(void **state)
{
	(void)state;
	auth_group_t g;
	auth_reason_t why;
	const char *l = "wheel:x:999:root,alice,bob$";
	assert_int_equal(auth_group_parse_line(l, strlen(l), 1, &g, &why), AUTH_OK);
	assert_string_equal(g.name, "wheel");
	assert_string_equal(g.password, "x");
	assert_int_equal(g.gid, 999);
	assert_int_equal(g.member_count, 3);
	const char *m = auth_group_next_member(&g, NULL);
	assert_string_equal(m, "root");
	m = auth_group_next_member(&g, m);
	assert_string_equal(m, "alice");
	m = auth_group_next_member(&g, m);
	assert_string_equal(m, "bob$");
	assert_null(auth_group_next_member(&g, m));
	assert_true(auth_group_has_member(&g, "alice"));
	assert_false(auth_group_has_member(&g, "ali"));
	assert_false(auth_group_has_member(&g, "wheel"));

	assert_int_equal(auth_group_parse_line("users:x:100:", 12, 1, &g, &why), AUTH_OK);
	assert_int_equal(g.member_count, 0);
	assert_null(auth_group_next_member(&g, NULL));
	assert_false(auth_group_has_member(&g, ""));

	assert_int_equal(auth_group_parse_line("solo:x:5:me", 11, 1, &g, &why), AUTH_OK);
	assert_int_equal(g.member_count, 1);
	assert_string_equal(auth_group_next_member(&g, NULL), "me");
	assert_null(auth_group_next_member(&g, auth_group_next_member(&g, NULL)));

	static const struct {
		const char *line;
		const char *reason;
	} bad[] = {
		{"g:x:1:a,,b", "member 2 is empty"},
		{"g:x:1:,a", "member 1 is empty"},
		{"g:x:1:a,", "member 2 is empty"},
		{"g:x:1:,", "member 1 is empty"},
		{"g:x:1:a b", "member name has a bad character"},
		{"g:x:1:+x", "member name must start"},
		{"g:x:-1:a", "gid is not a decimal number"},
		{"g:x:4294967295:", "gid is larger"},
		{"g:x::", "gid is empty"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(auth_group_parse_line(bad[i].line, strlen(bad[i].line), 9, &g, &why), AUTH_MALFORMED);
		if (!strstr(why.text, bad[i].reason))
			print_error("%s: '%s'\n", bad[i].line, why.text);
		assert_non_null(strstr(why.text, bad[i].reason));
	}
}

/* AUTH-039: entries own NUL-terminated copies; the source buffer may go away. */
static void test_AUTH_039_entries_own_strings(void **state)
{
	(void)state;
	const char text[] = "carol:x:7:8:C:/home/carol:/bin/stsh\nrest";
	char *buf = malloc(sizeof(text));
	assert_non_null(buf);
	memcpy(buf, text, sizeof(text));
	auth_passwd_t e;
	auth_reason_t why;
	/* parse only the first line (length up to the LF): fields end at the line end */
	assert_int_equal(auth_passwd_parse_line(buf, strchr(buf, '\n') - buf, 1, &e, &why), AUTH_OK);
	memset(buf, 'Z', sizeof(text));
	free(buf);
	assert_string_equal(e.name, "carol");
	assert_string_equal(e.shell, "/bin/stsh");
	assert_true(e.name >= e.storage && e.name < e.storage + sizeof(e.storage));

	/* a copy of a found entry stays self-contained: lookups parse straight into out */
	const char file[] = "x:x:1:1::/:\ncarol:x:7:8:C:/home/carol:/bin/stsh\n";
	auth_passwd_t *found = malloc(sizeof(*found));
	assert_non_null(found);
	assert_int_equal(auth_passwd_find_uid(file, strlen(file), 7, found, &why), AUTH_OK);
	assert_true(found->home >= found->storage && found->home < found->storage + sizeof(found->storage));
	assert_string_equal(found->home, "/home/carol");
	free(found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_AUTH_036_passwd),
		cmocka_unit_test(test_AUTH_037_shadow),
		cmocka_unit_test(test_AUTH_038_group),
		cmocka_unit_test(test_AUTH_039_entries_own_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
