/*
 * The shell's parser (spec/shell.md SH-010..SH-016): the tokens of one line
 * into a list of pipelines joined by ; && || and &, each pipeline a list of
 * simple commands with their words and redirections.  Words stay as spans
 * of the line; sh_expand.h turns them into arguments.
 *
 *   line     := [ andor { (';' | '&') andor } [';' | '&'] ]
 *   andor    := pipeline { ('&&' | '||') pipeline }
 *   pipeline := command { '|' command }
 *   command  := { word | redirection }+
 *   redirection := [n]'<' word | [n]'>' word | [n]'>>' word | [n]'>&' digits
 */
#ifndef AEGIS_SH_PARSE_H
#define AEGIS_SH_PARSE_H

#include <stddef.h>

#include "shell/sh_lex.h"

typedef enum {
	SH_REDIR_IN,     /* fd (default 0) reads the file */
	SH_REDIR_OUT,    /* fd (default 1) writes the file, truncated or created */
	SH_REDIR_APPEND, /* fd (default 1) appends to the file, created if missing */
	SH_REDIR_DUP,    /* fd (default 1) becomes a copy of dup_fd */
} sh_redir_kind_t;

typedef struct {
	sh_redir_kind_t kind;
	int fd;
	int dup_fd;  /* SH_REDIR_DUP only */
	size_t word; /* the target's token index (not for SH_REDIR_DUP) */
} sh_redir_t;

typedef struct {
	size_t word[SH_WORDS_MAX]; /* token indexes of the words, in order */
	size_t nwords;
	sh_redir_t redir[SH_REDIRS_MAX];
	size_t nredir;
} sh_cmd_t;

/* What joins a pipeline to the next one. */
typedef enum {
	SH_NEXT_SEQ, /* ';' or the end of the line: run the next one regardless */
	SH_NEXT_BG,  /* '&': this pipeline runs in the background */
	SH_NEXT_AND, /* '&&': the next runs when this one's status is 0 */
	SH_NEXT_OR,  /* '||': the next runs when this one's status is not 0 */
} sh_next_t;

typedef struct {
	sh_cmd_t cmd[SH_PIPE_MAX];
	size_t ncmd;
	sh_next_t next;
} sh_pipeline_t;

typedef struct {
	sh_tokens_t toks;
	sh_pipeline_t pipe[SH_LIST_MAX];
	size_t npipe; /* 0 for an empty or comment-only line */
} sh_program_t;

/*
 * Lex and parse line[0..len) into prog.  Returns 0, -EINVAL for a syntax
 * error or -E2BIG when a bound of sh_limits.h is exceeded, with err's
 * message ("syntax error: unexpected '|'").
 */
long sh_parse(const char *line, size_t len, sh_program_t *prog, sh_error_t *err);

/* The bytes of token index i of prog. */
const char *sh_token_bytes(const sh_program_t *prog, const char *line, size_t i, size_t *len);

#endif
