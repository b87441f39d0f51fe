/*
 * The error cases of 361-365 that PID 1 (init's seven: no CAP_GRANT,
 * CAP_DELEGATE, CAP_QUERY or AUTH) reaches, and cap_query's answers and
 * its all-or-nothing copy (CAP-100..104).
 */
#include "capcheck.h"

#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"

#define CK_NO_SUCH_PID 30000
#define CK_PAGE 4096u
#define CK_PROT_READ 0x1
#define CK_PROT_RW 0x3
#define CK_MAP_PRIVATE_ANON 0x22
#define CK_FILL 0xAA
#define CK_BEFORE_BOUNDARY 16u
#define CK_SLOTS_ASKED 20u /* bytes: two whole slots and a part */

/* kind and rights pairs every (kind, rights) call refuses with -EINVAL. */
static const uint32_t CK_BAD[][2] = { { 0, CAP_RIGHTS_READ }, { CAP_KIND_MAX + 1, CAP_RIGHTS_READ },
				      { CAP_KIND_VFS_READ, 0 }, { CAP_KIND_VFS_READ, CAP_RIGHTS_ALL + 1 } };
#define CK_BAD_COUNT (sizeof(CK_BAD) / sizeof(CK_BAD[0]))

static bool ck_all_einval(long (*call)(uint32_t, uint32_t))
{
	for (size_t i = 0; i < CK_BAD_COUNT; i++)
		if (call(CK_BAD[i][0], CK_BAD[i][1]) != -EINVAL)
			return false;
	return true;
}

static long ck_runtime_to_self(uint32_t kind, uint32_t rights)
{
	return sys_cap_grant_runtime(0, kind, rights);
}

/* A child that blocks on a pipe until its parent closes the other end. */
static long ck_sleeper(int fds[2])
{
	if (sys_pipe(fds) != 0)
		return -1;
	long pid = sys_fork();
	if (pid == 0) {
		char c;
		sys_close(fds[1]);
		(void)sys_read(fds[0], &c, 1);
		sys_exit(0);
	}
	sys_close(fds[0]);
	return pid;
}

static void ck_end_sleeper(long pid, int fds[2])
{
	int status;
	sys_close(fds[1]);
	(void)sys_wait4((int)pid, &status, 0, NULL);
}

static void ck_query_answers(void)
{
	cap_slot_t slots[CAP_TABLE_SLOTS * 2];
	long n7 = sys_cap_query(0, NULL, sizeof(cap_slot_t) - 1);
	long n1 = sys_cap_query(0, slots, sizeof(cap_slot_t));
	long n2 = sys_cap_query((int)sys_getpid(), slots, CK_SLOTS_ASKED);
	long nall = sys_cap_query(0, slots, sizeof(slots));
	tcheck(n7 == 0 && n1 == 1 && n2 == 2 && nall == CAP_TABLE_SLOTS && slots[0].kind == CAP_KIND_VFS_OPEN &&
		       slots[CAP_KIND_AUTH - 1].kind == 0,
	       "CAP-101", "cap_query of the caller copies min(buflen / 8, 64) whole slots in slot order",
	       "%ld %ld %ld %ld", n7, n1, n2, nall);
	long neg = sys_cap_query(-1, slots, sizeof(slots));
	long bad = sys_cap_query(0, NULL, sizeof(cap_slot_t));
	tcheck(neg == -EINVAL && bad == -EFAULT, "CAP-101", "cap_query: a negative pid is -EINVAL, a bad buffer -EFAULT",
	       "%ld %ld", neg, bad);
	/* A buffer whose second part is read-only: -EFAULT, and the writable part is as it was. */
	long m = sys_mmap(NULL, 2 * CK_PAGE, CK_PROT_RW, CK_MAP_PRIVATE_ANON, -1, 0);
	uint8_t *area = (uint8_t *)m;
	bool intact = false;
	long half = 0;
	if (m > 0) {
		memset(area, CK_FILL, 2 * CK_PAGE);
		(void)sys_mprotect(area + CK_PAGE, CK_PAGE, CK_PROT_READ);
		half = sys_cap_query(0, (cap_slot_t *)(void *)(area + CK_PAGE - CK_BEFORE_BOUNDARY),
				     CAP_TABLE_SLOTS * sizeof(cap_slot_t));
		intact = true;
		for (unsigned i = 0; i < CK_BEFORE_BOUNDARY; i++)
			intact = intact && area[CK_PAGE - CK_BEFORE_BOUNDARY + i] == CK_FILL;
	}
	if (m == -ENOSYS)
		tcheck_skip("CAP-101", "cap_query into a partly read-only buffer is -EFAULT and writes nothing",
			    "the sim's programs are host processes (no mmap)");
	else
		tcheck(m > 0 && half == -EFAULT && intact, "CAP-101",
		       "cap_query into a partly read-only buffer is -EFAULT and writes nothing",
		       "mmap %ld, query %ld, intact %d", m, half, intact);
	int fds[2];
	long other = ck_sleeper(fds);
	long q1 = sys_cap_query((int)other, slots, sizeof(slots));
	long q2 = sys_cap_query(CK_NO_SUCH_PID, slots, sizeof(slots));
	ck_end_sleeper(other, fds);
	tcheck(other > 0 && q1 == -ENOCAP && q2 == -ENOCAP, "CAP-101",
	       "cap_query of another pid without CAP_QUERY is -ENOCAP, existing or not", "%ld %ld", q1, q2);
}

void ck_calls(void)
{
	tcheck(ck_all_einval(sys_cap_grant_exec) && sys_cap_grant_exec(CAP_KIND_VFS_READ, CAP_RIGHTS_READ) == -ENOCAP,
	       "CAP-100", "cap_grant_exec: bad kind or rights -EINVAL; without CAP_GRANT in a session -ENOCAP", "%ld",
	       sys_cap_grant_exec(CAP_KIND_VFS_READ, CAP_RIGHTS_READ));
	ck_query_answers();
	int fds[2];
	long child = ck_sleeper(fds);
	long bad_pid = sys_cap_grant_runtime(-1, CAP_KIND_VFS_READ, CAP_RIGHTS_READ);
	long r1 = sys_cap_grant_runtime((int)child, CAP_KIND_VFS_READ, CAP_RIGHTS_READ);
	long r2 = sys_cap_grant_runtime(CK_NO_SUCH_PID, CAP_KIND_VFS_READ, CAP_RIGHTS_READ);
	ck_end_sleeper(child, fds);
	tcheck(ck_all_einval(ck_runtime_to_self) && bad_pid == -EINVAL && r1 == -ENOCAP && r2 == -ENOCAP, "CAP-102",
	       "cap_grant_runtime: bad arguments -EINVAL; without CAP_DELEGATE -ENOCAP for any pid", "%ld %ld %ld",
	       bad_pid, r1, r2);
	long a = sys_auth_session();
	tcheck(a == -ENOCAP, "CAP-103", "auth_session without AUTH is -ENOCAP", "%ld", a);
	tcheck(ck_all_einval(sys_cap_drop), "CAP-104", "cap_drop: bad kind or rights -EINVAL", "see the pairs");
}
