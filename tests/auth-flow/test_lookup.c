/*
 * Iteration, lookups, group lists and the original Aegis files
 * (spec/auth-flow.md AUTH-040..043).
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

/* The original's files (../shared/reference/original-aegis.md section 3.1). */
static const char orig_passwd[] = "root:x:0:0:root:/root:/bin/stsh\n";
static const char orig_shadow[] =
	"root:$6$5a3b9c1d2e4f6789$fvwyIjdmyvB59hifGMRFrcwhBb4cH0.3nRy2j2LpCk.aNIFNyvYQJ36Bsl94miFbD/"
	"JHICz8O1dXoegZ0OmOg.:19000:0:99999:7:::\n";
static const char orig_group[] = "root:x:0:root\nwheel:x:999:root\n";

static const char passwd_file[] =
	"root:x:0:0:root:/root:/bin/stsh\n"
	"# service accounts\n"
	"daemon:*:1:1::/:\n"
	"\n"
	"toor:x:0:0:second root:/root:/bin/sh\n"
	"alice:x:1000:1000:Alice:/home/alice:/bin/stsh\n";

/* AUTH-040: iteration order, line numbers, end, recovery after a bad line, validate. */
static void test_AUTH_040_iteration(void **state)
{
	(void)state;
	const char *names[] = {"root", "daemon", "toor", "alice"};
	const unsigned lines[] = {1, 3, 5, 6};
	auth_file_iter_t it;
	auth_passwd_t e;
	auth_reason_t why;
	size_t n;

	auth_file_iter_init(&it, passwd_file, strlen(passwd_file));
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_OK);
		assert_string_equal(e.name, names[i]);
		assert_int_equal(e.line_no, lines[i]);
	}
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_NOT_FOUND);
	assert_int_equal(auth_passwd_validate(passwd_file, strlen(passwd_file), &n, &why), AUTH_OK);
	assert_int_equal(n, 4);

	const char mixed[] = "a:x:1:1::/:\nbad line\nb:x:2:2::/:\nc:x:3\n";
	auth_file_iter_init(&it, mixed, strlen(mixed));
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_OK);
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 2: expected 7 fields, found 1");
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_OK);
	assert_string_equal(e.name, "b");
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 4: expected 7 fields, found 3");
	assert_int_equal(auth_passwd_next(&it, &e, &why), AUTH_NOT_FOUND);
	assert_int_equal(auth_passwd_validate(mixed, strlen(mixed), &n, &why), AUTH_MALFORMED);
	assert_int_equal(n, 1);
	assert_string_equal(why.text, "line 2: expected 7 fields, found 1");

	auth_shadow_t s;
	const char sh[] = "a:!:::::::\nb:*:::::::\n";
	auth_file_iter_init(&it, sh, strlen(sh));
	assert_int_equal(auth_shadow_next(&it, &s, &why), AUTH_OK);
	assert_int_equal(auth_shadow_next(&it, &s, &why), AUTH_OK);
	assert_string_equal(s.name, "b");
	assert_int_equal(auth_shadow_next(&it, &s, &why), AUTH_NOT_FOUND);
	assert_int_equal(auth_shadow_validate(sh, strlen(sh), &n, &why), AUTH_OK);
	assert_int_equal(n, 2);

	auth_group_t g;
	auth_file_iter_init(&it, orig_group, strlen(orig_group));
	assert_int_equal(auth_group_next(&it, &g, &why), AUTH_OK);
	assert_int_equal(auth_group_next(&it, &g, &why), AUTH_OK);
	assert_string_equal(g.name, "wheel");
	assert_int_equal(auth_group_next(&it, &g, &why), AUTH_NOT_FOUND);
	assert_int_equal(auth_group_validate("g:x:1:a,,b\n", 11, &n, &why), AUTH_MALFORMED);
}

/* AUTH-041: lookups by name, uid and gid; fail closed on bad lines and duplicate names. */
static void test_AUTH_041_lookups(void **state)
{
	(void)state;
	auth_passwd_t e;
	auth_shadow_t s;
	auth_group_t g;
	auth_reason_t why;
	size_t len = strlen(passwd_file);

	assert_int_equal(auth_passwd_find_name(passwd_file, len, "alice", &e, &why), AUTH_OK);
	assert_int_equal(e.uid, 1000);
	assert_string_equal(e.home, "/home/alice");
	assert_string_equal(why.text, "");
	assert_int_equal(auth_passwd_find_name(passwd_file, len, "mallory", &e, &why), AUTH_NOT_FOUND);
	assert_int_equal(auth_passwd_find_name(passwd_file, len, "alic", &e, &why), AUTH_NOT_FOUND);
	assert_int_equal(auth_passwd_find_name(passwd_file, len, "", &e, &why), AUTH_NOT_FOUND);
	/* by uid the first match wins: root and toor share 0 */
	assert_int_equal(auth_passwd_find_uid(passwd_file, len, 0, &e, &why), AUTH_OK);
	assert_string_equal(e.name, "root");
	assert_int_equal(auth_passwd_find_uid(passwd_file, len, 1, &e, &why), AUTH_OK);
	assert_string_equal(e.name, "daemon");
	assert_int_equal(auth_passwd_find_uid(passwd_file, len, 4242, &e, &why), AUTH_NOT_FOUND);

	/* a bad line after the match still fails the lookup */
	char *bad_after = malloc(len + 32);
	assert_non_null(bad_after);
	snprintf(bad_after, len + 32, "%sjunk:x\n", passwd_file);
	assert_int_equal(auth_passwd_find_name(bad_after, strlen(bad_after), "root", &e, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 7: expected 7 fields, found 2");
	assert_int_equal(auth_passwd_find_uid(bad_after, strlen(bad_after), 0, &e, &why), AUTH_MALFORMED);
	free(bad_after);

	/* duplicate names: refused for name lookups, in all three files */
	const char dup_pw[] = "root:x:0:0::/root:\nroot:x:5:5::/tmp:\n";
	assert_int_equal(auth_passwd_find_name(dup_pw, strlen(dup_pw), "root", &e, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 2: duplicate entry for this name (first on line 1)");
	const char dup_sh[] = "root:!:::::::\nx:*:::::::\nroot:$6$a$b:::::::\n";
	assert_int_equal(auth_shadow_find_name(dup_sh, strlen(dup_sh), "root", &s, &why), AUTH_MALFORMED);
	assert_string_equal(why.text, "line 3: duplicate entry for this name (first on line 1)");
	assert_int_equal(auth_shadow_find_name(dup_sh, strlen(dup_sh), "x", &s, &why), AUTH_OK);
	assert_string_equal(s.hash, "*");
	const char dup_gr[] = "wheel:x:1:\nwheel:x:2:\n";
	assert_int_equal(auth_group_find_name(dup_gr, strlen(dup_gr), "wheel", &g, &why), AUTH_MALFORMED);
	/* by gid the first match wins */
	const char gids[] = "a:x:7:\nb:x:7:\n";
	assert_int_equal(auth_group_find_gid(gids, strlen(gids), 7, &g, &why), AUTH_OK);
	assert_string_equal(g.name, "a");
	assert_int_equal(auth_group_find_gid(gids, strlen(gids), 8, &g, &why), AUTH_NOT_FOUND);
	assert_int_equal(auth_group_find_name(gids, strlen(gids), "b", &g, &why), AUTH_OK);
	assert_int_equal(g.gid, 7);
	assert_int_equal(auth_shadow_find_name("", 0, "root", &s, &why), AUTH_NOT_FOUND);
}

/* AUTH-042: primary gid first, member groups in file order, no repeats, no silent cut. */
static void test_AUTH_042_group_list(void **state)
{
	(void)state;
	const char file[] = "root:x:0:root\nwheel:x:999:root,alice\naudio:x:29:alice\n"
			    "alias:x:999:alice\nstaff:x:50:bob\nusers:x:100:\n";
	uint32_t gids[AUTH_GROUPS_MAX];
	size_t n = 99;
	auth_reason_t why;

	assert_int_equal(auth_group_list_for_user(file, strlen(file), "alice", 1000, gids, AUTH_GROUPS_MAX, &n,
						  &why), AUTH_OK);
	assert_int_equal(n, 3);
	assert_int_equal(gids[0], 1000);
	assert_int_equal(gids[1], 999);
	assert_int_equal(gids[2], 29);
	/* the primary group listed again as a member is not repeated */
	assert_int_equal(auth_group_list_for_user(file, strlen(file), "alice", 29, gids, AUTH_GROUPS_MAX, &n,
						  &why), AUTH_OK);
	assert_int_equal(n, 2);
	assert_int_equal(gids[0], 29);
	assert_int_equal(gids[1], 999);
	assert_int_equal(auth_group_list_for_user(file, strlen(file), "nobody", 65534, gids, AUTH_GROUPS_MAX,
						  &n, &why), AUTH_OK);
	assert_int_equal(n, 1);
	/* exactly max fits; one more is AUTH_LIMIT, not a shorter list */
	assert_int_equal(auth_group_list_for_user(file, strlen(file), "alice", 1000, gids, 3, &n, &why), AUTH_OK);
	assert_int_equal(n, 3);
	assert_int_equal(auth_group_list_for_user(file, strlen(file), "alice", 1000, gids, 2, &n, &why),
			 AUTH_LIMIT);
	assert_int_equal(n, 0);
	assert_non_null(strstr(why.text, "more than 2 groups"));
	assert_int_equal(auth_group_list_for_user(file, strlen(file), "alice", 1000, gids, 0, &n, &why),
			 AUTH_LIMIT);

	/* 33 groups for one user: over AUTH_GROUPS_MAX */
	char big[33 * 32];
	size_t used = 0;
	for (int i = 0; i < 33; i++)
		used += (size_t)snprintf(big + used, sizeof(big) - used, "g%d:x:%d:u\n", i, 2000 + i);
	assert_int_equal(auth_group_list_for_user(big, used, "u", 1, gids, AUTH_GROUPS_MAX, &n, &why), AUTH_LIMIT);
	/* a malformed group file fails the whole list */
	const char bad[] = "ok:x:1:u\nbad:x:x:u\n";
	assert_int_equal(auth_group_list_for_user(bad, strlen(bad), "u", 1, gids, AUTH_GROUPS_MAX, &n, &why),
			 AUTH_MALFORMED);
	assert_int_equal(n, 0);
}

/* AUTH-043: the original's passwd, shadow and group, and root's password. */
static void test_AUTH_043_original_files(void **state)
{
	(void)state;
	auth_passwd_t e;
	auth_shadow_t s;
	auth_reason_t why;
	uint32_t gids[AUTH_GROUPS_MAX];
	size_t n;

	assert_int_equal(auth_passwd_find_name(orig_passwd, strlen(orig_passwd), "root", &e, &why), AUTH_OK);
	assert_int_equal(e.uid, 0);
	assert_int_equal(e.gid, 0);
	assert_string_equal(e.gecos, "root");
	assert_string_equal(e.home, "/root");
	assert_string_equal(e.shell, "/bin/stsh");

	assert_int_equal(auth_shadow_find_name(orig_shadow, strlen(orig_shadow), "root", &s, &why), AUTH_OK);
	assert_int_equal(s.last_change, 19000);
	assert_int_equal(s.min_age, 0);
	assert_int_equal(s.max_age, 99999);
	assert_int_equal(s.warn_days, 7);
	assert_int_equal(s.inactive_days, AUTH_SHADOW_UNSET);
	assert_int_equal(s.expire_day, AUTH_SHADOW_UNSET);
	assert_int_equal(auth_verify_password(&s, "forevervigilant", &why), AUTH_OK);
	assert_int_equal(auth_verify_password(&s, "forevervigilant\n", &why), AUTH_DENY);

	assert_int_equal(auth_group_list_for_user(orig_group, strlen(orig_group), "root", e.gid, gids,
						  AUTH_GROUPS_MAX, &n, &why), AUTH_OK);
	assert_int_equal(n, 2);
	assert_int_equal(gids[0], 0);
	assert_int_equal(gids[1], 999);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_AUTH_040_iteration),
		cmocka_unit_test(test_AUTH_041_lookups),
		cmocka_unit_test(test_AUTH_042_group_list),
		cmocka_unit_test(test_AUTH_043_original_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
