/*
 * The connection core of an AF_UNIX stream socket (spec/unix-sockets.md
 * UNIX-030..UNIX-040), as pure decisions: two pipe cores, one per direction,
 * and each side's shutdown state.  Side i reads stream[i] and writes
 * stream[1 - i]; nothing here sleeps or signals (the results carry the
 * pipe core's PIPE_ACT_* bits for the caller).
 */
#ifndef AEGIS_KERNEL_NET_UNIX_CONN_H
#define AEGIS_KERNEL_NET_UNIX_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipc/pipe.h"

#define UNIX_CONN_SIDES 2u

/* Shutdown bits of one side. */
#define UNIX_SHUT_RECV 0x1u
#define UNIX_SHUT_SEND 0x2u
#define UNIX_SHUT_BOTH (UNIX_SHUT_RECV | UNIX_SHUT_SEND)

typedef struct unix_conn {
	pipe_t stream[UNIX_CONN_SIDES];  /* stream[i]: bytes toward side i */
	uint8_t shut[UNIX_CONN_SIDES];   /* UNIX_SHUT_* done by side i */
	bool open[UNIX_CONN_SIDES];      /* side i still has its socket */
} unix_conn_t;

/* A connection with both sides open and both streams empty. */
void unix_conn_init(unix_conn_t *c);

/* Shut down UNIX_SHUT_* bits of side (again is harmless): PIPE_ACT_* wake bits, or -EINVAL. */
int unix_conn_shutdown(unix_conn_t *c, unsigned side, uint32_t bits);

/* Side's socket is gone (shuts both ways): wake bits, or -EINVAL (bad side, closed twice). */
int unix_conn_close(unix_conn_t *c, unsigned side);

/* True once both sides are closed: the caller frees the connection. */
bool unix_conn_released(const unix_conn_t *c);

/* Send from side: the pipe core's write, and -EPIPE with SIGPIPE after this side's SHUT_SEND. */
pipe_result_t unix_conn_send(unix_conn_t *c, unsigned side, const uint8_t *src, size_t len, bool nonblock);

/* Receive on side: the pipe core's read, and end of file after this side's SHUT_RECV. */
pipe_result_t unix_conn_recv(unix_conn_t *c, unsigned side, uint8_t *dst, size_t len, bool nonblock);

/* poll bits of side (PIPE_POLL* values, UNIX-040); 0 for a bad side. */
uint32_t unix_conn_poll(const unix_conn_t *c, unsigned side);

#endif
