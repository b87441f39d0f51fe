/*
 * The kernel object behind a pseudo-terminal pair's files, shared by
 * pty_file.c (opening, reading, writing, poll, closing) and pty_ioctl.c:
 * the pure pair, the one wait queue both sides' readers and writers
 * sleep on (every change wakes all of them; they look again), and the
 * slave's place among controlling terminals (tty/ctty.h).
 */
#ifndef AEGIS_KERNEL_TTY_PTY_PAIR_H
#define AEGIS_KERNEL_TTY_PTY_PAIR_H

#include "proc/fdtable.h"
#include "proc/process.h"
#include "sched/sched.h"
#include "tty/ctty.h"
#include "tty/pty_core.h"

typedef struct pty_pair {
	pty_core_t core;
	waitq_t wq;
	tty_ctty_t ctty; /* registered while the pair exists */
} pty_pair_t;

/* Wake everything waiting on the pair, and poll. */
void pty_pair_wake(pty_pair_t *pair);

/* The ioctls of each side (TTY-114): f's object is the pair. */
int64_t pty_master_ioctl(file_t *f, process_t *p, uint32_t cmd, uint64_t arg);
int64_t pty_slave_ioctl(file_t *f, process_t *p, uint32_t cmd, uint64_t arg);

#endif
