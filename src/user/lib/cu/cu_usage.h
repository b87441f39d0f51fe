/*
 * Usage errors and --help, the same way in every tool (spec/coreutils.md
 * CU-008): the complaint, then `Try '<prog> --help' for more information.`
 * on standard error; --help prints the tool's usage text on standard output.
 */
#ifndef AEGIS_CU_USAGE_H
#define AEGIS_CU_USAGE_H

#include <stdbool.h>

#include "cu/cu_opt.h"

/* "Try 'prog --help' for more information." on standard error. */
void cu_usage_try(const char *prog);

/* After a failed cu_opt_parse: cu_opt_complain, the Try line; returns status. */
int cu_usage_fail(const char *prog, int result, const cu_opt_error_t *err, int status);

/* "prog: unrecognized option '--x'" for a long option the tool does not know; returns -1 for the callback. */
int cu_usage_unrecognized(const char *prog, const char *word);

/* A long option in an option callback: --help sets *help (0), anything else is unrecognized (-1). */
int cu_usage_long(const char *prog, const char *word, bool *help);

/* The usage text on standard output; returns 0 (the status of --help). */
int cu_usage_help(const char *text);

#endif
