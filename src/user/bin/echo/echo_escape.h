/*
 * echo -e's backslash escapes (spec/coreutils.md CU-401).
 */
#ifndef ECHO_ESCAPE_H
#define ECHO_ESCAPE_H

#include <stdbool.h>

#include "cu/cu_out.h"

/* Write s with its escapes decoded; false when \c said to stop all output there. */
bool echo_escape_write(cu_out_t *out, const char *s);

#endif
