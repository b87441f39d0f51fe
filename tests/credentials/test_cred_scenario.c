/*
 * CRED-046: the change-management scenario of issue 6, on the pure rules.
 *
 * A set-uid program owned by the project account becomes the developer and
 * the project owner in turn; the kernel's DAC check, not the program,
 * decides what each identity may write.  Then a closure search: starting
 * from the developer's own credential, every credential an unprivileged
 * process can reach with any sequence of set*id calls (arguments from every
 * ID in play and -1) is generated, and none of them may write the project's
 * state file or its baseline directory.  Exec is in the search too: of the
 * developer's own set-uid/set-gid programs (including one set-gid to the
 * project group, which a member may chgrp to) and of the project's plain
 * programs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "proc/cred.h"

#define NONE CRED_ID_UNCHANGED
#define DEV_UID 1000u
#define DEV_GID 100u
#define PROJ_UID 500u
#define PROJ_GID 600u
#define STATE_MODE 0644u
#define DIR_MODE 0755u
#define SETUID_PROGRAM_MODE 04755u
#define MAX_STATES 4096
#define N_ARGS 7

static const cred_id_t dev_groups[] = { PROJ_GID };

static void developer(cred_t *c)
{
	assert_int_equal(cred_init(c, DEV_UID, DEV_GID), 0);
	assert_int_equal(cred_setgroups(c, 1, dev_groups, true), 0);
}

static bool may_write_state(const cred_t *c)
{
	return cred_dac_check(c, PROJ_UID, PROJ_GID, STATE_MODE, CRED_ACCESS_W, false) == 0;
}

static bool may_create_in_dev_dir(const cred_t *c)
{
	return cred_dac_check(c, DEV_UID, DEV_GID, DIR_MODE, CRED_ACCESS_W | CRED_ACCESS_X, true) == 0;
}

/* CRED-046: the set-uid program switches identities and the DAC check follows. */
static void test_CRED_046_setuid_program_switches(void **state)
{
	cred_t c;

	(void)state;
	developer(&c);
	assert_int_equal(cred_exec(&c, PROJ_UID, PROJ_GID, SETUID_PROGRAM_MODE, false), 0);
	for (int round = 0; round < 3; round++) {
		/* become the invoking user: the work directory, not the state file */
		assert_int_equal(cred_setresuid(&c, NONE, DEV_UID, NONE, false), 0);
		assert_false(may_write_state(&c));
		assert_true(may_create_in_dev_dir(&c));
		/* become the project owner: the state file, not the work directory */
		assert_int_equal(cred_setresuid(&c, NONE, PROJ_UID, NONE, false), 0);
		assert_true(may_write_state(&c));
		assert_false(may_create_in_dev_dir(&c));
	}
	/* The group is shared for reading only. */
	assert_int_equal(cred_setresuid(&c, NONE, DEV_UID, NONE, false), 0);
	assert_int_equal(cred_dac_check(&c, PROJ_UID, PROJ_GID, STATE_MODE, CRED_ACCESS_R, false), 0);
}

static bool seen(const cred_t *list, int n, const cred_t *c)
{
	for (int i = 0; i < n; i++)
		if (memcmp(&list[i], c, sizeof(*c)) == 0)
			return true;
	return false;
}

/* Apply call `op` with arguments a, b, c; 0 if it succeeded. */
static int apply(cred_t *c, int op, cred_id_t a, cred_id_t b, cred_id_t d)
{
	switch (op) {
	case 0: return cred_setuid(c, a, false);
	case 1: return cred_seteuid(c, a, false);
	case 2: return cred_setreuid(c, a, b, false);
	case 3: return cred_setresuid(c, a, b, d, false);
	case 4: return cred_setgid(c, a, false);
	case 5: return cred_setegid(c, a, false);
	case 6: return cred_setregid(c, a, b, false);
	case 7: return cred_setresgid(c, a, b, d, false);
	case 8: {
		cred_id_t g[2] = { a, b };
		return cred_setgroups(c, 2, g, false);
	}
	/* Exec of programs the developer can make or run: its own file set-uid and set-gid
	 * (chgrp to the project group is allowed to a member), and the project's plain programs. */
	case 9: return cred_exec(c, DEV_UID, DEV_GID, 06755u, false);
	case 10: return cred_exec(c, DEV_UID, PROJ_GID, 06755u, false);
	case 11: return cred_exec(c, PROJ_UID, PROJ_GID, 0755u, false);
	default: return -EINVAL;
	}
}

#define N_OPS 12

/* CRED-046: the developer acting directly never reaches a credential that may write the project. */
static void test_CRED_046_developer_cannot_reach_project(void **state)
{
	static const cred_id_t args[N_ARGS] = { 0, 1, DEV_UID, DEV_GID, PROJ_UID, PROJ_GID, NONE };
	static cred_t states[MAX_STATES];
	int n = 1, calls = 0;

	(void)state;
	developer(&states[0]);
	for (int i = 0; i < n; i++)
		for (int op = 0; op < N_OPS; op++)
			for (int x = 0; x < N_ARGS; x++)
				for (int y = 0; y < N_ARGS; y++)
					for (int z = 0; z < N_ARGS; z++) {
						cred_t c = states[i];

						calls++;
						if (apply(&c, op, args[x], args[y], args[z]) != 0 || seen(states, n, &c))
							continue;
						assert_true(n < MAX_STATES);
						states[n++] = c;
					}
	printf("# CRED-046 %d credentials reachable by the developer (%d calls tried)\n", n, calls);
	for (int i = 0; i < n; i++) {
		assert_false(may_write_state(&states[i]));
		assert_int_equal(cred_dac_check(&states[i], PROJ_UID, PROJ_GID, DIR_MODE, CRED_ACCESS_W, true),
				 -EACCES);
		assert_int_not_equal(states[i].euid, PROJ_UID);
	}
	/* The search is not vacuous: the set-gid exec and the gid calls lead somewhere, and the
	 * developer still writes its own directory. */
	assert_true(n > 1);
	assert_true(may_create_in_dev_dir(&states[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_CRED_046_setuid_program_switches),
		cmocka_unit_test(test_CRED_046_developer_cannot_reach_project),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
