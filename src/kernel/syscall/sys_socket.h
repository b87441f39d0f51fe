/*
 * Helpers the socket system calls share (sys_socket.c, sys_sockio.c):
 * finding a socket by descriptor and copying addresses and values between
 * user memory and the kernel with the length rules of UNIX-010, UNIX-013
 * and UNIX-052.
 */
#ifndef AEGIS_KERNEL_SYSCALL_SYS_SOCKET_H
#define AEGIS_KERNEL_SYSCALL_SYS_SOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/unix_sock.h"

/* The socket at fd: 0 and *out, -EBADF or -ENOTSOCK. */
int socket_lookup(process_t *p, int fd, unix_sock_t **out);

/* A user address of len bytes (UNIX-010): 0 and *out, -EINVAL, -EFAULT or -EOPNOTSUPP. */
int socket_addr_in(process_t *p, uint64_t uaddr, int64_t len, unix_addr_t *out);

/*
 * Copy a value of full bytes to ubuf, at most the int32 length at ulen
 * says, and store at ulen the full length (report_full) or the bytes
 * copied.  ulen 0 copies nothing (0; -EFAULT with a buffer).  0 or -errno.
 */
int socket_value_out(process_t *p, uint64_t ubuf, uint64_t ulen, const void *value, size_t full, bool report_full);

#endif
