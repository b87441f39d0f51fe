/*
 * Fuzz harness for Vigil's control-request parser and authorisation rule
 * (src/user/lib/vigil/vigil_ctl.c, vigil_ctl_auth.c): the one line any
 * client of the control socket hands to PID 1.  Supports spec/vigil.md
 * VIG-111 and VIG-119.
 *
 * The whole input is one request line.  An accepted request must respect
 * every rule of VIG-111 (a known command, a valid service name exactly when
 * the command allows or needs one, everything NUL-terminated) and must
 * parse again to the same result when written back by vigil_ctl_format; a
 * rejected one leaves no service behind.  The input's first byte also picks
 * a peer's PROC_READ and POWER rights, and the authorisation must follow
 * VIG-119 for every command.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>

#include "fuzz.h"
#include "vigil/vigil_ctl.h"
#include "vigil/vigil_words.h"

#define RIGHTS_BITS 3u

static void fail(const char *what)
{
	fprintf(stderr, "vigil-ctl harness: %s\n", what);
	abort();
}

static void check_accepted(const vigil_ctl_request_t *req)
{
	size_t slen = strnlen(req->service, sizeof(req->service));
	if (slen >= sizeof(req->service))
		fail("service unterminated");
	if (strcmp(vigil_ctl_command_name(req->cmd), "?") == 0)
		fail("unknown command accepted");
	if ((vigil_ctl_needs_service(req->cmd) && slen == 0) || (!vigil_ctl_takes_service(req->cmd) && slen != 0))
		fail("service presence does not match the command");
	if (slen != 0 && !vigil_name_valid(req->service, slen))
		fail("invalid service name accepted");
	char line[VIGIL_CTL_LINE_MAX];
	int n = vigil_ctl_format(req->cmd, req->service, line, sizeof(line));
	vigil_ctl_request_t again;
	if (n <= 0 || vigil_ctl_parse(line, (size_t)n, &again) != 0)
		fail("an accepted request does not parse again when written back");
	if (again.cmd != req->cmd || strcmp(again.service, req->service) != 0)
		fail("written back, the request parses to something else");
}

/* Every command against a peer whose PROC_READ and POWER rights come from seed. */
static void check_authorize(uint8_t seed)
{
	aegis_peercaps_t caps;
	memset(&caps, 0, sizeof(caps));
	caps.count = CAP_TABLE_SLOTS;
	uint32_t proc = seed & CAP_RIGHTS_ALL, power = (seed >> RIGHTS_BITS) & CAP_RIGHTS_ALL;
	caps.slots[CAP_KIND_PROC_READ - 1u] = (cap_slot_t){ proc ? CAP_KIND_PROC_READ : 0u, proc };
	caps.slots[CAP_KIND_POWER - 1u] = (cap_slot_t){ power ? CAP_KIND_POWER : 0u, power };
	for (int c = VIGIL_CTL_STATUS; c <= VIGIL_CTL_REBOOT; c++) {
		char why[VIGIL_CTL_REASON_MAX] = "";
		int r = vigil_ctl_authorize((vigil_ctl_cmd_t)c, &caps, why, sizeof(why));
		bool want = c == VIGIL_CTL_STATUS ||
			    (vigil_ctl_needs_service((vigil_ctl_cmd_t)c) && (proc & CAP_RIGHTS_WRITE)) ||
			    ((c == VIGIL_CTL_SHUTDOWN || c == VIGIL_CTL_REBOOT) && (power & CAP_RIGHTS_READ));
		if (want ? r != 0 : r != -ENOCAP)
			fail("authorisation does not follow VIG-119");
		if (!want && strstr(why, " needs ") == NULL)
			fail("a refusal without its reason");
	}
}

int fuzz_one(const uint8_t *data, size_t size)
{
	vigil_ctl_request_t req;
	memset(&req, 0xA5, sizeof(req)); /* junk the parser must overwrite */
	int r = vigil_ctl_parse((const char *)data, size, &req);
	if (size > 0)
		check_authorize(data[0]);
	if (r == 0) {
		check_accepted(&req);
		return 0;
	}
	if (r >= 0)
		fail("a positive result");
	if (req.service[0] != '\0')
		fail("a rejected request left a service behind");
	return 0;
}
