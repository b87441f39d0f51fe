/*
 * The rest of a process's view of the system: uname, clocks and sleeping,
 * getrandom, and the identity PID 1 starts with.  PROC-100.. in
 * spec/processes.md.
 */
#include <string.h>

#include "glue/glue.h"
#include "proctest.h"
#include "tcheck/tcheck.h"
#include "pt_status.h"

#define PT_CLOCK_REALTIME 0
#define PT_CLOCK_MONOTONIC 1
#define PT_SLEEP_NS 30000000ll /* 30 ms */
#define PT_NS 1000000000ll
#define PT_RANDOM_LEN 64
#define PT_SIGKILL 9

static int64_t ts_ns(const aegis_timespec_t *t)
{
	return t->tv_sec * PT_NS + t->tv_nsec;
}

static void misc_uname(void)
{
	aegis_utsname_t u;
	memset(&u, 0, sizeof(u));
	long r = sys_uname(&u);
	tcheck(r == 0 && strcmp(u.sysname, "Aegis") == 0, "PROC-100", "uname's sysname is Aegis", "uname = %ld, '%s'",
		 r, u.sysname);
	tcheck(strcmp(u.machine, "x86_64") == 0, "PROC-100", "uname's machine is x86_64", "'%s'", u.machine);
}

static void misc_clocks(void)
{
	aegis_timespec_t a, b, nap = { 0, PT_SLEEP_NS };
	long r1 = sys_clock_gettime(PT_CLOCK_MONOTONIC, &a);
	long rs = sys_nanosleep(&nap, NULL);
	long r2 = sys_clock_gettime(PT_CLOCK_MONOTONIC, &b);
	int64_t slept = ts_ns(&b) - ts_ns(&a);
	tcheck(r1 == 0 && r2 == 0 && rs == 0 && slept >= PT_SLEEP_NS, "PROC-101",
		 "nanosleep sleeps at least as long as asked, by the monotonic clock", "slept %lld ns",
		 (long long)slept);
	aegis_timespec_t bad = { 0, PT_NS };
	long r = sys_nanosleep(&bad, NULL);
	tcheck(r == -PT_EINVAL, "PROC-101", "nanosleep with tv_nsec out of range fails with EINVAL", "result %ld", r);
	r = sys_clock_gettime(12345, &a);
	tcheck(r == -PT_EINVAL, "PROC-101", "an unknown clock fails with EINVAL", "result %ld", r);
	r = sys_clock_gettime(PT_CLOCK_REALTIME, &a);
	tcheck(r == 0 && a.tv_nsec >= 0 && a.tv_nsec < PT_NS, "PROC-101", "CLOCK_REALTIME reads", "result %ld", r);
}

static void misc_random(void)
{
	unsigned char a[PT_RANDOM_LEN], b[PT_RANDOM_LEN];
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	long ra = sys_getrandom(a, sizeof(a), 0);
	long rb = sys_getrandom(b, sizeof(b), 0);
	tcheck(ra == PT_RANDOM_LEN && rb == PT_RANDOM_LEN && memcmp(a, b, sizeof(a)) != 0, "PROC-102",
		 "getrandom fills the buffer with fresh bytes", "results %ld %ld", ra, rb);
	long r = sys_getrandom(a, sizeof(a), 0x80);
	tcheck(r == -PT_EINVAL, "PROC-102", "getrandom with unknown flags fails with EINVAL", "result %ld", r);
}

static void misc_identity(void)
{
	tcheck(sys_getuid() == 0 && sys_geteuid() == 0 && sys_getgid() == 0 && sys_getegid() == 0, "PROC-103",
		 "PID 1 starts as root", "uid %ld euid %ld gid %ld egid %ld", sys_getuid(), sys_geteuid(), sys_getgid(),
		 sys_getegid());
	tcheck(sys_getpgrp() == 1, "PROC-103", "PID 1 leads its own process group", "getpgrp = %ld", sys_getpgrp());
}

/* A child that spins without system calls; the parent must still wake from its sleep. */
static void misc_preemption(void)
{
	if (!pt_user_paged()) {
		tcheck_skip("PROC-012", "the timer preempts a program that makes no system calls",
			"the sim does not preempt host processes");
		return;
	}
	long pid = sys_fork();
	if (pid == 0) {
		for (;;)
			__asm__ volatile("" ::: "memory");
	}
	aegis_timespec_t nap = { 0, PT_SLEEP_NS };
	long rs = pid > 0 ? sys_nanosleep(&nap, NULL) : pid;
	long rk = pid > 0 ? sys_kill((int)pid, PT_SIGKILL) : pid;
	int s = -1;
	long rw = pid > 0 ? sys_wait4((int)pid, &s, 0, NULL) : pid;
	tcheck(rs == 0 && rk == 0 && rw == pid && pt_signaled(s) && pt_term_sig(s) == PT_SIGKILL, "PROC-012",
		 "the timer preempts a program that makes no system calls", "fork %ld sleep %ld kill %ld wait %ld status 0x%x",
		 pid, rs, rk, rw, s);
}

void pt_run_misc(void)
{
	misc_preemption();
	misc_uname();
	misc_clocks();
	misc_random();
	misc_identity();
}
