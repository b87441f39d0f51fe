/*
 * The AF_UNIX socket calls that make, name, connect and inspect sockets
 * (spec/unix-sockets.md UNIX-002..UNIX-052): socket, socketpair, bind,
 * listen, connect, accept, accept4, shutdown, getsockname, getpeername,
 * getsockopt, setsockopt.  They copy user memory and call net/unix_sock.h.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/unix_socket.h>

#include "net/unix_sock.h"
#include "proc/proc_cap.h"
#include "proc/proc_limits.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"
#include "syscall/sys_socket.h"

#define SOCKET_TYPE_FLAGS ((uint32_t)(AEGIS_SOCK_NONBLOCK | AEGIS_SOCK_CLOEXEC))

/*
 * Check socket/socketpair's arguments (UNIX-002): 0 and the O_NONBLOCK/O_CLOEXEC flags, or -errno.
 * The family decides the gate (CAP-110): AF_UNIX needs IPC(R), AF_INET NET_SOCKET(R) (and has no
 * stack yet: -EAFNOSUPPORT); no other family is known, so it is refused without a gate.
 */
static int socket_args(const process_t *p, const syscall_args_t *args, uint32_t *flags)
{
	int64_t domain = (int64_t)args->a[0], protocol = (int64_t)args->a[2];
	uint32_t type = (uint32_t)args->a[1];
	if (domain == AEGIS_AF_INET) {
		int r = proc_cap_require(p, CAP_KIND_NET_SOCKET, CAP_RIGHTS_READ);
		return r != 0 ? r : -EAFNOSUPPORT;
	}
	if (domain != AEGIS_AF_UNIX)
		return -EAFNOSUPPORT;
	int r = proc_cap_require(p, CAP_KIND_IPC, CAP_RIGHTS_READ);
	if (r != 0)
		return r;
	if (type & ~(SOCKET_TYPE_FLAGS | AEGIS_SOCK_TYPE_MASK))
		return -EINVAL;
	if ((type & AEGIS_SOCK_TYPE_MASK) != AEGIS_SOCK_STREAM || (protocol != 0 && protocol != AEGIS_AF_UNIX))
		return -EPROTONOSUPPORT;
	*flags = type & SOCKET_TYPE_FLAGS;
	return 0;
}

/* Install f (the caller's reference) with SOCK_CLOEXEC from flags: the descriptor, or -EMFILE (f released). */
static int socket_install(process_t *p, file_t *f, uint32_t flags)
{
	int fd = proc_fd_install(p, f, 0, (flags & AEGIS_SOCK_CLOEXEC) != 0);
	if (fd < 0)
		file_release(f);
	return fd;
}

SYSCALL_HANDLER(socket)
{
	uint32_t flags;
	int r = socket_args(p, args, &flags);
	file_t *f;
	if (r == 0)
		r = unix_sock_create(flags, &f);
	return r != 0 ? r : socket_install(p, f, flags);
}

SYSCALL_HANDLER(socketpair)
{
	uint32_t flags;
	int r = socket_args(p, args, &flags);
	if (r != 0)
		return r;
	uint64_t ufds = args->a[3];
	if (!user_range_ok(ufds, 2 * sizeof(int32_t)))
		return -EFAULT;
	file_t *a, *b;
	r = unix_sock_pair(p, flags, &a, &b);
	if (r != 0)
		return r;
	int fa = socket_install(p, a, flags);
	if (fa < 0) {
		file_release(b);
		return fa;
	}
	int fb = socket_install(p, b, flags);
	if (fb < 0) {
		(void)fdtable_close(&p->fds, fa);
		return fb;
	}
	int32_t fds[2] = { fa, fb };
	if (copy_to_user(p, ufds, fds, sizeof(fds)) != 0) {
		(void)fdtable_close(&p->fds, fa);
		(void)fdtable_close(&p->fds, fb);
		return -EFAULT;
	}
	return 0;
}

int socket_lookup(process_t *p, int fd, unix_sock_t **out)
{
	file_t *f = fdtable_get(&p->fds, fd);
	if (!f)
		return -EBADF;
	*out = unix_sock_of(f);
	return *out ? 0 : -ENOTSOCK;
}

int socket_addr_in(process_t *p, uint64_t uaddr, int64_t len, unix_addr_t *out)
{
	aegis_sockaddr_un_t raw;
	if (len < (int64_t)UNIX_ADDR_FAMILY_BYTES || len > (int64_t)sizeof(raw))
		return -EINVAL;
	if (copy_from_user(p, &raw, uaddr, (size_t)len) != 0)
		return -EFAULT;
	return unix_addr_parse(&raw, len, out);
}

int socket_value_out(process_t *p, uint64_t ubuf, uint64_t ulen, const void *value, size_t full, bool report_full)
{
	if (!ulen)
		return ubuf ? -EFAULT : 0;
	int32_t len;
	size_t copy;
	if (copy_from_user(p, &len, ulen, sizeof(len)) != 0)
		return -EFAULT;
	int r = unix_out_len(len, full, &copy);
	if (r != 0)
		return r;
	if (copy && copy_to_user(p, ubuf, value, copy) != 0)
		return -EFAULT;
	int32_t written = (int32_t)(report_full ? full : copy);
	return copy_to_user(p, ulen, &written, sizeof(written)) != 0 ? -EFAULT : 0;
}

/* bind and connect: a socket and an address. */
static int64_t socket_with_addr(process_t *p, const syscall_args_t *args, bool binding)
{
	unix_sock_t *s;
	unix_addr_t addr;
	int r = socket_lookup(p, (int)args->a[0], &s);
	if (r == 0 && binding)
		r = proc_cap_require(p, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE);
	if (r == 0)
		r = socket_addr_in(p, args->a[1], (int64_t)(int32_t)args->a[2], &addr);
	if (r != 0)
		return r;
	return binding ? unix_sock_bind(p, s, &addr) : unix_sock_connect(p, s, &addr);
}

SYSCALL_HANDLER(bind)
{
	return socket_with_addr(p, args, true);
}

SYSCALL_HANDLER(connect)
{
	return socket_with_addr(p, args, false);
}

SYSCALL_HANDLER(listen)
{
	unix_sock_t *s;
	int r = socket_lookup(p, (int)args->a[0], &s);
	return r != 0 ? r : unix_sock_listen(p, s, (int)args->a[1]);
}

static int64_t socket_accept(process_t *p, const syscall_args_t *args, uint32_t flags)
{
	if (flags & ~SOCKET_TYPE_FLAGS)
		return -EINVAL;
	unix_sock_t *s;
	int r = socket_lookup(p, (int)args->a[0], &s);
	if (r != 0)
		return r;
	file_t *f;
	r = unix_sock_accept(fdtable_get(&p->fds, (int)args->a[0]), flags, &f);
	if (r != 0)
		return r;
	if (args->a[1]) {
		aegis_sockaddr_un_t name;
		int len = unix_sock_name(unix_sock_of(f), true, &name);
		r = socket_value_out(p, args->a[1], args->a[2], &name, (size_t)len, true);
		if (r != 0) {
			file_release(f);
			return r;
		}
	}
	return socket_install(p, f, flags);
}

SYSCALL_HANDLER(accept)
{
	return socket_accept(p, args, 0);
}

SYSCALL_HANDLER(accept4)
{
	return socket_accept(p, args, (uint32_t)args->a[3]);
}

SYSCALL_HANDLER(shutdown)
{
	unix_sock_t *s;
	int r = socket_lookup(p, (int)args->a[0], &s);
	return r != 0 ? r : unix_sock_shutdown(s, (int)args->a[1]);
}

static int64_t socket_name(process_t *p, const syscall_args_t *args, bool peer)
{
	unix_sock_t *s;
	int r = socket_lookup(p, (int)args->a[0], &s);
	if (r != 0)
		return r;
	aegis_sockaddr_un_t name;
	int len = unix_sock_name(s, peer, &name);
	if (len < 0)
		return len;
	if (!args->a[2])
		return -EFAULT;
	return socket_value_out(p, args->a[1], args->a[2], &name, (size_t)len, true);
}

SYSCALL_HANDLER(getsockname)
{
	return socket_name(p, args, false);
}

SYSCALL_HANDLER(getpeername)
{
	return socket_name(p, args, true);
}

/* No capability is asked: a snapshot shows only what the peer presented by connecting (UNIX-051). */
SYSCALL_HANDLER(getsockopt)
{
	unix_sock_t *s;
	int r = socket_lookup(p, (int)args->a[0], &s);
	if (r != 0)
		return r;
	unix_option_value_t value;
	int size = unix_peer_option(unix_sock_peer(s), (int)args->a[1], (int)args->a[2], &value);
	if (size < 0)
		return size;
	if (!args->a[4])
		return -EFAULT;
	return socket_value_out(p, args->a[3], args->a[4], &value, (size_t)size, false);
}

SYSCALL_HANDLER(setsockopt)
{
	unix_sock_t *s;
	int r = socket_lookup(p, (int)args->a[0], &s);
	return r != 0 ? r : -ENOPROTOOPT;
}
