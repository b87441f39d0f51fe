/*
 * cat's line filter (spec/coreutils.md CU-110): numbering (-n, -b),
 * squeezing empty lines (-s), `$` at line ends (-E), `^I` for tabs (-T) and
 * ^/M- notation for other control bytes (-v), carried across reads and files
 * the way GNU cat carries them (the numbers go on from file to file).
 */
#ifndef AEGIS_CAT_FILTER_H
#define AEGIS_CAT_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "cu/cu_out.h"

typedef struct {
	bool number, number_nonblank, squeeze, ends, tabs, nonprint;
} cat_flags_t;

typedef struct {
	unsigned long line;  /* the last number printed */
	bool at_line_start;
	int newlines_seen;   /* consecutive newlines just written (for -s and -b) */
} cat_state_t;

void cat_state_init(cat_state_t *s);
void cat_filter(const cat_flags_t *f, cat_state_t *s, cu_out_t *out, const char *buf, size_t len);

#endif
