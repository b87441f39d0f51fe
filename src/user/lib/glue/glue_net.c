/*
 * The system-call glue for one area. Sockets; addresses are passed as bytes with their length.
 * One function per call, declared and described in glue.h; each returns the
 * kernel's answer (a result >= 0 or -errno) from glue_syscall6.
 */
#include "glue/glue_internal.h"

long sys_socket(int domain, int type, int protocol)
{
	return glue_syscall6(SYS_socket, (long)domain, (long)type, (long)protocol, 0, 0, 0);
}

long sys_socketpair(int domain, int type, int protocol, int *fds)
{
	return glue_syscall6(SYS_socketpair, (long)domain, (long)type, (long)protocol, GLUE_PTR(fds), 0, 0);
}

long sys_bind(int fd, const void *addr, aegis_socklen_t addrlen)
{
	return glue_syscall6(SYS_bind, (long)fd, GLUE_PTR(addr), (long)addrlen, 0, 0, 0);
}

long sys_listen(int fd, int backlog)
{
	return glue_syscall6(SYS_listen, (long)fd, (long)backlog, 0, 0, 0, 0);
}

long sys_accept(int fd, void *addr, aegis_socklen_t *addrlen)
{
	return glue_syscall6(SYS_accept, (long)fd, GLUE_PTR(addr), GLUE_PTR(addrlen), 0, 0, 0);
}

long sys_accept4(int fd, void *addr, aegis_socklen_t *addrlen, int flags)
{
	return glue_syscall6(SYS_accept4, (long)fd, GLUE_PTR(addr), GLUE_PTR(addrlen), (long)flags, 0, 0);
}

long sys_connect(int fd, const void *addr, aegis_socklen_t addrlen)
{
	return glue_syscall6(SYS_connect, (long)fd, GLUE_PTR(addr), (long)addrlen, 0, 0, 0);
}

long sys_shutdown(int fd, int how)
{
	return glue_syscall6(SYS_shutdown, (long)fd, (long)how, 0, 0, 0, 0);
}

long sys_sendto(int fd, const void *buf, size_t len, int flags, const void *addr, aegis_socklen_t addrlen)
{
	return glue_syscall6(SYS_sendto, (long)fd, GLUE_PTR(buf), (long)len, (long)flags, GLUE_PTR(addr), (long)addrlen);
}

long sys_recvfrom(int fd, void *buf, size_t len, int flags, void *addr, aegis_socklen_t *addrlen)
{
	return glue_syscall6(SYS_recvfrom, (long)fd, GLUE_PTR(buf), (long)len, (long)flags, GLUE_PTR(addr), GLUE_PTR(addrlen));
}

long sys_sendmsg(int fd, const aegis_msghdr_t *msg, int flags)
{
	return glue_syscall6(SYS_sendmsg, (long)fd, GLUE_PTR(msg), (long)flags, 0, 0, 0);
}

long sys_recvmsg(int fd, aegis_msghdr_t *msg, int flags)
{
	return glue_syscall6(SYS_recvmsg, (long)fd, GLUE_PTR(msg), (long)flags, 0, 0, 0);
}

long sys_getsockname(int fd, void *addr, aegis_socklen_t *addrlen)
{
	return glue_syscall6(SYS_getsockname, (long)fd, GLUE_PTR(addr), GLUE_PTR(addrlen), 0, 0, 0);
}

long sys_getpeername(int fd, void *addr, aegis_socklen_t *addrlen)
{
	return glue_syscall6(SYS_getpeername, (long)fd, GLUE_PTR(addr), GLUE_PTR(addrlen), 0, 0, 0);
}

long sys_setsockopt(int fd, int level, int name, const void *value, aegis_socklen_t len)
{
	return glue_syscall6(SYS_setsockopt, (long)fd, (long)level, (long)name, GLUE_PTR(value), (long)len, 0);
}

long sys_getsockopt(int fd, int level, int name, void *value, aegis_socklen_t *len)
{
	return glue_syscall6(SYS_getsockopt, (long)fd, (long)level, (long)name, GLUE_PTR(value), GLUE_PTR(len), 0);
}
