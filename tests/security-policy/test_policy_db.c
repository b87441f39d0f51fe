/*
 * Tests of the policy registry and the exec-time decision
 * (spec/security-policy.md POL-010..POL-030): file names, registration
 * errors, the report marker, matching on the canonical path with owner and
 * mode, and the two tiers as exec applies them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_policy.h"
#include "cap/cap_proc.h"

#define K(kind) (1u << (kind))
#define MODE_BIN 0100755u

static char warnings[8192];
static size_t warn_count;
#include "common/console_capture.h"

static cap_policy_db_t db;

static void collect(void *ctx, const char *file, unsigned line, const char *reason)
{
	(void)ctx;
	size_t used = strlen(warnings);
	snprintf(warnings + used, sizeof(warnings) - used, "%s:%u: %s\n", file, line, reason);
	warn_count++;
}

static int reset(void **state)
{
	(void)state;
	warnings[0] = '\0';
	warn_count = 0;
	serial_len = 0;
	serial_out[0] = '\0';
	memset(&db, 0xcc, sizeof(db));
	cap_policy_db_init(&db);
	return 0;
}

static int add(const char *name, const char *text)
{
	return cap_policy_db_add(&db, name, strlen(name), (const uint8_t *)text, strlen(text), collect, NULL);
}

/* POL-010: caps.d/<name> is the policy of /bin/<name>; name rules. */
static void test_POL_010_names(void **state)
{
	(void)state;
	assert_int_equal(add("login", "service AUTH SETUID\n"), 0);
	assert_int_equal(add("gui-installer", "admin DISK_ADMIN AUTH\n"), 0);
	assert_int_equal(add("x_1.2", "service FB\n"), 0);
	assert_int_equal(db.count, 3);
	assert_true(cap_policy_name_valid("a", 1));
	char longest[CAP_POLICY_NAME_MAX + 2];
	memset(longest, 'n', sizeof(longest));
	assert_true(cap_policy_name_valid(longest, CAP_POLICY_NAME_MAX));
	assert_false(cap_policy_name_valid(longest, CAP_POLICY_NAME_MAX + 1));
	assert_false(cap_policy_name_valid("", 0));
	assert_false(cap_policy_name_valid(NULL, 3));
	assert_false(cap_policy_name_valid(".hidden", 7));
	assert_false(cap_policy_name_valid("..", 2));
	assert_false(cap_policy_name_valid("a/b", 3));
	assert_false(cap_policy_name_valid("a b", 3));
	assert_false(cap_policy_name_valid("a\0b", 3));
	assert_int_equal(add(".login", "service AUTH\n"), -EINVAL);
	assert_int_equal(cap_policy_db_add(&db, "bad\x01name", 8, (const uint8_t *)"service FB", 10, collect, NULL),
	                 -EINVAL);
	assert_int_equal(db.count, 3);
	assert_string_equal(warnings, "/etc/aegis/caps.d:0: invalid policy file name '.login'\n"
	                              "/etc/aegis/caps.d:0: invalid policy file name 'bad?name'\n");
	/* Warnings from inside a file name the file. */
	reset(NULL);
	assert_int_equal(add("dhcp", "service NET_SOCKET\nservice NET_ADMINX\n"), 0);
	assert_string_equal(warnings, "/etc/aegis/caps.d/dhcp:2: unknown capability 'NET_ADMINX'\n");
}

/* POL-011: a file that grants nothing is not registered. */
static void test_POL_011_empty_not_registered(void **state)
{
	(void)state;
	assert_int_equal(add("citadel-dock", "service\n"), -ENODATA);
	assert_int_equal(add("notes", "# nothing here\n"), -ENODATA);
	assert_int_equal(add("empty", ""), -ENODATA);
	assert_int_equal(db.count, 0);
	assert_string_equal(warnings, "/etc/aegis/caps.d/citadel-dock:1: tier 'service' lists no capabilities\n");
	assert_null(cap_policy_match(&db, "/bin/citadel-dock", 0, MODE_BIN));
}

/* POL-012: at most 64 policies, no duplicate names, each error its own code. */
static void test_POL_012_capacity_and_errors(void **state)
{
	(void)state;
	char name[16];
	for (unsigned i = 0; i < CAP_POLICY_DB_MAX; i++) {
		snprintf(name, sizeof(name), "prog%u", i);
		assert_int_equal(add(name, "service FB\n"), 0);
	}
	assert_int_equal(db.count, 64);
	assert_int_equal(add("prog3", "service FB\n"), -EEXIST);
	assert_int_equal(add("one-more", "service FB\n"), -ENOSPC);
	assert_int_equal(db.count, 64);
	assert_string_equal(warnings, "/etc/aegis/caps.d:0: policy 'prog3' already registered\n"
	                              "/etc/aegis/caps.d:0: policy table full (64), 'one-more' ignored\n");
	reset(NULL);
	static uint8_t big[CAP_POLICY_FILE_MAX + 1];
	memset(big, '#', sizeof(big));
	assert_int_equal(cap_policy_db_add(&db, "big", 3, big, sizeof(big), collect, NULL), -EFBIG);
	assert_int_equal(db.count, 0);
	assert_string_equal(warnings, "/etc/aegis/caps.d/big:0: file is 4097 bytes, over the 4096-byte limit\n");
	assert_int_equal(cap_policy_db_add(NULL, "x", 1, big, 1, collect, NULL), -EINVAL);
	assert_int_equal(cap_policy_db_add(&db, NULL, 1, big, 1, collect, NULL), -EINVAL);
	assert_int_equal(cap_policy_db_add(&db, "x", 1, NULL, 1, collect, NULL), -EINVAL);
}

/* POL-013: the load report marker. */
static void test_POL_013_report(void **state)
{
	(void)state;
	assert_int_equal(add("login", "service AUTH SETUID\n"), 0);
	assert_int_equal(add("httpd", "service NET_SOCKET\n"), 0);
	cap_policy_db_report(&db);
	assert_string_equal(serial_out, "[CAP_POLICY] OK: 2 policies loaded\n");
}

/* POL-020: only the canonical /bin/<name>, root-owned, regular, not group/other-writable. */
static void test_POL_020_match(void **state)
{
	(void)state;
	assert_int_equal(add("login", "service AUTH SETUID\n"), 0);
	const cap_policy_t *p = cap_policy_match(&db, "/bin/login", 0, MODE_BIN);
	assert_non_null(p);
	assert_int_equal(p->service, K(CAP_KIND_AUTH) | K(CAP_KIND_SETUID));
	assert_non_null(cap_policy_match(&db, "/bin/login", 0, 0100500u));
	/* Wrong place: the original's basename match would have given AUTH and SETUID. */
	assert_null(cap_policy_match(&db, "/tmp/login", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "/tmp/malicious/login", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "/sbin/login", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "/usr/bin/login", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "login", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "/bin/login2", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "/bin/logi", 0, MODE_BIN));
	/* Not canonical. */
	assert_null(cap_policy_match(&db, "/bin//login", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "//bin/login", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "/bin/./login", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "/bin/../bin/login", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "/bin/login/", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, "/bin/x/../login", 0, MODE_BIN));
	/* Wrong owner or mode. */
	assert_null(cap_policy_match(&db, "/bin/login", 1000, MODE_BIN));
	assert_null(cap_policy_match(&db, "/bin/login", 0, 0100775u));
	assert_null(cap_policy_match(&db, "/bin/login", 0, 0100757u));
	assert_null(cap_policy_match(&db, "/bin/login", 0, 0100777u));
	assert_null(cap_policy_match(&db, "/bin/login", 0, 0120777u)); /* a symlink itself */
	assert_null(cap_policy_match(&db, "/bin/login", 0, 0040755u)); /* a directory */
	/* NULL inputs. */
	assert_null(cap_policy_match(NULL, "/bin/login", 0, MODE_BIN));
	assert_null(cap_policy_match(&db, NULL, 0, MODE_BIN));
	/* A very long path is handled without reading past its end. */
	char longpath[300];
	memset(longpath, 'a', sizeof(longpath));
	memcpy(longpath, "/bin/", 5);
	longpath[sizeof(longpath) - 1] = '\0';
	assert_null(cap_policy_match(&db, longpath, 0, MODE_BIN));
}

/* POL-030: service always, admin only in an authenticated session, at exec. */
static void test_POL_030_tiers_at_exec(void **state)
{
	(void)state;
	assert_int_equal(add("stsh", "admin DISK_ADMIN POWER CAP_DELEGATE CAP_QUERY CAP_GRANT\nadmin PROC_READ\n"), 0);
	assert_int_equal(add("dhcp", "service NET_SOCKET NET_ADMIN\n"), 0);
	cap_proc_t proc;
	cap_proc_init_for_pid1(&proc);
	proc.held.slot[CAP_KIND_POWER - 1].rights = 0; /* let POWER show only through policy */
	proc.held.slot[CAP_KIND_POWER - 1].kind = 0;
	assert_int_equal(cap_proc_exec(&proc, cap_policy_match(&db, "/bin/stsh", 0, MODE_BIN)), 0);
	assert_int_equal(cap_table_rights(&proc.held, CAP_KIND_POWER), 0);
	assert_int_equal(cap_table_rights(&proc.held, CAP_KIND_PROC_READ), CAP_RIGHTS_READ);
	assert_int_equal(cap_proc_exec(&proc, cap_policy_match(&db, "/bin/dhcp", 0, MODE_BIN)), 0);
	assert_int_equal(cap_table_rights(&proc.held, CAP_KIND_NET_ADMIN), CAP_RIGHTS_ALL);
	proc.authenticated = true;
	assert_int_equal(cap_proc_exec(&proc, cap_policy_match(&db, "/bin/stsh", 0, MODE_BIN)), 0);
	assert_int_equal(cap_table_rights(&proc.held, CAP_KIND_POWER), CAP_RIGHTS_ALL);
	assert_int_equal(cap_table_rights(&proc.held, CAP_KIND_CAP_GRANT), CAP_RIGHTS_ALL);
	assert_int_equal(cap_table_rights(&proc.held, CAP_KIND_PROC_READ), CAP_RIGHTS_ALL);
	assert_int_equal(cap_table_rights(&proc.held, CAP_KIND_NET_ADMIN), 0);
	/* The same program copied to /tmp gets the baseline only, even authenticated. */
	assert_int_equal(cap_proc_exec(&proc, cap_policy_match(&db, "/tmp/stsh", 0, MODE_BIN)), 0);
	assert_int_equal(cap_table_count(&proc.held), CAP_BASELINE_COUNT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_POL_010_names, reset),
		cmocka_unit_test_setup(test_POL_011_empty_not_registered, reset),
		cmocka_unit_test_setup(test_POL_012_capacity_and_errors, reset),
		cmocka_unit_test_setup(test_POL_013_report, reset),
		cmocka_unit_test_setup(test_POL_020_match, reset),
		cmocka_unit_test_setup(test_POL_030_tiers_at_exec, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
