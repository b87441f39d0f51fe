/*
 * capcheck (see capcheck.h): the shared helpers, the PID 1 flow, and the
 * roles a copy of it plays when exec'd with a role argument.
 */
#include "capcheck.h"

#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"

#define CK_WEXIT(status) (((status) >> 8) & 0xff)
#define CK_WSIG_MASK 0x7f

bool ck_rights_of(int pid, uint32_t rights[CAP_KIND_MAX + 1])
{
	cap_slot_t slots[CAP_TABLE_SLOTS];
	memset(rights, 0, sizeof(uint32_t) * (CAP_KIND_MAX + 1));
	if (sys_cap_query(pid, slots, sizeof(slots)) != CAP_TABLE_SLOTS)
		return false;
	for (unsigned i = 0; i < CAP_TABLE_SLOTS; i++) {
		if (slots[i].kind == 0 && slots[i].rights == 0)
			continue;
		if (slots[i].kind != i + 1 || i >= CAP_KIND_MAX)
			return false; /* slot k-1 holds kind k (CAP-003) */
		rights[slots[i].kind] = slots[i].rights;
	}
	return true;
}

bool ck_holds_exactly(const uint32_t want[CAP_KIND_MAX + 1])
{
	uint32_t have[CAP_KIND_MAX + 1];
	return ck_rights_of(0, have) && memcmp(have, want, sizeof(have)) == 0;
}

void ck_baseline(uint32_t want[CAP_KIND_MAX + 1])
{
	memset(want, 0, sizeof(uint32_t) * (CAP_KIND_MAX + 1));
	want[CAP_KIND_VFS_OPEN] = CAP_RIGHTS_READ;
	want[CAP_KIND_VFS_WRITE] = CAP_RIGHTS_WRITE;
	want[CAP_KIND_VFS_READ] = CAP_RIGHTS_READ;
	want[CAP_KIND_IPC] = CAP_RIGHTS_READ;
	want[CAP_KIND_PROC_READ] = CAP_RIGHTS_READ;
	want[CAP_KIND_THREAD_CREATE] = CAP_RIGHTS_READ;
}

static int ck_wait(long pid)
{
	int status = 0;
	if (pid < 0 || sys_wait4((int)pid, &status, 0, NULL) != pid || (status & CK_WSIG_MASK) != 0)
		return -1;
	return CK_WEXIT(status);
}

int ck_in_child(int (*fn)(void))
{
	long pid = sys_fork();
	if (pid == 0)
		sys_exit(fn());
	return ck_wait(pid);
}

int ck_run_role(const char *path, const char *role)
{
	long pid = sys_fork();
	if (pid == 0) {
		char *argv[] = { (char *)path, (char *)role, NULL };
		char *envp[] = { NULL };
		sys_execve(path, argv, envp);
		sys_exit(CK_CHILD_FAIL);
	}
	return ck_wait(pid);
}

/* CAP-062: PID 1 started with init's seven (no policy matches /bin/capcheck). */
static void ck_init_seven(void)
{
	uint32_t want[CAP_KIND_MAX + 1];
	ck_baseline(want);
	want[CAP_KIND_PROC_READ] = CAP_RIGHTS_READ | CAP_RIGHTS_WRITE;
	want[CAP_KIND_POWER] = CAP_RIGHTS_READ;
	uint32_t have[CAP_KIND_MAX + 1];
	bool ok = ck_rights_of(0, have);
	tcheck(ok && memcmp(have, want, sizeof(have)) == 0, "CAP-062",
	       "PID 1's first program holds init's seven (PROC_READ rw, POWER r)", "query ok %d, PROC_READ %u POWER %u",
	       ok, have[CAP_KIND_PROC_READ], have[CAP_KIND_POWER]);
}

static const uint32_t *ck_parent_table;

static int ck_child_same_table(void)
{
	return ck_holds_exactly(ck_parent_table) ? CK_CHILD_OK : CK_CHILD_FAIL;
}

/* CAP-063: fork copies the table; an exec without policy leaves exactly the baseline. */
static void ck_fork_exec(void)
{
	uint32_t mine[CAP_KIND_MAX + 1];
	(void)ck_rights_of(0, mine);
	ck_parent_table = mine;
	int s = ck_in_child(ck_child_same_table);
	tcheck(s == CK_CHILD_OK, "CAP-063", "a child's table right after fork equals its parent's", "child status %d", s);
	s = ck_run_role(CK_SELF, "baseline");
	tcheck(s == CK_CHILD_OK, "CAP-063", "a program without a policy starts with exactly the baseline",
	       "child status %d", s);
}

int ck_role_baseline(void)
{
	uint32_t want[CAP_KIND_MAX + 1];
	ck_baseline(want);
	return ck_holds_exactly(want) ? CK_CHILD_OK : CK_CHILD_FAIL;
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		static const struct {
			const char *name;
			int (*fn)(void);
		} roles[] = { { "baseline", ck_role_baseline }, { "login", ck_role_login }, { "stsh", ck_role_stsh },
			      { "after", ck_role_after } };
		for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
			if (strcmp(argv[1], roles[i].name) == 0)
				return roles[i].fn();
		return CK_CHILD_FAIL;
	}
	ck_init_seven();
	ck_fork_exec();
	ck_calls();
	ck_gates();
	ck_kill_rules();
	ck_policy();
	return tcheck_summary("capcheck") ? 0 : 1;
}
