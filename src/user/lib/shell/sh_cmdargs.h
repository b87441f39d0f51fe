/*
 * One simple command expanded (spec/shell.md SH-020, SH-044): its leading
 * NAME=value assignments, its arguments and its redirection targets, all in
 * one bounded buffer of SH_EXPAND_MAX bytes.
 */
#ifndef AEGIS_SH_CMDARGS_H
#define AEGIS_SH_CMDARGS_H

#include <stddef.h>

#include "shell/sh_error.h"
#include "shell/sh_expand.h"
#include "shell/sh_parse.h"

typedef struct {
	char buf[SH_EXPAND_MAX];
	size_t used;
	char *assign[SH_WORDS_MAX]; /* "NAME=value" words before the command name */
	size_t nassign;
	char *argv[SH_WORDS_MAX + 1]; /* NULL-terminated */
	size_t argc;
	char *target[SH_REDIRS_MAX]; /* redirection i's file (NULL for a descriptor copy) */
} sh_cmdargs_t;

/* Expand cmd's words (tokens of prog over line); returns 0 or -errno with err's message. */
long sh_cmdargs_expand(sh_cmdargs_t *ca, const sh_program_t *prog, const char *line, const sh_cmd_t *cmd,
		       sh_lookup_fn lookup, void *ctx, sh_error_t *err);

#endif
