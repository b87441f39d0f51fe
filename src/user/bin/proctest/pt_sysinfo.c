/*
 * sysinfo's figures, and the leak check built on them: the free memory it
 * reports after a warm-up round of fork, exec and wait must not change over
 * more such rounds and a child that dies of a fault.  PROC-116 and PROC-117
 * in spec/processes.md.
 */
#include "glue/glue.h"
#include "proctest.h"
#include "tcheck/tcheck.h"
#include "pt_status.h"

#define PT_CLOCK_BOOTTIME 7
#define PT_NS 1000000000ll
#define PT_NAP_NS 10000000ll /* time for a child to run and exit */
#define PT_LEAK_ROUNDS 4
#define PT_PAGE 4096ull
#define PT_SIGSEGV 11
#define PT_NULL_PAGE_ADDR 0x10
#define PT_BAD_LOW ((aegis_sysinfo_t *)(uintptr_t)0x10)
#define PT_BAD_KERNEL ((aegis_sysinfo_t *)(uintptr_t)0xffff800000001000ull)

static int64_t boottime_s_up(void)
{
	aegis_timespec_t t = { 0, 0 };
	sys_clock_gettime(PT_CLOCK_BOOTTIME, &t);
	return t.tv_sec + (t.tv_nsec != 0);
}

static void nap(void)
{
	aegis_timespec_t t = { 0, PT_NAP_NS };
	sys_nanosleep(&t, NULL);
}

static void sysinfo_fields(void)
{
	aegis_sysinfo_t si;
	int64_t low = boottime_s_up();
	long r = sys_sysinfo(&si);
	int64_t high = boottime_s_up();
	tcheck(r == 0 && si.mem_unit == 1 && si.totalram > 0 && si.freeram > 0 && si.freeram <= si.totalram,
		 "PROC-116", "sysinfo reports total and free memory in bytes (mem_unit 1)",
		 "result %ld, mem_unit %u, total %llu, free %llu", r, si.mem_unit, (unsigned long long)si.totalram,
		 (unsigned long long)si.freeram);
	tcheck(si.uptime >= low && si.uptime <= high, "PROC-116", "sysinfo's uptime is boot time in seconds, rounded up",
		 "uptime %lld, CLOCK_BOOTTIME between %lld and %lld", (long long)si.uptime, (long long)low,
		 (long long)high);
	bool untracked_zero = si.loads[0] == 0 && si.loads[1] == 0 && si.loads[2] == 0 && si.sharedram == 0 &&
			      si.bufferram == 0 && si.totalswap == 0 && si.freeswap == 0 && si.totalhigh == 0 &&
			      si.freehigh == 0;
	tcheck(untracked_zero, "PROC-116", "sysinfo reports 0 for what Aegis does not track (loads, swap, ...)",
		 "loads %llu, shared %llu, swap %llu", (unsigned long long)si.loads[0], (unsigned long long)si.sharedram,
		 (unsigned long long)si.totalswap);
	r = sys_sysinfo(PT_BAD_LOW);
	long r2 = sys_sysinfo(PT_BAD_KERNEL);
	tcheck(r == -PT_EFAULT && r2 == -PT_EFAULT, "PROC-116", "sysinfo with a bad pointer answers EFAULT",
		 "unmapped %ld, kernel %ld", r, r2);
}

static unsigned procs_now(void)
{
	aegis_sysinfo_t si;
	return sys_sysinfo(&si) == 0 ? si.procs : 0;
}

/* A child counts from fork until it is reaped, zombie time included. */
static void sysinfo_procs(void)
{
	unsigned before = procs_now();
	long pid = sys_fork();
	if (pid == 0)
		sys_exit(0);
	nap(); /* the child exits: a zombie now */
	unsigned zombie = procs_now();
	sys_wait4((int)pid, NULL, 0, NULL);
	unsigned after = procs_now();
	tcheck(before >= 1 && zombie == before + 1 && after == before, "PROC-116",
		 "sysinfo's procs counts processes, zombies included", "before %u, with a zombie %u, after reaping %u",
		 before, zombie, after);
}

static int exec_round(void)
{
	long pid = sys_fork();
	if (pid == 0) {
		const char *const argv[] = { "proctest", "exit", "0", NULL };
		sys_execve(pt_self, (char *const *)argv, NULL);
		sys_exit(1);
	}
	int s = -1;
	if (pid < 0 || sys_wait4((int)pid, &s, 0, NULL) != pid)
		return -1;
	return s;
}

/* Where the kernel pages memory a touch of page 0 faults; in the sim ASan owns SIGSEGV, so the child sends it. */
static int fault(void *ctx)
{
	volatile char *null_page = ctx;
	if (pt_user_paged())
		return *null_page;
	sys_kill((int)sys_getpid(), PT_SIGSEGV);
	return 0;
}

static bool one_round(void)
{
	int e = exec_round();
	int f = pt_fork_run(fault, (void *)(uintptr_t)PT_NULL_PAGE_ADDR);
	return e == 0 && pt_signaled(f) && pt_term_sig(f) == PT_SIGSEGV;
}

static uint64_t free_bytes(void)
{
	aegis_sysinfo_t si;
	return sys_sysinfo(&si) == 0 ? si.freeram * si.mem_unit : 0;
}

static void sysinfo_leak_check(void)
{
	bool ok = one_round(); /* warm-up: caches the kernel keeps for good fill here */
	uint64_t before = free_bytes();
	for (int i = 0; i < PT_LEAK_ROUNDS; i++)
		ok = one_round() && ok;
	uint64_t after = free_bytes();
	tcheck(ok, "PROC-117", "the leak check's rounds ran (exec exits 0, the faulting child dies of SIGSEGV)",
		 "a round went wrong");
	tcheck(before > 0 && before == after, "PROC-117",
		 "free memory is the same before and after fork/exec/wait rounds and a faulting child",
		 "free before %llu, after %llu (%lld pages)", (unsigned long long)before, (unsigned long long)after,
		 ((long long)after - (long long)before) / (long long)PT_PAGE);
}

void pt_run_sysinfo(void)
{
	sysinfo_fields();
	sysinfo_procs();
	sysinfo_leak_check();
}
