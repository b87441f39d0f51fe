/*
 * AF_UNIX stream sockets as open files (spec/unix-sockets.md): the
 * connection core (unix_conn.h) plus sleeping, waking and SIGPIPE, the
 * listener queue, names in the file system and the peer snapshots.  The
 * system calls (syscall/sys_socket.c, sys_sockio.c) copy user memory and
 * call these with kernel buffers.
 */
#ifndef AEGIS_KERNEL_NET_UNIX_SOCK_H
#define AEGIS_KERNEL_NET_UNIX_SOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/unix_addr.h"
#include "net/unix_peer.h"
#include "proc/fdtable.h"
#include "proc/process.h"

typedef struct unix_sock unix_sock_t;

/* A new unconnected socket file (flags: O_NONBLOCK): 0 and *out, or -ENOMEM. */
int unix_sock_create(uint32_t flags, file_t **out);

/* Two connected socket files, each with p's snapshot as its peer: 0 or -ENOMEM. */
int unix_sock_pair(process_t *p, uint32_t flags, file_t **a, file_t **b);

/* The socket behind f, or NULL when f is no socket. */
unix_sock_t *unix_sock_of(file_t *f);

/* bind (UNIX-011): make addr's node and name s by it. */
int unix_sock_bind(process_t *p, unix_sock_t *s, const unix_addr_t *addr);

/* listen (UNIX-020). */
int unix_sock_listen(process_t *p, unix_sock_t *s, int backlog);

/* connect (UNIX-021, UNIX-022). */
int unix_sock_connect(process_t *p, unix_sock_t *s, const unix_addr_t *addr);

/* accept (UNIX-023): 0 and *out (a new file with flags O_NONBLOCK), or -errno. */
int unix_sock_accept(file_t *listener, uint32_t flags, file_t **out);

/* Send or receive with MSG_* flags (UNIX-030..035): bytes moved or -errno. */
int64_t unix_sock_send(file_t *f, const void *buf, size_t len, uint32_t msg_flags);
int64_t unix_sock_recv(file_t *f, void *buf, size_t len, uint32_t msg_flags);

/* shutdown (UNIX-036): how is SHUT_RD, SHUT_WR or SHUT_RDWR. */
int unix_sock_shutdown(unix_sock_t *s, int how);

/* getsockname (peer false) or getpeername (peer true) into out: its length, or -ENOTCONN. */
int unix_sock_name(const unix_sock_t *s, bool peer, aegis_sockaddr_un_t *out);

/* The peer snapshot, or NULL when s has no peer. */
const unix_peer_t *unix_sock_peer(const unix_sock_t *s);

#endif
