/*
 * Pseudo-terminal ioctls (spec/tty.md TTY-111, TTY-114): the master's own
 * (index, lock, its queue's FIONREAD) and the terminal ioctls both sides
 * share on the slave's line discipline.  A hung-up slave answers -EIO.
 */
#include <aegis/errno.h>
#include <aegis/termios.h>

#include "proc/usercopy.h"
#include "tty/pty_pair.h"
#include "tty/tty_user_ioctl.h"

/* A terminal ioctl on the pair's line discipline; a change may let either side go on. */
static int64_t pty_terminal_ioctl(pty_pair_t *pair, tty_side_t side, process_t *p, uint32_t cmd, uint64_t arg)
{
	int64_t r = tty_user_ioctl(&pair->ctty, side, p, cmd, arg);
	pty_pair_wake(pair);
	return r;
}

int64_t pty_master_ioctl(file_t *f, process_t *p, uint32_t cmd, uint64_t arg)
{
	pty_pair_t *pair = f->object;
	int32_t v;
	switch (cmd) {
	case TIOCGPTN:
		return tty_user_put_int(p, arg, (int32_t)pair->core.index);
	case TIOCGPTLCK:
		return tty_user_put_int(p, arg, pair->core.locked ? 1 : 0);
	case TIOCSPTLCK:
		if (copy_from_user(p, &v, arg, sizeof(v)) != 0)
			return -EFAULT;
		pair->core.locked = v != 0;
		return 0;
	case FIONREAD:
		return tty_user_put_int(p, arg, (int32_t)pair->core.out_len);
	default:
		return pty_terminal_ioctl(pair, TTY_SIDE_MASTER, p, cmd, arg);
	}
}

int64_t pty_slave_ioctl(file_t *f, process_t *p, uint32_t cmd, uint64_t arg)
{
	pty_pair_t *pair = f->object;
	if (pair->core.hung_up)
		return -EIO;
	return pty_terminal_ioctl(pair, TTY_SIDE_TERMINAL, p, cmd, arg);
}
