/*
 * Fuzz harness for the simulator's channel parser (sim/uproc_wire.c): the
 * bytes a user process sends to the kernel side.
 *
 * Supports spec/sim-process.md SIMP-042: whatever one message holds, the
 * receiver accepts it only when it is exactly one request of the expected
 * kind with the right magic and version, and otherwise reports a protocol
 * violation with a reason; it never crashes, never reads past the message and
 * never hands out a descriptor nobody sent.  The input travels as one
 * SOCK_SEQPACKET message, as the glue sends it; the first input byte picks
 * the request kind the receiver expects.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <aegis/errno.h>
#include <aegis/sim_channel.h>

#include "fuzz.h"
#include "uproc_internal.h"

#define HARNESS_KIND_COUNT 4u /* 0 (never valid) and the three request kinds */

static void check(int ok)
{
	if (!ok)
		abort();
}

int fuzz_one(const uint8_t *data, size_t size)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
		return 0; /* the host is out of descriptors: not the parser's fault */
	unsigned kind = size ? data[0] % HARNESS_KIND_COUNT : SIM_REQ_SYSCALL;
	if (size && send(sv[1], data, size, MSG_NOSIGNAL) != (ssize_t)size) {
		close(sv[0]);
		close(sv[1]);
		return 0; /* larger than the socket takes: the glue never sends such a message */
	}
	close(sv[1]); /* an empty input reaches the receiver as end of channel */

	sim_request_t req;
	int got_fd = -1;
	const char *why = NULL;
	int rc = uproc_wire_recv_request(sv[0], &req, kind, &got_fd, &why);
	close(sv[0]);

	check(got_fd == -1); /* nothing was passed, nothing may come out */
	if (rc == 1) {
		sim_request_t sent;
		check(size == sizeof(sent));
		memcpy(&sent, data, sizeof(sent));
		check(sent.magic == SIM_CHANNEL_MAGIC && sent.version == SIM_CHANNEL_VERSION && sent.kind == kind);
		check(memcmp(&req, &sent, sizeof(req)) == 0);
	} else if (rc == 0) {
		check(size == 0);
	} else {
		check(rc == -EPROTO || rc < 0);
		check(why != NULL && why[0] != '\0');
	}
	return 0;
}
