/*
 * The usual usage complaints of the tools (spec/coreutils.md CU-008):
 * `Try 'prog --help' for more information.` after a bad command line, and
 * `prog: unrecognized option '--x'` for a long option the tool lacks.
 */
#ifndef AEGIS_CU_USAGE_H
#define AEGIS_CU_USAGE_H

#include "cu/cu_opt.h"

/* "Try 'prog --help' for more information." on standard error. */
void cu_usage_try(const char *prog);

/* Report a failed cu_opt_parse (cu_opt_complain, then the Try line); returns status. */
int cu_usage_fail(const char *prog, int result, const cu_opt_error_t *err, int status);

/* "prog: unrecognized option 'word'"; returns -1 for the option callback to refuse with. */
int cu_usage_long_unknown(const char *prog, const char *word);

#endif
