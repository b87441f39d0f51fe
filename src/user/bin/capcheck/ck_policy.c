/*
 * The policy path end to end (CAP-119, where the root file system with
 * /etc/aegis/caps.d is mounted): PID 1 copies itself to /bin/cklogin and
 * /bin/ckstsh (root-owned, mode 0755, so their policies match, POL-020) and
 * runs the chain a console login would: cklogin and ckstsh (the test image
 * gives them login's and stsh's policies, since the initrd's real /bin/login
 * and /bin/stsh cannot be replaced): cklogin opens an authenticated session
 * and execs ckstsh, whose admin tier gives it CAP_GRANT, CAP_DELEGATE and
 * CAP_QUERY; it exercises
 * 361-363 with them and execs capcheck once more to see what its exec grant
 * carried.
 */
#include "capcheck.h"

#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"

#define CK_LOGIN "/bin/cklogin" /* tests/capability-model gives it login's policy */
#define CK_STSH "/bin/ckstsh" /* given stsh's policy by the test image: the initrd's real /bin/stsh hides the name */
#define CK_NOWHERE "/bin/capcheck-nowhere"
#define CK_EXEC_MODE 0755u
#define CK_CHUNK 4096
#define CK_NO_POLICY 77 /* the login copy got no AUTH: no policies loaded (QEMU's PVH boot has no root image) */

static long ck_copy(const char *from, const char *to)
{
	static char chunk[CK_CHUNK];
	long in = sys_open(from, AEGIS_O_RDONLY, 0);
	if (in < 0)
		return in;
	long out = sys_open(to, AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_EXCL, CK_EXEC_MODE);
	long n = out;
	while (out >= 0 && (n = sys_read((int)in, chunk, sizeof(chunk))) > 0)
		if (sys_write((int)out, chunk, (size_t)n) != n) {
			n = -EIO;
			break;
		}
	sys_close((int)in);
	if (out >= 0)
		sys_close((int)out);
	return n;
}

static void ck_exec_role(const char *path, const char *role)
{
	char *argv[] = { (char *)path, (char *)role, NULL };
	char *envp[] = { NULL };
	sys_execve(path, argv, envp);
}

int ck_role_login(void)
{
	uint32_t want[CAP_KIND_MAX + 1];
	ck_baseline(want);
	want[CAP_KIND_AUTH] = CAP_RIGHTS_ALL;
	want[CAP_KIND_SETUID] = CAP_RIGHTS_ALL;
	uint32_t have[CAP_KIND_MAX + 1];
	if (!ck_rights_of(0, have) || have[CAP_KIND_AUTH] == 0)
		return CK_NO_POLICY;
	tcheck(memcmp(have, want, sizeof(have)) == 0, "CAP-119", "/bin/cklogin (login's policy) runs with the baseline plus AUTH and SETUID",
	       "AUTH %u SETUID %u", have[CAP_KIND_AUTH], have[CAP_KIND_SETUID]);
	long a = sys_auth_session();
	tcheck(a == 0 && sys_auth_session() == 0, "CAP-103", "auth_session with AUTH(R) succeeds, and again", "%ld", a);
	if (!tcheck_summary("capcheck-login"))
		return CK_CHILD_FAIL;
	ck_exec_role(CK_STSH, "stsh");
	return CK_CHILD_FAIL;
}

/* A child of stsh that gives CAP_QUERY up (fork copied it), says so on a pipe, and waits to be killed. */
static long ck_waiting_child(void)
{
	int fds[2];
	if (sys_pipe(fds) != 0)
		return -1;
	long pid = sys_fork();
	if (pid == 0) {
		(void)sys_cap_drop(CAP_KIND_CAP_QUERY, CAP_RIGHTS_ALL);
		(void)sys_write(fds[1], "r", 1);
		for (;;)
			(void)sys_pause();
	}
	char c;
	if (pid > 0 && sys_read(fds[0], &c, 1) != 1)
		pid = -1;
	sys_close(fds[0]);
	sys_close(fds[1]);
	return pid;
}

static void ck_stsh_runtime(void)
{
	long child = ck_waiting_child();
	long g = sys_cap_grant_runtime((int)child, CAP_KIND_CAP_QUERY, CAP_RIGHTS_READ);
	uint32_t theirs[CAP_KIND_MAX + 1];
	bool seen = ck_rights_of((int)child, theirs);
	long not_held = sys_cap_grant_runtime((int)child, CAP_KIND_FB, CAP_RIGHTS_READ);
	long outside = sys_cap_grant_runtime(1, CAP_KIND_CAP_QUERY, CAP_RIGHTS_READ);
	int status;
	sys_kill((int)child, SIGKILL);
	sys_wait4((int)child, &status, 0, NULL);
	tcheck(g == CAP_KIND_CAP_QUERY - 1 && seen && theirs[CAP_KIND_CAP_QUERY] == CAP_RIGHTS_READ, "CAP-102",
	       "cap_grant_runtime gives a child exactly the rights given, and returns the slot", "%ld seen %d rights %u", g,
	       seen, theirs[CAP_KIND_CAP_QUERY]);
	tcheck(not_held == -ENOCAP && outside == -ESRCH, "CAP-102",
	       "cap_grant_runtime: a kind not held is -ENOCAP, PID 1 (not a descendant) -ESRCH", "%ld %ld", not_held,
	       outside);
	uint32_t init[CAP_KIND_MAX + 1];
	tcheck(ck_rights_of(1, init) && init[CAP_KIND_POWER] == CAP_RIGHTS_READ, "CAP-101",
	       "with CAP_QUERY, cap_query of another pid reports its table", "POWER %u", init[CAP_KIND_POWER]);
}

int ck_role_stsh(void)
{
	uint32_t want[CAP_KIND_MAX + 1];
	ck_baseline(want);
	const uint32_t admin[] = { CAP_KIND_DISK_ADMIN, CAP_KIND_POWER, CAP_KIND_CAP_DELEGATE, CAP_KIND_CAP_QUERY,
				   CAP_KIND_CAP_GRANT, CAP_KIND_PROC_READ };
	for (size_t i = 0; i < sizeof(admin) / sizeof(admin[0]); i++)
		want[admin[i]] = CAP_RIGHTS_ALL;
	tcheck(ck_holds_exactly(want), "CAP-103", "after auth_session, exec applies stsh's admin tier", "see cap_query");
	ck_stsh_runtime();
	long none = sys_cap_grant_exec(CAP_KIND_FB, CAP_RIGHTS_READ);
	long power = sys_cap_grant_exec(CAP_KIND_POWER, CAP_RIGHTS_READ);
	long query = sys_cap_grant_exec(CAP_KIND_CAP_QUERY, CAP_RIGHTS_READ);
	long drop = sys_cap_drop(CAP_KIND_CAP_QUERY, CAP_RIGHTS_ALL);
	long failed = sys_execve(CK_NOWHERE, NULL, NULL);
	tcheck(none == -ENOCAP && power == 0 && query == 0 && drop == 0 && failed == -ENOENT, "CAP-100",
	       "cap_grant_exec registers only what is held; a failed execve keeps it", "%ld %ld %ld %ld %ld", none, power,
	       query, drop, failed);
	if (!tcheck_summary("capcheck-stsh"))
		return CK_CHILD_FAIL;
	ck_exec_role(CK_SELF, "after");
	return CK_CHILD_FAIL;
}

int ck_role_after(void)
{
	uint32_t want[CAP_KIND_MAX + 1];
	ck_baseline(want);
	want[CAP_KIND_POWER] = CAP_RIGHTS_READ;
	tcheck(ck_holds_exactly(want), "CAP-100",
	       "the next execve carries the registered grant still held (POWER r), not a dropped one", "see cap_query");
	return tcheck_summary("capcheck-after") ? CK_CHILD_OK : CK_CHILD_FAIL;
}

void ck_policy(void)
{
	long l = ck_copy(CK_SELF, CK_LOGIN);
	long s = l == 0 ? ck_copy(CK_SELF, CK_STSH) : l;
	if (l != 0 || s != 0) {
		tcheck_skip("CAP-119", "the policy path through /bin/cklogin and /bin/ckstsh", "cannot write /bin here");
		return;
	}
	int status = ck_run_role(CK_LOGIN, "login");
	if (status == CK_NO_POLICY) {
		tcheck_skip("CAP-119", "the policy path through /bin/cklogin and /bin/ckstsh", "no policies loaded here");
		return;
	}
	tcheck(status == CK_CHILD_OK, "CAP-119", "login, auth_session, stsh's admin tier and its exec grant, end to end",
	       "chain status %d", status);
}
