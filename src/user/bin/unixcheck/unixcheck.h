/*
 * unixcheck: AF_UNIX stream sockets through the real system calls
 * (spec/unix-sockets.md UNIX-060), run as PID 1 on both builds by
 * tests/unix-sockets/test_unixcheck.py.  Shared helpers of its parts.
 */
#ifndef UNIXCHECK_H
#define UNIXCHECK_H

#include <stdbool.h>
#include <stdint.h>

#include <aegis/unix_socket.h>

#define UX_WSIG_MASK 0x7f      /* wait status: the terminating signal */
#define UX_WEXIT_SHIFT 8       /* wait status: the exit code */
#define UX_SIGPIPE 13
#define UX_POLLIN 0x001        /* poll: readable (a listener: a connection queued) */
#define UX_DEV_UID 1000u
#define UX_DEV_GID 100u

/* A stream socket (flags: SOCK_NONBLOCK/SOCK_CLOEXEC), or -errno. */
long ux_socket(int flags);
/* An address for path, and its length. */
uint32_t ux_addr(aegis_sockaddr_un_t *a, const char *path);
/* A listening socket at path (unlinked first) with backlog, or -errno. */
long ux_listen(const char *path, int backlog);
/* A socket connected to path, or -errno. */
long ux_connect(const char *path);
/* Run fn in a child and wait: its wait status, or -errno. */
int ux_child(int (*fn)(void));
/* Fork a child running fn; its pid (wait with ux_wait). */
long ux_spawn(int (*fn)(void));
/* Wait for pid: its wait status, or -errno. */
int ux_wait(long pid);
/* Does the capability table in slots (count used) grant kind with rights? */
bool ux_caps_hold(const cap_slot_t *slots, uint32_t count, uint32_t kind, uint32_t rights);

/* The parts. */
void ux_check_create(void);
void ux_check_data(void);
void ux_check_names(void);
void ux_check_peer(void);

#endif
