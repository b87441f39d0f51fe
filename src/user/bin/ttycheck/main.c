/*
 * ttycheck: the console terminal as a program sees it (spec/tty.md
 * TTY-100..TTY-104, spec/filesystems.md FS-060).  Run as PID 1 with console
 * input ("init=/bin/ttycheck test=init", and in the sim --input with the
 * lines of tests/tty/data/ttycheck.input): it reads a canonical line, checks
 * the terminal ioctls, switches to raw mode and reads bytes one at a time,
 * catches the SIGINT a typed Ctrl-C sends to its group, and polls the console
 * and a pipe.  One "ok - ID text" or "not ok - ID text: detail" line per
 * check, then a summary; exits 0 only when all passed.
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/fcntl.h>
#include <aegis/signal.h>
#include <aegis/termios.h>

#include "glue/glue.h"
#include "glue/glue_call.h"
#include "tcheck/tcheck.h"
#include "uio/uio.h"

#define TC_EAGAIN 11
#define TC_EPERM 1
#define TC_ENOTTY 25
#define TC_EFAULT 14
#define TC_BAD_PTR ((void *)8)
#define TC_NAP_NS 20000000 /* 20 ms */
#define TC_POLLIN 0x001
#define TC_POLLOUT 0x004
#define TC_NO_GROUP 30000
#define TC_EBADF 9
#define TC_EEXIST 17
#define TC_ENOENT 2
#define TC_EINVAL 22
#define TC_EPOLL_ADD 1
#define TC_EPOLL_DEL 2
#define TC_EPOLL_MOD 3
#define TC_EPOLL_ONESHOT (1u << 30)
#define TC_EPOLL_DATA 0x1234567890ull
#define TC_SELECT_CLOSED_FD 40
#define TC_RAW_LINE 3         /* "ab\n" */
#define TC_TYPE_WAIT_NAPS 250 /* 5 s of 20 ms naps */

static volatile int sigint_seen;

static void on_sigint(int sig)
{
	sigint_seen = sig;
}

/* Input line 1: "hello tty" in canonical mode. */
static void tc_canonical(void)
{
	char buf[64] = { 0 };
	long n = sys_read(0, buf, sizeof(buf) - 1);
	tcheck(n == 10 && strcmp(buf, "hello tty\n") == 0, "TTY-101", "a canonical read returns one typed line",
		 "read %ld '%s'", n, buf);
	long fl = sys_fcntl(0, AEGIS_F_GETFL, 0);
	sys_fcntl(0, AEGIS_F_SETFL, (unsigned long)fl | AEGIS_O_NONBLOCK);
	long again = sys_read(0, buf, sizeof(buf));
	sys_fcntl(0, AEGIS_F_SETFL, (unsigned long)fl);
	tcheck(again == -TC_EAGAIN, "TTY-101", "a non-blocking read with nothing typed fails with EAGAIN", "read %ld",
		 again);
}

static void tc_ioctls(void)
{
	aegis_termios_t t;
	aegis_winsize_t w;
	int32_t pgrp = -1;
	long r1 = sys_ioctl(0, TCGETS, (unsigned long)&t);
	long r2 = sys_ioctl(1, TIOCGWINSZ, (unsigned long)&w);
	long r3 = sys_ioctl(0, TIOCGPGRP, (unsigned long)&pgrp);
	tcheck(r1 == 0 && (t.c_lflag & ICANON) && (t.c_lflag & ECHO) && r2 == 0 && r3 == 0 && pgrp == 1, "TTY-102",
		 "TCGETS, TIOCGWINSZ and TIOCGPGRP answer on the console", "%ld %ld %ld pgrp %d", r1, r2, r3, pgrp);
	int32_t none = TC_NO_GROUP, mine = 1;
	long r4 = sys_ioctl(0, TIOCSPGRP, (unsigned long)&none);
	long r5 = sys_ioctl(0, TIOCSPGRP, (unsigned long)&mine);
	long r6 = sys_ioctl(0, TCGETS, (unsigned long)TC_BAD_PTR);
	int fds[2];
	sys_pipe(fds);
	long r7 = sys_ioctl(fds[0], TCGETS, (unsigned long)&t);
	sys_close(fds[0]);
	sys_close(fds[1]);
	tcheck(r4 == -TC_EPERM && r5 == 0 && r6 == -TC_EFAULT && r7 == -TC_ENOTTY, "TTY-102",
		 "TIOCSPGRP needs a group of the session; bad pointers and non-terminals are refused",
		 "%ld %ld %ld %ld", r4, r5, r6, r7);
}

/* Input line 2: "ab\n" read byte by byte in raw mode (no ICANON, no ECHO, VMIN 1). */
static void tc_raw(void)
{
	aegis_termios_t cooked, raw;
	sys_ioctl(0, TCGETS, (unsigned long)&cooked);
	raw = cooked;
	raw.c_lflag &= ~(uint32_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	long set = sys_ioctl(0, TCSETS, (unsigned long)&raw);
	/* Typed bytes arrive one by one over a serial line: wait until the whole line is in. */
	int32_t queued = 0;
	aegis_timespec_t nap = { 0, TC_NAP_NS };
	for (int i = 0; i < TC_TYPE_WAIT_NAPS && queued < TC_RAW_LINE; i++) {
		sys_ioctl(0, FIONREAD, (unsigned long)&queued);
		if (queued < TC_RAW_LINE)
			sys_nanosleep(&nap, NULL);
	}
	char a = 0, b = 0;
	long n1 = sys_read(0, &a, 1);
	int32_t left = -1;
	sys_ioctl(0, FIONREAD, (unsigned long)&left);
	long n2 = sys_read(0, &b, 1);
	char nl = 0;
	sys_read(0, &nl, 1);
	sys_ioctl(0, TCSETS, (unsigned long)&cooked);
	tcheck(set == 0 && n1 == 1 && a == 'a' && left == 2 && n2 == 1 && b == 'b' && nl == '\n', "TTY-101",
		 "raw mode reads one byte at a time and FIONREAD counts the rest", "%ld %ld '%c' left %d %ld '%c'", set, n1,
		 a, left, n2, b);
}

/* Input line 3: a Ctrl-C (0x03): SIGINT to the foreground group, which is ours. */
static void tc_interrupt(void)
{
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)on_sigint, SA_RESTORER, (uint64_t)(uintptr_t)glue_signal_restorer,
				  0 };
	sys_rt_sigaction(SIGINT, &act, NULL, sizeof(aegis_sigset_t));
	char buf[16];
	long n = sys_read(0, buf, sizeof(buf)); /* interrupted by the SIGINT the typed Ctrl-C sends */
	if (n < 0)
		(void)sys_read(0, buf, sizeof(buf)); /* the empty line the newline after it made */
	tcheck(sigint_seen == SIGINT, "TTY-103", "a typed Ctrl-C sends SIGINT to the foreground group",
		 "read %ld, signal %d", n, sigint_seen);
}

/* Input line 4: "x": poll sees the console readable; a pipe with data too, an empty one not. */
static void tc_poll(void)
{
	aegis_pollfd_t con = { 0, TC_POLLIN, 0 };
	long r = sys_poll(&con, 1, -1);
	char buf[8];
	long n = sys_read(0, buf, sizeof(buf));
	tcheck(r == 1 && (con.revents & TC_POLLIN) && n == 2, "TTY-104", "poll waits until the console is readable",
		 "poll %ld revents 0x%x read %ld", r, con.revents, n);
	int fds[2];
	sys_pipe(fds);
	aegis_pollfd_t p[2] = { { fds[0], TC_POLLIN, 0 }, { fds[1], TC_POLLOUT, 0 } };
	long r1 = sys_poll(p, 2, 0);
	bool empty_ok = r1 == 1 && p[0].revents == 0 && (p[1].revents & TC_POLLOUT);
	sys_write(fds[1], "z", 1);
	long r2 = sys_poll(p, 1, 0);
	aegis_timespec_t nap = { 0, TC_NAP_NS };
	aegis_pollfd_t none = { fds[0], TC_POLLIN, 0 };
	sys_read(fds[0], buf, 1);
	long r3 = sys_ppoll(&none, 1, &nap, NULL, sizeof(aegis_sigset_t));
	long r4 = sys_poll(TC_BAD_PTR, 1, 0);
	tcheck(empty_ok && r2 == 1 && (p[0].revents & TC_POLLIN) && r3 == 0 && r4 == -TC_EFAULT, "FS-060",
		 "poll and ppoll on pipes: readiness, a timeout with nothing ready, EFAULT", "%ld %ld %ld %ld", r1, r2, r3,
		 r4);
	sys_close(fds[0]);
	sys_close(fds[1]);
}

/* select and pselect6 over a pipe: the read side once written, the write side always, EBADF, a timeout. */
static void tc_select(void)
{
	int fds[2];
	sys_pipe(fds);
	uint64_t rd = 1ull << fds[0], wr = 1ull << fds[1];
	aegis_timeval_t zero = { 0, 0 };
	long r1 = sys_select(fds[1] + 1, &rd, &wr, NULL, &zero);
	bool first = r1 == 1 && rd == 0 && wr == (1ull << fds[1]);
	sys_write(fds[1], "q", 1);
	rd = 1ull << fds[0];
	long r2 = sys_select(fds[0] + 1, &rd, NULL, NULL, &zero);
	uint64_t bad = 1ull << TC_SELECT_CLOSED_FD;
	long r3 = sys_select(TC_SELECT_CLOSED_FD + 1, &bad, NULL, NULL, &zero);
	char c;
	sys_read(fds[0], &c, 1);
	rd = 1ull << fds[0];
	aegis_timespec_t nap = { 0, TC_NAP_NS };
	long r4 = sys_pselect6(fds[0] + 1, &rd, NULL, NULL, &nap, NULL);
	tcheck(first && r2 == 1 && rd == 0 && r3 == -TC_EBADF && r4 == 0, "FS-061",
	       "select and pselect6: ready sets, EBADF for a closed descriptor, a timeout with nothing ready",
	       "%ld %ld %ld %ld", r1, r2, r3, r4);
	sys_close(fds[0]);
	sys_close(fds[1]);
}

/* epoll over a pipe: level-triggered reports, ADD/MOD/DEL errors, one-shot, a closed descriptor dropping out. */
static void tc_epoll(void)
{
	int fds[2];
	sys_pipe(fds);
	long ep = sys_epoll_create1(0);
	aegis_epoll_event_t in = { TC_POLLIN, TC_EPOLL_DATA }, got[2];
	long a1 = sys_epoll_ctl((int)ep, TC_EPOLL_ADD, fds[0], &in);
	long a2 = sys_epoll_ctl((int)ep, TC_EPOLL_ADD, fds[0], &in);
	long w0 = sys_epoll_wait((int)ep, got, 2, 0);
	sys_write(fds[1], "e", 1);
	long w1 = sys_epoll_wait((int)ep, got, 2, -1);
	bool first = w1 == 1 && (got[0].events & TC_POLLIN) && got[0].data == TC_EPOLL_DATA;
	long w2 = sys_epoll_wait((int)ep, got, 2, 0); /* level-triggered: still readable */
	aegis_epoll_event_t once = { TC_POLLIN | TC_EPOLL_ONESHOT, TC_EPOLL_DATA + 1 };
	long m1 = sys_epoll_ctl((int)ep, TC_EPOLL_MOD, fds[0], &once);
	long w3 = sys_epoll_wait((int)ep, got, 2, 0);
	long w4 = sys_epoll_wait((int)ep, got, 2, 0); /* one-shot: disabled after one report */
	long d1 = sys_epoll_ctl((int)ep, TC_EPOLL_DEL, fds[0], NULL);
	long d2 = sys_epoll_ctl((int)ep, TC_EPOLL_DEL, fds[0], NULL);
	long bad = sys_epoll_ctl(fds[0], TC_EPOLL_ADD, fds[1], &in);
	long self = sys_epoll_ctl((int)ep, TC_EPOLL_ADD, (int)ep, &in);
	long mx = sys_epoll_wait((int)ep, got, 0, 0);
	tcheck(ep >= 0 && a1 == 0 && a2 == -TC_EEXIST && w0 == 0 && first && w2 == 1 && m1 == 0 && w3 == 1 &&
		       got[0].data == TC_EPOLL_DATA + 1 && w4 == 0 && d1 == 0 && d2 == -TC_ENOENT && bad == -TC_EINVAL &&
		       self == -TC_EINVAL && mx == -TC_EINVAL,
	       "FS-062", "epoll: level-triggered reports, one-shot, ADD/MOD/DEL and their errors",
	       "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld", ep, a1, a2, w0, w1, w2, m1, w3, w4, d1, d2, bad, mx);
	sys_close(fds[0]);
	sys_close(fds[1]);
	sys_close((int)ep);
}

int main(void)
{
	uio_printf(1, "ttycheck: pid %ld, type the lines of tests/tty/data/ttycheck.input\n", sys_getpid());
	tc_canonical();
	tc_ioctls();
	tc_raw();
	tc_interrupt();
	tc_poll();
	tc_select();
	tc_epoll();
	return tcheck_summary("ttycheck") ? 0 : 1;
}
