/*
 * cttycheck (see cttycheck.h): the shared helpers, then the console as PID
 * 1's controlling terminal, what its session's members and a new session
 * see of it, and that execve keeps it.  One "ok - ID text" or "not ok - ID
 * text: detail" line per check, then a summary; exits 0 only when all
 * passed.  Run with "probe" it only reports whether /dev/tty reaches its
 * session's terminal (the exec check); with "nosteal PATH", whether a new
 * session without PROC_READ(WRITE) is refused the terminal PATH.
 */
#include "cttycheck.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/signal.h>
#include <aegis/termios.h>

#include "glue/glue.h"
#include "glue/glue_call.h"
#include "tcheck/tcheck.h"
#include "uio/uio.h"

#define CT_NAP_NS 10000000     /* 10 ms */
#define CT_AWAIT_NAPS 200      /* 2 s of naps */
#define CT_STAT_BUF 512
#define CT_STAT_TTY_NR 7       /* proc(5) field numbers */
#define CT_STAT_TPGID 8
#define CT_STAT_FIRST_AFTER_COMM 3 /* the state */
#define CT_DECIMAL 10
#define CT_PROBE_FAIL 50
#define CT_SELF "/bin/cttycheck"
#define CT_WSIG_MASK 0x7f
#define CT_WEXIT(status) (((status) >> 8) & 0xff)

static volatile int hup_count, cont_count;

static void on_hangup_signal(int sig)
{
	if (sig == SIGHUP)
		hup_count++;
	else if (sig == SIGCONT)
		cont_count++;
}

void ct_catch_hangup(void)
{
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)on_hangup_signal, SA_RESTORER,
				  (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
	sys_rt_sigaction(SIGHUP, &act, NULL, sizeof(aegis_sigset_t));
	sys_rt_sigaction(SIGCONT, &act, NULL, sizeof(aegis_sigset_t));
}

void ct_nap(void)
{
	aegis_timespec_t nap = { 0, CT_NAP_NS };
	sys_nanosleep(&nap, NULL);
}

bool ct_await_hangup(void)
{
	for (int i = 0; i < CT_AWAIT_NAPS && !(hup_count && cont_count); i++)
		ct_nap();
	return hup_count == 1 && cont_count == 1;
}

bool ct_hup_seen(void)
{
	return hup_count > 0;
}

bool ct_await_hup(void)
{
	for (int i = 0; i < CT_AWAIT_NAPS && !hup_count; i++)
		ct_nap();
	return hup_count > 0;
}

void ct_signal_fd(int fd)
{
	sys_write(fd, "!", 1);
}

void ct_await_fd(int fd)
{
	char c;
	sys_read(fd, &c, 1);
}

long ct_pair_open(ct_pair_t *pp)
{
	long m = sys_open("/dev/ptmx", AEGIS_O_RDWR | AEGIS_O_NOCTTY, 0);
	if (m < 0)
		return m;
	pp->master = (int)m;
	int32_t unlock = 0;
	long r = sys_ioctl(pp->master, TIOCGPTN, (unsigned long)&pp->index);
	if (r == 0)
		r = sys_ioctl(pp->master, TIOCSPTLCK, (unsigned long)&unlock);
	snprintf(pp->path, sizeof(pp->path), "/dev/pts/%u", pp->index);
	return r;
}

void ct_pair_check(int (*fn)(void *pp), const char *id, const char *text)
{
	ct_pair_t pp;
	long o = ct_pair_open(&pp);
	int r = o == 0 ? ct_run(fn, &pp) : -1;
	tcheck(o == 0 && r == 0, id, text, "open %ld the check's process ended with %d", o, r);
	sys_close(pp.master);
}

int ct_wait(long pid)
{
	int status = 0;
	if (pid < 0 || sys_wait4((int)pid, &status, 0, NULL) != pid)
		return -1;
	return (status & CT_WSIG_MASK) ? CT_SIGNALED + (status & CT_WSIG_MASK) : CT_WEXIT(status);
}

int ct_run(int (*fn)(void *arg), void *arg)
{
	long pid = sys_fork();
	if (pid == 0)
		sys_exit(fn(arg));
	return ct_wait(pid);
}

long ct_open_tty(void)
{
	return sys_open("/dev/tty", AEGIS_O_RDWR, 0);
}

long ct_sid(int fd)
{
	int32_t sid = -1;
	long r = sys_ioctl(fd, TIOCGSID, (unsigned long)&sid);
	return r < 0 ? r : sid;
}

long ct_pgrp(int fd)
{
	int32_t pgrp = -1;
	long r = sys_ioctl(fd, TIOCGPGRP, (unsigned long)&pgrp);
	return r < 0 ? r : pgrp;
}

long ct_set_pgrp(int fd, long pgrp)
{
	int32_t v = (int32_t)pgrp;
	return sys_ioctl(fd, TIOCSPGRP, (unsigned long)&v);
}

bool ct_tty_is(long sid)
{
	long fd = ct_open_tty();
	if (fd < 0)
		return false;
	long got = ct_sid((int)fd);
	sys_close((int)fd);
	return got == sid;
}

/* The decimal number at *s (a leading '-' allowed); *s moves past it and one space. */
static long ct_number(const char **s)
{
	const char *p = *s;
	bool negative = *p == '-';
	if (negative)
		p++;
	long v = 0;
	while (*p >= '0' && *p <= '9')
		v = v * CT_DECIMAL + (*p++ - '0');
	if (*p == ' ')
		p++;
	*s = p;
	return negative ? -v : v;
}

int ct_stat(long pid, long *tty_nr, long *tpgid)
{
	char path[CT_PATH], buf[CT_STAT_BUF];
	if (pid)
		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/stat");
	long fd = sys_open(path, AEGIS_O_RDONLY, 0);
	if (fd < 0)
		return -1;
	long n = sys_read((int)fd, buf, sizeof(buf) - 1);
	sys_close((int)fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	const char *p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return -1;
	p += 2;
	p += 2; /* the state letter and its space */
	for (int field = CT_STAT_FIRST_AFTER_COMM + 1; field <= CT_STAT_TPGID; field++) {
		long v = ct_number(&p);
		if (field == CT_STAT_TTY_NR)
			*tty_nr = v;
		if (field == CT_STAT_TPGID)
			*tpgid = v;
	}
	return 0;
}

/* ---- the console ---------------------------------------------------------- */

/* TTY-120, TTY-124, TTY-126, TTY-129: PID 1 starts with the console. */
static void ct_console_init(void)
{
	long sid = ct_sid(0), pgrp = ct_pgrp(0), nr = -1, tpgid = 0, nr1 = -1, tpgid1 = 0;
	bool tty = ct_tty_is(1);
	int st = ct_stat(0, &nr, &tpgid);
	int st1 = ct_stat(1, &nr1, &tpgid1);
	tcheck(sid == 1 && pgrp == 1, "TTY-120", "PID 1 starts with the console as its controlling terminal, group 1 in front",
	       "TIOCGSID %ld TIOCGPGRP %ld", sid, pgrp);
	tcheck(tty, "TTY-124", "/dev/tty opens PID 1's controlling terminal, the console", "TIOCGSID through /dev/tty");
	tcheck(sid == 1, "TTY-126", "TIOCGSID on the console gives its session, 1", "%ld", sid);
	tcheck(st == 0 && st1 == 0 && nr == CT_CONSOLE_TTY_NR && tpgid == 1 && nr1 == nr && tpgid1 == 1, "TTY-129",
	       "/proc/self/stat and /proc/1/stat: tty_nr 1281 (5,1) and tpgid 1", "%d %d tty_nr %ld %ld tpgid %ld %ld", st,
	       st1, nr, nr1, tpgid, tpgid1);
}

/* A member of PID 1's session: the console is its terminal; then it executes the probe. */
static int ct_member(void *arg)
{
	(void)arg;
	int step = 0;
	long me = sys_getpid(), nr = -1, tpgid = 0;
	CT_STEP(ct_tty_is(1));
	CT_STEP(ct_pgrp(0) == 1);
	CT_STEP(sys_setpgid(0, 0) == 0);
	CT_STEP(ct_set_pgrp(0, me) == 0);
	CT_STEP(ct_pgrp(0) == me);
	CT_STEP(ct_stat(0, &nr, &tpgid) == 0 && nr == CT_CONSOLE_TTY_NR && tpgid == me);
	CT_STEP(ct_set_pgrp(0, CT_NO_GROUP) == -EPERM);
	CT_STEP(ct_set_pgrp(0, 0) == -EINVAL);
	CT_STEP(ct_set_pgrp(0, 1) == 0);
	CT_STEP(sys_ioctl(0, TIOCSCTTY, 0) == -EPERM);
	char *argv[] = { "cttycheck", CT_PROBE_ARG, NULL };
	char *envp[] = { NULL };
	sys_execve(CT_SELF, argv, envp);
	return ++step;
}

int ct_nosteal(void *path)
{
	char *argv[] = { "cttycheck", CT_NOSTEAL_ARG, path, NULL };
	char *envp[] = { NULL };
	sys_execve(CT_SELF, argv, envp);
	return CT_PROBE_FAIL;
}

/* The exec'd probe: /dev/tty still reaches the session's terminal. */
static int ct_probe(void)
{
	return ct_tty_is(sys_getsid(0)) && ct_pgrp(0) == 1 ? 0 : CT_PROBE_FAIL;
}

/* The exec'd thief: a new session, with exec's baseline PROC_READ(READ) only, may not steal path. */
static int ct_probe_nosteal(const char *path)
{
	int step = 0;
	CT_STEP(sys_setsid() > 0);
	long fd = sys_open(path, AEGIS_O_RDWR | AEGIS_O_NOCTTY, 0);
	CT_STEP(fd >= 0);
	CT_STEP(sys_ioctl((int)fd, TIOCSCTTY, 0) == -EPERM);
	CT_STEP(sys_ioctl((int)fd, TIOCSCTTY, CT_STEAL) == -ENOCAP);
	CT_STEP(ct_open_tty() == -ENXIO);
	return 0;
}

/* A member gives the terminal up: it alone loses it, and so do the children it forks then. */
static int ct_grandchild_no_tty(void *arg)
{
	(void)arg;
	return ct_open_tty() == -ENXIO ? 0 : 1;
}

static int ct_member_notty(void *arg)
{
	(void)arg;
	int step = 0;
	long nr = -1, tpgid = 0;
	CT_STEP(sys_ioctl(0, TIOCNOTTY, 0) == 0);
	CT_STEP(ct_open_tty() == -ENXIO);
	CT_STEP(ct_pgrp(0) == -ENOTTY);
	CT_STEP(ct_sid(0) == -ENOTTY);
	CT_STEP(ct_stat(0, &nr, &tpgid) == 0 && nr == 0 && tpgid == -1);
	CT_STEP(sys_ioctl(0, TIOCNOTTY, 0) == -ENOTTY);
	CT_STEP(ct_run(ct_grandchild_no_tty, NULL) == 0);
	return 0;
}

/* A new session: no terminal, and the console, PID 1's, is not for the taking. */
static int ct_new_session(void *arg)
{
	(void)arg;
	int step = 0;
	long me = sys_getpid(), nr = -1, tpgid = 0;
	CT_STEP(sys_setsid() == me);
	CT_STEP(ct_open_tty() == -ENXIO);
	CT_STEP(ct_pgrp(0) == -ENOTTY);
	CT_STEP(ct_set_pgrp(0, me) == -ENOTTY);
	CT_STEP(ct_sid(0) == -ENOTTY);
	CT_STEP(ct_stat(0, &nr, &tpgid) == 0 && nr == 0 && tpgid == -1);
	long fd = sys_open("/dev/console", AEGIS_O_RDWR, 0);
	CT_STEP(fd >= 0);
	CT_STEP(ct_open_tty() == -ENXIO);
	CT_STEP(sys_ioctl((int)fd, TIOCSCTTY, 0) == -EPERM);
	CT_STEP(sys_ioctl((int)fd, TIOCNOTTY, 0) == -ENOTTY);
	CT_STEP(ct_run(ct_nosteal, "/dev/console") == 0);
	int fds[2];
	CT_STEP(sys_pipe(fds) == 0);
	CT_STEP(sys_ioctl(fds[0], TIOCSCTTY, 0) == -ENOTTY);
	return 0;
}

static void ct_console_sessions(void)
{
	int r = ct_run(ct_member, NULL);
	tcheck(r == 0, "TTY-121", "fork and execve keep the console as a session member's terminal",
	       "the member ended with %d", r);
	tcheck(r == 0 && ct_pgrp(0) == 1, "TTY-125",
	       "a member moves the console's foreground group within its session; EPERM outside it, EINVAL for 0",
	       "the member ended with %d", r);
	r = ct_run(ct_member_notty, NULL);
	tcheck(r == 0 && ct_sid(0) == 1 && ct_pgrp(0) == 1, "TTY-123",
	       "TIOCNOTTY from a member: it and its later children lose the terminal, the session keeps it",
	       "the member ended with %d; PID 1 sees session %ld group %ld", r, ct_sid(0), ct_pgrp(0));
	r = ct_run(ct_new_session, NULL);
	tcheck(r == 0 && ct_sid(0) == 1, "TTY-120",
	       "setsid leaves no terminal; opening the console, PID 1's, does not take it; TIOCSCTTY refuses",
	       "the new session ended with %d", r);
	tcheck(r == 0, "TTY-122", "TIOCSCTTY: EPERM for another session's terminal, ENOCAP to steal without PROC_READ(W)",
	       "the new session ended with %d", r);
	tcheck(r == 0, "TTY-124", "/dev/tty without a controlling terminal is ENXIO", "the new session ended with %d", r);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], CT_PROBE_ARG) == 0)
		return ct_probe();
	if (argc > 2 && strcmp(argv[1], CT_NOSTEAL_ARG) == 0)
		return ct_probe_nosteal(argv[2]);
	uio_printf(1, "cttycheck: pid %ld\n", sys_getpid());
	ct_console_init();
	ct_console_sessions();
	ct_pty_checks();
	ct_hangup_checks();
	return tcheck_summary("cttycheck") ? 0 : 1;
}
