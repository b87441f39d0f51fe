/*
 * /bin/grep: print the lines that match patterns (spec/coreutils.md
 * CU-406..CU-408), with GNU grep's options -E -F -G -e PAT -i -v -w -x
 * -c -l -L -q -s -n -H -h -r -R.  Status 0 when a line was selected, 1
 * when none, 2 on trouble (a bad pattern, an unreadable file) unless -q
 * found a match.
 */
#include <string.h>

#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_opt.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"
#include "grep.h"

#define GREP_OPTIONS "EFGe:ivwxclLqsnHhrR"
#define GREP_USAGE "Usage: grep [OPTION]... PATTERNS [FILE]..."

static grep_t g;

static const struct {
	const char *name;
	int opt;
} grep_long[] = {
	{ "--extended-regexp", 'E' }, { "--fixed-strings", 'F' }, { "--basic-regexp", 'G' },
	{ "--ignore-case", 'i' },     { "--invert-match", 'v' },  { "--word-regexp", 'w' },
	{ "--line-regexp", 'x' },     { "--count", 'c' },         { "--files-with-matches", 'l' },
	{ "--files-without-match", 'L' }, { "--quiet", 'q' },     { "--silent", 'q' },
	{ "--no-messages", 's' },     { "--line-number", 'n' },   { "--with-filename", 'H' },
	{ "--no-filename", 'h' },     { "--recursive", 'r' },     { "--dereference-recursive", 'R' },
};

static int grep_long_option(const char *word)
{
	if (strcmp(word, "--help") == 0) {
		uio_printf(CU_STDOUT, "%s\n", GREP_USAGE);
		sys_exit_group(GREP_EXIT_MATCH);
	}
	for (size_t i = 0; i < sizeof(grep_long) / sizeof(grep_long[0]); i++)
		if (strcmp(word, grep_long[i].name) == 0)
			return grep_long[i].opt;
	return 0;
}

static int grep_option(void *ctx, int opt, const char *arg)
{
	grep_opts_t *o = ctx;

	if (opt == CU_OPT_LONG && (opt = grep_long_option(arg)) == 0)
		return cu_usage_unrecognized("grep", arg);
	switch (opt) {
	case 'E': o->syntax = GREP_EXTENDED; break;
	case 'F': o->syntax = GREP_FIXED; break;
	case 'G': o->syntax = GREP_BASIC; break;
	case 'i': o->ignore_case = true; break;
	case 'v': o->invert = true; break;
	case 'w': o->words = true; break;
	case 'x': o->whole_lines = true; break;
	case 'c': o->mode = GREP_COUNT; break;
	case 'l': o->mode = GREP_FILES_WITH; break;
	case 'L': o->mode = GREP_FILES_WITHOUT; break;
	case 'q': o->quiet = true; break;
	case 's': o->no_messages = true; break;
	case 'n': o->numbers = true; break;
	case 'H': o->names = GREP_NAMES_ALWAYS; break;
	case 'h': o->names = GREP_NAMES_NEVER; break;
	case 'r':
	case 'R': o->recursive = opt; break;
	default: /* 'e' */
		if (o->npatterns == GREP_PATTERNS_MAX) {
			cu_msg("grep", "more than %d patterns", GREP_PATTERNS_MAX);
			return -1;
		}
		o->patterns[o->npatterns++] = arg;
		o->have_pattern = true;
	}
	return 0;
}

int main(int argc, char **argv)
{
	cu_opt_error_t err;
	int n = cu_opt_parse(argc, argv, GREP_OPTIONS, 0, grep_option, &g.o, &err);
	int first = 1;

	if (n < 0 && n != CU_OPT_REFUSED)
		cu_opt_complain("grep", n, &err);
	if (n < 0 || (!g.o.have_pattern && n == 0)) {
		uio_printf(CU_STDERR, "%s\n", GREP_USAGE);
		cu_usage_try("grep");
		return GREP_EXIT_TROUBLE;
	}
	if (!g.o.have_pattern) {
		g.o.patterns[g.o.npatterns++] = argv[first++];
	}
	if (!grep_compile(&g))
		return GREP_EXIT_TROUBLE;
	int files = n + 1 - first;
	g.show_names = g.o.names == GREP_NAMES_ALWAYS || (g.o.names == GREP_NAMES_AUTO && files > 1);
	cu_out_init(&g.out, CU_STDOUT);
	if (files == 0 && g.o.recursive)
		grep_directory(&g, ".", "");
	else if (files == 0)
		grep_operand(&g, "-", true);
	for (int i = first; i <= n; i++)
		grep_operand(&g, argv[i], true);
	int status = g.trouble && !(g.o.quiet && g.matched) ? GREP_EXIT_TROUBLE
			: g.matched                           ? GREP_EXIT_MATCH
							      : GREP_EXIT_NONE;
	return cu_finish(&g.out, "grep", status);
}
