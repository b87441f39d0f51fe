/*
 * ptycheck (see ptycheck.h): signals through a pseudo-terminal and hang-up,
 * with child processes that use the slave as their terminal.  A child makes
 * its own session with the slave as its controlling terminal, which puts its
 * group in front; a pipe tells the parent when the child is about to read.
 */
#include "ptycheck.h"

#include <stdint.h>
#include <string.h>

#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>
#include <aegis/signal.h>
#include <aegis/termios.h>

#include "glue/glue.h"
#include "glue/glue_call.h"
#include "tcheck/tcheck.h"

#define PC_CHILD_UNREACHED 3 /* a child that should have been killed */
#define PC_HUP_SEEN 1        /* child exit bits of the hang-up check */
#define PC_HUP_EOF 2
#define PC_HUP_EIO 4
#define PC_HUP_ALL (PC_HUP_SEEN | PC_HUP_EOF | PC_HUP_EIO)
#define PC_EINTR 4
#define PC_NAP_NS 10000000 /* 10 ms */
#define PC_WAIT_NAPS (PC_WAIT_MS / 10)

static volatile int sigwinch_seen, sighup_seen;

static void on_sigwinch(int sig)
{
	sigwinch_seen = sig;
}

static void on_sighup(int sig)
{
	sighup_seen = sig;
}

static void pc_handle(int sig, void (*fn)(int))
{
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)fn, SA_RESTORER, (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
	sys_rt_sigaction(sig, &act, NULL, sizeof(aegis_sigset_t));
}

/*
 * Fork a child that closes the master, catches SIGHUP and SIGWINCH, makes a
 * session whose controlling terminal is the slave (so its group is in front,
 * spec/tty.md TTY-122), says so on a pipe and runs body(slave).  The parent
 * gets its pid, and in *fg_result 0 when the master shows the child's group
 * in front.
 */
static long pc_spawn(const pc_pair_t *pp, int (*body)(int slave), long *fg_result)
{
	int ready[2];
	if (sys_pipe(ready) < 0)
		return -1;
	long pid = sys_fork();
	if (pid == 0) {
		sys_close(ready[0]);
		sys_close(pp->master);
		pc_handle(SIGHUP, on_sighup);
		pc_handle(SIGWINCH, on_sigwinch);
		sys_setsid();
		sys_ioctl(pp->slave, TIOCSCTTY, 0);
		sys_write(ready[1], "r", 1);
		sys_close(ready[1]);
		sys_exit(body(pp->slave));
	}
	sys_close(ready[1]);
	char c;
	if (pid > 0)
		sys_read(ready[0], &c, 1);
	sys_close(ready[0]);
	int32_t fg = -1;
	long r = sys_ioctl(pp->master, TIOCGPGRP, (unsigned long)&fg);
	*fg_result = r == 0 && fg == (int32_t)pid ? 0 : -1;
	return pid;
}

static int child_read_forever(int slave)
{
	char buf[PC_BUF];
	sys_read(slave, buf, sizeof(buf));
	return PC_CHILD_UNREACHED;
}

/* TTY-117, TTY-112: Ctrl-C written to the master ends the foreground child reading the slave. */
static void pc_interrupt(void)
{
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	long sp = -1;
	long pid = pc_spawn(&pp, child_read_forever, &sp);
	long w = sys_write(pp.master, "\x03", 1);
	int status = 0;
	long reaped = sys_wait4((int)pid, &status, 0, NULL);
	char echo[PC_BUF];
	long e = pc_drain(pp.master, echo, sizeof(echo));
	tcheck(o == 0 && pid > 0 && sp == 0 && w == 1 && reaped == pid && (status & PC_WSIG_MASK) == SIGINT && e == 2 &&
		       strcmp(echo, "^C") == 0,
	       "TTY-117", "a Ctrl-C written to the master ends the child reading the slave in its foreground group",
	       "open %ld pid %ld in front %ld write %ld wait %ld status 0x%x echo %ld '%s'", o, pid, sp, w, reaped, status,
	       e, echo);
	pc_pair_close(&pp);
}

/* The child of the window-size check: SIGWINCH comes (2 s at most). */
static int child_winch(int slave)
{
	(void)slave;
	aegis_timespec_t nap = { 0, PC_NAP_NS };
	for (int i = 0; i < PC_WAIT_NAPS && sigwinch_seen != SIGWINCH; i++)
		sys_nanosleep(&nap, NULL);
	return sigwinch_seen == SIGWINCH ? 0 : 1;
}

/* TTY-114: a new window size from the master signals the slave's foreground group (a child's). */
static void pc_winch(void)
{
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	long sp = -1;
	long pid = pc_spawn(&pp, child_winch, &sp);
	aegis_winsize_t ws = { 40, 100, 0, 0 };
	long r = sys_ioctl(pp.master, TIOCSWINSZ, (unsigned long)&ws);
	int status = -1;
	long reaped = sys_wait4((int)pid, &status, 0, NULL);
	tcheck(o == 0 && sp == 0 && r == 0 && reaped == pid && status == 0, "TTY-114",
	       "TIOCSWINSZ on the master sends SIGWINCH to the slave's foreground group", "open %ld fg %ld set %ld status 0x%x",
	       o, sp, r, status);
	pc_pair_close(&pp);
}

/* The child of the hang-up check: SIGHUP caught, then end of file and EIO on the hung-up slave. */
static int child_hangup(int slave)
{
	char buf[PC_BUF];
	long r;
	do
		r = sys_read(slave, buf, sizeof(buf));
	while (r == -PC_EINTR);
	long w = sys_write(slave, "x", 1);
	return (sighup_seen == SIGHUP ? PC_HUP_SEEN : 0) | (r == 0 ? PC_HUP_EOF : 0) | (w == -PC_EIO ? PC_HUP_EIO : 0);
}

/* TTY-116: the master closes: SIGHUP, end of file, EIO, the node gone. */
static void pc_master_hangup(void)
{
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	long sp = -1;
	long pid = pc_spawn(&pp, child_hangup, &sp);
	char path[PC_PATH];
	pc_slave_path(pp.index, path);
	sys_close(pp.master);
	pp.master = -1;
	int status = 0;
	long reaped = sys_wait4((int)pid, &status, 0, NULL);
	aegis_stat_t st;
	long gone = sys_stat(path, &st);
	char buf[PC_BUF];
	long r = sys_read(pp.slave, buf, sizeof(buf));
	long w = sys_write(pp.slave, "y", 1);
	int32_t pgrp;
	long io = sys_ioctl(pp.slave, TIOCGPGRP, (unsigned long)&pgrp);
	int ev = pc_poll_now(pp.slave, PC_POLLIN | PC_POLLOUT);
	tcheck(o == 0 && sp == 0 && reaped == pid && (status & PC_WSIG_MASK) == 0 && PC_WEXIT(status) == PC_HUP_ALL &&
		       gone == -PC_ENOENT && r == 0 && w == -PC_EIO && io == -PC_EIO &&
		       (ev & (PC_POLLIN | PC_POLLOUT | PC_POLLERR | PC_POLLHUP)) ==
			       (PC_POLLIN | PC_POLLOUT | PC_POLLERR | PC_POLLHUP),
	       "TTY-116", "closing the master: SIGHUP to the foreground group, slave EOF and EIO, /dev/pts/N gone",
	       "open %ld in front %ld wait %ld status 0x%x stat %ld read %ld write %ld ioctl %ld poll 0x%x", o, sp, reaped,
	       status, gone, r, w, io, ev);
	pc_pair_close(&pp);
}

/* TTY-116: every slave closes: the master reads what is queued, then EIO; a new slave open ends that. */
static void pc_slave_hangup(void)
{
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	sys_write(pp.slave, "bye", 3);
	sys_close(pp.slave);
	pp.slave = -1;
	char buf[PC_BUF];
	int ev = pc_poll_now(pp.master, PC_POLLIN);
	long r1 = sys_read(pp.master, buf, sizeof(buf));
	long r2 = sys_read(pp.master, buf, sizeof(buf));
	long w = sys_write(pp.master, "z\n", 2);
	char path[PC_PATH];
	pc_slave_path(pp.index, path);
	long s = sys_open(path, AEGIS_O_RDWR | AEGIS_O_NOCTTY, 0);
	pp.slave = (int)s;
	pc_nonblock(pp.master, true);
	long r3 = sys_read(pp.master, buf, sizeof(buf));
	int ev2 = pc_poll_now(pp.master, PC_POLLIN);
	tcheck(o == 0 && (ev & (PC_POLLIN | PC_POLLHUP)) == (PC_POLLIN | PC_POLLHUP) && r1 == 3 && r2 == -PC_EIO && w == 2 &&
		       s >= 0 && r3 == 3 && !(ev2 & PC_POLLHUP),
	       "TTY-116", "every slave closed: the master reads the rest, then EIO; reopening the slave ends that",
	       "open %ld poll 0x%x read %ld then %ld write %ld reopen %ld read %ld poll 0x%x", o, ev, r1, r2, w, s, r3, ev2);
	pc_pair_close(&pp);
}

void pc_jobs(void)
{
	pc_interrupt();
	pc_winch();
	pc_master_hangup();
	pc_slave_hangup();
}
