/*
 * Redirections (spec/shell.md SH-012, SH-034): applied in order in a child
 * before exec, or around a builtin the shell runs itself, whose descriptors
 * are saved first and put back afterwards.
 */
#ifndef AEGIS_SH_REDIR_H
#define AEGIS_SH_REDIR_H

#include "shell/sh_cmdargs.h"
#include "shell/sh_shell.h"

typedef struct {
	int fd[SH_REDIRS_MAX];    /* the descriptor redirected */
	int saved[SH_REDIRS_MAX]; /* its copy, or -1 when it was not open */
	size_t count;
} sh_redir_saved_t;

/* Apply cmd's redirections (saved: NULL in a child); complains and returns -errno on the first failure. */
long sh_redir_apply(const sh_shell_t *sh, const sh_cmd_t *cmd, const sh_cmdargs_t *ca, sh_redir_saved_t *saved);

/* Put the saved descriptors back, last first. */
void sh_redir_restore(sh_redir_saved_t *saved);

#endif
