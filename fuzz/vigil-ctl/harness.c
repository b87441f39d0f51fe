/*
 * Fuzz harness for Vigil's control-request parser
 * (src/user/lib/vigil/vigil_ctl.c), the one line any writer of the control
 * FIFO hands to PID 1.  Supports spec/vigil.md VIG-111.
 *
 * The whole input is one request line.  An accepted request must respect
 * every rule of VIG-111 (a known command, a valid service name exactly when
 * the command allows or needs one, a reply path of the prefix and 1 to 10
 * digits, everything NUL-terminated inside its field) and must parse again
 * to the same result when written back as a line; a rejected one leaves
 * nothing that looks valid.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "vigil/vigil_ctl.h"
#include "vigil/vigil_words.h"

static void fail(const char *what)
{
	fprintf(stderr, "vigil-ctl harness: %s\n", what);
	abort();
}

static void check_reply(const char *reply)
{
	size_t prefix = strlen(VIGIL_CTL_REPLY_PREFIX);
	size_t len = strnlen(reply, VIGIL_CTL_PATH_MAX);
	if (len >= VIGIL_CTL_PATH_MAX || strncmp(reply, VIGIL_CTL_REPLY_PREFIX, prefix) != 0)
		fail("reply path without the prefix or unterminated");
	size_t digits = len - prefix;
	if (digits < 1 || digits > VIGIL_CTL_PID_DIGITS_MAX)
		fail("reply path digit count out of bounds");
	for (size_t i = prefix; i < len; i++)
		if (reply[i] < '0' || reply[i] > '9')
			fail("reply path holds a non-digit");
}

static void check_accepted(const vigil_ctl_request_t *req)
{
	size_t slen = strnlen(req->service, sizeof(req->service));
	if (slen >= sizeof(req->service))
		fail("service unterminated");
	bool needs = req->cmd == VIGIL_CTL_START || req->cmd == VIGIL_CTL_STOP || req->cmd == VIGIL_CTL_RESTART;
	bool takes = needs || req->cmd == VIGIL_CTL_STATUS;
	if (!needs && !takes && req->cmd != VIGIL_CTL_SHUTDOWN && req->cmd != VIGIL_CTL_REBOOT)
		fail("unknown command accepted");
	if ((needs && slen == 0) || (!takes && slen != 0))
		fail("service presence does not match the command");
	if (slen != 0 && !vigil_name_valid(req->service, slen))
		fail("invalid service name accepted");
	check_reply(req->reply);

	char line[VIGIL_CTL_LINE_MAX * 2];
	int n = snprintf(line, sizeof(line), "%s %s %s\n", vigil_ctl_command_name(req->cmd),
			 slen ? req->service : VIGIL_CTL_NO_SERVICE, req->reply);
	vigil_ctl_request_t again;
	if (n <= 0 || vigil_ctl_parse(line, (size_t)n, &again) != 0)
		fail("an accepted request does not parse again when written back");
	if (again.cmd != req->cmd || strcmp(again.service, req->service) != 0 || strcmp(again.reply, req->reply) != 0)
		fail("written back, the request parses to something else");
}

int fuzz_one(const uint8_t *data, size_t size)
{
	vigil_ctl_request_t req;
	memset(&req, 0xA5, sizeof(req)); /* junk the parser must overwrite */
	int r = vigil_ctl_parse((const char *)data, size, &req);
	if (r == 0) {
		check_accepted(&req);
		return 0;
	}
	if (r >= 0)
		fail("a positive result");
	if (req.service[0] != '\0' || req.reply[0] != '\0')
		fail("a rejected request left a service or reply behind");
	return 0;
}
