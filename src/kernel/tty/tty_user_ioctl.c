/*
 * Terminal ioctls with user arguments (see tty_user_ioctl.h).
 */
#include "tty/tty_user_ioctl.h"

#include <aegis/errno.h>
#include <aegis/termios.h>

#include "proc/proc_internal.h"
#include "proc/usercopy.h"

int64_t tty_user_put_int(process_t *p, uint64_t arg, int32_t v)
{
	return copy_to_user(p, arg, &v, sizeof(v)) != 0 ? -EFAULT : 0;
}

/* TIOCSPGRP: the group must be in the caller's session (no controlling terminals yet). */
static int64_t tty_user_set_pgrp(tty_ldisc_t *ld, process_t *p, int32_t pgrp)
{
	if (pgrp <= 0)
		return -EINVAL;
	if (p && !proc_group_in_session(pgrp, p->sid))
		return -EPERM;
	return tty_ldisc_ioctl(ld, TIOCSPGRP, &pgrp);
}

int64_t tty_user_ioctl(tty_ldisc_t *ld, process_t *p, uint32_t cmd, uint64_t arg)
{
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
	case FIONREAD:
		(void)tty_ldisc_ioctl(ld, cmd, &v);
		return tty_user_put_int(p, arg, v);
	case TIOCSPGRP:
		if (copy_from_user(p, &v, arg, sizeof(v)) != 0)
			return -EFAULT;
		return tty_user_set_pgrp(ld, p, v);
	case TCFLSH:
		v = (int32_t)arg; /* passed by value */
		return tty_ldisc_ioctl(ld, cmd, &v);
	default:
		return -ENOTTY;
	}
}
