/*
 * Tests of the policy-file parser (spec/security-policy.md POL-001..008):
 * the format, each refusal reason, the size bound, quoting, and the kernel's
 * warning printer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_policy.h"

#define K(kind) (1u << (kind))

static char warnings[8192];
static size_t warn_count;
#include "common/console_capture.h"

static void collect(void *ctx, const char *file, unsigned line, const char *reason)
{
	assert_ptr_equal(ctx, warnings);
	size_t used = strlen(warnings);
	snprintf(warnings + used, sizeof(warnings) - used, "%s:%u: %s\n", file, line, reason);
	warn_count++;
}

static int reset(void **state)
{
	(void)state;
	warnings[0] = '\0';
	warn_count = 0;
	serial_len = 0;
	serial_out[0] = '\0';
	return 0;
}

static cap_policy_t parse_text(const char *text)
{
	cap_policy_t p;
	memset(&p, 0xff, sizeof(p));
	assert_int_equal(cap_policy_parse("f", (const uint8_t *)text, strlen(text), &p, collect, warnings), 0);
	return p;
}

/* POL-001: lines, separators, blank lines, comments anywhere, no final LF. */
static void test_POL_001_lines_and_comments(void **state)
{
	(void)state;
	cap_policy_t p = parse_text("# a comment\n"
	                            "\n"
	                            "   \t  \n"
	                            "service\tFB   NET_SOCKET # drawing and talking\r\n"
	                            "  # indented comment with service POWER\n"
	                            "admin POWER#not-a-comment-start? no: this word is POWER#...\n");
	/* "POWER#not-a-comment-start?" is one word: an unknown capability. */
	assert_int_equal(p.service, K(CAP_KIND_FB) | K(CAP_KIND_NET_SOCKET));
	assert_int_equal(p.admin, 0);
	assert_int_equal(p.lines_accepted, 1);
	assert_int_equal(p.lines_refused, 1);
	assert_string_equal(warnings, "f:6: unknown capability 'POWER#not-a-comment-start?'\n");
	reset(NULL);
	p = parse_text("admin IPC");
	assert_int_equal(p.admin, K(CAP_KIND_IPC));
	assert_int_equal(p.lines_accepted, 1);
	assert_int_equal(warn_count, 0);
	reset(NULL);
	p = parse_text("");
	assert_int_equal(p.service | p.admin, 0);
	assert_int_equal(p.lines_accepted + p.lines_refused, 0);
	assert_int_equal(warn_count, 0);
}

/* POL-002: tiers and names; all sixteen names; every right granted. */
static void test_POL_002_tiers_and_names(void **state)
{
	(void)state;
	cap_policy_t p = parse_text("service VFS_OPEN VFS_WRITE VFS_READ AUTH CAP_GRANT SETUID NET_SOCKET NET_ADMIN\n"
	                            "admin THREAD_CREATE PROC_READ DISK_ADMIN FB CAP_DELEGATE CAP_QUERY IPC POWER\n");
	assert_int_equal(p.service, 0x1feu);
	assert_int_equal(p.admin, 0x1fe00u);
	assert_int_equal(warn_count, 0);
	/* Names are case-sensitive and carry no prefix. */
	reset(NULL);
	p = parse_text("service fb\nservice CAP_KIND_FB\nSERVICE FB\n");
	assert_int_equal(p.service | p.admin, 0);
	assert_string_equal(warnings, "f:1: unknown capability 'fb'\n"
	                              "f:2: unknown capability 'CAP_KIND_FB'\n"
	                              "f:3: unknown tier 'SERVICE'\n");
}

/* POL-003: a bad line grants nothing, others still count, one warning each. */
static void test_POL_003_refused_lines(void **state)
{
	(void)state;
	cap_policy_t p = parse_text("service AUTH SETUID\n"
	                            "bogus service FB\n"      /* the original granted FB here */
	                            "service FB BOGUS POWER\n" /* all or nothing */
	                            "admin\n"
	                            "service   # only a comment\n"
	                            "admin DISK_ADMIN\n");
	assert_int_equal(p.service, K(CAP_KIND_AUTH) | K(CAP_KIND_SETUID));
	assert_int_equal(p.admin, K(CAP_KIND_DISK_ADMIN));
	assert_int_equal(p.lines_accepted, 2);
	assert_int_equal(p.lines_refused, 4);
	assert_int_equal(warn_count, 4);
	assert_string_equal(warnings, "f:2: unknown tier 'bogus'\n"
	                              "f:3: unknown capability 'BOGUS'\n"
	                              "f:4: tier 'admin' lists no capabilities\n"
	                              "f:5: tier 'service' lists no capabilities\n");
}

/* POL-004: a kind at most once per file; twice on a line or again later is refused. */
static void test_POL_004_duplicates(void **state)
{
	(void)state;
	cap_policy_t p = parse_text("service FB FB\n"
	                            "service FB\n"
	                            "admin FB POWER\n"
	                            "admin PROC_READ\n"
	                            "admin POWER\n");
	assert_int_equal(p.service, K(CAP_KIND_FB));
	assert_int_equal(p.admin, K(CAP_KIND_PROC_READ) | K(CAP_KIND_POWER));
	assert_string_equal(warnings, "f:1: capability 'FB' listed twice on this line\n"
	                              "f:3: capability 'FB' already granted on line 2\n");
	assert_int_equal(p.lines_accepted, 3);
	assert_int_equal(p.lines_refused, 2);
	/* The stsh shape: two admin lines with different kinds. */
	reset(NULL);
	p = parse_text("admin DISK_ADMIN POWER CAP_DELEGATE CAP_QUERY\nadmin PROC_READ\n");
	assert_int_equal(p.admin, K(CAP_KIND_DISK_ADMIN) | K(CAP_KIND_POWER) | K(CAP_KIND_CAP_DELEGATE) |
	                              K(CAP_KIND_CAP_QUERY) | K(CAP_KIND_PROC_READ));
	assert_int_equal(warn_count, 0);
}

/* POL-005: bytes outside printable ASCII refuse the line, reported first, with the column. */
static void test_POL_005_invalid_bytes(void **state)
{
	(void)state;
	static const uint8_t text[] = "service FB\n"
	                              "service NET_SOCKET\x01\n"
	                              "bogus \xc3\xa9\n"
	                              "service AUTH\0POWER\n"
	                              "service \x7f\n"
	                              "service SETUID\n";
	cap_policy_t p;
	assert_int_equal(cap_policy_parse("f", text, sizeof(text) - 1, &p, collect, warnings), 0);
	assert_int_equal(p.service, K(CAP_KIND_FB) | K(CAP_KIND_SETUID));
	assert_string_equal(warnings, "f:2: invalid byte 0x01 at column 19\n"
	                              "f:3: invalid byte 0xc3 at column 7\n"
	                              "f:4: invalid byte 0x00 at column 13\n"
	                              "f:5: invalid byte 0x7f at column 9\n");
	assert_int_equal(p.lines_refused, 4);
}

/* POL-006: larger than 4096 bytes: refused whole, warning at line 0; 4096 is read. */
static void test_POL_006_size_bound(void **state)
{
	(void)state;
	uint8_t *big = malloc(CAP_POLICY_FILE_MAX + 1);
	assert_non_null(big);
	memset(big, ' ', CAP_POLICY_FILE_MAX + 1);
	memcpy(big, "service FB\n", 11);
	big[CAP_POLICY_FILE_MAX - 1] = 'X'; /* a last line "X" ... */
	memcpy(big + CAP_POLICY_FILE_MAX - 6, "\nPOWER", 6); /* ... made "POWER": unknown tier */
	cap_policy_t p;
	assert_int_equal(CAP_POLICY_FILE_MAX, 4096);
	assert_int_equal(cap_policy_parse("big", big, CAP_POLICY_FILE_MAX, &p, collect, warnings), 0);
	assert_int_equal(p.service, K(CAP_KIND_FB));
	assert_string_equal(warnings, "big:3: unknown tier 'POWER'\n");
	reset(NULL);
	memset(&p, 0xff, sizeof(p));
	assert_int_equal(cap_policy_parse("big", big, CAP_POLICY_FILE_MAX + 1, &p, collect, warnings), -EFBIG);
	assert_int_equal(p.service | p.admin, 0);
	assert_string_equal(warnings, "big:0: file is 4097 bytes, over the 4096-byte limit\n");
	free(big);
}

/* POL-007: words up to 32 bytes quoted whole, longer ones cut with "...". */
static void test_POL_007_quoting(void **state)
{
	(void)state;
	char text[256];
	snprintf(text, sizeof(text), "service %s\nservice %s\n", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
	         "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	parse_text(text);
	assert_string_equal(warnings, "f:1: unknown capability 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'\n"
	                              "f:2: unknown capability 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345...'\n");
}

/* POL-008: return values, NULL handling, no callback, and the kernel printer. */
static void test_POL_008_api_and_printer(void **state)
{
	(void)state;
	cap_policy_t p;
	const uint8_t text[] = "service FB\nbad\n";
	assert_int_equal(cap_policy_parse(NULL, text, 3, &p, NULL, NULL), -EINVAL);
	assert_int_equal(cap_policy_parse("f", NULL, 3, &p, NULL, NULL), -EINVAL);
	assert_int_equal(cap_policy_parse("f", text, 3, NULL, NULL, NULL), -EINVAL);
	assert_int_equal(cap_policy_parse("f", NULL, 0, &p, NULL, NULL), 0);
	/* No callback: still parsed and counted, nothing printed. */
	assert_int_equal(cap_policy_parse("f", text, sizeof(text) - 1, &p, NULL, NULL), 0);
	assert_int_equal(p.service, K(CAP_KIND_FB));
	assert_int_equal(p.lines_refused, 1);
	assert_string_equal(serial_out, "");
	/* The kernel printer. */
	assert_int_equal(cap_policy_parse("/etc/aegis/caps.d/x", text, sizeof(text) - 1, &p, cap_policy_warn_printk,
	                                  NULL),
	                 0);
	assert_string_equal(serial_out, "[CAP_POLICY] WARN: /etc/aegis/caps.d/x:2: unknown tier 'bad'\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_POL_001_lines_and_comments, reset),
		cmocka_unit_test_setup(test_POL_002_tiers_and_names, reset),
		cmocka_unit_test_setup(test_POL_003_refused_lines, reset),
		cmocka_unit_test_setup(test_POL_004_duplicates, reset),
		cmocka_unit_test_setup(test_POL_005_invalid_bytes, reset),
		cmocka_unit_test_setup(test_POL_006_size_bound, reset),
		cmocka_unit_test_setup(test_POL_007_quoting, reset),
		cmocka_unit_test_setup(test_POL_008_api_and_printer, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
