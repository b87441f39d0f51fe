/*
 * The identity calls and clock_settime as PID 1, which runs as uid 0 and
 * gid 0 without SETUID(W) or NET_ADMIN(W) (spec/credentials.md CRED-080,
 * CRED-086): uid 0 gives no privilege, refused calls change nothing, bad
 * pointers are -EFAULT.
 */
#include <stdio.h>

#include <aegis/errno.h>

#include "credcheck.h"
#include "glue/glue.h"
#include "tcheck/tcheck.h"

#define CC_DETAIL 192
#define CC_CLOCK_REALTIME 0
#define CC_CLOCK_MONOTONIC 1
/* A user address nothing maps, and one in the kernel half. */
#define CC_UNMAPPED ((void *)0x10)
#define CC_KERNEL ((void *)0xffff800000000000ull)
#define CC_SOME_TIME 1700000000
/* The clock may move this far between two readings in the check (ns in s). */
#define CC_CLOCK_SLACK_S 5

static char detail[CC_DETAIL];

static bool root_unchanged(void)
{
	return cc_ids_are(CC_ROOT_ID, CC_ROOT_ID, CC_ROOT_ID, CC_ROOT_ID, CC_ROOT_ID, CC_ROOT_ID, detail, sizeof(detail));
}

static void check_identity_calls(void)
{
	tcheck(root_unchanged() && sys_getuid() == 0 && sys_geteuid() == 0 && sys_getgid() == 0 && sys_getegid() == 0,
	       "CRED-080", "PID 1 starts with every ID 0", "%s", detail);
	long r[8];
	r[0] = sys_setuid(CC_DEV_UID);
	r[1] = sys_setgid(CC_DEV_GID);
	r[2] = sys_setreuid(CC_DEV_UID, CC_NONE);
	r[3] = sys_setregid(CC_NONE, CC_DEV_GID);
	r[4] = sys_setresuid(CC_NONE, CC_NONE, CC_DEV_UID);
	r[5] = sys_setresgid(CC_DEV_GID, CC_NONE, CC_NONE);
	uint32_t group = CC_DEV_GID;
	r[6] = sys_setgroups(1, &group);
	r[7] = sys_setgroups(0, NULL);
	bool all = true;
	for (unsigned i = 0; i < 8; i++)
		all = all && r[i] == -ENOCAP;
	tcheck(all && root_unchanged(), "CRED-080", "uid 0 without SETUID(W): every change to another ID is -ENOCAP",
	       "%ld %ld %ld %ld %ld %ld %ld %ld; %s", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], detail);
	long same = sys_setuid(CC_ROOT_ID) | sys_setresuid(CC_NONE, CC_NONE, CC_NONE) | sys_setresgid(0, 0, 0) |
		    sys_setreuid(CC_NONE, 0);
	tcheck(same == 0 && root_unchanged(), "CRED-080", "switching among its own IDs needs nothing", "%ld; %s", same,
	       detail);
	long inval = sys_setuid(CC_NONE);
	tcheck(inval == -EINVAL, "CRED-080", "setuid(-1) is -EINVAL", "%ld", inval);
	long n = sys_getgroups(0, NULL);
	uint32_t list[4] = { 7, 7, 7, 7 };
	long n2 = sys_getgroups(4, list);
	tcheck(n == 0 && n2 == 0 && list[0] == 7, "CRED-080", "getgroups: no supplementary groups", "%ld %ld", n, n2);
	uint32_t a = 7, b = 7;
	long f1 = sys_getresuid(CC_UNMAPPED, &a, &b);
	long f2 = sys_getresgid(CC_KERNEL, &a, &b);
	long f3 = sys_setgroups(1, CC_UNMAPPED);
	long f4 = sys_getresuid(&a, CC_KERNEL, &b);
	tcheck(f1 == -EFAULT && f2 == -EFAULT && f3 == -EFAULT && f4 == -EFAULT && a == 7 && b == 7 && root_unchanged(),
	       "CRED-080", "bad pointers are -EFAULT and nothing is written or changed", "%ld %ld %ld %ld a=%u b=%u %s", f1,
	       f2, f3, f4, a, b, detail);
}

static void check_clock_settime(void)
{
	aegis_timespec_t want = { CC_SOME_TIME, 0 }, before, after;
	long g0 = sys_clock_gettime(CC_CLOCK_REALTIME, &before);
	long r1 = sys_clock_settime(CC_CLOCK_REALTIME, &want);
	long r2 = sys_clock_settime(CC_CLOCK_MONOTONIC, &want);
	long r3 = sys_clock_settime(CC_CLOCK_REALTIME, CC_UNMAPPED);
	aegis_timespec_t bad = { 1, -1 };
	long r4 = sys_clock_settime(CC_CLOCK_REALTIME, &bad);
	long g1 = sys_clock_gettime(CC_CLOCK_REALTIME, &after);
	bool unchanged = g0 == 0 && g1 == 0 && after.tv_sec >= before.tv_sec && after.tv_sec - before.tv_sec < CC_CLOCK_SLACK_S;
	tcheck(r1 == -ENOCAP && r2 == -EINVAL && r3 == -EFAULT && r4 == -EINVAL && unchanged, "CRED-086",
	       "clock_settime: arguments judged first, then NET_ADMIN(W); the clock is unchanged",
	       "%ld %ld %ld %ld; %lld -> %lld", r1, r2, r3, r4, (long long)before.tv_sec, (long long)after.tv_sec);
}

void cc_run_calls(void)
{
	check_identity_calls();
	check_clock_settime();
}
