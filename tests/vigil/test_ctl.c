/*
 * The control protocol between vigictl and Vigil (spec/vigil.md VIG-110,
 * VIG-111, VIG-119): accepted request lines, every malformed one rejected
 * with nothing valid left, the line vigictl writes, the socket's address,
 * and who may send which command, decided from the peer's capabilities.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "vigil/vigil_ctl.h"

static int parse(const char *line, vigil_ctl_request_t *req)
{
	return vigil_ctl_parse(line, strlen(line), req);
}

static void test_vig111_accepted(void **state)
{
	(void)state;
	vigil_ctl_request_t req;
	assert_int_equal(parse("status\n", &req), 0);
	assert_int_equal(req.cmd, VIGIL_CTL_STATUS);
	assert_string_equal(req.service, "");
	assert_int_equal(parse("status getty", &req), 0);
	assert_string_equal(req.service, "getty");
	assert_int_equal(parse("restart http-d.x\n", &req), 0);
	assert_int_equal(req.cmd, VIGIL_CTL_RESTART);
	assert_string_equal(req.service, "http-d.x");
	assert_int_equal(parse("reboot\n", &req), 0);
	assert_int_equal(req.cmd, VIGIL_CTL_REBOOT);
	assert_int_equal(parse("shutdown\n", &req), 0);
	assert_int_equal(req.cmd, VIGIL_CTL_SHUTDOWN);
	assert_int_equal(parse("stop abcdefghijklmnopqrstuvwxyz012345\n", &req), 0); /* 32 bytes */
	assert_string_equal(vigil_ctl_command_name(VIGIL_CTL_STOP), "stop");
}

static void test_vig111_rejected(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"\n",
		"status ",
		"status -",
		"status getty extra",
		"status  getty",
		"status getty ",
		" status",
		"Status",
		"kill",
		"kill getty",
		"start",
		"stop\n",
		"restart \n",
		"shutdown getty",
		"reboot -",
		"status Bad",
		"status ../x",
		"status\tgetty",
		"status get\rty",
		"start getty\n\n",
		"stop abcdefghijklmnopqrstuvwxyz0123456", /* 33 bytes */
		"status - /run/vigil/reply.1",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		vigil_ctl_request_t req;
		memset(&req, 0x55, sizeof(req));
		assert_int_equal(parse(bad[i], &req), -EINVAL);
		assert_string_equal(req.service, "");
	}
	vigil_ctl_request_t req;
	static const char with_nul[] = "stat\0s\n";
	assert_int_equal(vigil_ctl_parse(with_nul, sizeof(with_nul) - 1u, &req), -EINVAL);
	static const char name_nul[] = "stop ge\0ty\n";
	assert_int_equal(vigil_ctl_parse(name_nul, sizeof(name_nul) - 1u, &req), -EINVAL);
	char longline[VIGIL_CTL_LINE_MAX + 8];
	memset(longline, 'a', sizeof(longline));
	memcpy(longline, "status ", 7);
	assert_int_equal(vigil_ctl_parse(longline, sizeof(longline), &req), -EINVAL);
}

static void test_vig111_format(void **state)
{
	(void)state;
	char line[VIGIL_CTL_LINE_MAX];
	assert_int_equal(vigil_ctl_format(VIGIL_CTL_STOP, "sleeper", line, sizeof(line)), 13);
	assert_string_equal(line, "stop sleeper\n");
	assert_int_equal(vigil_ctl_format(VIGIL_CTL_STATUS, NULL, line, sizeof(line)), 7);
	assert_string_equal(line, "status\n");
	assert_int_equal(vigil_ctl_format(VIGIL_CTL_SHUTDOWN, "", line, sizeof(line)), 9);
	assert_string_equal(line, "shutdown\n");
	assert_int_equal(vigil_ctl_format(VIGIL_CTL_STOP, "Bad Name", line, sizeof(line)), -EINVAL);
	assert_int_equal(vigil_ctl_format(VIGIL_CTL_STOP, NULL, line, sizeof(line)), -EINVAL);
	assert_int_equal(vigil_ctl_format(VIGIL_CTL_REBOOT, "getty", line, sizeof(line)), -EINVAL);
	assert_int_equal(vigil_ctl_format(VIGIL_CTL_STATUS, "getty", line, 4), -EINVAL);
}

static void test_vig110_address(void **state)
{
	(void)state;
	aegis_sockaddr_un_t a;
	memset(&a, 0x55, sizeof(a));
	uint32_t len = vigil_ctl_address(&a);
	assert_int_equal(a.sun_family, AEGIS_AF_UNIX);
	assert_string_equal(a.sun_path, "/run/vigil/control");
	assert_int_equal(len, 2u + sizeof("/run/vigil/control"));
}

/* A peer table as SO_PEERCAPS gives it: every slot in place, kind k at k - 1. */
static void caps_with(aegis_peercaps_t *caps, uint32_t kind, uint32_t rights)
{
	memset(caps, 0, sizeof(*caps));
	caps->count = CAP_TABLE_SLOTS;
	caps->slots[CAP_KIND_PROC_READ - 1u] = (cap_slot_t){ CAP_KIND_PROC_READ, CAP_RIGHTS_READ }; /* baseline */
	if (kind != CAP_KIND_NULL)
		caps->slots[kind - 1u] = (cap_slot_t){ kind, rights };
}

static void test_vig119_authorize(void **state)
{
	(void)state;
	aegis_peercaps_t caps;
	char why[VIGIL_CTL_REASON_MAX];
	caps_with(&caps, CAP_KIND_NULL, 0);
	/* status needs nothing, even with no table at all. */
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_STATUS, &caps, why, sizeof(why)), 0);
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_STATUS, NULL, why, sizeof(why)), 0);
	/* The baseline's PROC_READ(R) is not enough to control a service. */
	static const vigil_ctl_cmd_t svc_cmds[] = { VIGIL_CTL_START, VIGIL_CTL_STOP, VIGIL_CTL_RESTART };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(vigil_ctl_authorize(svc_cmds[i], &caps, why, sizeof(why)), -ENOCAP);
		assert_int_equal(vigil_ctl_authorize(svc_cmds[i], NULL, why, sizeof(why)), -ENOCAP);
	}
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_STOP, &caps, why, sizeof(why)), -ENOCAP);
	assert_string_equal(why, "stop needs PROC_READ(W)");
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_SHUTDOWN, &caps, why, sizeof(why)), -ENOCAP);
	assert_string_equal(why, "shutdown needs POWER(R)");
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_REBOOT, &caps, why, sizeof(why)), -ENOCAP);
	assert_string_equal(why, "reboot needs POWER(R)");
	/* PROC_READ(W) controls services, not power. */
	caps_with(&caps, CAP_KIND_PROC_READ, CAP_RIGHTS_READ | CAP_RIGHTS_WRITE);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(vigil_ctl_authorize(svc_cmds[i], &caps, why, sizeof(why)), 0);
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_SHUTDOWN, &caps, why, sizeof(why)), -ENOCAP);
	/* POWER(R) shuts down and reboots, and controls no service. */
	caps_with(&caps, CAP_KIND_POWER, CAP_RIGHTS_READ);
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_SHUTDOWN, &caps, why, sizeof(why)), 0);
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_REBOOT, &caps, why, sizeof(why)), 0);
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_RESTART, &caps, why, sizeof(why)), -ENOCAP);
	/* POWER with only WRITE is not POWER(R); a slot holding another kind counts for nothing. */
	caps_with(&caps, CAP_KIND_POWER, CAP_RIGHTS_WRITE);
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_SHUTDOWN, &caps, why, sizeof(why)), -ENOCAP);
	caps_with(&caps, CAP_KIND_NULL, 0);
	caps.slots[CAP_KIND_POWER - 1u] = (cap_slot_t){ CAP_KIND_FB, CAP_RIGHTS_ALL };
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_SHUTDOWN, &caps, why, sizeof(why)), -ENOCAP);
	/* A table whose count stops before the slot holds nothing there. */
	caps_with(&caps, CAP_KIND_POWER, CAP_RIGHTS_ALL);
	caps.count = CAP_KIND_POWER - 1u;
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_SHUTDOWN, &caps, why, sizeof(why)), -ENOCAP);
	/* No uid or session flag enters the decision: only the table. */
	caps_with(&caps, CAP_KIND_NULL, 0);
	caps.flags = AEGIS_PEERCAPS_AUTHENTICATED;
	assert_int_equal(vigil_ctl_authorize(VIGIL_CTL_STOP, &caps, why, sizeof(why)), -ENOCAP);
	assert_int_equal(vigil_ctl_need(VIGIL_CTL_STATUS).kind, CAP_KIND_NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vig111_accepted),
		cmocka_unit_test(test_vig111_rejected),
		cmocka_unit_test(test_vig111_format),
		cmocka_unit_test(test_vig110_address),
		cmocka_unit_test(test_vig119_authorize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
