/*
 * The peer identity of an AF_UNIX connection (spec/unix-sockets.md
 * UNIX-050..UNIX-052): a snapshot of a process's pid, effective IDs,
 * capability table and authenticated-session flag, taken by the kernel at
 * connect, listen or socketpair, and its encoding as the getsockopt
 * options SO_PEERCRED, AEGIS_SO_PEERCAPS and SO_TYPE.  Pure.
 */
#ifndef AEGIS_KERNEL_NET_UNIX_PEER_H
#define AEGIS_KERNEL_NET_UNIX_PEER_H

#include <stddef.h>
#include <stdint.h>

#include <aegis/unix_socket.h>

#include "cap/cap_proc.h"
#include "proc/cred.h"

typedef struct {
	aegis_ucred_t cred;
	aegis_peercaps_t caps;
} unix_peer_t;

/* The largest option value, for the caller's kernel buffer. */
typedef union {
	aegis_ucred_t cred;
	aegis_peercaps_t caps;
	int32_t type;
} unix_option_value_t;

/* Snapshot pid, cred's effective IDs and caps' table and flag into out. */
void unix_peer_take(unix_peer_t *out, int32_t pid, const cred_t *cred, const cap_proc_t *caps);

/*
 * getsockopt's value of (level, name) for a stream socket whose peer is
 * peer (NULL: none): its size in bytes and *out filled, -ENOPROTOOPT
 * (unknown level or name) or -ENOTCONN (a peer option without a peer).
 */
int unix_peer_option(const unix_peer_t *peer, int level, int name, unix_option_value_t *out);

#endif
