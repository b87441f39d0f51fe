/*
 * The socket data calls with flags (spec/unix-sockets.md UNIX-030..UNIX-035):
 * sendto, recvfrom, sendmsg, recvmsg.  Bytes move through io_move.h with
 * the socket's send or receive as the step; read and write reach the same
 * code through the socket file's ops.
 */
#include <stddef.h>

#include <aegis/errno.h>
#include <aegis/linux_abi.h>
#include <aegis/unix_socket.h>

#include "net/unix_sock.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"
#include "syscall/io_move.h"
#include "syscall/sys_socket.h"

static int64_t sockio_send_step(file_t *f, void *buf, size_t len, uint32_t flags)
{
	return unix_sock_send(f, buf, len, flags);
}

static int64_t sockio_recv_step(file_t *f, void *buf, size_t len, uint32_t flags)
{
	return unix_sock_recv(f, buf, len, flags);
}

/*
 * The socket file at fd, checked for a call that moves data: a zero-byte
 * step gives the state and flag errors even when no byte would move.  A
 * destination address on a stream socket is -EISCONN or -ENOTCONN.
 */
static int sockio_begin(process_t *p, int fd, bool sending, bool with_addr, uint32_t flags, file_t **out)
{
	unix_sock_t *s;
	int r = socket_lookup(p, fd, &s);
	if (r != 0)
		return r;
	file_t *f = fdtable_get(&p->fds, fd);
	if (sending && with_addr)
		return unix_sock_peer(s) ? -EISCONN : -ENOTCONN;
	int64_t check = sending ? unix_sock_send(f, NULL, 0, flags) : unix_sock_recv(f, NULL, 0, flags);
	if (check < 0)
		return (int)check;
	*out = f;
	return 0;
}

/* The peer's address to a user buffer whose length is the int32 at ulen (recvfrom, recvmsg). */
static int sockio_peer_out(process_t *p, file_t *f, uint64_t uaddr, uint64_t ulen)
{
	aegis_sockaddr_un_t name;
	int len = unix_sock_name(unix_sock_of(f), true, &name);
	if (len < 0)
		return len;
	return socket_value_out(p, uaddr, ulen, &name, (size_t)len, true);
}

SYSCALL_HANDLER(sendto)
{
	file_t *f;
	uint32_t flags = (uint32_t)args->a[3];
	int r = sockio_begin(p, (int)args->a[0], true, args->a[4] != 0, flags, &f);
	if (r != 0)
		return r;
	return io_move(p, f, args->a[1], args->a[2], true, sockio_send_step, flags);
}

SYSCALL_HANDLER(recvfrom)
{
	file_t *f;
	uint32_t flags = (uint32_t)args->a[3];
	int r = sockio_begin(p, (int)args->a[0], false, false, flags, &f);
	if (r != 0)
		return r;
	int64_t n = io_move(p, f, args->a[1], args->a[2], false, sockio_recv_step, flags);
	if (n >= 0 && args->a[4]) {
		int w = sockio_peer_out(p, f, args->a[4], args->a[5]);
		if (w != 0)
			return w;
	}
	return n;
}

SYSCALL_HANDLER(sendmsg)
{
	aegis_msghdr_t msg;
	uint32_t flags = (uint32_t)args->a[2];
	if (copy_from_user(p, &msg, args->a[1], sizeof(msg)) != 0)
		return -EFAULT;
	file_t *f;
	int r = sockio_begin(p, (int)args->a[0], true, msg.msg_name != NULL, flags, &f);
	if (r != 0)
		return r;
	if (msg.msg_controllen != 0)
		return -EOPNOTSUPP; /* no ancillary data yet: SCM_RIGHTS is refused (UNIX-035) */
	return io_move_vector(p, f, (uint64_t)(uintptr_t)msg.msg_iov, msg.msg_iovlen, true, sockio_send_step, flags);
}

SYSCALL_HANDLER(recvmsg)
{
	aegis_msghdr_t msg;
	uint64_t umsg = args->a[1];
	uint32_t flags = (uint32_t)args->a[2];
	if (copy_from_user(p, &msg, umsg, sizeof(msg)) != 0)
		return -EFAULT;
	file_t *f;
	int r = sockio_begin(p, (int)args->a[0], false, false, flags, &f);
	if (r != 0)
		return r;
	int64_t n = io_move_vector(p, f, (uint64_t)(uintptr_t)msg.msg_iov, msg.msg_iovlen, false, sockio_recv_step,
				   flags);
	if (n < 0)
		return n;
	if (msg.msg_name) {
		int w = sockio_peer_out(p, f, (uint64_t)(uintptr_t)msg.msg_name, umsg + offsetof(aegis_msghdr_t, msg_namelen));
		if (w != 0)
			return w;
	}
	msg.msg_controllen = 0;
	msg.msg_flags = 0;
	if (copy_to_user(p, umsg + offsetof(aegis_msghdr_t, msg_controllen), &msg.msg_controllen,
			 sizeof(msg.msg_controllen) + sizeof(msg.msg_flags)) != 0)
		return -EFAULT;
	return n;
}
