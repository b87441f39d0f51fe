/*
 * Peer identity snapshots and the getsockopt values (see unix_peer.h).
 */
#include "net/unix_peer.h"

#include <aegis/errno.h>

#include "core/kstring.h"

void unix_peer_take(unix_peer_t *out, int32_t pid, const cred_t *cred, const cap_proc_t *caps)
{
	kmemset(out, 0, sizeof(*out));
	out->cred.pid = pid;
	out->cred.uid = cred->euid;
	out->cred.gid = cred->egid;
	int n = cap_table_query(&caps->held, out->caps.slots, CAP_TABLE_SLOTS);
	out->caps.count = n > 0 ? (uint32_t)n : 0u;
	out->caps.flags = caps->authenticated ? AEGIS_PEERCAPS_AUTHENTICATED : 0u;
}

int unix_peer_option(const unix_peer_t *peer, int level, int name, unix_option_value_t *out)
{
	if (level != AEGIS_SOL_SOCKET)
		return -ENOPROTOOPT;
	kmemset(out, 0, sizeof(*out));
	switch (name) {
	case AEGIS_SO_TYPE:
		out->type = AEGIS_SOCK_STREAM;
		return (int)sizeof(out->type);
	case AEGIS_SO_PEERCRED:
		if (!peer)
			return -ENOTCONN;
		out->cred = peer->cred;
		return (int)sizeof(out->cred);
	case AEGIS_SO_PEERCAPS:
		if (!peer)
			return -ENOTCONN;
		out->caps = peer->caps;
		return (int)sizeof(out->caps);
	default:
		return -ENOPROTOOPT;
	}
}
