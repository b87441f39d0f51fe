/*
 * cttycheck (see cttycheck.h): pseudo-terminal slaves as controlling
 * terminals: what PID 1 (whose terminal is the console) may do with a
 * slave, a new session acquiring one by opening it and what it then sees on
 * both sides, and a session refused another's slave.
 */
#include "cttycheck.h"

#include <stdint.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/termios.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"

/* A session member that is not its leader: opening another slave takes nothing. */
static int ct_member_opens(void *arg)
{
	const ct_pair_t *other = arg;
	int step = 0;
	long s = sys_open(other->path, AEGIS_O_RDWR, 0);
	CT_STEP(s >= 0);
	CT_STEP(ct_sid(other->master) == -ENOTTY);
	CT_STEP(ct_pgrp((int)s) == -ENOTTY);
	CT_STEP(ct_tty_is(sys_getsid(0)));
	return 0;
}

/* A new session opens the slave: with O_NOCTTY nothing, without it the slave is its terminal. */
static int ct_acquire(void *arg)
{
	const ct_pair_t *pp = arg;
	int step = 0;
	long me = sys_getpid(), nr = -1, tpgid = 0;
	CT_STEP(sys_setsid() == me);
	long quiet = sys_open(pp->path, AEGIS_O_RDWR | AEGIS_O_NOCTTY, 0);
	CT_STEP(quiet >= 0);
	CT_STEP(ct_open_tty() == -ENXIO && ct_sid(pp->master) == -ENOTTY);
	long s = sys_open(pp->path, AEGIS_O_RDWR, 0);
	CT_STEP(s >= 0);
	CT_STEP(ct_tty_is(me));
	CT_STEP(ct_sid((int)s) == me && ct_sid(pp->master) == me);
	CT_STEP(ct_pgrp((int)s) == me && ct_pgrp(pp->master) == me);
	CT_STEP(ct_stat(0, &nr, &tpgid) == 0 && nr == CT_PTS_TTY_NR + (long)pp->index && tpgid == me);
	CT_STEP(ct_set_pgrp((int)s, 1) == -EPERM);
	CT_STEP(ct_set_pgrp((int)s, 0) == -EINVAL);
	CT_STEP(ct_set_pgrp(pp->master, me) == 0);
	CT_STEP(sys_ioctl(pp->master, TIOCSCTTY, 0) == -ENOTTY && sys_ioctl(pp->master, TIOCNOTTY, 0) == -ENOTTY);
	CT_STEP(sys_ioctl((int)s, TIOCSCTTY, 0) == 0 && ct_sid(pp->master) == me);
	ct_pair_t other;
	CT_STEP(ct_pair_open(&other) == 0);
	long s2 = sys_open(other.path, AEGIS_O_RDWR, 0);
	CT_STEP(s2 >= 0 && ct_sid(other.master) == -ENOTTY && ct_tty_is(me));
	CT_STEP(sys_ioctl((int)s2, TIOCSCTTY, 0) == -EPERM);
	CT_STEP(ct_run(ct_member_opens, &other) == 0);
	return 0;
}

/* What PID 1 may do with a slave that is not its terminal. */
static void ct_pty_pid1(const ct_pair_t *pp)
{
	long s = sys_open(pp->path, AEGIS_O_RDWR, 0);
	long sid = ct_sid(pp->master), msid = ct_sid((int)s), gp = ct_pgrp((int)s), mgp = ct_pgrp(pp->master);
	long sp = ct_set_pgrp((int)s, 1), msp = ct_set_pgrp(pp->master, 1);
	long sct = sys_ioctl((int)s, TIOCSCTTY, 0), nott = sys_ioctl((int)s, TIOCNOTTY, 0);
	tcheck(s >= 0 && sid == -ENOTTY && ct_sid(0) == 1, "TTY-120",
	       "a leader that has a terminal (PID 1, the console) opens a slave: it takes nothing",
	       "open %ld master TIOCGSID %ld", s, sid);
	tcheck(gp == -ENOTTY && mgp == 0 && sp == -ENOTTY && msp == -ENOTTY, "TTY-125",
	       "not the caller's terminal: TIOCGPGRP and TIOCSPGRP ENOTTY on the slave, TIOCGPGRP answers on the master",
	       "slave %ld master %ld set %ld %ld", gp, mgp, sp, msp);
	tcheck(msid == -ENOTTY, "TTY-126", "TIOCGSID on a slave that controls no session is ENOTTY", "%ld", msid);
	tcheck(sct == -EPERM && nott == -ENOTTY, "TTY-122", "TIOCSCTTY from a leader that has a terminal is EPERM",
	       "TIOCSCTTY %ld TIOCNOTTY %ld", sct, nott);
	sys_close((int)s);
}

static void ct_pty_acquire(void)
{
	ct_pair_t pp;
	long o = ct_pair_open(&pp);
	ct_pty_pid1(&pp);
	int r = ct_run(ct_acquire, &pp);
	long after = ct_sid(pp.master);
	tcheck(o == 0 && r == 0, "TTY-120",
	       "a new session's leader acquires a slave it opens without O_NOCTTY, once, and never as a member",
	       "open %ld the session ended with %d", o, r);
	tcheck(o == 0 && r == 0, "TTY-124", "/dev/tty opens the session's slave", "the session ended with %d", r);
	tcheck(o == 0 && r == 0, "TTY-125",
	       "on its own terminal a leader moves the foreground group (EPERM for another session's, EINVAL for 0)",
	       "the session ended with %d", r);
	tcheck(o == 0 && r == 0 && after == -ENOTTY, "TTY-126",
	       "TIOCGSID names the slave's session on both sides, ENOTTY once the leader is gone",
	       "the session ended with %d; TIOCGSID after %ld", r, after);
	tcheck(o == 0 && r == 0, "TTY-129", "/proc/self/stat: tty_nr 136,N as 34816 + N, tpgid the slave's foreground group",
	       "the session ended with %d", r);
	sys_close(pp.master);
}

/* ---- stealing ------------------------------------------------------------- */

/*
 * A session holds the slave; another, without PROC_READ(WRITE) (an exec'd
 * program has exec's baseline, PROC_READ(READ)), is refused it with EPERM
 * and ENOCAP, and the holder keeps it unsignalled.  (Nothing here holds the
 * capability, so the theft itself is checked in tests/tty/test_ctty.c.)
 */
static int ct_holder(void *arg)
{
	const ct_pair_t *pp = arg;
	int step = 0;
	long me = sys_getpid();
	ct_catch_hangup();
	CT_STEP(sys_setsid() == me);
	long s = sys_open(pp->path, AEGIS_O_RDWR, 0);
	CT_STEP(s >= 0 && ct_tty_is(me));
	CT_STEP(ct_run(ct_nosteal, (void *)pp->path) == 0);
	CT_STEP(ct_tty_is(me) && ct_sid(pp->master) == me && ct_pgrp((int)s) == me);
	CT_STEP(!ct_hup_seen());
	return 0;
}

void ct_pty_checks(void)
{
	ct_pty_acquire();
	ct_pair_check(ct_holder, "TTY-122",
		      "another session's slave: TIOCSCTTY 0 is EPERM, stealing with 1 is ENOCAP without PROC_READ(W)");
}
