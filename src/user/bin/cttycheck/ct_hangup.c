/*
 * cttycheck (see cttycheck.h): the ends of a session's terminal.  The
 * leader gives it up with TIOCNOTTY, the leader exits, and the master of a
 * pseudo-terminal closes; each time the foreground group (a member in its
 * own group) sees the signals, and the whole session loses the terminal.
 */
#include "cttycheck.h"

#include <stdint.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/termios.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"

/* A pair and a pipe from a child to PID 1. */
typedef struct {
	int pipe[2];
	ct_pair_t pp;
} ct_piped_t;

/* The member in front: in its own group, it waits for SIGHUP then SIGCONT and finds no terminal after. */
static int ct_front_member(int ready)
{
	int step = 0;
	ct_catch_hangup();
	CT_STEP(sys_setpgid(0, 0) == 0);
	ct_signal_fd(ready);
	CT_STEP(ct_await_hangup());
	CT_STEP(ct_open_tty() == -ENXIO);
	return 0;
}

/* A new session on pp's slave with a member in the foreground: the member's pid, or -1. */
static long ct_session_with_front(const ct_pair_t *pp, long *slave)
{
	int ready[2];
	if (sys_setsid() < 0 || sys_pipe(ready) != 0)
		return -1;
	*slave = sys_open(pp->path, AEGIS_O_RDWR, 0);
	long member = sys_fork();
	if (member == 0)
		sys_exit(ct_front_member(ready[1]));
	sys_close(ready[1]);
	ct_await_fd(ready[0]);
	sys_close(ready[0]);
	if (*slave < 0 || member < 0 || ct_set_pgrp((int)*slave, member) != 0)
		return -1;
	return member;
}

/* TTY-123: the leader gives the terminal up, then takes it again. */
static int ct_leader_notty(void *arg)
{
	const ct_pair_t *pp = arg;
	int step = 0;
	long me = sys_getpid(), s = -1;
	ct_catch_hangup();
	long member = ct_session_with_front(pp, &s);
	CT_STEP(member > 0);
	CT_STEP(sys_ioctl((int)s, TIOCNOTTY, 0) == 0);
	CT_STEP(ct_open_tty() == -ENXIO);
	CT_STEP(ct_sid(pp->master) == -ENOTTY && ct_pgrp(pp->master) == 0);
	CT_STEP(ct_wait(member) == 0);
	CT_STEP(!ct_hup_seen());
	CT_STEP(sys_ioctl((int)s, TIOCSCTTY, 0) == 0 && ct_sid(pp->master) == me && ct_pgrp(pp->master) == me);
	return 0;
}

/* TTY-127: the leader puts a member in front and exits; the member's pid goes to PID 1 on out. */
static int ct_leader_exits(void *arg)
{
	const ct_piped_t *pl = arg;
	long s = -1;
	long member = ct_session_with_front(&pl->pp, &s);
	int32_t pid = (int32_t)member;
	sys_write(pl->pipe[1], &pid, sizeof(pid));
	return member > 0 ? 0 : 1;
}

/* Another session takes the terminal the exited leader left. */
static int ct_next_session(void *arg)
{
	const ct_pair_t *pp = arg;
	int step = 0;
	CT_STEP(sys_setsid() > 0);
	long s = sys_open(pp->path, AEGIS_O_RDWR, 0);
	CT_STEP(s >= 0 && ct_tty_is(sys_getpid()));
	return 0;
}

/* TTY-128: the master closes under a session: SIGHUP, and the session has no terminal. */
static int ct_hung_up(void *arg)
{
	const ct_piped_t *ph = arg;
	int step = 0;
	ct_catch_hangup();
	sys_close(ph->pp.master);
	CT_STEP(sys_setsid() > 0);
	long s = sys_open(ph->pp.path, AEGIS_O_RDWR, 0);
	CT_STEP(s >= 0 && ct_tty_is(sys_getpid()));
	ct_signal_fd(ph->pipe[1]);
	CT_STEP(ct_await_hup());
	CT_STEP(ct_open_tty() == -ENXIO);
	return 0;
}

void ct_hangup_checks(void)
{
	ct_pair_check(ct_leader_notty, "TTY-123",
		      "TIOCNOTTY from the leader: SIGHUP then SIGCONT to the foreground group, the session loses the terminal");

	ct_piped_t pl;
	long o = ct_pair_open(&pl.pp);
	long p = sys_pipe(pl.pipe);
	int r = ct_run(ct_leader_exits, &pl);
	sys_close(pl.pipe[1]);
	int32_t member = -1;
	sys_read(pl.pipe[0], &member, sizeof(member));
	int mr = ct_wait(member);
	long sid = ct_sid(pl.pp.master), fg = ct_pgrp(pl.pp.master);
	int nr = ct_run(ct_next_session, &pl.pp);
	tcheck(o == 0 && p == 0 && r == 0 && mr == 0 && sid == -ENOTTY && fg == 0 && nr == 0, "TTY-127",
	       "the leader exits: SIGHUP then SIGCONT to the foreground group, the terminal free for another session",
	       "open %ld leader %d member %d TIOCGSID %ld TIOCGPGRP %ld next session %d", o, r, mr, sid, fg, nr);
	sys_close(pl.pipe[0]);
	sys_close(pl.pp.master);

	ct_piped_t ph;
	o = ct_pair_open(&ph.pp);
	p = sys_pipe(ph.pipe);
	long child = sys_fork();
	if (child == 0)
		sys_exit(ct_hung_up(&ph));
	sys_close(ph.pipe[1]);
	ct_await_fd(ph.pipe[0]);
	sys_close(ph.pp.master);
	r = ct_wait(child);
	tcheck(o == 0 && p == 0 && r == 0, "TTY-128",
	       "the master's last close: SIGHUP to the session's foreground group, and the session has no terminal",
	       "open %ld the session ended with %d", o, r);
	sys_close(ph.pipe[0]);
}
