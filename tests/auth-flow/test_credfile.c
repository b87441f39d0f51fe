/*
 * Line, name and number rules shared by the credential-file parsers
 * (spec/auth-flow.md AUTH-030..035).
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

#define GOOD_PW "alice:x:1000:1000:Alice:/home/alice:/bin/stsh"

static auth_result_t parse_pw(const char *line, auth_passwd_t *e, auth_reason_t *why)
{
	return auth_passwd_parse_line(line, strlen(line), 7, e, why);
}

static void expect_pw_bad(const char *line, const char *reason_part)
{
	auth_passwd_t e;
	auth_reason_t why;
	auth_result_t r = parse_pw(line, &e, &why);
	if (r != AUTH_MALFORMED || !strstr(why.text, reason_part))
		print_error("line '%s': %s '%s' (wanted '%s')\n", line, auth_result_name(r), why.text, reason_part);
	assert_int_equal(r, AUTH_MALFORMED);
	assert_non_null(strstr(why.text, reason_part));
	assert_memory_equal(why.text, "line 7: ", 8);
}

/* AUTH-030: line length bound at exactly 4096 bytes; longer lines are rejected and skipped, never cut. */
static void test_AUTH_030_line_length(void **state)
{
	(void)state;
	size_t cap = 2 * AUTH_LINE_MAX + 200;
	char *buf = malloc(cap);
	auth_passwd_t e;
	auth_reason_t why;
	auth_file_iter_t it;
	assert_non_null(buf);

	/* a passwd line of exactly AUTH_LINE_MAX bytes: the GECOS field pads it */
	const char *head = "bob:x:1:1:", *tail = ":/home/bob:/bin/sh";
	size_t pad = AUTH_LINE_MAX - strlen(head) - strlen(tail);
	size_t n = 0;
	memcpy(buf + n, head, strlen(head)); n += strlen(head);
	memset(buf + n, 'g', pad); n += pad;
	memcpy(buf + n, tail, strlen(tail)); n += strlen(tail);
	assert_int_equal(n, AUTH_LINE_MAX);
	assert_int_equal(auth_passwd_parse_line(buf, n, 1, &e, &why), AUTH_OK);
	assert_int_equal(strlen(e.gecos), pad);
	assert_string_equal(e.shell, "/bin/sh");

	/* one byte more: rejected, through the iterator and through the line parser */
	char *buf2 = malloc(cap);
	assert_non_null(buf2);
	size_t m = 0;
	memcpy(buf2 + m, "root:x:0:0:root:/root:/bin/stsh\n", 32); m += 32;
	memcpy(buf2 + m, head, strlen(head)); m += strlen(head);
	memset(buf2 + m, 'g', pad + 1); m += pad + 1;
	memcpy(buf2 + m, tail, strlen(tail)); m += strlen(tail);
	buf2[m++] = '\n';
	memcpy(buf2 + m, GOOD_PW, strlen(GOOD_PW)); m += strlen(GOOD_PW); /* no final LF */

	assert_int_equal(auth_passwd_parse_line(buf2 + 32, AUTH_LINE_MAX + 1, 2, &e, &why), AUTH_MALFORMED);
	auth_file_iter_init(&it, buf2, m);
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_OK);
	assert_string_equal(e.name, "root");
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 2: longer than 4096 bytes");
	/* iteration continues after the bad line, and the last line needs no LF */
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_OK);
	assert_string_equal(e.name, "alice");
	assert_int_equal(e.line_no, 3);
	assert_string_equal(e.shell, "/bin/stsh");
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_NOT_FOUND);
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_NOT_FOUND);

	/* a lookup of a later name still fails closed on the long line */
	assert_int_equal(auth_passwd_find_name(buf2, m, "alice", &e, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 2: longer than 4096 bytes");
	free(buf);
	free(buf2);
}

/* AUTH-031: empty lines and '#' comments are skipped and counted; blank lines are not empty. */
static void test_AUTH_031_comments_and_empty_lines(void **state)
{
	(void)state;
	const char file[] = "# users\n\n#root:x:0:0::/:/bin/sh\n" GOOD_PW "\n\n";
	auth_file_iter_t it;
	auth_passwd_t e;
	auth_reason_t why;
	size_t n = 99;

	auth_file_iter_init(&it, file, strlen(file));
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_OK);
	assert_int_equal(e.line_no, 4);
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_NOT_FOUND);
	assert_int_equal(auth_passwd_validate(file, strlen(file), &n, &why), AUTH_OK);
	assert_int_equal(n, 1);
	assert_int_equal(auth_passwd_validate("", 0, &n, &why), AUTH_OK);
	assert_int_equal(n, 0);
	assert_int_equal(auth_passwd_validate(NULL, 5, &n, &why), AUTH_OK);
	assert_int_equal(n, 0);
	assert_int_equal(auth_passwd_validate("\n\n\n", 3, &n, &why), AUTH_OK);

	const char blank[] = GOOD_PW "\n   \n";
	assert_int_equal(auth_passwd_validate(blank, strlen(blank), &n, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 2: expected 7 fields, found 1");
	/* a comment must start in column 1 */
	const char indented[] = " # comment\n";
	assert_int_equal(auth_passwd_validate(indented, strlen(indented), &n, &why), AUTH_MALFORMED);
}

/* AUTH-032: control bytes anywhere in a line, CRLF included, are rejected with their column. */
static void test_AUTH_032_control_bytes(void **state)
{
	(void)state;
	auth_reason_t why;
	size_t n;
	const char crlf[] = GOOD_PW "\r\n";
	assert_int_equal(auth_passwd_validate(crlf, strlen(crlf), &n, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 1: control byte 0x0d at column 46");

	const char tab[] = "alice:x:1000:1000:Al\tice:/home/alice:/bin/stsh";
	assert_int_equal(auth_passwd_validate(tab, strlen(tab), &n, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 1: control byte 0x09 at column 21");

	const char nul[] = "alice:x:1000:1000:Al\0ce:/home/alice:/bin/stsh";
	assert_int_equal(auth_passwd_validate(nul, sizeof(nul) - 1, &n, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 1: control byte 0x00 at column 21");

	const char del[] = "\n" GOOD_PW "\x7f";
	assert_int_equal(auth_passwd_validate(del, strlen(del), &n, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 2: control byte 0x7f at column 46");

	const char esc[] = "alice:x:1000:1000:\x1b[2J:/home/alice:/bin/stsh";
	assert_int_equal(auth_group_validate(esc, strlen(esc), &n, &why), AUTH_MALFORMED);
	assert_null(strchr(why.text, 0x1b));

	/* bytes >= 0x80 (UTF-8 in GECOS) are fine */
	const char utf8[] = "alice:x:1000:1000:Al\xc3\xaf" "ce:/home/alice:/bin/stsh";
	assert_int_equal(auth_passwd_validate(utf8, strlen(utf8), &n, &why), AUTH_OK);
}

/* AUTH-033: exact field counts in all three files. */
static void test_AUTH_033_field_counts(void **state)
{
	(void)state;
	expect_pw_bad("alice:x:1000:1000:Alice:/home/alice", "expected 7 fields, found 6");
	expect_pw_bad(GOOD_PW ":", "expected 7 fields, found 8");
	expect_pw_bad("alice", "expected 7 fields, found 1");

	auth_shadow_t s;
	auth_group_t g;
	auth_reason_t why;
	const char *sh8 = "alice:*:1:2:3:4:5:6", *sh10 = "alice:*:1:2:3:4:5:6::";
	assert_int_equal(auth_shadow_parse_line(sh8, strlen(sh8), 3, &s, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 3: expected 9 fields, found 8");
	assert_int_equal(auth_shadow_parse_line(sh10, strlen(sh10), 3, &s, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 3: expected 9 fields, found 10");
	assert_int_equal(auth_group_parse_line("wheel:x:999", 11, 4, &g, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 4: expected 4 fields, found 3");
	assert_int_equal(auth_group_parse_line("wheel:x:999:a:b", 15, 4, &g, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 4: expected 4 fields, found 5");
}

/* AUTH-034: name rules for user and group names. */
static void test_AUTH_034_names(void **state)
{
	(void)state;
	const char *good[] = {"a", "_", "root", "Alice_B", "x.y-z", "host$", "a1234567890123456789012345678901"};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char line[128];
		auth_passwd_t e;
		auth_reason_t why;
		snprintf(line, sizeof(line), "%s:x:1:1::/:/bin/sh", good[i]);
		if (parse_pw(line, &e, &why) != AUTH_OK)
			print_error("%s: %s\n", good[i], why.text);
		assert_int_equal(parse_pw(line, &e, &why), AUTH_OK);
		assert_string_equal(e.name, good[i]);
	}
	expect_pw_bad(":x:1:1::/:/bin/sh", "user name is empty");
	expect_pw_bad("+:x:1:1::/:/bin/sh", "user name must start");
	expect_pw_bad("-x:x:1:1::/:/bin/sh", "user name must start");
	expect_pw_bad("+alice:x:1:1::/:/bin/sh", "user name must start");
	expect_pw_bad("1abc:x:1:1::/:/bin/sh", "user name must start");
	expect_pw_bad("a b:x:1:1::/:/bin/sh", "bad character at position 2");
	expect_pw_bad("a$b:x:1:1::/:/bin/sh", "bad character at position 2");
	expect_pw_bad("ab/:x:1:1::/:/bin/sh", "bad character at position 3");
	expect_pw_bad("a\xc3\xa9:x:1:1::/:/bin/sh", "bad character at position 2");
	expect_pw_bad("a12345678901234567890123456789012:x:1:1::/:/bin/sh", "longer than 32");

	auth_group_t g;
	auth_reason_t why;
	assert_int_equal(auth_group_parse_line("-grp:x:1:", 9, 2, &g, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 2: group name must start with a letter or '_'");
}

/* AUTH-035: numeric fields. */
static void test_AUTH_035_numbers(void **state)
{
	(void)state;
	auth_passwd_t e;
	auth_reason_t why;
	assert_int_equal(parse_pw("a:x:0:0::/:", &e, &why), AUTH_OK);
	assert_int_equal(e.uid, 0);
	assert_int_equal(parse_pw("a:x:4294967294:4294967294::/:", &e, &why), AUTH_OK);
	assert_int_equal(e.uid, 4294967294u);
	assert_int_equal(e.gid, 4294967294u);

	expect_pw_bad("a:x:4294967295:0::/:", "uid is larger than 4294967294");
	expect_pw_bad("a:x:0:4294967295::/:", "gid is larger than 4294967294");
	expect_pw_bad("a:x:99999999999999999999999:0::/:", "uid is larger");
	expect_pw_bad("a:x:-1:0::/:", "uid is not a decimal number");
	expect_pw_bad("a:x:+1:0::/:", "uid is not a decimal number");
	expect_pw_bad("a:x: 1:0::/:", "uid is not a decimal number");
	expect_pw_bad("a:x:1 :0::/:", "uid is not a decimal number");
	expect_pw_bad("a:x:1x:0::/:", "uid is not a decimal number");
	expect_pw_bad("a:x:0x10:0::/:", "uid is not a decimal number");
	expect_pw_bad("a:x::0::/:", "uid is empty");
	expect_pw_bad("a:x:0:::/:", "gid is empty");
	expect_pw_bad("a:x:007:0::/:", "uid has a leading zero");
	expect_pw_bad("a:x:00:0::/:", "uid has a leading zero");

	auth_shadow_t s;
	const char *ok = "a:*:2147483647:0:::::";
	assert_int_equal(auth_shadow_parse_line(ok, strlen(ok), 1, &s, &why), AUTH_OK);
	assert_int_equal(s.last_change, 2147483647);
	assert_int_equal(s.min_age, 0);
	assert_int_equal(s.max_age, AUTH_SHADOW_UNSET);
	const char *big = "a:*:2147483648::::::";
	assert_int_equal(auth_shadow_parse_line(big, strlen(big), 1, &s, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 1: last change day is larger than 2147483647");
	const char *neg = "a:*::-1:::::";
	assert_int_equal(auth_shadow_parse_line(neg, strlen(neg), 1, &s, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 1: minimum age is not a decimal number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_AUTH_030_line_length),
		cmocka_unit_test(test_AUTH_031_comments_and_empty_lines),
		cmocka_unit_test(test_AUTH_032_control_bytes),
		cmocka_unit_test(test_AUTH_033_field_counts),
		cmocka_unit_test(test_AUTH_034_names),
		cmocka_unit_test(test_AUTH_035_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
