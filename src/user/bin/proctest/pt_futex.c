/*
 * futex as a single-threaded program can see it: a word that differs
 * answers EAGAIN at once, timeouts (relative, absolute, either clock) end
 * the wait, a wake with no waiters wakes none, a child's word at the same
 * address is another futex, a signal ends a wait, and bad input gets
 * EINVAL, EFAULT or ENOSYS.  PROC-110..PROC-114 in spec/processes.md (the
 * wait table's ordering and keying are unit-tested in
 * tests/processes/test_futex.c, since two waiters on one word need threads
 * or shared memory).
 */
#include "glue/glue.h"
#include "glue/glue_call.h"
#include "proctest.h"
#include "tcheck/tcheck.h"
#include "pt_status.h"

#define PT_FUTEX_WAIT 0
#define PT_FUTEX_WAKE 1
#define PT_FUTEX_REQUEUE 3
#define PT_FUTEX_WAIT_BITSET 9
#define PT_FUTEX_WAKE_BITSET 10
#define PT_FUTEX_PRIVATE 128
#define PT_FUTEX_CLOCK_REALTIME 256
#define PT_FUTEX_UNKNOWN_OP 99
#define PT_BITSET_ALL 0xffffffffu
#define PT_EAGAIN 11
#define PT_ETIMEDOUT 110
#define PT_CLOCK_REALTIME 0
#define PT_CLOCK_MONOTONIC 1
#define PT_NS 1000000000ll
#define PT_FUTEX_NAP_NS 20000000ll   /* 20 ms timeouts */
#define PT_HANDSHAKE_NS 10000000ll   /* time for a child to reach its wait */
#define PT_SIGKILL 9
#define PT_SIGUSR1 10
#define PT_SA_RESTORER 0x04000000ull
#define PT_WORD_VALUE 7u
#define PT_CHILD_WOKE 3              /* exit code: the child's wait ended, which it must not */
#define PT_BAD_LOW ((uint32_t *)(uintptr_t)0x10)
#define PT_BAD_KERNEL ((uint32_t *)(uintptr_t)0xffff800000001000ull)

static uint32_t word = PT_WORD_VALUE;

static long futex(uint32_t *uaddr, int op, uint32_t val, const aegis_timespec_t *timeout, uint32_t val3)
{
	return sys_futex(uaddr, op, val, timeout, NULL, val3);
}

static int64_t mono_ns(void)
{
	aegis_timespec_t t = { 0, 0 };
	sys_clock_gettime(PT_CLOCK_MONOTONIC, &t);
	return t.tv_sec * PT_NS + t.tv_nsec;
}

static aegis_timespec_t ns_ts(int64_t ns)
{
	return (aegis_timespec_t){ ns / PT_NS, ns % PT_NS };
}

static void futex_compare(void)
{
	long r = futex(&word, PT_FUTEX_WAIT, PT_WORD_VALUE + 1, NULL, 0);
	tcheck(r == -PT_EAGAIN, "PROC-110", "FUTEX_WAIT on a word that differs answers EAGAIN at once", "result %ld", r);
	r = futex(&word, PT_FUTEX_WAIT | PT_FUTEX_PRIVATE, PT_WORD_VALUE + 1, NULL, 0);
	tcheck(r == -PT_EAGAIN, "PROC-114", "FUTEX_PRIVATE_FLAG is accepted (FUTEX_WAIT, word differs)", "result %ld", r);
	r = futex(&word, PT_FUTEX_WAKE, 1, NULL, 0);
	tcheck(r == 0, "PROC-111", "FUTEX_WAKE with no waiters wakes none", "result %ld", r);
	r = futex(&word, PT_FUTEX_WAKE | PT_FUTEX_PRIVATE, 1, NULL, 0);
	tcheck(r == 0, "PROC-114", "FUTEX_PRIVATE_FLAG is accepted (FUTEX_WAKE)", "result %ld", r);
	r = futex(&word, PT_FUTEX_WAKE_BITSET, 1, NULL, PT_BITSET_ALL);
	tcheck(r == 0, "PROC-113", "FUTEX_WAKE_BITSET with no waiters wakes none", "result %ld", r);
}

static void futex_timeouts(void)
{
	aegis_timespec_t rel = ns_ts(PT_FUTEX_NAP_NS);
	int64_t before = mono_ns();
	long r = futex(&word, PT_FUTEX_WAIT, PT_WORD_VALUE, &rel, 0);
	int64_t waited = mono_ns() - before;
	tcheck(r == -PT_ETIMEDOUT && waited >= PT_FUTEX_NAP_NS, "PROC-112",
		 "FUTEX_WAIT with a relative timeout answers ETIMEDOUT after at least that long",
		 "result %ld after %lld ns", r, (long long)waited);
	r = futex(&word, PT_FUTEX_WAIT | PT_FUTEX_PRIVATE, PT_WORD_VALUE, &rel, 0);
	tcheck(r == -PT_ETIMEDOUT, "PROC-114", "FUTEX_PRIVATE_FLAG is accepted (FUTEX_WAIT times out)", "result %ld", r);
	aegis_timespec_t zero = { 0, 0 };
	r = futex(&word, PT_FUTEX_WAIT, PT_WORD_VALUE, &zero, 0);
	tcheck(r == -PT_ETIMEDOUT, "PROC-112", "FUTEX_WAIT with a zero timeout answers ETIMEDOUT at once", "result %ld", r);
	before = mono_ns();
	aegis_timespec_t until = ns_ts(before + PT_FUTEX_NAP_NS);
	r = futex(&word, PT_FUTEX_WAIT_BITSET, PT_WORD_VALUE, &until, PT_BITSET_ALL);
	waited = mono_ns() - before;
	tcheck(r == -PT_ETIMEDOUT && waited >= PT_FUTEX_NAP_NS, "PROC-112",
		 "FUTEX_WAIT_BITSET waits until an absolute CLOCK_MONOTONIC time", "result %ld after %lld ns", r,
		 (long long)waited);
	before = mono_ns(); /* first: the realtime deadline is then at least this plus the nap */
	aegis_timespec_t real = { 0, 0 };
	sys_clock_gettime(PT_CLOCK_REALTIME, &real);
	until = ns_ts(real.tv_sec * PT_NS + real.tv_nsec + PT_FUTEX_NAP_NS);
	r = futex(&word, PT_FUTEX_WAIT_BITSET | PT_FUTEX_CLOCK_REALTIME, PT_WORD_VALUE, &until, PT_BITSET_ALL);
	waited = mono_ns() - before;
	tcheck(r == -PT_ETIMEDOUT && waited >= PT_FUTEX_NAP_NS, "PROC-112",
		 "FUTEX_WAIT_BITSET with FUTEX_CLOCK_REALTIME waits until an absolute CLOCK_REALTIME time",
		 "result %ld after %lld ns", r, (long long)waited);
	aegis_timespec_t past = { 0, 1 };
	r = futex(&word, PT_FUTEX_WAIT_BITSET, PT_WORD_VALUE, &past, PT_BITSET_ALL);
	tcheck(r == -PT_ETIMEDOUT, "PROC-112", "an absolute time already past answers ETIMEDOUT", "result %ld", r);
	aegis_timespec_t bad_ns = { 0, PT_NS }, bad_sec = { -1, 0 };
	r = futex(&word, PT_FUTEX_WAIT, PT_WORD_VALUE, &bad_ns, 0);
	long r2 = futex(&word, PT_FUTEX_WAIT, PT_WORD_VALUE, &bad_sec, 0);
	tcheck(r == -PT_EINVAL && r2 == -PT_EINVAL, "PROC-112",
		 "a timeout with tv_nsec out of range or tv_sec < 0 answers EINVAL", "results %ld %ld", r, r2);
}

static void futex_bad_input(void)
{
	long r = futex(&word, PT_FUTEX_WAIT_BITSET, PT_WORD_VALUE, NULL, 0);
	long r2 = futex(&word, PT_FUTEX_WAKE_BITSET, 1, NULL, 0);
	tcheck(r == -PT_EINVAL && r2 == -PT_EINVAL, "PROC-113", "a zero bitset answers EINVAL (wait and wake)",
		 "results %ld %ld", r, r2);
	uint32_t *odd = (uint32_t *)(void *)((char *)&word + 1);
	r = futex(odd, PT_FUTEX_WAIT, PT_WORD_VALUE, NULL, 0);
	r2 = futex(odd, PT_FUTEX_WAKE, 1, NULL, 0);
	tcheck(r == -PT_EINVAL && r2 == -PT_EINVAL, "PROC-114", "a misaligned uaddr answers EINVAL (wait and wake)",
		 "results %ld %ld", r, r2);
	uint32_t *const bad[] = { PT_BAD_LOW, PT_BAD_KERNEL };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = futex(bad[i], PT_FUTEX_WAIT, 0, NULL, 0);
		r2 = futex(bad[i], PT_FUTEX_WAKE, 1, NULL, 0);
		tcheck(r == -PT_EFAULT && r2 == -PT_EFAULT, "PROC-114", "a bad uaddr answers EFAULT (wait and wake)",
			 "%s pointer: results %ld %ld", i ? "kernel" : "unmapped", r, r2);
	}
	r = futex(&word, PT_FUTEX_WAIT, PT_WORD_VALUE, (const aegis_timespec_t *)(void *)PT_BAD_LOW, 0);
	tcheck(r == -PT_EFAULT, "PROC-114", "a bad timeout pointer answers EFAULT", "result %ld", r);
	r = futex(&word, PT_FUTEX_UNKNOWN_OP, 0, NULL, 0);
	r2 = futex(&word, PT_FUTEX_REQUEUE, 1, NULL, 0);
	tcheck(r == -PT_ENOSYS && r2 == -PT_ENOSYS, "PROC-114", "an unknown or unsupported operation answers ENOSYS",
		 "results %ld %ld", r, r2);
	r = futex(&word, PT_FUTEX_WAKE | PT_FUTEX_CLOCK_REALTIME, 1, NULL, 0);
	r2 = futex(&word, PT_FUTEX_WAIT | PT_FUTEX_CLOCK_REALTIME, PT_WORD_VALUE + 1, NULL, 0);
	tcheck(r == -PT_ENOSYS && r2 == -PT_ENOSYS, "PROC-114",
		 "FUTEX_CLOCK_REALTIME with anything but FUTEX_WAIT_BITSET answers ENOSYS", "results %ld %ld", r, r2);
	aegis_timespec_t bad_ns = { 0, PT_NS };
	r = futex(&word, PT_FUTEX_WAIT | PT_FUTEX_CLOCK_REALTIME, PT_WORD_VALUE, &bad_ns, 0);
	tcheck(r == -PT_EINVAL, "PROC-114", "a wait's timeout is checked before its operation, as on Linux", "result %ld",
		 r);
}

/* Fork a child that says so on fds[1] and then waits on its copy of word for ever; its PID. */
static long fork_waiter(int fds[2])
{
	if (sys_pipe(fds) != 0)
		return -1;
	long pid = sys_fork();
	if (pid == 0) {
		sys_write(fds[1], "w", 1);
		futex(&word, PT_FUTEX_WAIT, PT_WORD_VALUE, NULL, 0);
		sys_exit(PT_CHILD_WOKE);
	}
	char c = 0;
	if (pid > 0)
		sys_read(fds[0], &c, 1);
	aegis_timespec_t nap = ns_ts(PT_HANDSHAKE_NS);
	sys_nanosleep(&nap, NULL); /* the child reaches its wait */
	return pid;
}

/* The child's word sits at the same address, but in another address space: a wake here is not for it. */
static void futex_across_fork(void)
{
	int fds[2] = { -1, -1 };
	long pid = fork_waiter(fds);
	long woken = futex(&word, PT_FUTEX_WAKE, 1, NULL, 0);
	long rk = pid > 0 ? sys_kill((int)pid, PT_SIGKILL) : pid;
	int s = -1;
	long rw = pid > 0 ? sys_wait4((int)pid, &s, 0, NULL) : pid;
	sys_close(fds[0]);
	sys_close(fds[1]);
	tcheck(pid > 0 && woken == 0, "PROC-111", "a wake in the parent does not wake a child waiting at the same address",
		 "fork %ld, wake = %ld, child status 0x%x", pid, woken, s);
	tcheck(rk == 0 && rw == pid && pt_signaled(s) && pt_term_sig(s) == PT_SIGKILL, "PROC-110",
		 "SIGKILL ends a child waiting in FUTEX_WAIT", "kill %ld wait %ld status 0x%x", rk, rw, s);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static int wait_for_signal(void *ctx)
{
	int *fds = ctx;
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)on_usr1, PT_SA_RESTORER,
				  (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
	if (sys_rt_sigaction(PT_SIGUSR1, &act, NULL, sizeof(aegis_sigset_t)) != 0)
		return 2;
	sys_write(fds[1], "w", 1);
	long r = futex(&word, PT_FUTEX_WAIT, PT_WORD_VALUE, NULL, 0);
	return r == -PT_EINTR ? 0 : PT_CHILD_WOKE;
}

/* A caught signal ends the wait with EINTR once its handler ran. */
static void futex_interrupted(void)
{
	int fds[2];
	if (sys_pipe(fds) != 0)
		return;
	long pid = sys_fork();
	if (pid == 0)
		sys_exit(wait_for_signal(fds));
	char c = 0;
	sys_read(fds[0], &c, 1);
	aegis_timespec_t nap = ns_ts(PT_HANDSHAKE_NS);
	sys_nanosleep(&nap, NULL);
	long rk = sys_kill((int)pid, PT_SIGUSR1);
	int s = -1;
	sys_wait4((int)pid, &s, 0, NULL);
	sys_close(fds[0]);
	sys_close(fds[1]);
	tcheck(rk == 0 && s == 0, "PROC-110", "a caught signal ends FUTEX_WAIT with EINTR", "kill %ld status 0x%x", rk,
		 s);
}

void pt_run_futex(void)
{
	futex_compare();
	futex_timeouts();
	futex_bad_input();
	futex_across_fork();
	futex_interrupted();
}
