/* Tab completion's rules (spec/shell.md SH-079, SH-100..SH-102) over invented directories. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "shell/sh_complete.h"
#include "shell/sh_limits.h"

#define MANY 100      /* names in the crowded directory, more than SH_COMPLETE_MAX */
#define LISTING 8192

typedef struct {
	const char *dir;
	const char *names; /* space-separated; a trailing '/' marks a directory */
} fake_dir_t;

static const fake_dir_t dirs[] = {
	{ "/bin", "echo who whoami sh shpause shutdown tools/ . .." },
	{ "/sbin", "echo init" },
	{ ".", "docs/ data.txt .hidden . .. notes" },
	{ "docs", "a.md b.md" },
};

static char listed[LISTING]; /* the directories asked for, in order, space-separated */
static sh_complete_t comp;

static void fake_list(void *ctx, const char *dir, sh_complete_t *c)
{
	char word[SH_COMPLETE_NAME_MAX + 2];

	(void)ctx;
	strcat(listed, dir);
	strcat(listed, " ");
	if (strcmp(dir, "/many") == 0) {
		for (int i = MANY - 1; i >= 0; i--) { /* backwards: the kept ones must still be the first */
			snprintf(word, sizeof(word), "n%03d", i);
			sh_complete_offer(c, word, false);
		}
		return;
	}
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (strcmp(dirs[i].dir, dir) != 0)
			continue;
		for (const char *p = dirs[i].names; *p != '\0';) {
			size_t n = strcspn(p, " ");
			int is_dir = p[n - 1] == '/';
			snprintf(word, sizeof(word), "%.*s", (int)(n - (size_t)is_dir), p);
			sh_complete_offer(c, word, is_dir);
			p += n + (p[n] == ' ');
		}
	}
}

static const char *const builtins[] = { "echo", "exit", "export", NULL };

/* Gather for line (cursor at its end) with PATH path; returns the part of the word names share. */
static size_t gather(const char *path, const char *line)
{
	sh_complete_src_t src = { .list = fake_list, .path = path, .builtins = builtins };
	size_t have = 0;
	listed[0] = '\0';
	assert_true(sh_complete_gather(&src, line, strlen(line), &comp, &have));
	return have;
}

static void expect_names(const char *want)
{
	char got[LISTING] = "";
	for (size_t i = 0; i < comp.kept; i++) {
		strcat(got, comp.names[i].name);
		strcat(got, comp.names[i].dir ? "/ " : " ");
	}
	assert_string_equal(got, want);
	assert_int_equal(comp.total, comp.kept);
}

/* SH-079: the first word completes against the builtins and PATH's non-directories, once each. */
static void test_sh_079_commands(void **state)
{
	assert_int_equal(gather("/bin:/sbin", "e"), 1);
	expect_names("echo exit export ");
	assert_string_equal(comp.common, "e");
	assert_string_equal(listed, "/bin /sbin ");
	gather("/bin:/sbin", "ech");
	expect_names("echo ");
	gather("/bin", "t");
	expect_names(""); /* tools/ is a directory */
	gather(NULL, "wh");
	assert_string_equal(listed, "/bin ");
	expect_names("who whoami ");
	assert_string_equal(comp.common, "who");
	gather("/nowhere::/sbin", "in");
	assert_string_equal(listed, "/nowhere . /sbin ");
	expect_names("init ");
	gather("/bin", "ls | sh");
	expect_names("sh shpause shutdown ");
	gather("/bin", "a; wh");
	expect_names("who whoami ");
	gather("/bin", "a &\twh");
	expect_names("who whoami ");
	gather("/bin", "   ex");
	expect_names("exit export ");
}

/* SH-079: other words, and words with a '/', complete as paths; hidden names only for a '.'. */
static void test_sh_079_paths(void **state)
{
	assert_int_equal(gather("/bin", "cat d"), 1);
	assert_string_equal(listed, ". ");
	expect_names("data.txt docs/ ");
	gather("/bin", "cat ");
	expect_names("data.txt docs/ notes ");
	gather("/bin", "cat .");
	expect_names(".hidden ");
	assert_int_equal(gather("/bin", "cat docs/"), 0);
	assert_string_equal(listed, "docs ");
	gather("/bin", "/bin/t");
	assert_string_equal(listed, "/bin ");
	expect_names("tools/ ");
	gather("/bin", "/b");
	assert_string_equal(listed, "/ ");
	gather("/bin", "cat /bin/who");
	expect_names("who whoami ");
	gather("/bin", "echo");
	expect_names("echo ");
	gather("/bin", "echo\\ x");
	expect_names(""); /* no quoting: the word is "x" in the working directory */
	assert_string_equal(listed, ". ");
}

/* SH-100: the shared prefix of several matches; a unique one is the whole name; none is empty. */
static void test_sh_100_common(void **state)
{
	gather("/bin", "s");
	assert_int_equal(comp.total, 3);
	assert_string_equal(comp.common, "sh");
	assert_int_equal(comp.commonlen, 2);
	gather("/bin", "zz");
	assert_int_equal(comp.total, 0);
	assert_int_equal(comp.kept, 0);
	gather("/bin", "cat do");
	assert_int_equal(comp.total, 1);
	assert_string_equal(comp.common, "docs");
	assert_true(comp.names[0].dir);
}

/* SH-101: the listing runs down columns of equal width within SH_COMPLETE_WIDTH, directories with '/'. */
static void test_sh_101_format(void **state)
{
	char out[LISTING];
	size_t n;

	gather("/bin", "cat ");
	n = sh_complete_format(&comp, out, sizeof(out));
	out[n] = '\0';
	assert_string_equal(out, "data.txt  docs/     notes\n");
	memset(&comp, 0, sizeof(comp));
	for (int i = 0; i < 30; i++) {
		char name[32];
		snprintf(name, sizeof(name), "file-%05d", i); /* 10 bytes: cells of 12, 6 columns, 5 rows */
		sh_complete_offer(&comp, name, false);
	}
	n = sh_complete_format(&comp, out, sizeof(out));
	out[n] = '\0';
	assert_non_null(strstr(out, "file-00000  file-00005  file-00010  file-00015  file-00020  file-00025\n"
				    "file-00001  file-00006"));
	assert_int_equal(n, 5 * (6 * 12 - 2 + 1));
	n = sh_complete_format(&comp, out, 7);
	assert_int_equal(n, 7); /* a short buffer is filled, never overrun */
}

/* SH-102: at most SH_COMPLETE_MAX names kept (the first in order), every match counted; long names skipped. */
static void test_sh_102_bounds(void **state)
{
	char out[LISTING];
	char line[SH_LINE_MAX + 1];
	sh_complete_src_t src = { .list = fake_list, .path = "/bin" };
	size_t have;

	gather("/bin", "ls /many/n");
	assert_int_equal(comp.total, MANY);
	assert_int_equal(comp.kept, SH_COMPLETE_MAX);
	assert_string_equal(comp.names[0].name, "n000");
	assert_string_equal(comp.names[SH_COMPLETE_MAX - 1].name, "n063");
	assert_string_equal(comp.common, "n0");
	size_t n = sh_complete_format(&comp, out, sizeof(out));
	out[n] = '\0';
	/* cells of 6: 13 columns, 5 rows; the last row is one short */
	assert_memory_equal(out, "n000  n005  n010  ", strlen("n000  n005  n010  "));
	assert_non_null(strstr(out, "n055  n060\nn001  "));
	assert_non_null(strstr(out, "n054  n059\n(more than 64 matches)\n"));
	assert_null(strstr(out, "n064"));

	memset(&comp, 0, sizeof(comp));
	memset(line, 'x', SH_COMPLETE_NAME_MAX + 1);
	line[SH_COMPLETE_NAME_MAX + 1] = '\0';
	sh_complete_offer(&comp, line, false);
	assert_int_equal(comp.total, 0);
	line[SH_COMPLETE_NAME_MAX] = '\0';
	sh_complete_offer(&comp, line, false);
	assert_int_equal(comp.total, 1);

	memset(line, 'x', SH_COMPLETE_NAME_MAX + 1);
	line[SH_COMPLETE_NAME_MAX + 1] = '\0';
	assert_false(sh_complete_gather(&src, line, strlen(line), &comp, &have));
	assert_int_equal(comp.total, 0);
	memset(line, '/', SH_PATH_MAX + 1); /* the directory is SH_PATH_MAX bytes, no room for its NUL */
	strcpy(line + SH_PATH_MAX + 1, "x");
	listed[0] = '\0';
	assert_true(sh_complete_gather(&src, line, strlen(line), &comp, &have));
	assert_string_equal(listed, ""); /* a directory too long to name is not read */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sh_079_commands), cmocka_unit_test(test_sh_079_paths),
		cmocka_unit_test(test_sh_100_common),   cmocka_unit_test(test_sh_101_format),
		cmocka_unit_test(test_sh_102_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
