/*
 * Bad input from a program: every pointer-taking call answers EFAULT for a
 * pointer into nothing and for a kernel address, an unknown system-call
 * number answers ENOSYS, and execve of a malformed program answers ENOEXEC
 * while the caller keeps running.  PROC-090.. in spec/processes.md.
 */
#include "glue/glue.h"
#include "glue/glue_call.h"
#include "proctest.h"
#include "tcheck/tcheck.h"
#include "pt_status.h"

#define PT_BAD_LOW ((void *)(uintptr_t)0x10)               /* page 0: never mapped */
#define PT_BAD_KERNEL ((void *)(uintptr_t)0xffff800000001000ull) /* the kernel half */
#define PT_CLOCK_MONOTONIC 1
#define PT_SIG_BLOCK 0
#define PT_SIGUSR1 10
#define PT_AT_FDCWD (-100)
#define PT_EPOLL_CTL_ADD 1
#define PT_POLLOUT 0x004
#define PT_UNKNOWN_SYSCALL 9999
#define PT_EXEC_ABSENT 3 /* child exit codes of exec_malformed */
#define PT_EXEC_WRONG 4

typedef struct {
	const char *name;
	long (*call)(void *bad);
} pt_pointer_call_t;

static long call_write(void *bad) { return sys_write(1, bad, 8); }
static long call_read(void *bad)
{
	int fds[2];
	sys_pipe(fds);
	sys_write(fds[1], "12345678", 8);
	long r = sys_read(fds[0], bad, 8);
	sys_close(fds[0]);
	sys_close(fds[1]);
	return r;
}
static long call_uname(void *bad) { return sys_uname(bad); }
static long call_clock(void *bad) { return sys_clock_gettime(PT_CLOCK_MONOTONIC, bad); }
static long call_nanosleep(void *bad) { return sys_nanosleep(bad, NULL); }
static long call_getrandom(void *bad) { return sys_getrandom(bad, 16, 0); }
static long call_pipe(void *bad) { return sys_pipe(bad); }
static long call_execve_path(void *bad) { return sys_execve(bad, NULL, NULL); }
static long call_execve_argv(void *bad) { return sys_execve(pt_self, bad, NULL); }
static long call_writev(void *bad) { return sys_writev(1, bad, 1); }
static long call_sigaction(void *bad) { return sys_rt_sigaction(PT_SIGUSR1, bad, NULL, sizeof(aegis_sigset_t)); }
static long call_sigprocmask(void *bad) { return sys_rt_sigprocmask(PT_SIG_BLOCK, bad, NULL, sizeof(aegis_sigset_t)); }
static long call_wait4(void *bad)
{
	long pid = sys_fork();
	if (pid == 0)
		sys_exit(0);
	long r = sys_wait4((int)pid, bad, 0, NULL);
	/* The zombie must survive a failed copy: reap it for real. */
	long again = sys_wait4((int)pid, NULL, 0, NULL);
	return again == pid ? r : -1;
}

static long call_wait4_rusage(void *bad)
{
	long pid = sys_fork();
	if (pid == 0)
		sys_exit(0);
	long r = sys_wait4((int)pid, NULL, 0, bad);
	long again = sys_wait4((int)pid, NULL, 0, NULL);
	return again == pid ? r : -1;
}
static long call_readv(void *bad) { return sys_readv(0, bad, 1); }
static long call_pipe2(void *bad) { return sys_pipe2(bad, 0); }
static long call_clock_getres(void *bad) { return sys_clock_getres(PT_CLOCK_MONOTONIC, bad); }
static long call_clock_nanosleep(void *bad) { return sys_clock_nanosleep(PT_CLOCK_MONOTONIC, 0, bad, NULL); }
static long call_gettimeofday(void *bad) { return sys_gettimeofday(bad, NULL); }
static long call_sigaction_old(void *bad) { return sys_rt_sigaction(PT_SIGUSR1, NULL, bad, sizeof(aegis_sigset_t)); }
static long call_sigprocmask_old(void *bad)
{
	return sys_rt_sigprocmask(PT_SIG_BLOCK, NULL, bad, sizeof(aegis_sigset_t));
}
static long call_sigsuspend(void *bad) { return sys_rt_sigsuspend(bad, sizeof(aegis_sigset_t)); }
static long call_sigpending(void *bad) { return sys_rt_sigpending(bad, sizeof(aegis_sigset_t)); }
static long call_sigaltstack(void *bad) { return sys_sigaltstack(bad, NULL); }
static long call_sigaltstack_old(void *bad) { return sys_sigaltstack(NULL, bad); }
static long call_sysinfo(void *bad) { return sys_sysinfo(bad); }
static long call_openat(void *bad) { return sys_openat(PT_AT_FDCWD, bad, 0, 0); }
static long call_newfstatat(void *bad) { return sys_newfstatat(PT_AT_FDCWD, "/", bad, 0); }
static long call_pread(void *bad)
{
	long fd = sys_open("/etc/initrd-release", 0, 0);
	long r = sys_pread64((int)fd, bad, 8, 0);
	sys_close((int)fd);
	return r;
}
static long call_readlinkat(void *bad) { return sys_readlinkat(PT_AT_FDCWD, "/proc/self/exe", bad, 8); }
static long call_faccessat(void *bad) { return sys_faccessat(PT_AT_FDCWD, bad, 0); }
static long call_getcwd(void *bad) { return sys_getcwd(bad, 64); }

static long call_select(void *bad) { return sys_select(1, bad, NULL, NULL, NULL); }
static long call_ppoll_timeout(void *bad)
{
	aegis_pollfd_t none = { -1, 0, 0 };
	return sys_ppoll(&none, 1, bad, NULL, sizeof(aegis_sigset_t));
}
static long call_pselect_timeout(void *bad) { return sys_pselect6(0, NULL, NULL, NULL, bad, NULL); }
static long call_epoll_ctl(void *bad)
{
	long ep = sys_epoll_create1(0);
	long r = sys_epoll_ctl((int)ep, PT_EPOLL_CTL_ADD, 1, bad);
	sys_close((int)ep);
	return r;
}
/* A watch that is ready (the console is always writable), so the event must be copied out. */
static long call_epoll_wait(void *bad)
{
	long ep = sys_epoll_create1(0);
	aegis_epoll_event_t out = { PT_POLLOUT, 0 };
	sys_epoll_ctl((int)ep, PT_EPOLL_CTL_ADD, 1, &out);
	long r = sys_epoll_wait((int)ep, bad, 1, 0);
	sys_close((int)ep);
	return r;
}

static const pt_pointer_call_t pointer_calls[] = {
	{ "write", call_write },         { "read", call_read },
	{ "uname", call_uname },         { "clock_gettime", call_clock },
	{ "nanosleep", call_nanosleep }, { "getrandom", call_getrandom },
	{ "pipe", call_pipe },           { "execve path", call_execve_path },
	{ "execve argv", call_execve_argv }, { "writev", call_writev },
	{ "rt_sigaction", call_sigaction }, { "rt_sigprocmask", call_sigprocmask },
	{ "wait4 status", call_wait4 },   { "wait4 rusage", call_wait4_rusage },
	{ "readv", call_readv },         { "pipe2", call_pipe2 },
	{ "clock_getres", call_clock_getres }, { "clock_nanosleep", call_clock_nanosleep },
	{ "gettimeofday", call_gettimeofday }, { "rt_sigaction old", call_sigaction_old },
	{ "rt_sigprocmask old", call_sigprocmask_old }, { "rt_sigsuspend", call_sigsuspend },
	{ "rt_sigpending", call_sigpending }, { "sigaltstack", call_sigaltstack },
	{ "sigaltstack old", call_sigaltstack_old }, { "sysinfo", call_sysinfo },
	{ "openat", call_openat },       { "newfstatat", call_newfstatat },
	{ "pread64", call_pread },       { "readlinkat", call_readlinkat },
	{ "faccessat", call_faccessat }, { "getcwd", call_getcwd },
	{ "select set", call_select },   { "ppoll timeout", call_ppoll_timeout },
	{ "pselect6 timeout", call_pselect_timeout }, { "epoll_ctl event", call_epoll_ctl },
	{ "epoll_wait events", call_epoll_wait },
};

static void faults_pointers(void)
{
	void *const bad[] = { PT_BAD_LOW, PT_BAD_KERNEL };
	for (size_t i = 0; i < sizeof(pointer_calls) / sizeof(pointer_calls[0]); i++) {
		for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
			long r = pointer_calls[i].call(bad[b]);
			tcheck(r == -PT_EFAULT, "PROC-090", pointer_calls[i].name, "%s pointer: result %ld",
				 b ? "kernel" : "unmapped", r);
		}
	}
}

/* Malformed programs in the initrd's /test/enoexec/ (tools/mk-enoexec-corpus). */
static const char *const enoexec_files[] = {
	"/test/enoexec/empty",        "/test/enoexec/text",         "/test/enoexec/short-header",
	"/test/enoexec/elf32",        "/test/enoexec/big-endian",   "/test/enoexec/wrong-machine",
	"/test/enoexec/bad-version",  "/test/enoexec/phnum-huge",   "/test/enoexec/phoff-outside",
	"/test/enoexec/segment-past-end", "/test/enoexec/filesz-over-memsz", "/test/enoexec/entry-outside",
	"/test/enoexec/overlap",      "/test/enoexec/misaligned",   "/test/enoexec/interp",
	"/test/enoexec/kernel-vaddr",
};

/* In a child, so a program that wrongly started cannot take the checker with it. */
static int exec_malformed(void *ctx)
{
	const char *path = ctx;
	const char *const argv[] = { path, NULL };
	long r = sys_execve(path, (char *const *)argv, NULL);
	return r == -PT_ENOENT ? PT_EXEC_ABSENT : (r == -PT_ENOEXEC ? 0 : PT_EXEC_WRONG);
}

static void faults_enoexec(void)
{
	unsigned tried = 0;
	for (size_t i = 0; i < sizeof(enoexec_files) / sizeof(enoexec_files[0]); i++) {
		int s = pt_fork_run(exec_malformed, (void *)enoexec_files[i]);
		if (pt_exited(s) && pt_exit_code(s) == PT_EXEC_ABSENT)
			continue; /* this build's initrd does not carry it */
		tried++;
		tcheck(s == 0, "PROC-091", enoexec_files[i], "child status 0x%x (0x%x: execve did not say ENOEXEC)", s,
			 PT_EXEC_WRONG << 8);
	}
	tcheck(tried > 0, "PROC-091", "the malformed-program corpus is present", "none of the files was found");
	/* A musl build: QEMU runs it; the sim refuses it, since it would make raw Linux calls on the host. */
	const char *musl = "/test/hello-musl";
	if (pt_user_paged()) {
		const char *const argv[] = { musl, NULL };
		long pid = sys_fork();
		if (pid == 0)
			sys_exit((int)sys_execve(musl, (char *const *)argv, NULL) & 0xff);
		int st = -1;
		sys_wait4((int)pid, &st, 0, NULL);
		tcheck(pt_exited(st) && pt_exit_code(st) == 0, "PROC-091", "a static musl program runs (QEMU)",
			 "status 0x%x", st);
	} else {
		int s = pt_fork_run(exec_malformed, (void *)musl);
		tcheck(s == 0, "PROC-091", "a static musl program is refused with ENOEXEC (sim, ELF-091)",
			 "child status 0x%x", s);
	}
}

static void faults_enosys(void)
{
	long r = glue_syscall6(PT_UNKNOWN_SYSCALL, 0, 0, 0, 0, 0, 0);
	tcheck(r == -PT_ENOSYS, "PROC-092", "an unknown system call number fails with ENOSYS", "result %ld", r);
	r = glue_syscall6(-1, 0, 0, 0, 0, 0, 0);
	tcheck(r == -PT_ENOSYS, "PROC-092", "a negative system call number fails with ENOSYS", "result %ld", r);
}

void pt_run_faults(void)
{
	faults_pointers();
	faults_enoexec();
	faults_enosys();
}
