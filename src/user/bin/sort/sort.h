/*
 * sort's options and keys (spec/coreutils.md CU-409, CU-410).
 */
#ifndef SORT_H
#define SORT_H

#include <stdbool.h>
#include <stddef.h>

#define SORT_KEYS_MAX 16
#define SORT_EXIT_TROUBLE 2

typedef struct {
	bool numeric, reverse, fold, blanks;
} sort_flags_t;

typedef struct {
	size_t first, last; /* fields counted from 1; last 0 = to the end of the line */
	sort_flags_t flags;
} sort_key_t;

typedef struct {
	sort_flags_t global;
	sort_key_t keys[SORT_KEYS_MAX];
	size_t nkeys;
	bool unique, stable;
	int tab; /* the -t separator, or -1 for blank runs */
	const char *output;
} sort_opts_t;

typedef struct {
	const char *text;
	size_t len;
	size_t index; /* input order, for -s and -u */
} sort_line_t;

/* Parse a -k argument (N[,M] with optional n r f b letters after each); false after a message. */
bool sort_key_parse(sort_opts_t *o, const char *arg);

/* The order of two lines under o (keys, then GNU's last-resort whole-line comparison unless -s/-u). */
int sort_compare(const sort_opts_t *o, const sort_line_t *a, const sort_line_t *b);

/* Only the key comparison (for -u's equal runs). */
int sort_compare_keys(const sort_opts_t *o, const sort_line_t *a, const sort_line_t *b);

#endif
