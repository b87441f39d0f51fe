/*
 * The control request line between vigictl and Vigil (spec/vigil.md VIG-111):
 * accepted requests, and every malformed one rejected with nothing valid left.
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
	assert_int_equal(parse("status - /run/vigil/reply.12\n", &req), 0);
	assert_int_equal(req.cmd, VIGIL_CTL_STATUS);
	assert_string_equal(req.service, "");
	assert_string_equal(req.reply, "/run/vigil/reply.12");
	assert_int_equal(parse("status getty /run/vigil/reply.1", &req), 0);
	assert_string_equal(req.service, "getty");
	assert_int_equal(parse("restart http-d.x /run/vigil/reply.4294967295\n", &req), 0);
	assert_int_equal(req.cmd, VIGIL_CTL_RESTART);
	assert_string_equal(req.service, "http-d.x");
	assert_int_equal(parse("reboot - /run/vigil/reply.7\n", &req), 0);
	assert_int_equal(req.cmd, VIGIL_CTL_REBOOT);
	assert_int_equal(parse("shutdown - /run/vigil/reply.7\n", &req), 0);
	assert_int_equal(req.cmd, VIGIL_CTL_SHUTDOWN);
	assert_string_equal(vigil_ctl_command_name(VIGIL_CTL_STOP), "stop");
}

static void test_vig111_rejected(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"\n",
		"status",
		"status -",
		"status - /run/vigil/reply.1 extra",
		"status  - /run/vigil/reply.1",
		"status - /run/vigil/reply.1 ",
		"Status - /run/vigil/reply.1",
		"kill - /run/vigil/reply.1",
		"start - /run/vigil/reply.1",
		"stop - /run/vigil/reply.1",
		"shutdown getty /run/vigil/reply.1",
		"status Bad /run/vigil/reply.1",
		"status ../x /run/vigil/reply.1",
		"status - /tmp/reply.1",
		"status - /run/vigil/reply.",
		"status - /run/vigil/reply.12345678901",
		"status - /run/vigil/reply.1/x",
		"status - /run/vigil/control",
		"status\t- /run/vigil/reply.1",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		vigil_ctl_request_t req;
		memset(&req, 0x55, sizeof(req));
		assert_int_equal(parse(bad[i], &req), -EINVAL);
		assert_string_equal(req.reply, "");
		assert_string_equal(req.service, "");
	}
	vigil_ctl_request_t req;
	static const char with_nul[] = "status - /run/vigil/reply.1\0";
	assert_int_equal(vigil_ctl_parse(with_nul, sizeof(with_nul) - 1u, &req), -EINVAL);
	char longline[VIGIL_CTL_LINE_MAX + 8];
	memset(longline, 'a', sizeof(longline));
	assert_int_equal(vigil_ctl_parse(longline, sizeof(longline), &req), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vig111_accepted),
		cmocka_unit_test(test_vig111_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
