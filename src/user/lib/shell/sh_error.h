/*
 * The error the shell library's pure parts report: a one-line message for
 * "stsh: syntax error: ..." and friends, filled when a call fails.
 */
#ifndef AEGIS_SH_ERROR_H
#define AEGIS_SH_ERROR_H

#include "shell/sh_limits.h"

typedef struct {
	char msg[SH_ERROR_MAX];
} sh_error_t;

/* Fill err (when not NULL) with the formatted message; returns code, a -errno value. */
long sh_error_set(sh_error_t *err, long code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
