/*
 * Resource limits through the real calls (spec/credentials.md CRED-081..085):
 * each check runs in a child of PID 1, so PID 1's own limits stay the
 * defaults, and the child's exit code names the first step that went wrong.
 */
#include <stdio.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/signal.h>

#include "credcheck.h"
#include "glue/glue.h"
#include "tcheck/tcheck.h"

#define RL_FSIZE 1
#define RL_STACK 3
#define RL_CORE 4
#define RL_NPROC 6
#define RL_NOFILE 7
#define RL_AS 9
#define RL_BAD 16
#define NOFILE_SOFT 256u
#define NOFILE_HARD 256u /* the default hard limit is the ceiling (CRED-061, CRED-065) */
#define NOFILE_CHILD_SOFT 64u
#define NOFILE_CHILD_HARD 128u
#define NOFILE_TOO_HIGH (NOFILE_HARD + 1u)
#define STACK_SOFT (8ull * 1024u * 1024u)
#define FEW_FDS 5u
#define FD_BEYOND 7
#define FSIZE_LIMIT 10u
#define FSIZE_WRITE 16u
#define PWRITE_AT 8
#define PWRITE_LEN 5u
#define NO_SUCH_PID 30000
#define AS_LIMIT (64ull * 1024u * 1024u)
#define AS_TOO_MUCH (128ull * 1024u * 1024u)
#define SMALL_MAP 4096u
#define PROT_RW 0x3
#define MAP_PRIVATE_ANON 0x22
#define CC_UNMAPPED ((void *)0x10)
#define FSIZE_FILE "/tmp/cred-fsize"
#define FSIZE_FILE_2 "/tmp/cred-fsize-2"
#define SOME_FILE "/etc/initrd-release"

static bool limit_is(int res, uint64_t cur, uint64_t max)
{
	aegis_rlimit_t l = { 0, 0 };
	return sys_getrlimit(res, &l) == 0 && l.rlim_cur == cur && l.rlim_max == max;
}

static int child_sees_lowered(void)
{
	return limit_is(RL_NOFILE, NOFILE_CHILD_SOFT, NOFILE_CHILD_HARD) ? 0 : 1;
}

/* CRED-082: the calls' rules; returns the failing step (0: all good). */
static int child_rlimit_calls(void)
{
	aegis_rlimit_t l = { 0, 0 }, old = { 0, 0 };
	if (!limit_is(RL_NOFILE, NOFILE_SOFT, NOFILE_HARD) || !limit_is(RL_CORE, 0, AEGIS_RLIM_INFINITY))
		return 1;
	if (sys_getrlimit(RL_STACK, &l) != 0 || l.rlim_cur != STACK_SOFT)
		return 2;
	aegis_rlimit_t lowered = { NOFILE_CHILD_SOFT, NOFILE_CHILD_HARD };
	if (sys_setrlimit(RL_NOFILE, &lowered) != 0 || !limit_is(RL_NOFILE, NOFILE_CHILD_SOFT, NOFILE_CHILD_HARD))
		return 3;
	aegis_rlimit_t raise = { NOFILE_CHILD_SOFT, NOFILE_HARD };
	if (sys_prlimit64(0, RL_NOFILE, &raise, &old) != -ENOCAP || old.rlim_cur != 0)
		return 4;
	aegis_rlimit_t too_high = { NOFILE_CHILD_SOFT, NOFILE_TOO_HIGH };
	aegis_rlimit_t inverted = { NOFILE_CHILD_HARD, NOFILE_CHILD_SOFT };
	if (sys_setrlimit(RL_NOFILE, &too_high) != -EPERM || sys_setrlimit(RL_NOFILE, &inverted) != -EINVAL)
		return 5;
	if (sys_getrlimit(RL_BAD, &l) != -EINVAL || sys_getrlimit(RL_NOFILE, CC_UNMAPPED) != -EFAULT)
		return 6;
	aegis_rlimit_t fsize = { FSIZE_LIMIT, FSIZE_LIMIT };
	if (sys_prlimit64(0, RL_FSIZE, &fsize, CC_UNMAPPED) != -EFAULT ||
	    !limit_is(RL_FSIZE, AEGIS_RLIM_INFINITY, AEGIS_RLIM_INFINITY))
		return 7;
	if (sys_prlimit64((int)sys_getpid(), RL_NOFILE, NULL, &old) != 0 || old.rlim_cur != NOFILE_CHILD_SOFT)
		return 8;
	/* PID 1 has the same IDs (all 0): its limits may be read, and they are still the defaults. */
	if (sys_prlimit64(1, RL_NOFILE, NULL, &old) != 0 || old.rlim_cur != NOFILE_SOFT)
		return 9;
	if (sys_prlimit64(NO_SUCH_PID, RL_NOFILE, NULL, &old) != -ESRCH)
		return 10;
	int status = cc_in_child(child_sees_lowered);
	return cc_exited_ok(status) ? 0 : 11;
}

/* CRED-081: NOFILE soft 5 leaves descriptors 3 and 4. */
static int child_nofile(void)
{
	aegis_rlimit_t few = { FEW_FDS, NOFILE_HARD };
	if (sys_setrlimit(RL_NOFILE, &few) != 0)
		return 1;
	if (sys_open(SOME_FILE, AEGIS_O_RDONLY, 0) != 3 || sys_open(SOME_FILE, AEGIS_O_RDONLY, 0) != 4)
		return 2;
	if (sys_open(SOME_FILE, AEGIS_O_RDONLY, 0) != -EMFILE || sys_dup(0) != -EMFILE)
		return 3;
	int fds[2];
	if (sys_pipe(fds) != -EMFILE || sys_dup2(0, FD_BEYOND) != -EBADF)
		return 4;
	if (sys_close(4) != 0 || sys_dup(0) != 4)
		return 5;
	return 0;
}

static int open_fsize_file(const char *path)
{
	aegis_rlimit_t l = { FSIZE_LIMIT, FSIZE_LIMIT };
	if (sys_setrlimit(RL_FSIZE, &l) != 0)
		return -1;
	return (int)sys_open(path, AEGIS_O_CREAT | AEGIS_O_WRONLY | AEGIS_O_TRUNC, 0644);
}

/* CRED-083 with SIGXFSZ ignored: a short write, then -EFBIG; pwrite64 is clipped too. */
static int child_fsize_ignored(void)
{
	aegis_sigaction_t ign = { AEGIS_SIG_IGN, 0, 0, 0 };
	if (sys_rt_sigaction(SIGXFSZ, &ign, NULL, sizeof(aegis_sigset_t)) != 0)
		return 1;
	int fd = open_fsize_file(FSIZE_FILE);
	if (fd < 0)
		return 2;
	char buf[FSIZE_WRITE] = "0123456789abcdef";
	if (sys_write(fd, buf, FSIZE_WRITE) != FSIZE_LIMIT)
		return 3;
	if (sys_write(fd, buf, 1) != -EFBIG)
		return 4;
	if (sys_pwrite64(fd, buf, PWRITE_LEN, PWRITE_AT) != FSIZE_LIMIT - PWRITE_AT)
		return 5;
	aegis_stat_t st;
	if (sys_fstat(fd, &st) != 0 || st.st_size != FSIZE_LIMIT)
		return 6;
	return 0;
}

/* CRED-083 with the default action: the write at the limit ends the process with SIGXFSZ. */
static int child_fsize_default(void)
{
	int fd = open_fsize_file(FSIZE_FILE_2);
	char buf[FSIZE_WRITE] = { 0 };
	if (fd < 0 || sys_write(fd, buf, FSIZE_LIMIT) != FSIZE_LIMIT)
		return 1;
	sys_write(fd, buf, 1);
	return 2;
}

/* CRED-084: one process of this uid already counts against NPROC soft 1. */
static int child_nproc(void)
{
	aegis_rlimit_t one = { 1, AEGIS_RLIM_INFINITY };
	if (sys_setrlimit(RL_NPROC, &one) != 0)
		return 1;
	return sys_fork() == -EAGAIN ? 0 : 2;
}

/* CRED-085 (x86_64): mmap and brk stop at the AS soft limit. */
static int child_as(void)
{
	aegis_rlimit_t l = { AS_LIMIT, AEGIS_RLIM_INFINITY };
	if (sys_setrlimit(RL_AS, &l) != 0)
		return 1;
	if (sys_mmap(NULL, AS_TOO_MUCH, PROT_RW, MAP_PRIVATE_ANON, -1, 0) != -ENOMEM)
		return 2;
	if (sys_mmap(NULL, SMALL_MAP, PROT_RW, MAP_PRIVATE_ANON, -1, 0) < 0)
		return 3;
	long brk = sys_brk(NULL);
	if (sys_brk((char *)brk + AS_TOO_MUCH) != brk)
		return 4;
	return 0;
}

static void report(int status, const char *id, const char *text)
{
	tcheck(cc_exited_ok(status), id, text, "wait status %#x (exit code = failing step)", status);
}

void cc_run_limits(void)
{
	report(cc_in_child(child_rlimit_calls), "CRED-082", "getrlimit/setrlimit/prlimit64 rules, fork inherits");
	report(cc_in_child(child_nofile), "CRED-081", "RLIMIT_NOFILE: EMFILE at the soft limit, dup2 beyond is EBADF");
	report(cc_in_child(child_fsize_ignored), "CRED-083", "RLIMIT_FSIZE: short write, then EFBIG (SIGXFSZ ignored)");
	int status = cc_in_child(child_fsize_default);
	tcheck(cc_term_sig(status) == SIGXFSZ, "CRED-083", "RLIMIT_FSIZE: a write past the limit raises SIGXFSZ",
	       "wait status %#x", status);
	report(cc_in_child(child_nproc), "CRED-084", "RLIMIT_NPROC: fork is EAGAIN at the limit");
	if (sys_brk(NULL) == -ENOSYS)
		tcheck_skip("CRED-085", "RLIMIT_AS on mmap and brk", "the sim's programs are host processes");
	else
		report(cc_in_child(child_as), "CRED-085", "RLIMIT_AS: mmap is ENOMEM and brk stays");
}
