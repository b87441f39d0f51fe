/*
 * The terminal ioctls of spec/tty.md TTY-102 with a user argument, for any
 * terminal built on a line discipline (the console, pseudo-terminal slaves
 * and masters): the argument is copied from and to user memory around
 * tty_ldisc_ioctl, and TIOCSPGRP is checked against the caller's session.
 */
#ifndef AEGIS_KERNEL_TTY_TTY_USER_IOCTL_H
#define AEGIS_KERNEL_TTY_TTY_USER_IOCTL_H

#include <stdint.h>

#include "proc/process.h"
#include "tty/ldisc.h"

/* One terminal ioctl on ld from p: 0, -EFAULT, -EINVAL, -EPERM or -ENOTTY (not a terminal ioctl). */
int64_t tty_user_ioctl(tty_ldisc_t *ld, process_t *p, uint32_t cmd, uint64_t arg);

/* Copy v to the user's int at arg: 0 or -EFAULT. */
int64_t tty_user_put_int(process_t *p, uint64_t arg, int32_t v);

#endif
