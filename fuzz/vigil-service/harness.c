/*
 * Fuzz harness for Vigil's service-definition parsers
 * (src/user/lib/vigil/).
 *
 * Supports spec/vigil.md VIG-090, and through it VIG-002, VIG-010,
 * VIG-020..025, VIG-030, VIG-031, VIG-040..042, VIG-050, VIG-060..063 and
 * VIG-080.
 *
 * Each input is used twice:
 *   1. whole, as the bytes of every single file (run, policy, mode, user,
 *      after) and of /proc/cmdline;
 *   2. as a service directory in sections: a line "@name NAME" gives the
 *      name, and a line "@FILE" (run, policy, mode, user or after) starts
 *      that file, which holds the following bytes up to the next line that
 *      starts with '@'.  The loaded service is then ordered together with
 *      the seeds' services, so fuzzed `after` lists reach the orderer.
 * Every result is checked against the spec: accepted results respect every
 * rule and bound; rejections leave an empty result and a one-line message.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "vigil/vigil_boot.h"
#include "vigil/vigil_order.h"
#include "vigil/vigil_service.h"
#include "vigil/vigil_words.h"

#define SEED_SERVICES 5

static void fail(const char *what)
{
	fprintf(stderr, "vigil-service harness: %s\n", what);
	abort();
}

static void check_message(int r, const char *msg)
{
	size_t n = strnlen(msg, VIGIL_MSG_MAX);
	if (r >= 0)
		return;
	if (n == 0 || n >= VIGIL_MSG_MAX)
		fail("rejection without a terminated message");
	for (size_t i = 0; i < n; i++)
		if (vigil_is_bad_control((unsigned char)msg[i]) || msg[i] == '\t' || msg[i] == '\n' || msg[i] == '\r')
			fail("message holds a control byte");
}

static void check_run(int r, vigil_run_t *run, const char *msg)
{
	char *argv[VIGIL_ARGV_MAX + 1];

	check_message(r, msg);
	if (r < 0) {
		if (run->argc != 0 || vigil_run_word(run, 0) != NULL)
			fail("rejected run left words behind");
		return;
	}
	if (run->argc == 0 || run->argc > VIGIL_ARGV_MAX || run->used > VIGIL_RUN_MAX)
		fail("run bounds broken");
	if (vigil_run_argv(run, argv) != run->argc || argv[run->argc] != NULL)
		fail("argv not NULL-terminated");
	if (argv[0][0] != '/')
		fail("program is not absolute");
	for (size_t i = 0; i < run->argc; i++) {
		size_t off = (size_t)(argv[i] - run->storage);
		size_t len = strnlen(argv[i], VIGIL_RUN_MAX - off);
		if (off + len >= VIGIL_RUN_MAX)
			fail("word not terminated inside storage");
		for (size_t k = 0; k < len; k++)
			if (vigil_is_bad_control((unsigned char)argv[i][k]) || argv[i][k] == '\n' || argv[i][k] == '\r')
				fail("word holds a control byte");
	}
}

static void check_after(int r, const vigil_after_t *a, const char *msg)
{
	check_message(r, msg);
	if (r < 0) {
		if (a->count != 0)
			fail("rejected after left names behind");
		return;
	}
	if (a->count > VIGIL_AFTER_MAX)
		fail("after bound broken");
	for (size_t i = 0; i < a->count; i++) {
		if (!vigil_name_valid(a->names[i], strnlen(a->names[i], sizeof(a->names[i]))))
			fail("after holds an invalid name");
		for (size_t j = 0; j < i; j++)
			if (strcmp(a->names[i], a->names[j]) == 0)
				fail("after holds a name twice");
	}
}

static void whole_input(const char *buf, size_t size)
{
	static vigil_run_t run;
	vigil_policy_t policy;
	vigil_mode_t mode;
	vigil_after_t after;
	vigil_boot_t boot;
	char user[VIGIL_USER_MAX + 1];
	char msg[VIGIL_MSG_MAX];
	int r;

	msg[0] = '\0';
	check_run(vigil_run_parse(buf, size, &run, msg), &run, msg);
	r = vigil_policy_parse(buf, size, &policy, msg);
	check_message(r, msg);
	if (r == 0 && policy.max_restarts > VIGIL_MAX_RESTARTS_LIMIT)
		fail("max_restarts above the limit");
	check_message(vigil_mode_parse(buf, size, &mode, msg), msg);
	r = vigil_user_parse(buf, size, user, msg);
	check_message(r, msg);
	if (!vigil_user_name_valid(user, strnlen(user, sizeof(user))))
		fail("user holds an invalid name");
	check_after(vigil_after_parse(buf, size, &after, msg), &after, msg);
	if (vigil_boot_parse(buf, size, &boot, NULL, NULL) < 0)
		fail("boot parse returned an error");
}

/* Find section "@key" (a line start); the file runs to the next line starting with '@'. */
static vigil_file_t section(const char *buf, size_t size, const char *key)
{
	vigil_file_t f = { .present = false, .data = NULL, .len = 0 };
	size_t klen = strlen(key);

	for (size_t at = 0; at < size; at++) {
		if ((at > 0 && buf[at - 1] != '\n') || buf[at] != '@')
			continue;
		if (size - at - 1 < klen + 1 || memcmp(buf + at + 1, key, klen) != 0 || buf[at + 1 + klen] != '\n')
			continue;
		size_t start = at + 1 + klen + 1, end = start;
		while (end < size && !(buf[end] == '@' && buf[end - 1] == '\n'))
			end++;
		f.present = true;
		f.data = buf + start;
		f.len = end - start;
		return f;
	}
	return f;
}

static void section_name(const char *buf, size_t size, const char **name, size_t *len)
{
	static const char key[] = "@name ";
	*name = "fuzzed";
	*len = strlen(*name);
	if (size >= sizeof(key) - 1 && memcmp(buf, key, sizeof(key) - 1) == 0) {
		size_t end = sizeof(key) - 1;
		while (end < size && buf[end] != '\n')
			end++;
		*name = buf + sizeof(key) - 1;
		*len = end - (sizeof(key) - 1);
	}
}

static void add_seed(vigil_service_t *s, const char *name, const char *after)
{
	char msg[VIGIL_MSG_MAX];
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	if (vigil_after_parse(after, strlen(after), &s->after, msg) != 0)
		fail("seed after rejected");
}

/* The first service of that name (later ones are ignored as duplicates), or n. */
static size_t find_first(const vigil_service_t *svcs, size_t n, const char *name)
{
	for (size_t j = 0; j < n; j++)
		if (strcmp(svcs[j].name, name) == 0)
			return j;
	return n;
}

static void check_order(const vigil_service_t *svcs, size_t n)
{
	vigil_order_t start, stop;
	bool seen[SEED_SERVICES + 1] = { false };
	int problems = vigil_order_start(svcs, n, &start, NULL, NULL);

	if (problems < 0 || start.count > n)
		fail("order failed");
	for (size_t i = 0; i < start.count; i++) {
		size_t v = start.index[i];
		if (v >= n || seen[v])
			fail("order holds a bad or repeated index");
		for (size_t d = 0; d < svcs[v].after.count; d++) {
			size_t j = find_first(svcs, n, svcs[v].after.names[d]);
			if (j < n && !seen[j])
				fail("a service starts before a service it starts after");
		}
		seen[v] = true;
	}
	if (start.count < n && problems == 0)
		fail("a service was left out without a report");
	vigil_order_stop(&start, &stop);
	if (stop.count != start.count)
		fail("stop order has another length");
	for (size_t i = 0; i < start.count; i++)
		if (stop.index[i] != start.index[start.count - 1 - i])
			fail("stop order is not the reverse");
}

static void sections_input(const char *buf, size_t size)
{
	static vigil_service_t svcs[SEED_SERVICES + 1];
	vigil_service_files_t files;
	const char *name;
	size_t name_len;
	char msg[VIGIL_MSG_MAX];
	int r;

	section_name(buf, size, &name, &name_len);
	files.run = section(buf, size, "run");
	files.policy = section(buf, size, "policy");
	files.mode = section(buf, size, "mode");
	files.user = section(buf, size, "user");
	files.after = section(buf, size, "after");
	msg[0] = '\0';
	r = vigil_service_load(name, name_len, &files, &svcs[SEED_SERVICES], msg);
	check_message(r, msg);
	if (r < 0) {
		if (svcs[SEED_SERVICES].name[0] != '\0' || svcs[SEED_SERVICES].run.argc != 0)
			fail("rejected service left fields behind");
		return;
	}
	check_run(0, &svcs[SEED_SERVICES].run, msg);
	check_after(0, &svcs[SEED_SERVICES].after, msg);
	add_seed(&svcs[0], "getty", "");
	add_seed(&svcs[1], "dhcp", "");
	add_seed(&svcs[2], "httpd", "dhcp");
	add_seed(&svcs[3], "chronos", "dhcp");
	add_seed(&svcs[4], "bastion", "");
	check_order(svcs, SEED_SERVICES + 1);
}

int fuzz_one(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;

	whole_input(buf, size);
	sections_input(buf, size);
	return 0;
}
