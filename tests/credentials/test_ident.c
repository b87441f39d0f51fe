/*
 * Tests of the userland identity library (spec/credentials.md CRED-100..104):
 * initgroups over sample group files with a recording stand-in for
 * setgroups, the names id and groups print, the order groups are shown in,
 * and the shipped /etc/passwd and /etc/group.
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

#include "ident/ident_initgroups.h"
#include "ident/ident_names.h"
#include "ident/ident_who.h"
#include "libauth/group.h"
#include "libauth/passwd.h"
#include "proc/cred.h"

#define NO_GID 0xFFFFFFFFu
#define SAMPLE_MAX 16384
#define UNCALLED (-1L)
#define MANY_BASE 2000u

static uint32_t set_list[IDENT_NGROUPS_MAX + 1];
static long set_count = UNCALLED;
static long set_answer;

/* The stand-in for setgroups: records what it was given, answers set_answer. */
static long fake_setgroups(size_t size, const uint32_t *list)
{
	set_count = (long)size;
	if (size <= IDENT_NGROUPS_MAX)
		memcpy(set_list, list, size * sizeof(*list));
	return set_answer;
}

static void fake_reset(long answer)
{
	set_count = UNCALLED;
	set_answer = answer;
}

static long initgroups_text(const char *file, const char *user, uint32_t gid, auth_reason_t *why)
{
	return ident_initgroups_from(file, strlen(file), user, gid, fake_setgroups, why);
}

/* CRED-001 CRED-101: the library's bound is the kernel's. */
static void test_CRED_101_bound_is_the_kernels(void **state)
{
	(void)state;
	assert_int_equal(IDENT_NGROUPS_MAX, CRED_NGROUPS_MAX);
}

/* CRED-101: the primary gid, then every group naming the user, in file order, each once. */
static void test_CRED_101_list(void **state)
{
	const char *file = "# groups\n"
			   "root:x:0:root\n"
			   "staff:x:50:alice,bob\n"
			   "\n"
			   "wheel:x:999:bob,root\n"
			   "users:x:100:\n"
			   "again:x:50:bob\n"
			   "ops:x:70:carol,bob";
	auth_reason_t why;

	(void)state;
	fake_reset(0);
	assert_int_equal(initgroups_text(file, "bob", 100, &why), 0);
	assert_int_equal(set_count, 4);
	assert_int_equal(set_list[0], 100);
	assert_int_equal(set_list[1], 50);
	assert_int_equal(set_list[2], 999);
	assert_int_equal(set_list[3], 70);
	fake_reset(0);
	assert_int_equal(initgroups_text(file, "bob", 50, &why), 0); /* primary also listed: once */
	assert_int_equal(set_count, 3);
	assert_int_equal(set_list[0], 50);
	assert_int_equal(set_list[1], 999);
	assert_int_equal(set_list[2], 70);
	fake_reset(0);
	assert_int_equal(initgroups_text(file, "dave", 7, &why), 0); /* in no group */
	assert_int_equal(set_count, 1);
	assert_int_equal(set_list[0], 7);
	fake_reset(0);
	assert_int_equal(ident_initgroups_from("", 0, "bob", 3, fake_setgroups, &why), 0); /* empty file */
	assert_int_equal(set_count, 1);
	assert_int_equal(set_list[0], 3);
	fake_reset(0);
	assert_int_equal(ident_initgroups_from("ab", 0, "bob", 3, fake_setgroups, &why), 0); /* len counts */
	assert_int_equal(set_count, 1);
}

/* CRED-102: a malformed line anywhere refuses with the parser's reason; setgroups is not called. */
static void test_CRED_102_malformed(void **state)
{
	static const struct {
		const char *file;
		const char *reason;
	} bad[] = {
		{ "a:x:1:bob\nb:x:2\n", "line 2: expected 4 fields, found 3" },
		{ "a:x:1:bob\nb:x:2:bob,,carol\n", "line 2: member 2 is empty" },
		{ "a:x:01:bob\n", "line 1: gid has a leading zero" },
		{ "a:x:1:bob\r\n", "line 1: control byte 0x0d at column 10" },
		{ "a:x:-1:bob\n", "line 1: gid is not a decimal number" },
		{ "1a:x:1:bob\n", "line 1: group name must start with a letter or '_'" },
		{ "a:x:1:bob\nz:x:4294967295:bob\n", "line 2: gid is larger than 4294967294" },
	};
	auth_reason_t why;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fake_reset(0);
		assert_int_equal(initgroups_text(bad[i].file, "bob", 1, &why), -EINVAL);
		assert_string_equal(why.text, bad[i].reason);
		assert_int_equal(set_count, UNCALLED);
	}
}

/* Text of a group file naming user in count groups (gids MANY_BASE..), plus one without. */
static void many_groups(char *buf, size_t cap, const char *user, unsigned count)
{
	size_t at = 0;

	at += (size_t)snprintf(buf + at, cap - at, "other:x:1:someone\n");
	for (unsigned i = 0; i < count; i++)
		at += (size_t)snprintf(buf + at, cap - at, "g%u:x:%u:x%u,%s,y%u\n", i, MANY_BASE + i, i, user, i);
	assert_true(at < cap);
}

/* CRED-101 CRED-102: the user in many groups, up to the kernel's bound and one past it. */
static void test_CRED_102_too_many(void **state)
{
	static char buf[SAMPLE_MAX];
	auth_reason_t why;

	(void)state;
	many_groups(buf, sizeof(buf), "bob", IDENT_NGROUPS_MAX - 1); /* with the primary: exactly 64 */
	fake_reset(0);
	assert_int_equal(ident_initgroups_from(buf, strlen(buf), "bob", 5, fake_setgroups, &why), 0);
	assert_int_equal(set_count, IDENT_NGROUPS_MAX);
	assert_int_equal(set_list[0], 5);
	for (unsigned i = 1; i < IDENT_NGROUPS_MAX; i++)
		assert_int_equal(set_list[i], MANY_BASE + i - 1);
	many_groups(buf, sizeof(buf), "bob", IDENT_NGROUPS_MAX); /* 65; the 64th group (line 65) is one too many */
	fake_reset(0);
	assert_int_equal(ident_initgroups_from(buf, strlen(buf), "bob", 5, fake_setgroups, &why), -E2BIG);
	assert_string_equal(why.text, "line 65: user is in more than 64 groups");
	assert_int_equal(set_count, UNCALLED);
	/* A primary gid that is also one of the groups counts once: 64 groups fit then. */
	fake_reset(0);
	assert_int_equal(ident_initgroups_from(buf, strlen(buf), "bob", MANY_BASE, fake_setgroups, &why), 0);
	assert_int_equal(set_count, IDENT_NGROUPS_MAX);
	many_groups(buf, sizeof(buf), "bob", IDENT_NGROUPS_MAX - 1);
	fake_reset(0);
	assert_int_equal(ident_initgroups_from(buf, strlen(buf), "bob", MANY_BASE, fake_setgroups, &why), 0);
	assert_int_equal(set_count, IDENT_NGROUPS_MAX - 1);
}

/* CRED-102: bad arguments are judged first; setgroups' refusal is returned with a reason. */
static void test_CRED_102_arguments_and_refusal(void **state)
{
	const char *file = "a:x:1:bob\n";
	auth_reason_t why;

	(void)state;
	fake_reset(0);
	assert_int_equal(initgroups_text(file, "", 1, &why), -EINVAL);
	assert_int_equal(initgroups_text(file, "bad name", 1, &why), -EINVAL);
	assert_int_equal(initgroups_text(file, "bob", NO_GID, &why), -EINVAL);
	assert_int_equal(ident_initgroups_from(file, strlen(file), NULL, 1, fake_setgroups, &why), -EINVAL);
	assert_int_equal(ident_initgroups_from(file, strlen(file), "bob", 1, NULL, &why), -EINVAL);
	assert_int_equal(ident_initgroups_from(NULL, 1, "bob", 1, fake_setgroups, &why), -EINVAL);
	assert_int_equal(initgroups_text("a:x:1\n", "bad name", NO_GID, &why), -EINVAL); /* no crash, name first */
	assert_int_equal(set_count, UNCALLED);
	fake_reset(-ENOCAP);
	assert_int_equal(initgroups_text(file, "bob", 2, &why), -ENOCAP);
	assert_int_equal(set_count, 2);
	assert_string_equal(why.text, "setgroups of 2 groups refused: -130");
	fake_reset(0);
	assert_int_equal(initgroups_text(file, "bob", 2, NULL), 0); /* a NULL reason is allowed */
}

static const char sample_passwd[] = "root:x:0:0:root:/root:/bin/stsh\n"
				    "alice:x:1000:100:Alice:/home/alice:\n"
				    "twin:x:1000:100::/home/twin:\n";
static const char sample_group[] = "root:x:0:root\n"
				   "users:x:100:\n"
				   "wheel:x:999:root,alice\n";

/* CRED-104: names from the files, numbers when there is none. */
static void test_CRED_104_names(void **state)
{
	static ident_db_t db;
	char text[IDENT_ID_TEXT_MAX];

	(void)state;
	ident_db_set(&db, sample_passwd, strlen(sample_passwd), sample_group, strlen(sample_group));
	assert_null(ident_db_problem(&db));
	ident_user_text(&db, 0, text);
	assert_string_equal(text, "0(root)");
	ident_user_text(&db, 1000, text); /* by uid the first entry wins */
	assert_string_equal(text, "1000(alice)");
	ident_user_text(&db, 4294967294u, text);
	assert_string_equal(text, "4294967294");
	ident_group_text(&db, 999, text);
	assert_string_equal(text, "999(wheel)");
	ident_group_text(&db, 5, text);
	assert_string_equal(text, "5");
	assert_false(ident_user_name(&db, 0, text, 4)); /* too small for "root" and its NUL */
	/* No files: numbers, and no problem to report. */
	ident_db_set(&db, NULL, 0, NULL, 0);
	assert_null(ident_db_problem(&db));
	ident_user_text(&db, 0, text);
	assert_string_equal(text, "0");
	ident_group_text(&db, 0, text);
	assert_string_equal(text, "0");
}

/* CRED-104: a malformed file gives numbers and a reason naming the file and the line. */
static void test_CRED_104_malformed_files(void **state)
{
	static ident_db_t db;
	static const char bad_group[] = "root:x:0:root\nusers:x:100\n";
	static const char bad_passwd[] = "root:x:0:0:root:root:/bin/stsh\n";
	char text[IDENT_ID_TEXT_MAX];

	(void)state;
	ident_db_set(&db, sample_passwd, strlen(sample_passwd), bad_group, strlen(bad_group));
	assert_string_equal(ident_db_problem(&db), "/etc/group: line 2: expected 4 fields, found 3");
	ident_group_text(&db, 0, text); /* line 1 is fine, but the file is not trusted */
	assert_string_equal(text, "0");
	ident_user_text(&db, 0, text);
	assert_string_equal(text, "0(root)");
	ident_db_set(&db, bad_passwd, strlen(bad_passwd), bad_group, strlen(bad_group));
	assert_string_equal(ident_db_problem(&db), "/etc/passwd: line 1: home is not an absolute path");
	ident_user_text(&db, 0, text);
	assert_string_equal(text, "0");
}

/* CRED-104: rgid, egid when it differs, then each supplementary gid not already shown. */
static void test_CRED_104_shown_order(void **state)
{
	uint32_t out[IDENT_SHOWN_GROUPS_MAX];
	uint32_t supp[IDENT_NGROUPS_MAX];
	size_t n;

	(void)state;
	n = ident_shown_groups(0, 0, NULL, 0, out);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], 0);
	supp[0] = 7;
	supp[1] = 0;
	supp[2] = 100;
	supp[3] = 7;
	supp[4] = 9;
	n = ident_shown_groups(0, 100, supp, 5, out);
	assert_int_equal(n, 4);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 100);
	assert_int_equal(out[2], 7);
	assert_int_equal(out[3], 9);
	for (unsigned i = 0; i < IDENT_NGROUPS_MAX; i++)
		supp[i] = MANY_BASE + i;
	n = ident_shown_groups(1, 2, supp, IDENT_NGROUPS_MAX, out); /* the most there can be */
	assert_int_equal(n, IDENT_SHOWN_GROUPS_MAX);
	assert_int_equal(out[IDENT_SHOWN_GROUPS_MAX - 1], MANY_BASE + IDENT_NGROUPS_MAX - 1);
}

/* CRED-105 CRED-107: a named account's identity is its passwd IDs and initgroups' list. */
static void test_CRED_105_named_account(void **state)
{
	static ident_db_t db;
	ident_who_t who;

	(void)state;
	ident_db_set(&db, sample_passwd, strlen(sample_passwd), sample_group, strlen(sample_group));
	assert_int_equal(ident_who_user(&db, "alice", &who), 0);
	assert_true(who.ruid == 1000 && who.euid == 1000 && who.rgid == 100 && who.egid == 100);
	assert_int_equal(who.ngroups, 2);
	assert_int_equal(who.groups[0], 100);
	assert_int_equal(who.groups[1], 999);
	assert_int_equal(ident_who_user(&db, "nobody", &who), -ENOENT);
	ident_db_set(&db, sample_passwd, strlen(sample_passwd), NULL, 0);
	assert_int_equal(ident_who_user(&db, "root", &who), 0); /* no /etc/group: the primary alone */
	assert_int_equal(who.ngroups, 1);
	ident_db_set(&db, NULL, 0, sample_group, strlen(sample_group));
	assert_int_equal(ident_who_user(&db, "root", &who), -EINVAL);
}

static char *read_source(const char *rel, size_t *len)
{
	const char *root = getenv("AEGIS_ROOT");
	char path[512];
	static char buf[2][SAMPLE_MAX];
	static int which;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root ? root : ".", rel);
	f = fopen(path, "rb");
	assert_non_null(f);
	char *b = buf[which++ % 2];
	*len = fread(b, 1, SAMPLE_MAX, f);
	fclose(f);
	assert_true(*len < SAMPLE_MAX);
	return b;
}

/* CRED-100: the shipped files parse, agree with each other, and name the accounts the spec lists. */
static void test_CRED_100_shipped_files(void **state)
{
	static const struct {
		const char *name;
		uint32_t id;
	} accounts[] = { { "root", 0 }, { "dhcp", 101 }, { "httpd", 102 }, { "chronos", 103 } };
	size_t plen, glen, entries;
	const char *pw = read_source("src/rootfs/etc/passwd", &plen);
	const char *gr = read_source("src/rootfs/etc/group", &glen);
	auth_file_iter_t it;
	auth_passwd_t p;
	auth_group_t g;
	auth_reason_t why;

	(void)state;
	assert_int_equal(auth_passwd_validate(pw, plen, &entries, &why), AUTH_OK);
	assert_int_equal(entries, 4);
	assert_int_equal(auth_group_validate(gr, glen, &entries, &why), AUTH_OK);
	assert_int_equal(entries, 5);
	for (size_t i = 0; i < sizeof(accounts) / sizeof(accounts[0]); i++) {
		assert_int_equal(auth_passwd_find_name(pw, plen, accounts[i].name, &p, &why), AUTH_OK);
		assert_int_equal(p.uid, accounts[i].id);
		assert_int_equal(p.gid, accounts[i].id);
		assert_int_equal(auth_group_find_name(gr, glen, accounts[i].name, &g, &why), AUTH_OK);
		assert_int_equal(g.gid, accounts[i].id);
	}
	assert_int_equal(auth_group_find_name(gr, glen, "wheel", &g, &why), AUTH_OK);
	assert_int_equal(g.gid, 999);
	/* Every uid and gid once (names are unique by the lookups above), every member a user. */
	auth_file_iter_init(&it, pw, plen);
	while (auth_passwd_next(&it, &p, &why) == AUTH_OK) {
		auth_passwd_t first;
		assert_int_equal(auth_passwd_find_uid(pw, plen, p.uid, &first, &why), AUTH_OK);
		assert_int_equal(first.line_no, p.line_no);
		assert_int_equal(auth_passwd_find_name(pw, plen, p.name, &first, &why), AUTH_OK);
	}
	auth_file_iter_init(&it, gr, glen);
	while (auth_group_next(&it, &g, &why) == AUTH_OK) {
		auth_group_t first;
		assert_int_equal(auth_group_find_gid(gr, glen, g.gid, &first, &why), AUTH_OK);
		assert_int_equal(first.line_no, g.line_no);
		assert_int_equal(auth_group_find_name(gr, glen, g.name, &first, &why), AUTH_OK);
		for (const char *m = auth_group_next_member(&g, NULL); m; m = auth_group_next_member(&g, m))
			assert_int_equal(auth_passwd_find_name(pw, plen, m, &p, &why), AUTH_OK);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_CRED_101_bound_is_the_kernels),
		cmocka_unit_test(test_CRED_101_list),
		cmocka_unit_test(test_CRED_102_malformed),
		cmocka_unit_test(test_CRED_102_too_many),
		cmocka_unit_test(test_CRED_102_arguments_and_refusal),
		cmocka_unit_test(test_CRED_104_names),
		cmocka_unit_test(test_CRED_104_malformed_files),
		cmocka_unit_test(test_CRED_104_shown_order),
		cmocka_unit_test(test_CRED_105_named_account),
		cmocka_unit_test(test_CRED_100_shipped_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
