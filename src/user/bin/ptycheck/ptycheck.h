/*
 * ptycheck: pseudo-terminals as programs see them (spec/tty.md TTY-110..TTY-117),
 * run as PID 1 on both builds ("init=/bin/ptycheck test=init").  This header
 * shares the constants and helpers of its files: main.c (opening, lines both
 * ways, raw mode, ioctls), pc_jobs.c (signals and hang-up with child
 * processes) and pc_flow.c (poll, EAGAIN, the bound and index reuse).
 */
#ifndef AEGIS_PTYCHECK_H
#define AEGIS_PTYCHECK_H

#include <stdbool.h>
#include <stddef.h>

#define PC_EPERM 1
#define PC_ENOENT 2
#define PC_EIO 5
#define PC_EAGAIN 11
#define PC_ENOMEM 12
#define PC_EFAULT 14
#define PC_ENOSPC 28
#define PC_ENOTTY 25
#define PC_POLLIN 0x001
#define PC_POLLOUT 0x004
#define PC_POLLERR 0x008
#define PC_POLLHUP 0x010
#define PC_WAIT_MS 2000   /* how long a check waits for something that must come */
#define PC_BUF 256        /* bytes of a line buffer */
#define PC_QUEUE 4096     /* the master's read queue and the slave's input queue (PTY_OUT_MAX, TTY_QUEUE_MAX) */
#define PC_PTY_MAX 64     /* PTY_MAX */
#define PC_SLAVE_MAJOR 136
#define PC_DEV_MAJOR(rdev) ((unsigned)((rdev) >> 8) & 0xfffu)
#define PC_DEV_MINOR(rdev) ((unsigned)((rdev)&0xffu))
#define PC_WSIG_MASK 0x7f /* wait status: the signal that ended a process */
#define PC_WEXIT(status) (((status) >> 8) & 0xff)
#define PC_BAD_PTR 8ul
#define PC_PATH 32 /* bytes of a /dev/pts/N path */

typedef struct {
	int master, slave;
	unsigned index;
} pc_pair_t;

/* Open /dev/ptmx, read the index, unlock and open the slave: 0 or the failing call's -errno. */
long pc_pair_open(pc_pair_t *pp);
void pc_pair_close(pc_pair_t *pp);
/* The slave's path for index into buf (PC_PATH bytes). */
void pc_slave_path(unsigned index, char *buf);
/* Set or clear O_NONBLOCK. */
void pc_nonblock(int fd, bool on);
/* Everything a descriptor has now (it waits for none of it), NUL-terminated: the count or -errno. */
long pc_drain(int fd, char *buf, size_t cap);
/* A read once fd is readable (PC_WAIT_MS at most): the count, -errno, or -PC_EAGAIN on a timeout. */
long pc_read_ready(int fd, char *buf, size_t cap);
/* The poll events of fd now. */
int pc_poll_now(int fd, int events);

void pc_jobs(void);
void pc_flow(void);

#endif
