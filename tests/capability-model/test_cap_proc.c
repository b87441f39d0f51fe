/*
 * Tests of the process capability state: baseline, init, fork, exec with
 * policy tiers and exec grants, drop, auth_session, and the boot marker
 * (spec/capability-model.md CAP-030..CAP-091 except the property test).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_init.h"
#include "cap/cap_proc.h"
#include "cap/cap_proc_first.h"
#include "cap/cap_table.h"

#include "common/console_capture.h"

static cap_proc_t proc, child;

static int reset(void **state)
{
	(void)state;
	memset(&proc, 0, sizeof(proc));
	memset(&child, 0, sizeof(child));
	serial_len = 0;
	serial_out[0] = '\0';
	return 0;
}

static uint32_t r(const cap_proc_t *p, uint32_t kind)
{
	return cap_table_rights(&p->held, kind);
}

/* The exact baseline, as a 17-entry rights array indexed by kind. */
static void baseline_rights(uint32_t out[CAP_KIND_MAX + 1])
{
	memset(out, 0, sizeof(uint32_t) * (CAP_KIND_MAX + 1));
	out[CAP_KIND_VFS_OPEN] = CAP_RIGHTS_READ;
	out[CAP_KIND_VFS_WRITE] = CAP_RIGHTS_WRITE;
	out[CAP_KIND_VFS_READ] = CAP_RIGHTS_READ;
	out[CAP_KIND_IPC] = CAP_RIGHTS_READ;
	out[CAP_KIND_PROC_READ] = CAP_RIGHTS_READ;
	out[CAP_KIND_THREAD_CREATE] = CAP_RIGHTS_READ;
}

static void assert_holds_exactly(const cap_proc_t *p, const uint32_t want[CAP_KIND_MAX + 1])
{
	for (uint32_t k = 1; k <= CAP_KIND_MAX; k++) {
		if (r(p, k) != want[k])
			fail_msg("kind %u: holds %u, expected %u", k, r(p, k), want[k]);
	}
	for (unsigned i = CAP_KIND_MAX; i < CAP_TABLE_SLOTS; i++)
		assert_int_equal(p->held.slot[i].kind, 0);
}

static void give(cap_proc_t *p, uint32_t kind, uint32_t rights)
{
	assert_true(cap_table_grant(&p->held, kind, rights) >= 0);
}

/* CAP-060: six baseline capabilities with exactly these rights. */
static void test_CAP_060_baseline(void **state)
{
	(void)state;
	uint32_t want[CAP_KIND_MAX + 1];
	baseline_rights(want);
	for (uint32_t k = 1; k <= CAP_KIND_MAX; k++)
		give(&proc, k, CAP_RIGHTS_ALL);
	cap_table_set_baseline(&proc.held);
	assert_holds_exactly(&proc, want);
	assert_int_equal(cap_table_count(&proc.held), 6);
	assert_int_equal(CAP_BASELINE_COUNT, 6);
}

/* CAP-061: init gets seven: PROC_READ(RW) and POWER(R) on top of the baseline. */
static void test_CAP_061_init_baseline(void **state)
{
	(void)state;
	uint32_t want[CAP_KIND_MAX + 1];
	baseline_rights(want);
	want[CAP_KIND_PROC_READ] = CAP_RIGHTS_READ | CAP_RIGHTS_WRITE;
	want[CAP_KIND_POWER] = CAP_RIGHTS_READ;
	memset(&proc, 0xff, sizeof(proc));
	assert_int_equal(cap_proc_init_for_pid1(&proc), 7);
	assert_holds_exactly(&proc, want);
	assert_false(proc.authenticated);
	assert_int_equal(cap_table_count(&proc.exec_grants), 0);
}

/* CAP-062: PID 1's first program: init's seven, plus its policy's service tier, never the admin tier. */
static void test_CAP_062_first_program(void **state)
{
	(void)state;
	uint32_t want[CAP_KIND_MAX + 1];
	baseline_rights(want);
	want[CAP_KIND_PROC_READ] = CAP_RIGHTS_READ | CAP_RIGHTS_WRITE;
	want[CAP_KIND_POWER] = CAP_RIGHTS_READ;
	assert_int_equal(cap_proc_exec_first(NULL, NULL), -EINVAL);
	/* Whatever was there before (here: everything, a session, grants) is not kept. */
	memset(&proc, 0, sizeof(proc));
	for (uint32_t k = 1; k <= CAP_KIND_MAX; k++) {
		give(&proc, k, CAP_RIGHTS_ALL);
		assert_true(cap_table_grant(&proc.exec_grants, k, CAP_RIGHTS_ALL) >= 0);
	}
	proc.authenticated = true;
	assert_int_equal(cap_proc_exec_first(&proc, NULL), 0);
	assert_holds_exactly(&proc, want);
	assert_int_equal(cap_table_count(&proc.held), CAP_INIT_BASELINE_COUNT);
	assert_false(proc.authenticated);
	assert_int_equal(cap_table_count(&proc.exec_grants), 0);
	/* vigil's shipped policy: the same seven kinds, PROC_READ and POWER with every right. */
	cap_policy_t vigil = { .service = (1u << CAP_KIND_POWER) | (1u << CAP_KIND_PROC_READ), .admin = 1u << CAP_KIND_AUTH };
	assert_int_equal(cap_proc_exec_first(&proc, &vigil), 0);
	want[CAP_KIND_PROC_READ] = CAP_RIGHTS_ALL;
	want[CAP_KIND_POWER] = CAP_RIGHTS_ALL;
	assert_holds_exactly(&proc, want);
	assert_int_equal(cap_table_count(&proc.held), CAP_INIT_BASELINE_COUNT);
	/* A later ordinary exec of the same program keeps them through the policy (CAP-070). */
	assert_int_equal(cap_proc_exec(&proc, &vigil), 0);
	assert_holds_exactly(&proc, want);
}

/* CAP-050: fork copies the table and the flag, not the exec grants. */
static void test_CAP_050_fork_copies(void **state)
{
	(void)state;
	cap_proc_init_for_pid1(&proc);
	give(&proc, CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ);
	give(&proc, CAP_KIND_AUTH, CAP_RIGHTS_READ);
	assert_int_equal(cap_proc_auth_session(&proc), 0);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_POWER, CAP_RIGHTS_READ), 0);
	memset(&child, 0xff, sizeof(child));
	assert_int_equal(cap_proc_fork(&child, &proc), 0);
	assert_memory_equal(&child.held, &proc.held, sizeof(child.held));
	assert_true(child.authenticated);
	assert_int_equal(cap_table_count(&child.exec_grants), 0);
	for (unsigned i = 0; i < CAP_TABLE_SLOTS; i++)
		assert_int_equal(child.exec_grants.slot[i].kind, 0);
	/* An unauthenticated parent gives an unauthenticated child. */
	proc.authenticated = false;
	assert_int_equal(cap_proc_fork(&child, &proc), 0);
	assert_false(child.authenticated);
}

/* CAP-051: the copies are independent afterwards. */
static void test_CAP_051_fork_independent(void **state)
{
	(void)state;
	cap_proc_init_for_pid1(&proc);
	assert_int_equal(cap_proc_fork(&child, &proc), 0);
	assert_int_equal(cap_proc_drop(&child, CAP_KIND_POWER, CAP_RIGHTS_ALL), 0);
	assert_int_equal(r(&proc, CAP_KIND_POWER), CAP_RIGHTS_READ);
	give(&proc, CAP_KIND_FB, CAP_RIGHTS_READ);
	assert_int_equal(r(&child, CAP_KIND_FB), 0);
	assert_int_equal(r(&child, CAP_KIND_POWER), 0);
}

/* CAP-086: NULL arguments of fork and auth_session; fork onto itself. */
static void test_CAP_086_null_arguments(void **state)
{
	(void)state;
	assert_int_equal(cap_proc_fork(NULL, &proc), -EINVAL);
	assert_int_equal(cap_proc_fork(&child, NULL), -EINVAL);
	assert_int_equal(cap_proc_fork(&proc, &proc), -EINVAL);
	assert_int_equal(cap_proc_auth_session(NULL), -EINVAL);
	assert_int_equal(cap_proc_exec(NULL, NULL), -EINVAL);
}

/* CAP-070: exec = baseline + service tier + admin tier only when authenticated. */
static void test_CAP_070_exec_tiers(void **state)
{
	(void)state;
	cap_policy_t policy = {
		.service = (1u << CAP_KIND_AUTH) | (1u << CAP_KIND_SETUID) | (1u << CAP_KIND_VFS_READ),
		.admin = (1u << CAP_KIND_POWER) | (1u << CAP_KIND_DISK_ADMIN),
	};
	uint32_t want[CAP_KIND_MAX + 1];
	cap_proc_init_for_pid1(&proc);
	give(&proc, CAP_KIND_NET_ADMIN, CAP_RIGHTS_ALL); /* does not survive */
	assert_int_equal(cap_proc_exec(&proc, &policy), 0);
	baseline_rights(want);
	want[CAP_KIND_AUTH] = want[CAP_KIND_SETUID] = CAP_RIGHTS_ALL;
	want[CAP_KIND_VFS_READ] = CAP_RIGHTS_ALL;
	assert_holds_exactly(&proc, want);
	assert_false(proc.authenticated);
	/* Authenticated: the admin tier joins; the flag survives exec. */
	assert_int_equal(cap_proc_auth_session(&proc), 0);
	assert_int_equal(cap_proc_exec(&proc, &policy), 0);
	want[CAP_KIND_POWER] = want[CAP_KIND_DISK_ADMIN] = CAP_RIGHTS_ALL;
	assert_holds_exactly(&proc, want);
	assert_true(proc.authenticated);
	/* login's AUTH and SETUID do not reach a program without them in its policy. */
	assert_int_equal(cap_proc_exec(&proc, NULL), 0);
	baseline_rights(want);
	assert_holds_exactly(&proc, want);
}

/* CAP-070: registered exec grants apply once, as far as still held, then clear. */
static void test_CAP_070_exec_grants_once(void **state)
{
	(void)state;
	uint32_t want[CAP_KIND_MAX + 1];
	cap_proc_init_for_pid1(&proc);
	give(&proc, CAP_KIND_AUTH, CAP_RIGHTS_READ);
	give(&proc, CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ);
	give(&proc, CAP_KIND_CAP_QUERY, CAP_RIGHTS_READ | CAP_RIGHTS_WRITE);
	assert_int_equal(cap_proc_auth_session(&proc), 0);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_POWER, CAP_RIGHTS_READ), 0);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_CAP_QUERY, CAP_RIGHTS_WRITE), 0);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_CAP_QUERY, CAP_RIGHTS_READ), 0);
	assert_int_equal(cap_proc_exec(&proc, NULL), 0);
	baseline_rights(want);
	want[CAP_KIND_POWER] = CAP_RIGHTS_READ;
	want[CAP_KIND_CAP_QUERY] = CAP_RIGHTS_READ | CAP_RIGHTS_WRITE;
	assert_holds_exactly(&proc, want);
	assert_int_equal(cap_table_count(&proc.exec_grants), 0);
	/* The next exec has nothing registered. */
	assert_int_equal(cap_proc_exec(&proc, NULL), 0);
	baseline_rights(want);
	assert_holds_exactly(&proc, want);
	/* A registration whose right has gone by exec time (table changed behind
	 * the core's back) is not applied: exec re-checks against the table. */
	cap_proc_init_for_pid1(&proc);
	proc.authenticated = true;
	give(&proc, CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ);
	give(&proc, CAP_KIND_FB, CAP_RIGHTS_READ);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_FB, CAP_RIGHTS_READ), 0);
	cap_table_remove(&proc.held, CAP_KIND_FB, CAP_RIGHTS_READ);
	assert_int_equal(cap_proc_exec(&proc, NULL), 0);
	assert_int_equal(r(&proc, CAP_KIND_FB), 0);
}

/* CAP-071: no policy, no registrations: exactly the baseline. */
static void test_CAP_071_exec_without_policy(void **state)
{
	(void)state;
	uint32_t want[CAP_KIND_MAX + 1];
	for (uint32_t k = 1; k <= CAP_KIND_MAX; k++)
		give(&proc, k, CAP_RIGHTS_ALL);
	proc.authenticated = true;
	assert_int_equal(cap_proc_exec(&proc, NULL), 0);
	baseline_rights(want);
	assert_holds_exactly(&proc, want);
	/* A policy with empty tiers is the same as none. */
	cap_policy_t empty = {0};
	assert_int_equal(cap_proc_exec(&proc, &empty), 0);
	assert_holds_exactly(&proc, want);
}

/* CAP-030: drop removes rights for good; the whole kind empties its slot. */
static void test_CAP_030_drop(void **state)
{
	(void)state;
	cap_proc_init_for_pid1(&proc);
	assert_int_equal(cap_proc_drop(&proc, CAP_KIND_PROC_READ, CAP_RIGHTS_WRITE), 0);
	assert_int_equal(r(&proc, CAP_KIND_PROC_READ), CAP_RIGHTS_READ);
	assert_int_equal(cap_table_check(&proc.held, CAP_KIND_PROC_READ, CAP_RIGHTS_WRITE), -ENOCAP);
	assert_int_equal(cap_proc_drop(&proc, CAP_KIND_POWER, CAP_RIGHTS_ALL), 0);
	assert_int_equal(proc.held.slot[CAP_KIND_POWER - 1].kind, 0);
	assert_int_equal(proc.held.slot[CAP_KIND_POWER - 1].rights, 0);
	/* Dropping what is not held is no error and changes nothing. */
	cap_table_t before = proc.held;
	assert_int_equal(cap_proc_drop(&proc, CAP_KIND_POWER, CAP_RIGHTS_READ), 0);
	assert_int_equal(cap_proc_drop(&proc, CAP_KIND_FB, CAP_RIGHTS_ALL), 0);
	assert_memory_equal(&before, &proc.held, sizeof(before));
	/* It does not come back on its own: a fork keeps it dropped. */
	assert_int_equal(cap_proc_fork(&child, &proc), 0);
	assert_int_equal(r(&child, CAP_KIND_POWER), 0);
}

/* CAP-031: bad arguments of drop. */
static void test_CAP_031_drop_bad_arguments(void **state)
{
	(void)state;
	cap_proc_init_for_pid1(&proc);
	cap_proc_t before = proc;
	assert_int_equal(cap_proc_drop(NULL, CAP_KIND_POWER, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_proc_drop(&proc, 0, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_proc_drop(&proc, 17, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_proc_drop(&proc, CAP_KIND_POWER, 0), -EINVAL);
	assert_int_equal(cap_proc_drop(&proc, CAP_KIND_POWER, 8), -EINVAL);
	assert_memory_equal(&before, &proc, sizeof(before));
}

/* CAP-032: drop also strips the registered exec grants. */
static void test_CAP_032_drop_strips_exec_grants(void **state)
{
	(void)state;
	cap_proc_init_for_pid1(&proc);
	give(&proc, CAP_KIND_AUTH, CAP_RIGHTS_READ);
	give(&proc, CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ);
	assert_int_equal(cap_proc_auth_session(&proc), 0);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_POWER, CAP_RIGHTS_READ), 0);
	assert_int_equal(cap_table_rights(&proc.exec_grants, CAP_KIND_POWER), CAP_RIGHTS_READ);
	assert_int_equal(cap_proc_drop(&proc, CAP_KIND_POWER, CAP_RIGHTS_READ), 0);
	assert_int_equal(cap_table_rights(&proc.exec_grants, CAP_KIND_POWER), 0);
	/* Even if the process gets POWER back before exec, the old registration is gone. */
	give(&proc, CAP_KIND_POWER, CAP_RIGHTS_READ);
	assert_int_equal(cap_proc_exec(&proc, NULL), 0);
	assert_int_equal(r(&proc, CAP_KIND_POWER), 0);
}

/* CAP-080: registration needs CAP_GRANT(R), a session, and the rights themselves. */
static void test_CAP_080_register_exec_grant(void **state)
{
	(void)state;
	cap_proc_init_for_pid1(&proc);
	give(&proc, CAP_KIND_AUTH, CAP_RIGHTS_READ);
	/* Not authenticated, no CAP_GRANT. */
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_POWER, CAP_RIGHTS_READ), -ENOCAP);
	/* CAP_GRANT but not authenticated. */
	give(&proc, CAP_KIND_CAP_GRANT, CAP_RIGHTS_WRITE);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_POWER, CAP_RIGHTS_READ), -ENOCAP);
	/* Authenticated, but CAP_GRANT without READ. */
	assert_int_equal(cap_proc_auth_session(&proc), 0);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_POWER, CAP_RIGHTS_READ), -ENOCAP);
	give(&proc, CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ);
	/* Everything, but asking for more than held: POWER is R only, FB not held. */
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_POWER, CAP_RIGHTS_WRITE), -ENOCAP);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_FB, CAP_RIGHTS_READ), -ENOCAP);
	assert_int_equal(cap_table_count(&proc.exec_grants), 0);
	/* And the good case. */
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_POWER, CAP_RIGHTS_READ), 0);
	assert_int_equal(cap_table_rights(&proc.exec_grants, CAP_KIND_POWER), CAP_RIGHTS_READ);
	/* The registration does not change the table now. */
	assert_int_equal(cap_table_count(&proc.held), 9);
}

/* CAP-081: bad arguments of registration, before capabilities. */
static void test_CAP_081_register_bad_arguments(void **state)
{
	(void)state;
	assert_int_equal(cap_proc_register_exec_grant(NULL, CAP_KIND_POWER, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_proc_register_exec_grant(&proc, 0, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_proc_register_exec_grant(&proc, 17, CAP_RIGHTS_READ), -EINVAL);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_POWER, 0), -EINVAL);
	assert_int_equal(cap_proc_register_exec_grant(&proc, CAP_KIND_POWER, 0x11), -EINVAL);
	assert_int_equal(cap_table_count(&proc.exec_grants), 0);
}

/* CAP-085: auth_session needs AUTH(READ), sets the flag, is idempotent. */
static void test_CAP_085_auth_session(void **state)
{
	(void)state;
	cap_proc_init_for_pid1(&proc);
	assert_int_equal(cap_proc_auth_session(&proc), -ENOCAP);
	assert_false(proc.authenticated);
	give(&proc, CAP_KIND_AUTH, CAP_RIGHTS_WRITE);
	assert_int_equal(cap_proc_auth_session(&proc), -ENOCAP);
	assert_false(proc.authenticated);
	give(&proc, CAP_KIND_AUTH, CAP_RIGHTS_READ);
	assert_int_equal(cap_proc_auth_session(&proc), 0);
	assert_true(proc.authenticated);
	assert_int_equal(cap_proc_auth_session(&proc), 0);
	assert_true(proc.authenticated);
	/* Kept across exec (even though AUTH is gone) and inherited by fork. */
	assert_int_equal(cap_proc_exec(&proc, NULL), 0);
	assert_true(proc.authenticated);
	assert_int_equal(r(&proc, CAP_KIND_AUTH), 0);
	assert_int_equal(cap_proc_fork(&child, &proc), 0);
	assert_true(child.authenticated);
}

/* CAP-091: the boot marker. */
static void test_CAP_091_subsystem_init_marker(void **state)
{
	(void)state;
	cap_subsystem_init();
	assert_string_equal(serial_out, "[CAP] OK: capability subsystem initialized\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_CAP_060_baseline, reset),
		cmocka_unit_test_setup(test_CAP_061_init_baseline, reset),
		cmocka_unit_test_setup(test_CAP_062_first_program, reset),
		cmocka_unit_test_setup(test_CAP_050_fork_copies, reset),
		cmocka_unit_test_setup(test_CAP_051_fork_independent, reset),
		cmocka_unit_test_setup(test_CAP_086_null_arguments, reset),
		cmocka_unit_test_setup(test_CAP_070_exec_tiers, reset),
		cmocka_unit_test_setup(test_CAP_070_exec_grants_once, reset),
		cmocka_unit_test_setup(test_CAP_071_exec_without_policy, reset),
		cmocka_unit_test_setup(test_CAP_030_drop, reset),
		cmocka_unit_test_setup(test_CAP_031_drop_bad_arguments, reset),
		cmocka_unit_test_setup(test_CAP_032_drop_strips_exec_grants, reset),
		cmocka_unit_test_setup(test_CAP_080_register_exec_grant, reset),
		cmocka_unit_test_setup(test_CAP_081_register_bad_arguments, reset),
		cmocka_unit_test_setup(test_CAP_085_auth_session, reset),
		cmocka_unit_test_setup(test_CAP_091_subsystem_init_marker, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
