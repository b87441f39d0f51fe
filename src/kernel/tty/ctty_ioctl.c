/*
 * The session ioctls of a controlling terminal (see ctty.h, spec/tty.md
 * TTY-122, TTY-123, TTY-126): TIOCSCTTY acquires (or steals, with a
 * capability), TIOCNOTTY gives up, TIOCGSID names the session.
 */
#include "tty/ctty.h"

#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/termios.h>

#include "proc/proc_cap.h"
#include "tty/tty_user_ioctl.h"

#define CTTY_STEAL 1 /* TIOCSCTTY's argument: take it from another session */

bool ctty_is_callers(const tty_ctty_t *t, const process_t *p)
{
	return p && ctty_of(p) == t;
}

/* TIOCSCTTY: p must be a session leader without a controlling terminal. */
static int64_t ctty_set(tty_ctty_t *t, process_t *p, uint64_t arg)
{
	if (ctty_is_callers(t, p) && p->pid == p->sid)
		return 0;
	if (!p || p->pid != p->sid || ctty_of(p))
		return -EPERM;
	if (t->sid != CTTY_NO_SESSION) {
		if (arg != CTTY_STEAL)
			return -EPERM;
		int gate = proc_cap_require(p, CAP_KIND_PROC_READ, CAP_RIGHTS_WRITE);
		if (gate != 0)
			return gate;
		ctty_disassociate(t);
	}
	ctty_attach(t, p);
	return 0;
}

/* TIOCNOTTY: a member stops having it; the leader disassociates the whole session. */
static int64_t ctty_give_up(tty_ctty_t *t, process_t *p)
{
	if (!ctty_is_callers(t, p))
		return -ENOTTY;
	if (p->pid == p->sid)
		ctty_session_hangup(t);
	else
		p->ctty_dropped = true;
	return 0;
}

int64_t ctty_ioctl(tty_ctty_t *t, tty_side_t side, process_t *p, uint32_t cmd, uint64_t arg)
{
	switch (cmd) {
	case TIOCSCTTY:
		return side == TTY_SIDE_MASTER ? -ENOTTY : ctty_set(t, p, arg);
	case TIOCNOTTY:
		return side == TTY_SIDE_MASTER ? -ENOTTY : ctty_give_up(t, p);
	case TIOCGSID:
		if (side == TTY_SIDE_TERMINAL && !ctty_is_callers(t, p))
			return -ENOTTY;
		if (t->sid == CTTY_NO_SESSION)
			return -ENOTTY;
		return tty_user_put_int(p, arg, t->sid);
	default:
		return -ENOTTY;
	}
}
