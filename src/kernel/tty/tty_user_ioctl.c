/*
 * Terminal ioctls with user arguments (see tty_user_ioctl.h).
 */
#include "tty/tty_user_ioctl.h"

#include <aegis/errno.h>
#include <aegis/termios.h>

#include "proc/proc_internal.h"
#include "proc/usercopy.h"
#include "tty/ctty.h"

int64_t tty_user_put_int(process_t *p, uint64_t arg, int32_t v)
{
	return copy_to_user(p, arg, &v, sizeof(v)) != 0 ? -EFAULT : 0;
}

/* TIOCSPGRP: the terminal is the caller's controlling terminal and the group in its session (TTY-125). */
static int64_t tty_user_set_pgrp(tty_ctty_t *ct, process_t *p, uint64_t arg)
{
	int32_t pgrp;
	if (!ctty_is_callers(ct, p))
		return -ENOTTY;
	if (copy_from_user(p, &pgrp, arg, sizeof(pgrp)) != 0)
		return -EFAULT;
	if (pgrp <= 0)
		return -EINVAL;
	if (!proc_group_in_session(pgrp, p->sid))
		return -EPERM;
	return tty_ldisc_ioctl(ct->ld, TIOCSPGRP, &pgrp);
}

int64_t tty_user_ioctl(tty_ctty_t *ct, tty_side_t side, process_t *p, uint32_t cmd, uint64_t arg)
{
	tty_ldisc_t *ld = ct->ld;
	aegis_termios_t t;
	aegis_winsize_t w;
	int32_t v;
	switch (cmd) {
	case TCGETS:
		(void)tty_ldisc_ioctl(ld, cmd, &t);
		return copy_to_user(p, arg, &t, sizeof(t)) != 0 ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(p, &t, arg, sizeof(t)) != 0)
			return -EFAULT;
		return tty_ldisc_ioctl(ld, cmd, &t);
	case TIOCGWINSZ:
		(void)tty_ldisc_ioctl(ld, cmd, &w);
		return copy_to_user(p, arg, &w, sizeof(w)) != 0 ? -EFAULT : 0;
	case TIOCSWINSZ:
		if (copy_from_user(p, &w, arg, sizeof(w)) != 0)
			return -EFAULT;
		return tty_ldisc_ioctl(ld, cmd, &w);
	case TIOCGPGRP:
		if (side == TTY_SIDE_TERMINAL && !ctty_is_callers(ct, p))
			return -ENOTTY;
		/* fall through */
	case FIONREAD:
		(void)tty_ldisc_ioctl(ld, cmd, &v);
		return tty_user_put_int(p, arg, v);
	case TIOCSPGRP:
		return tty_user_set_pgrp(ct, p, arg);
	case TIOCSCTTY:
	case TIOCNOTTY:
	case TIOCGSID:
		return ctty_ioctl(ct, side, p, cmd, arg);
	case TCFLSH:
		v = (int32_t)arg; /* passed by value */
		return tty_ldisc_ioctl(ld, cmd, &v);
	default:
		return -ENOTTY;
	}
}
