/*
 * Tests of the capability ABI and the table core (spec/capability-model.md
 * CAP-001..CAP-040): one test per requirement, each error case on its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/cap.h>
#include <aegis/syscall_nr.h>
#include <aegis/errno.h>

#include "cap/cap_names.h"
#include "cap/cap_table.h"

static cap_table_t table, other;

static int reset(void **state)
{
	(void)state;
	memset(&table, 0xa5, sizeof(table));
	memset(&other, 0x5a, sizeof(other));
	cap_table_clear(&table);
	cap_table_clear(&other);
	return 0;
}

static void assert_tables_equal(const cap_table_t *a, const cap_table_t *b)
{
	assert_memory_equal(a, b, sizeof(*a));
}

/* CAP-001: kinds, values and names, both directions. */
static void test_CAP_001_kinds_and_names(void **state)
{
	(void)state;
	static const struct {
		uint32_t kind;
		const char *name;
	} expect[] = {
		{1, "VFS_OPEN"},   {2, "VFS_WRITE"},  {3, "VFS_READ"},       {4, "AUTH"},
		{5, "CAP_GRANT"},  {6, "SETUID"},     {7, "NET_SOCKET"},     {8, "NET_ADMIN"},
		{9, "THREAD_CREATE"}, {10, "PROC_READ"}, {11, "DISK_ADMIN"}, {12, "FB"},
		{13, "CAP_DELEGATE"}, {14, "CAP_QUERY"}, {15, "IPC"},        {16, "POWER"},
	};
	assert_int_equal(CAP_KIND_NULL, 0);
	assert_int_equal(CAP_KIND_VFS_OPEN, 1);
	assert_int_equal(CAP_KIND_AUTH, 4);
	assert_int_equal(CAP_KIND_CAP_GRANT, 5);
	assert_int_equal(CAP_KIND_PROC_READ, 10);
	assert_int_equal(CAP_KIND_CAP_DELEGATE, 13);
	assert_int_equal(CAP_KIND_CAP_QUERY, 14);
	assert_int_equal(CAP_KIND_POWER, 16);
	assert_int_equal(CAP_KIND_MAX, 16);
	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		assert_string_equal(cap_kind_name(expect[i].kind), expect[i].name);
		assert_int_equal(cap_kind_from_name(expect[i].name, strlen(expect[i].name)), expect[i].kind);
	}
	assert_null(cap_kind_name(0));
	assert_null(cap_kind_name(17));
	assert_null(cap_kind_name(UINT32_MAX));
	assert_int_equal(cap_kind_from_name("fb", 2), 0);
	assert_int_equal(cap_kind_from_name("F", 1), 0);
	assert_int_equal(cap_kind_from_name("FBX", 3), 0);
	assert_int_equal(cap_kind_from_name("VFS_OPEN", 7), 0); /* a prefix */
	assert_int_equal(cap_kind_from_name("FB\0", 3), 0);
	assert_int_equal(cap_kind_from_name("CAP_KIND_FB", 11), 0);
	assert_int_equal(cap_kind_from_name("", 0), 0);
	assert_int_equal(cap_kind_from_name(NULL, 2), 0);
}

/* CAP-002: rights bits, ENOCAP, and the rights letters. */
static void test_CAP_002_rights_and_format(void **state)
{
	(void)state;
	char buf[CAP_RIGHTS_TEXT_MAX];
	assert_int_equal(CAP_RIGHTS_READ, 1);
	assert_int_equal(CAP_RIGHTS_WRITE, 2);
	assert_int_equal(CAP_RIGHTS_EXEC, 4);
	assert_int_equal(CAP_RIGHTS_ALL, 7);
	assert_int_equal(ENOCAP, 130);
	static const char *const text[] = {"-", "r", "w", "rw", "x", "rx", "wx", "rwx"};
	for (uint32_t r = 0; r <= CAP_RIGHTS_ALL; r++) {
		assert_int_equal(cap_rights_format(r, buf, sizeof(buf)), 0);
		assert_string_equal(buf, text[r]);
	}
	assert_int_equal(cap_rights_format(8, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "?");
	assert_int_equal(cap_rights_format(0x80000001u, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "?");
	/* Too small a buffer is refused, not truncated. */
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(cap_rights_format(CAP_RIGHTS_ALL, buf, 3), -EINVAL);
	assert_int_equal(buf[0], 'Z');
	assert_int_equal(cap_rights_format(CAP_RIGHTS_READ, buf, 2), 0);
	assert_string_equal(buf, "r");
	assert_int_equal(cap_rights_format(CAP_RIGHTS_READ, NULL, 4), -EINVAL);
}

/* CAP-003: 64 slots of 8 bytes, slot k-1 for kind k, a cleared table is empty. */
static void test_CAP_003_table_layout(void **state)
{
	(void)state;
	assert_int_equal(CAP_TABLE_SLOTS, 64);
	assert_int_equal(sizeof(cap_slot_t), 8);
	assert_int_equal(offsetof(cap_slot_t, kind), 0);
	assert_int_equal(offsetof(cap_slot_t, rights), 4);
	assert_int_equal(sizeof(cap_table_t), 64 * 8);
	for (unsigned i = 0; i < CAP_TABLE_SLOTS; i++) {
		assert_int_equal(table.slot[i].kind, 0);
		assert_int_equal(table.slot[i].rights, 0);
	}
	assert_int_equal(cap_table_count(&table), 0);
	for (uint32_t k = 1; k <= CAP_KIND_MAX; k++)
		assert_int_equal(cap_table_grant(&table, k, CAP_RIGHTS_ALL), (int)k - 1);
	for (uint32_t k = 1; k <= CAP_KIND_MAX; k++) {
		assert_int_equal(table.slot[k - 1].kind, k);
		assert_int_equal(table.slot[k - 1].rights, CAP_RIGHTS_ALL);
	}
	for (unsigned i = CAP_KIND_MAX; i < CAP_TABLE_SLOTS; i++) {
		assert_int_equal(table.slot[i].kind, 0);
		assert_int_equal(table.slot[i].rights, 0);
	}
	cap_table_clear(&table);
	assert_int_equal(cap_table_count(&table), 0);
	assert_tables_equal(&table, &other);
}

/* CAP-004: system-call numbers. */
static void test_CAP_004_syscall_numbers(void **state)
{
	(void)state;
	assert_int_equal(SYS_cap_grant_exec, 361);
	assert_int_equal(SYS_cap_query, 362);
	assert_int_equal(SYS_cap_grant_runtime, 363);
	assert_int_equal(SYS_auth_session, 364);
	assert_int_equal(SYS_cap_drop, 365);
}

/* CAP-010: grant merges into one slot per kind, never duplicates, never fills. */
static void test_CAP_010_grant_merges(void **state)
{
	(void)state;
	assert_int_equal(cap_table_grant(&table, CAP_KIND_FB, CAP_RIGHTS_READ), CAP_KIND_FB - 1);
	assert_int_equal(cap_table_grant(&table, CAP_KIND_FB, CAP_RIGHTS_WRITE), CAP_KIND_FB - 1);
	assert_int_equal(cap_table_rights(&table, CAP_KIND_FB), CAP_RIGHTS_READ | CAP_RIGHTS_WRITE);
	assert_int_equal(cap_table_count(&table), 1);
	/* Granting what is held changes nothing. */
	cap_table_t before = table;
	assert_int_equal(cap_table_grant(&table, CAP_KIND_FB, CAP_RIGHTS_READ), CAP_KIND_FB - 1);
	assert_tables_equal(&table, &before);
	/* A thousand grants of every kind still fill 16 slots, no more. */
	for (int round = 0; round < 1000; round++)
		for (uint32_t k = 1; k <= CAP_KIND_MAX; k++)
			assert_true(cap_table_grant(&table, k, (uint32_t)(round % 7) + 1) >= 0);
	assert_int_equal(cap_table_count(&table), CAP_KIND_MAX);
	unsigned used = 0;
	for (unsigned i = 0; i < CAP_TABLE_SLOTS; i++)
		used += table.slot[i].kind != 0;
	assert_int_equal(used, CAP_KIND_MAX);
}

/* CAP-011: each bad argument of grant is -EINVAL and changes nothing. */
static void test_CAP_011_grant_bad_arguments(void **state)
{
	(void)state;
	assert_int_equal(cap_table_grant(&table, CAP_KIND_IPC, CAP_RIGHTS_READ), CAP_KIND_IPC - 1);
	cap_table_t before = table;
	assert_int_equal(cap_table_grant(NULL, CAP_KIND_FB, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_grant(&table, 0, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_grant(&table, 17, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_grant(&table, 64, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_grant(&table, UINT32_MAX, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_grant(&table, CAP_KIND_FB, 0), -EINVAL);
	assert_int_equal(cap_table_grant(&table, CAP_KIND_FB, 8), -EINVAL);
	assert_int_equal(cap_table_grant(&table, CAP_KIND_IPC, CAP_RIGHTS_READ | 0x100), -EINVAL);
	assert_int_equal(cap_table_grant(&table, CAP_KIND_FB, UINT32_MAX), -EINVAL);
	assert_tables_equal(&table, &before);
}

/* CAP-012: check passes exactly when requested is a subset of held, else -ENOCAP. */
static void test_CAP_012_check_subset(void **state)
{
	(void)state;
	assert_int_equal(cap_table_check(&table, CAP_KIND_FB, CAP_RIGHTS_READ), -ENOCAP);
	assert_int_equal(cap_table_grant(&table, CAP_KIND_FB, CAP_RIGHTS_READ | CAP_RIGHTS_EXEC), CAP_KIND_FB - 1);
	for (uint32_t held_kind = 1; held_kind <= CAP_KIND_MAX; held_kind++) {
		for (uint32_t want = 1; want <= CAP_RIGHTS_ALL; want++) {
			int expect = held_kind == CAP_KIND_FB && (want & ~(CAP_RIGHTS_READ | CAP_RIGHTS_EXEC)) == 0
			                 ? 0
			                 : -ENOCAP;
			assert_int_equal(cap_table_check(&table, held_kind, want), expect);
		}
	}
}

/* CAP-013: each bad argument of check is -EINVAL (rights 0 never matches). */
static void test_CAP_013_check_bad_arguments(void **state)
{
	(void)state;
	for (uint32_t k = 1; k <= CAP_KIND_MAX; k++)
		cap_table_grant(&table, k, CAP_RIGHTS_ALL);
	assert_int_equal(cap_table_check(NULL, CAP_KIND_FB, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_check(&table, 0, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_check(&table, 17, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_check(&table, UINT32_MAX, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_check(&table, CAP_KIND_FB, 0), -EINVAL);
	assert_int_equal(cap_table_check(&table, CAP_KIND_FB, 8), -EINVAL);
	assert_int_equal(cap_table_check(&table, CAP_KIND_FB, CAP_RIGHTS_ALL | 0x10), -EINVAL);
}

/* CAP-014: rights of a kind; 0 for not held, invalid kind, NULL. */
static void test_CAP_014_rights(void **state)
{
	(void)state;
	cap_table_grant(&table, CAP_KIND_POWER, CAP_RIGHTS_WRITE);
	assert_int_equal(cap_table_rights(&table, CAP_KIND_POWER), CAP_RIGHTS_WRITE);
	assert_int_equal(cap_table_rights(&table, CAP_KIND_FB), 0);
	assert_int_equal(cap_table_rights(&table, 0), 0);
	assert_int_equal(cap_table_rights(&table, 17), 0);
	assert_int_equal(cap_table_rights(NULL, CAP_KIND_POWER), 0);
}

/* CAP-015: count of held kinds. */
static void test_CAP_015_count(void **state)
{
	(void)state;
	assert_int_equal(cap_table_count(NULL), 0);
	assert_int_equal(cap_table_count(&table), 0);
	cap_table_grant(&table, CAP_KIND_POWER, CAP_RIGHTS_WRITE);
	cap_table_grant(&table, CAP_KIND_VFS_OPEN, CAP_RIGHTS_READ);
	cap_table_grant(&table, CAP_KIND_VFS_OPEN, CAP_RIGHTS_WRITE);
	assert_int_equal(cap_table_count(&table), 2);
}

/* CAP-020: delegation with CAP_DELEGATE and the rights gives exactly those rights. */
static void test_CAP_020_delegate_success(void **state)
{
	(void)state;
	cap_table_grant(&table, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_READ);
	cap_table_grant(&table, CAP_KIND_NET_SOCKET, CAP_RIGHTS_ALL);
	cap_table_grant(&other, CAP_KIND_NET_SOCKET, CAP_RIGHTS_EXEC);
	cap_table_t giver_before = table;
	assert_int_equal(cap_table_delegate(&table, &other, CAP_KIND_NET_SOCKET, CAP_RIGHTS_READ),
	                 CAP_KIND_NET_SOCKET - 1);
	assert_tables_equal(&table, &giver_before);
	assert_int_equal(cap_table_rights(&other, CAP_KIND_NET_SOCKET), CAP_RIGHTS_READ | CAP_RIGHTS_EXEC);
	assert_int_equal(cap_table_count(&other), 1);
	/* CAP_DELEGATE itself can be passed on by its holder. */
	assert_int_equal(cap_table_delegate(&table, &other, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_READ),
	                 CAP_KIND_CAP_DELEGATE - 1);
	assert_int_equal(cap_table_check(&other, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_READ), 0);
	/* Delegating to oneself is allowed and adds nothing. */
	assert_int_equal(cap_table_delegate(&table, &table, CAP_KIND_NET_SOCKET, CAP_RIGHTS_WRITE),
	                 CAP_KIND_NET_SOCKET - 1);
	assert_tables_equal(&table, &giver_before);
}

/* CAP-021: no CAP_DELEGATE(READ): -ENOCAP, nothing changes. */
static void test_CAP_021_delegate_needs_delegate(void **state)
{
	(void)state;
	cap_table_grant(&table, CAP_KIND_NET_SOCKET, CAP_RIGHTS_ALL);
	cap_table_grant(&table, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_WRITE | CAP_RIGHTS_EXEC);
	cap_table_t before = other;
	assert_int_equal(cap_table_delegate(&table, &other, CAP_KIND_NET_SOCKET, CAP_RIGHTS_READ), -ENOCAP);
	assert_tables_equal(&other, &before);
}

/* CAP-022: the giver never passes on rights it lacks. */
static void test_CAP_022_delegate_no_amplification(void **state)
{
	(void)state;
	cap_table_grant(&table, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_READ);
	cap_table_grant(&table, CAP_KIND_NET_SOCKET, CAP_RIGHTS_READ);
	cap_table_t before = other;
	assert_int_equal(cap_table_delegate(&table, &other, CAP_KIND_NET_SOCKET, CAP_RIGHTS_READ | CAP_RIGHTS_WRITE),
	                 -ENOCAP);
	assert_int_equal(cap_table_delegate(&table, &other, CAP_KIND_NET_SOCKET, CAP_RIGHTS_WRITE), -ENOCAP);
	assert_int_equal(cap_table_delegate(&table, &other, CAP_KIND_POWER, CAP_RIGHTS_READ), -ENOCAP);
	assert_tables_equal(&other, &before);
}

/* CAP-023: bad arguments of delegation are -EINVAL, judged before capabilities. */
static void test_CAP_023_delegate_bad_arguments(void **state)
{
	(void)state;
	cap_table_t before = other; /* the giver holds nothing: EINVAL still wins */
	assert_int_equal(cap_table_delegate(NULL, &other, CAP_KIND_FB, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_delegate(&table, NULL, CAP_KIND_FB, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_delegate(&table, &other, 0, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_delegate(&table, &other, 17, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_table_delegate(&table, &other, CAP_KIND_FB, 0), -EINVAL);
	assert_int_equal(cap_table_delegate(&table, &other, CAP_KIND_FB, 9), -EINVAL);
	assert_tables_equal(&other, &before);
}

/* CAP-040: query copies min(n, 64) slots in slot order, empties included. */
static void test_CAP_040_query(void **state)
{
	(void)state;
	cap_slot_t out[CAP_TABLE_SLOTS + 2];
	cap_table_grant(&table, CAP_KIND_VFS_READ, CAP_RIGHTS_READ);
	cap_table_grant(&table, CAP_KIND_POWER, CAP_RIGHTS_WRITE);
	memset(out, 0xee, sizeof(out));
	assert_int_equal(cap_table_query(&table, out, CAP_TABLE_SLOTS + 2), CAP_TABLE_SLOTS);
	assert_memory_equal(out, table.slot, sizeof(table.slot));
	assert_int_equal(out[CAP_TABLE_SLOTS].kind, 0xeeeeeeeeu); /* nothing past 64 written */
	assert_int_equal(out[2].kind, CAP_KIND_VFS_READ);
	assert_int_equal(out[15].kind, CAP_KIND_POWER);
	assert_int_equal(out[15].rights, CAP_RIGHTS_WRITE);
	assert_int_equal(out[0].kind, 0);
	/* What query reports is what check honours. */
	for (unsigned i = 0; i < CAP_TABLE_SLOTS; i++) {
		for (uint32_t r = 1; r <= CAP_RIGHTS_ALL; r++) {
			if (i < CAP_KIND_MAX) {
				int expect = out[i].kind == i + 1 && (out[i].rights & r) == r ? 0 : -ENOCAP;
				assert_int_equal(cap_table_check(&table, i + 1, r), expect);
			}
		}
	}
	memset(out, 0xee, sizeof(out));
	assert_int_equal(cap_table_query(&table, out, 3), 3);
	assert_int_equal(out[2].kind, CAP_KIND_VFS_READ);
	assert_int_equal(out[3].kind, 0xeeeeeeeeu);
	assert_int_equal(cap_table_query(&table, out, 0), 0);
	assert_int_equal(cap_table_query(&table, NULL, 0), 0);
	assert_int_equal(cap_table_query(&table, NULL, 1), -EINVAL);
	assert_int_equal(cap_table_query(NULL, out, 4), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_CAP_001_kinds_and_names, reset),
		cmocka_unit_test_setup(test_CAP_002_rights_and_format, reset),
		cmocka_unit_test_setup(test_CAP_003_table_layout, reset),
		cmocka_unit_test_setup(test_CAP_004_syscall_numbers, reset),
		cmocka_unit_test_setup(test_CAP_010_grant_merges, reset),
		cmocka_unit_test_setup(test_CAP_011_grant_bad_arguments, reset),
		cmocka_unit_test_setup(test_CAP_012_check_subset, reset),
		cmocka_unit_test_setup(test_CAP_013_check_bad_arguments, reset),
		cmocka_unit_test_setup(test_CAP_014_rights, reset),
		cmocka_unit_test_setup(test_CAP_015_count, reset),
		cmocka_unit_test_setup(test_CAP_020_delegate_success, reset),
		cmocka_unit_test_setup(test_CAP_021_delegate_needs_delegate, reset),
		cmocka_unit_test_setup(test_CAP_022_delegate_no_amplification, reset),
		cmocka_unit_test_setup(test_CAP_023_delegate_bad_arguments, reset),
		cmocka_unit_test_setup(test_CAP_040_query, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
