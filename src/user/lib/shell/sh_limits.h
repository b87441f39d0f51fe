/*
 * The shell's documented bounds (spec/shell.md SH-090): every fixed-size
 * table of the shell library, so exceeding one is reported by name and
 * never truncates silently.
 */
#ifndef AEGIS_SH_LIMITS_H
#define AEGIS_SH_LIMITS_H

#define SH_LINE_MAX 1024      /* bytes of one input line, the newline excluded */
#define SH_TOKENS_MAX 256     /* tokens (words and operators) in one line */
#define SH_WORDS_MAX 64       /* words of one simple command */
#define SH_REDIRS_MAX 8       /* redirections of one simple command */
#define SH_PIPE_MAX 8         /* commands in one pipeline */
#define SH_LIST_MAX 16        /* pipelines in one line (; && || &) */
#define SH_EXPAND_MAX 4096    /* bytes of one command's expanded words, NULs included */
#define SH_VARS_MAX 128       /* shell variables */
#define SH_HIST_MAX 32        /* remembered lines of history */
#define SH_JOBS_MAX 16        /* background jobs at once */
#define SH_FD_MAX 9           /* highest descriptor number a redirection may name */
#define SH_ERROR_MAX 160      /* bytes of one error message */
#define SH_PATH_MAX 512       /* bytes of a path the shell builds (PATH search, cwd) */

#endif
