/*
 * grep's shared state (spec/coreutils.md CU-406..CU-408): the options, the
 * compiled patterns and the output.
 */
#ifndef GREP_H
#define GREP_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "cu/cu_out.h"

#define GREP_EXIT_MATCH 0
#define GREP_EXIT_NONE 1
#define GREP_EXIT_TROUBLE 2
#define GREP_PATTERNS_MAX 64

typedef enum { GREP_BASIC, GREP_EXTENDED, GREP_FIXED } grep_syntax_t;
typedef enum { GREP_LINES, GREP_COUNT, GREP_FILES_WITH, GREP_FILES_WITHOUT } grep_mode_t;
typedef enum { GREP_NAMES_AUTO, GREP_NAMES_ALWAYS, GREP_NAMES_NEVER } grep_names_t;

typedef struct {
	grep_syntax_t syntax;
	grep_mode_t mode;
	grep_names_t names;
	bool ignore_case, invert, numbers, quiet, no_messages, words, whole_lines;
	int recursive; /* 0, 'r' (symlinks inside not followed) or 'R' */
	const char *patterns[GREP_PATTERNS_MAX]; /* -e words, split at newlines when compiled */
	size_t npatterns;
	bool have_pattern;
} grep_opts_t;

typedef struct {
	grep_opts_t o;
	regex_t re[GREP_PATTERNS_MAX];
	const char *fixed[GREP_PATTERNS_MAX];
	size_t fixed_len[GREP_PATTERNS_MAX];
	size_t count; /* compiled patterns */
	bool show_names;
	bool trouble;
	bool matched;
	cu_out_t out;
} grep_t;

/* Compile g->o's patterns; false after reporting a bad one. */
bool grep_compile(grep_t *g);

/* Does line[0..len) (NUL at len) match, before -v? */
bool grep_line_matches(grep_t *g, const char *line, size_t len);

/* Search one operand ("-" is standard input), descending into directories under -r. */
void grep_operand(grep_t *g, const char *path, bool top);

/* Search the entries of directory path, naming each prefix/entry (no "/" after an empty prefix). */
void grep_directory(grep_t *g, const char *path, const char *prefix);

#endif
