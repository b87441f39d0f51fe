/*
 * The terminal ioctls of spec/tty.md TTY-102 with a user argument, for any
 * terminal built on a line discipline (the console, pseudo-terminal slaves
 * and masters): the argument is copied from and to user memory around
 * tty_ldisc_ioctl; the foreground-group ioctls are checked against the
 * caller's controlling terminal and session, and the session ioctls go to
 * tty/ctty.h (spec/tty.md TTY-122..TTY-126).
 */
#ifndef AEGIS_KERNEL_TTY_TTY_USER_IOCTL_H
#define AEGIS_KERNEL_TTY_TTY_USER_IOCTL_H

#include <stdint.h>

#include "proc/process.h"
#include "tty/ctty.h"

/* One terminal ioctl on ct's line discipline from p through side: 0, -EFAULT, -EINVAL, -EPERM, -ENOCAP or -ENOTTY. */
int64_t tty_user_ioctl(tty_ctty_t *ct, tty_side_t side, process_t *p, uint32_t cmd, uint64_t arg);

/* Copy v to the user's int at arg: 0 or -EFAULT. */
int64_t tty_user_put_int(process_t *p, uint64_t arg, int32_t v);

#endif
