/*
 * unixcheck: data over socketpairs (UNIX-003, UNIX-030..UNIX-036, UNIX-040).
 */
#include <string.h>

#include <aegis/errno.h>
#include <aegis/linux_abi.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"
#include "unixcheck.h"

#define UX_POLLOUT 0x004
#define UX_POLLHUP 0x010
#define UX_MSG_PEEK 0x2
#define UX_FILL_CHUNK 4096
#define UX_SHUT_BAD 7

static int ux_pair(int fds[2], int flags)
{
	return (int)sys_socketpair(AEGIS_AF_UNIX, AEGIS_SOCK_STREAM | flags, 0, fds);
}

static short ux_revents(int fd)
{
	aegis_pollfd_t p = { .fd = fd, .events = UX_POLLIN | UX_POLLOUT };
	long r = sys_poll(&p, 1, 0);
	return r < 0 ? -1 : p.revents;
}

static void ux_both_ways(void)
{
	int s[2];
	char buf[16] = { 0 };
	int r = ux_pair(s, 0);
	long w1 = sys_write(s[0], "ping", 4), r1 = sys_read(s[1], buf, sizeof(buf));
	bool ping = r1 == 4 && memcmp(buf, "ping", 4) == 0;
	long w2 = sys_write(s[1], "pong!", 5), r2 = sys_read(s[0], buf, sizeof(buf));
	tcheck(r == 0 && w1 == 4 && ping && w2 == 5 && r2 == 5 && memcmp(buf, "pong!", 5) == 0, "UNIX-030",
	       "socketpair carries bytes both ways in order", "%d %ld %ld %ld %ld", r, w1, r1, w2, r2);
	short before = ux_revents(s[1]);
	sys_write(s[0], "x", 1);
	short ready = ux_revents(s[1]);
	sys_close(s[0]);
	short hup = ux_revents(s[1]);
	long x = sys_read(s[1], buf, sizeof(buf)), eof = sys_read(s[1], buf, sizeof(buf));
	tcheck(before == UX_POLLOUT && ready == (UX_POLLIN | UX_POLLOUT) && (hup & (UX_POLLIN | UX_POLLHUP)) ==
	       (UX_POLLIN | UX_POLLHUP), "UNIX-040", "poll: POLLOUT when empty, POLLIN with data, POLLHUP after close",
	       "%#x %#x %#x", before, ready, hup);
	tcheck(x == 1 && eof == 0, "UNIX-032", "after the peer closes, the stored byte and then end of file",
	       "%ld %ld", x, eof);
	sys_close(s[1]);
}

static int ux_sigpipe_child(void)
{
	int s[2];
	if (ux_pair(s, 0) != 0)
		return 1;
	sys_close(s[1]);
	sys_write(s[0], "x", 1);
	return 2; /* not reached: SIGPIPE kills */
}

static void ux_epipe(void)
{
	int status = ux_child(ux_sigpipe_child);
	tcheck((status & UX_WSIG_MASK) == UX_SIGPIPE, "UNIX-033", "a write to a closed peer raises SIGPIPE",
	       "status %#x", status);
	int s[2];
	ux_pair(s, 0);
	sys_close(s[1]);
	long r = sys_sendto(s[0], "x", 1, AEGIS_MSG_NOSIGNAL, NULL, 0);
	tcheck(r == -EPIPE, "UNIX-033", "MSG_NOSIGNAL: EPIPE without a signal (PID 1 lives on)", "%ld", r);
	sys_close(s[0]);
}

static void ux_nonblock(void)
{
	int s[2];
	char buf[UX_FILL_CHUNK];
	memset(buf, 'a', sizeof(buf));
	ux_pair(s, AEGIS_SOCK_NONBLOCK);
	long empty = sys_read(s[1], buf, 1);
	long total = 0, w;
	while ((w = sys_write(s[0], buf, sizeof(buf))) > 0)
		total += w;
	short full = ux_revents(s[0]);
	tcheck(empty == -EAGAIN && w == -EAGAIN && total > 0 && !(full & UX_POLLOUT), "UNIX-034",
	       "O_NONBLOCK: EAGAIN on an empty read and a full stream (bounded)", "%ld %ld total %ld %#x", empty, w,
	       total, full);
	sys_close(s[0]);
	sys_close(s[1]);
	ux_pair(s, 0);
	long dw = sys_recvfrom(s[1], buf, 1, AEGIS_MSG_DONTWAIT, NULL, NULL);
	long peek = sys_recvfrom(s[1], buf, 1, UX_MSG_PEEK, NULL, NULL);
	tcheck(dw == -EAGAIN && peek == -EOPNOTSUPP, "UNIX-035", "MSG_DONTWAIT is EAGAIN, MSG_PEEK EOPNOTSUPP",
	       "%ld %ld", dw, peek);
	sys_close(s[0]);
	sys_close(s[1]);
}

static void ux_msgs(void)
{
	int s[2];
	ux_pair(s, 0);
	aegis_iovec_t out[2] = { { (void *)"ab", 2 }, { (void *)"cde", 3 } };
	aegis_msghdr_t m = { .msg_iov = out, .msg_iovlen = 2 };
	long sent = sys_sendmsg(s[0], &m, 0);
	char got[8] = { 0 };
	aegis_iovec_t in = { got, sizeof(got) };
	aegis_msghdr_t r = { .msg_iov = &in, .msg_iovlen = 1, .msg_controllen = 1, .msg_flags = 1 };
	long recvd = sys_recvmsg(s[1], &r, 0);
	tcheck(sent == 5 && recvd == 5 && memcmp(got, "abcde", 5) == 0 && r.msg_controllen == 0 && r.msg_flags == 0,
	       "UNIX-035", "sendmsg and recvmsg move iovecs, recvmsg clears control and flags", "%ld %ld", sent, recvd);
	char control[16] = { 0 };
	aegis_msghdr_t c = { .msg_iov = out, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof(control) };
	long scm = sys_sendmsg(s[0], &c, 0);
	long none = sys_recvfrom(s[1], got, 1, AEGIS_MSG_DONTWAIT, NULL, NULL);
	tcheck(scm == -EOPNOTSUPP && none == -EAGAIN, "UNIX-035", "ancillary data (SCM_RIGHTS) is refused, nothing sent",
	       "%ld %ld", scm, none);
	aegis_sockaddr_un_t a;
	uint32_t alen = ux_addr(&a, "/tmp/nowhere");
	long isconn = sys_sendto(s[0], "x", 1, 0, &a, alen);
	tcheck(isconn == -EISCONN, "UNIX-031", "sendto with an address on a connected socket is EISCONN", "%ld", isconn);
	long shut = sys_shutdown(s[0], AEGIS_SHUT_WR);
	long eof = sys_read(s[1], got, 1);
	long pipe = sys_sendto(s[0], "x", 1, AEGIS_MSG_NOSIGNAL, NULL, 0);
	long back = sys_write(s[1], "y", 1), backr = sys_read(s[0], got, 1);
	long badhow = sys_shutdown(s[0], UX_SHUT_BAD);
	tcheck(shut == 0 && eof == 0 && pipe == -EPIPE && back == 1 && backr == 1 && badhow == -EINVAL, "UNIX-036",
	       "SHUT_WR: the peer reads EOF, writes are EPIPE, the other way still works; bad how EINVAL",
	       "%ld %ld %ld %ld %ld %ld", shut, eof, pipe, back, backr, badhow);
	sys_close(s[0]);
	sys_close(s[1]);
	long fd = ux_socket(0);
	long rcv = sys_read((int)fd, got, 1), snd = sys_write((int)fd, "x", 1), sh = sys_shutdown((int)fd, 0);
	short lone = ux_revents((int)fd);
	tcheck(rcv == -EINVAL && snd == -ENOTCONN && sh == -ENOTCONN && lone == (UX_POLLOUT | UX_POLLHUP), "UNIX-031",
	       "unconnected: receive EINVAL, send and shutdown ENOTCONN, poll POLLOUT|POLLHUP", "%ld %ld %ld %#x", rcv,
	       snd, sh, lone);
	sys_close((int)fd);
}

void ux_check_data(void)
{
	ux_both_ways();
	ux_epipe();
	ux_nonblock();
	ux_msgs();
}
