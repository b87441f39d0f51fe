/*
 * unixcheck: making sockets, the IPC(R) gate and descriptor kinds
 * (UNIX-002..UNIX-004).
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "tcheck/tcheck.h"
#include "unixcheck.h"

#define UX_BAD_TYPE_FLAG 0x100
#define UX_DGRAM 2
#define UX_UNKNOWN_FAMILY 10 /* AF_INET6: no such family in Aegis */
#define UX_BAD_PROTOCOL 5
#define UX_CLOSED_FD 200 /* never opened here */
#define UX_GATE_OK 0
#define UX_GATE_SOCKET 1
#define UX_GATE_PAIR 2

static int ux_gate_child(void)
{
	int fds[2];
	if (sys_cap_drop(CAP_KIND_IPC, CAP_RIGHTS_READ) != 0)
		return UX_GATE_SOCKET + UX_GATE_PAIR + 1;
	if (ux_socket(0) != -ENOCAP)
		return UX_GATE_SOCKET;
	if (sys_socketpair(AEGIS_AF_UNIX, AEGIS_SOCK_STREAM, 0, fds) != -ENOCAP)
		return UX_GATE_PAIR;
	return UX_GATE_OK;
}

void ux_check_create(void)
{
	long inet = sys_socket(AEGIS_AF_INET, AEGIS_SOCK_STREAM, 0); /* PID 1 holds no NET_SOCKET */
	long other = sys_socket(UX_UNKNOWN_FAMILY, AEGIS_SOCK_STREAM, 0);
	long dgram = sys_socket(AEGIS_AF_UNIX, UX_DGRAM, 0);
	long proto = sys_socket(AEGIS_AF_UNIX, AEGIS_SOCK_STREAM, UX_BAD_PROTOCOL);
	long flag = sys_socket(AEGIS_AF_UNIX, AEGIS_SOCK_STREAM | UX_BAD_TYPE_FLAG, 0);
	tcheck(inet == -ENOCAP && other == -EAFNOSUPPORT && dgram == -EPROTONOSUPPORT && proto == -EPROTONOSUPPORT &&
		       flag == -EINVAL,
	       "UNIX-002", "AF_INET without NET_SOCKET, another family, datagram, a protocol and an unknown flag are refused",
	       "%ld %ld %ld %ld %ld", inet, other, dgram, proto, flag);
	long fd = ux_socket(AEGIS_SOCK_NONBLOCK | AEGIS_SOCK_CLOEXEC);
	long fl = fd >= 0 ? sys_fcntl((int)fd, AEGIS_F_GETFL, 0) : fd;
	long fdf = fd >= 0 ? sys_fcntl((int)fd, AEGIS_F_GETFD, 0) : fd;
	tcheck(fd >= 0 && (fl & AEGIS_O_NONBLOCK) && fdf == AEGIS_FD_CLOEXEC, "UNIX-002",
	       "socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC) sets both flags", "%ld %ld %ld", fd, fl, fdf);
	aegis_stat_t st;
	long sr = fd >= 0 ? sys_fstat((int)fd, &st) : fd;
	tcheck(sr == 0 && (st.st_mode & AEGIS_S_IFMT) == AEGIS_S_IFSOCK, "UNIX-004", "fstat of a socket is S_IFSOCK",
	       "%ld mode %o", sr, sr == 0 ? (unsigned)st.st_mode : 0u);
	sys_close((int)fd);
	int gate = ux_child(ux_gate_child);
	tcheck(gate == 0, "UNIX-002", "without IPC(R) socket and socketpair are ENOCAP", "child status %d", gate);
	int pfd[2];
	long pr = sys_pipe2(pfd, 0);
	int one = 1;
	long ns = pr == 0 ? sys_listen(pfd[0], 1) : pr;
	long nso = pr == 0 ? sys_setsockopt(pfd[0], AEGIS_SOL_SOCKET, AEGIS_SO_TYPE, &one, sizeof(one)) : pr;
	long bad = sys_listen(UX_CLOSED_FD, 1);
	tcheck(ns == -ENOTSOCK && nso == -ENOTSOCK && bad == -EBADF, "UNIX-004",
	       "socket calls on a pipe are ENOTSOCK, on a closed descriptor EBADF", "%ld %ld %ld", ns, nso, bad);
	if (pr == 0) {
		sys_close(pfd[0]);
		sys_close(pfd[1]);
	}
}
