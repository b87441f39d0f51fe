/*
 * ptycheck (see ptycheck.h): readiness and flow control, poll on both sides
 * and EAGAIN on full queues, then the bound of PTY_MAX pairs and the reuse
 * of a freed index.
 */
#include "ptycheck.h"

#include <stdint.h>
#include <string.h>

#include <aegis/fcntl.h>
#include <aegis/termios.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"

#define PC_FLOOD (PC_QUEUE + 1000) /* more than either queue holds */

static char flood[PC_FLOOD];
static char sink[PC_QUEUE + 1];

/* TTY-115: readiness of both sides as a line goes through. */
static void pc_poll(void)
{
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	int s0 = pc_poll_now(pp.slave, PC_POLLIN | PC_POLLOUT);
	int m0 = pc_poll_now(pp.master, PC_POLLIN | PC_POLLOUT);
	sys_write(pp.master, "pa", 2);
	int s1 = pc_poll_now(pp.slave, PC_POLLIN);
	int m1 = pc_poll_now(pp.master, PC_POLLIN);
	sys_write(pp.master, "\n", 1);
	int s2 = pc_poll_now(pp.slave, PC_POLLIN);
	char buf[PC_BUF];
	pc_drain(pp.master, buf, sizeof(buf));
	pc_drain(pp.slave, buf, sizeof(buf));
	int s3 = pc_poll_now(pp.slave, PC_POLLIN);
	int m3 = pc_poll_now(pp.master, PC_POLLIN);
	tcheck(o == 0 && s0 == PC_POLLOUT && m0 == PC_POLLOUT && s1 == 0 && m1 == PC_POLLIN && s2 == PC_POLLIN && s3 == 0 &&
		       m3 == 0,
	       "TTY-115", "poll: the slave is readable once a line is complete, the master once output is queued",
	       "open %ld slave 0x%x master 0x%x; typed: slave 0x%x master 0x%x; line: slave 0x%x; drained 0x%x 0x%x", o,
	       s0, m0, s1, m1, s2, s3, m3);
	pc_pair_close(&pp);
}

/* TTY-113, TTY-115: the master's queue fills: the slave gets EAGAIN and is not writable until the master reads. */
static void pc_slave_full(void)
{
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	pc_nonblock(pp.slave, true);
	pc_nonblock(pp.master, true);
	long empty = sys_read(pp.master, sink, sizeof(sink));
	long w1 = sys_write(pp.slave, flood, sizeof(flood));
	long w2 = sys_write(pp.slave, flood, 1);
	int s = pc_poll_now(pp.slave, PC_POLLOUT);
	int m = pc_poll_now(pp.master, PC_POLLIN);
	long r = sys_read(pp.master, sink, sizeof(sink));
	int s2 = pc_poll_now(pp.slave, PC_POLLOUT);
	tcheck(o == 0 && empty == -PC_EAGAIN && w1 == PC_QUEUE && w2 == -PC_EAGAIN && s == 0 && m == PC_POLLIN &&
		       r == PC_QUEUE && s2 == PC_POLLOUT,
	       "TTY-113", "a full master queue: the slave writes what fits, then EAGAIN, until the master reads",
	       "open %ld empty read %ld write %ld then %ld poll slave 0x%x master 0x%x read %ld poll 0x%x", o, empty, w1,
	       w2, s, m, r, s2);
	pc_pair_close(&pp);
}

/* TTY-112, TTY-115: the slave's raw input fills: the master gets EAGAIN until the slave reads. */
static void pc_master_full(void)
{
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	aegis_termios_t t;
	sys_ioctl(pp.slave, TCGETS, (unsigned long)&t);
	t.c_lflag &= ~(uint32_t)(ICANON | ECHO);
	sys_ioctl(pp.slave, TCSETS, (unsigned long)&t);
	pc_nonblock(pp.master, true);
	pc_nonblock(pp.slave, true);
	long w1 = sys_write(pp.master, flood, sizeof(flood));
	long w2 = sys_write(pp.master, flood, 1);
	int m = pc_poll_now(pp.master, PC_POLLOUT);
	long r = sys_read(pp.slave, sink, sizeof(sink));
	int m2 = pc_poll_now(pp.master, PC_POLLOUT);
	long w3 = sys_write(pp.master, flood, 1);
	tcheck(o == 0 && w1 == PC_QUEUE - 1 && w2 == -PC_EAGAIN && m == 0 && r == PC_QUEUE - 1 && m2 == PC_POLLOUT &&
		       w3 == 1,
	       "TTY-112", "a full slave input queue: the master writes what fits, then EAGAIN, until the slave reads",
	       "open %ld write %ld then %ld poll 0x%x read %ld poll 0x%x write %ld", o, w1, w2, m, r, m2, w3);
	pc_pair_close(&pp);
}

/* TTY-110, TTY-116: PTY_MAX pairs at most; a freed index is the next one given. */
static void pc_bound(void)
{
	int masters[PC_PTY_MAX + 1];
	int opened = 0;
	long last = 0;
	while (opened <= PC_PTY_MAX) {
		last = sys_open("/dev/ptmx", AEGIS_O_RDWR | AEGIS_O_NOCTTY, 0);
		if (last < 0)
			break;
		masters[opened++] = (int)last;
	}
	/* Through devfs the table's ENOSPC reads as ENOMEM for now (spec/tty.md TTY-110). */
	tcheck(opened == PC_PTY_MAX && (last == -PC_ENOSPC || last == -PC_ENOMEM), "TTY-110",
	       "PTY_MAX pairs open at once and the next open fails", "opened %d, then %ld", opened, last);
	sys_close(masters[5]);
	long again = sys_open("/dev/ptmx", AEGIS_O_RDWR | AEGIS_O_NOCTTY, 0);
	unsigned index = 99;
	sys_ioctl((int)again, TIOCGPTN, (unsigned long)&index);
	masters[5] = (int)again;
	for (int i = 0; i < opened; i++)
		sys_close(masters[i]);
	pc_pair_t pp;
	long o = pc_pair_open(&pp);
	tcheck(again >= 0 && index == 5 && o == 0 && pp.index == 0, "TTY-116",
	       "a freed pair's index is the lowest free one and is given again", "reopen %ld index %u, then %ld index %u",
	       again, index, o, pp.index);
	pc_pair_close(&pp);
}

void pc_flow(void)
{
	memset(flood, 'f', sizeof(flood));
	pc_poll();
	pc_slave_full();
	pc_master_full();
	pc_bound();
}
