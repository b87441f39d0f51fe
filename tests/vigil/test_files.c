/*
 * Service names, the policy, mode, user and after files, and loading a whole
 * service (spec/vigil.md VIG-002, VIG-010, VIG-030, VIG-031, VIG-040..042,
 * VIG-050).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "vigil/vigil_service.h"
#include "vigil/vigil_words.h"

static char msg[VIGIL_MSG_MAX];

#define S(text) (text), strlen(text)
#define FILE_OF(text) ((vigil_file_t){ .present = true, .data = (text), .len = strlen(text) })

static bool name_ok(const char *s)
{
	return vigil_name_valid(s, strlen(s));
}

/* VIG-010: service names */
static void test_vig010_names(void **state)
{
	(void)state;
	assert_true(name_ok("getty"));
	assert_true(name_ok("citadel-dock"));
	assert_true(name_ok("a"));
	assert_true(name_ok("9p.mount_x"));
	assert_true(name_ok("abcdefghijklmnopqrstuvwxyz012345"));   /* 32 */
	assert_false(name_ok("abcdefghijklmnopqrstuvwxyz0123456")); /* 33 */
	assert_false(name_ok(""));
	assert_false(name_ok("."));
	assert_false(name_ok(".."));
	assert_false(name_ok(".hidden"));
	assert_false(name_ok("-x"));
	assert_false(name_ok("a/b"));
	assert_false(name_ok("Getty"));
	assert_false(name_ok("a b"));
	assert_false(vigil_name_valid("ab\0c", 4));
	assert_false(vigil_name_valid(NULL, 0));
}

static int policy(const char *text, vigil_policy_t *p)
{
	memset(msg, 0, sizeof(msg));
	return vigil_policy_parse(text, strlen(text), p, msg);
}

/* VIG-030: policy words and defaults */
static void test_vig030_policy(void **state)
{
	(void)state;
	vigil_policy_t p;

	vigil_policy_default(&p);
	assert_int_equal(p.kind, VIGIL_RESPAWN);
	assert_int_equal(p.max_restarts, 5);
	assert_false(p.console);
	assert_int_equal(policy("", &p), 0);
	assert_int_equal(p.kind, VIGIL_RESPAWN);
	assert_int_equal(p.max_restarts, 5);
	assert_int_equal(policy("oneshot\n", &p), 0);
	assert_int_equal(p.kind, VIGIL_ONESHOT);
	assert_int_equal(policy("respawn\nmax_restarts=5\n", &p), 0);
	assert_int_equal(p.kind, VIGIL_RESPAWN);
	assert_int_equal(p.max_restarts, 5);
	assert_int_equal(policy("max_restarts=0 console\r\n\toneshot", &p), 0);
	assert_int_equal(p.kind, VIGIL_ONESHOT);
	assert_int_equal(p.max_restarts, 0);
	assert_true(p.console);
	assert_int_equal(policy("max_restarts=10000", &p), 0);
	assert_int_equal(p.max_restarts, 10000);
}

static void policy_rejected(const char *text, const char *reason)
{
	vigil_policy_t p;
	assert_int_equal(policy(text, &p), -EINVAL);
	assert_non_null(strstr(msg, reason));
	assert_int_equal(p.kind, VIGIL_RESPAWN); /* left at defaults */
	assert_int_equal(p.max_restarts, 5);
	assert_false(p.console);
}

/* VIG-031: every bad policy word is rejected and named */
static void test_vig031_policy_errors(void **state)
{
	(void)state;
	policy_rejected("oneshotx", "unknown word 'oneshotx'");
	policy_rejected("oneshot, max_restarts=5", "unknown word 'oneshot,'");
	policy_rejected("oneshot respawn", "'respawn' repeats or contradicts");
	policy_rejected("console console", "'console' repeats");
	policy_rejected("max_restarts=1 max_restarts=2", "'max_restarts=2' repeats");
	policy_rejected("max_restarts=", "max_restarts needs a number");
	policy_rejected("max_restarts=05", "without leading zeros");
	policy_rejected("max_restarts=-1", "'-1' is not a decimal number");
	policy_rejected("max_restarts=+1", "'+1' is not a decimal number");
	policy_rejected("max_restarts=1x", "'1x' is not a decimal number");
	policy_rejected("max_restarts=10001", "max_restarts is more than 10000");
	policy_rejected("max_restarts=99999999999999999999", "more than 10000");
	policy_rejected("oneshot\x01", "control byte 0x01 at column 8");
	vigil_policy_t p;
	static char big[VIGIL_FILE_MAX + 1];
	memset(big, ' ', sizeof(big));
	assert_int_equal(vigil_policy_parse(big, sizeof(big), &p, msg), -E2BIG);
	assert_non_null(strstr(msg, "file is larger than 4096 bytes"));
}

/* VIG-040: mode */
static void test_vig040_mode(void **state)
{
	(void)state;
	vigil_mode_t m;
	assert_int_equal(vigil_mode_parse(S("text\n"), &m, msg), 0);
	assert_int_equal(m, VIGIL_MODE_TEXT);
	assert_int_equal(vigil_mode_parse(S(" graphical "), &m, msg), 0);
	assert_int_equal(m, VIGIL_MODE_GRAPHICAL);
	assert_int_equal(vigil_mode_parse(S("both"), &m, msg), 0);
	assert_int_equal(m, VIGIL_MODE_BOTH);
	assert_int_equal(vigil_mode_parse(S("Text"), &m, msg), -EINVAL);
	assert_non_null(strstr(msg, "'Text' is not text, graphical or both"));
	assert_int_equal(vigil_mode_parse(S("text graphical"), &m, msg), -EINVAL);
	assert_non_null(strstr(msg, "one word expected, found also 'graphical'"));
	assert_int_equal(vigil_mode_parse(S("\n"), &m, msg), -EINVAL);
	assert_non_null(strstr(msg, "is not text, graphical or both"));
}

/* VIG-041: user */
static void test_vig041_user(void **state)
{
	(void)state;
	char user[VIGIL_USER_MAX + 1];
	assert_int_equal(vigil_user_parse(S("root\n"), user, msg), 0);
	assert_string_equal(user, "root");
	assert_int_equal(vigil_user_parse(S("_httpd-1"), user, msg), 0);
	assert_string_equal(user, "_httpd-1");
	assert_int_equal(vigil_user_parse(S("abcdefghijklmnopqrstuvwxyz012345"), user, msg), 0);
	assert_int_equal(vigil_user_parse(S("abcdefghijklmnopqrstuvwxyz0123456"), user, msg), -EINVAL);
	assert_non_null(strstr(msg, "is not a valid user name"));
	assert_int_equal(vigil_user_parse(S("1root"), user, msg), -EINVAL);
	assert_int_equal(vigil_user_parse(S("ro:ot"), user, msg), -EINVAL);
	assert_int_equal(vigil_user_parse(S("root admin"), user, msg), -EINVAL);
	assert_non_null(strstr(msg, "found also 'admin'"));
	assert_int_equal(vigil_user_parse(S(""), user, msg), -EINVAL);
	assert_non_null(strstr(msg, "no user name"));
	assert_string_equal(user, "root");
}

/* VIG-042: after */
static void test_vig042_after(void **state)
{
	(void)state;
	vigil_after_t a;
	char text[VIGIL_FILE_MAX];
	size_t at = 0;

	assert_int_equal(vigil_after_parse(S(""), &a, msg), 0);
	assert_int_equal(a.count, 0);
	assert_int_equal(vigil_after_parse(S("dhcp\nnet  dhcp\tclock\n"), &a, msg), 0);
	assert_int_equal(a.count, 3);
	assert_string_equal(a.names[0], "dhcp");
	assert_string_equal(a.names[1], "net");
	assert_string_equal(a.names[2], "clock");
	assert_int_equal(vigil_after_parse(S("dhcp ../etc"), &a, msg), -EINVAL);
	assert_non_null(strstr(msg, "'../etc' is not a valid service name"));
	assert_int_equal(a.count, 0);
	for (int i = 0; i < VIGIL_AFTER_MAX; i++)
		at += (size_t)snprintf(text + at, sizeof(text) - at, "s%d\n", i);
	at += (size_t)snprintf(text + at, sizeof(text) - at, "s0 s1\n");
	assert_int_equal(vigil_after_parse(text, at, &a, msg), 0);
	assert_int_equal(a.count, VIGIL_AFTER_MAX);
	snprintf(text + at, sizeof(text) - at, "s16\n");
	assert_int_equal(vigil_after_parse(S(text), &a, msg), -E2BIG);
	assert_non_null(strstr(msg, "more than 16 names (at 's16')"));
	assert_int_equal(a.count, 0);
}

/* VIG-050: loading a service, defaults of missing files, first error named */
static void test_vig050_load(void **state)
{
	(void)state;
	vigil_service_t s;
	vigil_service_files_t f;

	memset(&f, 0, sizeof(f));
	f.run = FILE_OF("/bin/login\n");
	assert_int_equal(vigil_service_load(S("getty"), &f, &s, msg), 0);
	assert_string_equal(s.name, "getty");
	assert_string_equal(vigil_run_word(&s.run, 0), "/bin/login");
	assert_int_equal(s.policy.kind, VIGIL_RESPAWN);
	assert_int_equal(s.policy.max_restarts, 5);
	assert_int_equal(s.mode, VIGIL_MODE_BOTH);
	assert_string_equal(s.user, "root");
	assert_int_equal(s.after.count, 0);

	f.policy = FILE_OF("oneshot\n");
	f.mode = FILE_OF("graphical\n");
	f.user = FILE_OF("chronos\n");
	f.after = FILE_OF("dhcp\n");
	assert_int_equal(vigil_service_load(S("chronos"), &f, &s, msg), 0);
	assert_int_equal(s.policy.kind, VIGIL_ONESHOT);
	assert_int_equal(s.mode, VIGIL_MODE_GRAPHICAL);
	assert_string_equal(s.user, "chronos");
	assert_string_equal(s.after.names[0], "dhcp");

	f.mode = FILE_OF("console\n");
	assert_int_equal(vigil_service_load(S("chronos"), &f, &s, msg), -EINVAL);
	assert_string_equal(msg, "service 'chronos': mode: 'console' is not text, graphical or both");
	assert_string_equal(s.name, "");
	assert_int_equal(s.run.argc, 0);

	f.mode = FILE_OF("text");
	f.run = FILE_OF("sh -c 'x'");
	assert_int_equal(vigil_service_load(S("x"), &f, &s, msg), -EINVAL);
	assert_string_equal(msg, "service 'x': run: program must be an absolute path");

	f.run.present = false;
	assert_int_equal(vigil_service_load(S("x"), &f, &s, msg), -ENOENT);
	assert_string_equal(msg, "service 'x': run: missing run file");

	f.run = FILE_OF("/bin/x");
	f.user = FILE_OF("bad user");
	assert_int_equal(vigil_service_load(S("x"), &f, &s, msg), -EINVAL);
	assert_non_null(strstr(msg, "service 'x': user: one word expected"));

	f.user.present = false;
	f.after = FILE_OF("Bad");
	assert_int_equal(vigil_service_load(S("x"), &f, &s, msg), -EINVAL);
	assert_string_equal(msg, "service 'x': after: 'Bad' is not a valid service name");

	f.after.present = false;
	f.policy = FILE_OF("max_restarts=5x");
	assert_int_equal(vigil_service_load(S("x"), &f, &s, msg), -EINVAL);
	assert_non_null(strstr(msg, "service 'x': policy: max_restarts: '5x'"));

	f.policy.present = false;
	static char junk[VIGIL_FILE_MAX + 100];
	memset(junk, 'A', sizeof(junk));
	f.user = (vigil_file_t){ .present = true, .data = junk, .len = sizeof(junk) };
	assert_int_equal(vigil_service_load(S("x"), &f, &s, msg), -E2BIG);
	assert_string_equal(msg, "service 'x': user: file is larger than 4096 bytes");

	f.user.present = false;
	assert_int_equal(vigil_service_load(S(".x"), &f, &s, msg), -EINVAL);
	assert_string_equal(msg, "'.x' is not a valid service name");
	assert_int_equal(vigil_service_load("a\nb", 3, &f, &s, msg), -EINVAL);
	assert_string_equal(msg, "'a?b' is not a valid service name");
}

/* VIG-050 VIG-082: the seeds' five services, as the rootfs will ship them, load as intended */
static void test_vig050_seed_services(void **state)
{
	(void)state;
	static const struct {
		const char *name, *run, *policy, *mode, *after;
		vigil_kind_t kind;
		vigil_mode_t want_mode;
		bool console;
	} seeds[] = {
		{ "getty", "/bin/login\n", "respawn\nmax_restarts=5\nconsole\n", "text\n", NULL,
		  VIGIL_RESPAWN, VIGIL_MODE_TEXT, true },
		{ "dhcp", "/bin/dhcp\n", "oneshot\n", NULL, NULL, VIGIL_ONESHOT, VIGIL_MODE_BOTH, false },
		{ "httpd", "/bin/httpd\n", "respawn\nmax_restarts=5\n", NULL, NULL, VIGIL_RESPAWN,
		  VIGIL_MODE_BOTH, false },
		{ "chronos", "/bin/chronos\n", "oneshot\n", NULL, "dhcp\n", VIGIL_ONESHOT, VIGIL_MODE_BOTH,
		  false },
		{ "bastion", "/bin/bastion\n", "respawn\nmax_restarts=5\nconsole\n", "graphical\n", NULL,
		  VIGIL_RESPAWN, VIGIL_MODE_GRAPHICAL, true },
	};
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		vigil_service_files_t f;
		vigil_service_t s;
		memset(&f, 0, sizeof(f));
		f.run = FILE_OF(seeds[i].run);
		f.policy = FILE_OF(seeds[i].policy);
		f.user = FILE_OF("root\n");
		if (seeds[i].mode)
			f.mode = FILE_OF(seeds[i].mode);
		if (seeds[i].after)
			f.after = FILE_OF(seeds[i].after);
		assert_int_equal(vigil_service_load(S(seeds[i].name), &f, &s, msg), 0);
		assert_int_equal(s.run.argc, 1);
		assert_int_equal(s.policy.kind, seeds[i].kind);
		assert_int_equal(s.policy.max_restarts, 5);
		assert_int_equal(s.policy.console, seeds[i].console);
		assert_int_equal(s.mode, seeds[i].want_mode);
		assert_int_equal(s.after.count, seeds[i].after ? 1 : 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vig010_names),
		cmocka_unit_test(test_vig030_policy),
		cmocka_unit_test(test_vig031_policy_errors),
		cmocka_unit_test(test_vig040_mode),
		cmocka_unit_test(test_vig041_user),
		cmocka_unit_test(test_vig042_after),
		cmocka_unit_test(test_vig050_load),
		cmocka_unit_test(test_vig050_seed_services),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
