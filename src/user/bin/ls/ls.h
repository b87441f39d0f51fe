/*
 * ls's shared types (spec/coreutils.md CU-100..102): the options and one
 * listed entry (a name with its status), shared by main.c (what to list)
 * and ls_print.c (how it looks).
 */
#ifndef AEGIS_LS_H
#define AEGIS_LS_H

#include <stdbool.h>
#include <stddef.h>

#include <aegis/linux_abi.h>

#include "cu/cu_out.h"

typedef enum { LS_SORT_NAME, LS_SORT_TIME, LS_SORT_SIZE } ls_sort_t;

typedef struct {
	bool all, almost_all, long_form, one_per_line, dirs_only, recursive, classify, human, inode, reverse;
	ls_sort_t sort;
	bool help;
	unsigned width; /* terminal columns, 0 when output is not a terminal */
	int64_t now;    /* seconds, for the six-month rule of -l */
} ls_opts_t;

typedef struct {
	const char *name; /* as shown */
	const char *path; /* to readlink (for -l) */
	aegis_stat_t st;
} ls_entry_t;

/* Sort entries as the options say. */
void ls_sort(const ls_opts_t *o, ls_entry_t *e, size_t n);

/* Print n entries (one directory's contents or the file operands); with_total adds -l's "total N". */
void ls_print(const ls_opts_t *o, cu_out_t *out, const ls_entry_t *e, size_t n, bool with_total);

#endif
