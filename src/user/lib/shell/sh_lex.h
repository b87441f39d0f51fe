/*
 * The shell's lexer (spec/shell.md SH-001..SH-008): one input line into
 * words and operators.  Words keep their quotes and backslashes (expansion,
 * sh_expand.h, removes them); the lexer only finds where each word ends and
 * rejects what can never be a word (an unterminated quote or ${, a NUL byte).
 */
#ifndef AEGIS_SH_LEX_H
#define AEGIS_SH_LEX_H

#include <stddef.h>

#include "shell/sh_error.h"
#include "shell/sh_limits.h"

typedef enum {
	SH_TOK_WORD,
	SH_TOK_PIPE,     /* | */
	SH_TOK_AND_IF,   /* && */
	SH_TOK_OR_IF,    /* || */
	SH_TOK_SEMI,     /* ; */
	SH_TOK_AMP,      /* & */
	SH_TOK_LESS,     /* [n]< */
	SH_TOK_GREAT,    /* [n]> */
	SH_TOK_DGREAT,   /* [n]>> */
	SH_TOK_GREATAND, /* [n]>& */
} sh_tok_kind_t;

/* No descriptor number before a redirection operator. */
#define SH_IO_DEFAULT (-1)

typedef struct {
	sh_tok_kind_t kind;
	int io_fd;    /* redirections: the number written before the operator, or SH_IO_DEFAULT */
	size_t start; /* the token's bytes in the line */
	size_t len;
} sh_token_t;

typedef struct {
	sh_token_t tok[SH_TOKENS_MAX];
	size_t count;
} sh_tokens_t;

/*
 * Split line[0..len) into out.  Blanks (space, tab, newline) separate
 * tokens; '#' at the start of a word starts a comment to the end of the line.
 * Returns 0, -EINVAL for malformed input or -E2BIG beyond SH_TOKENS_MAX or a
 * descriptor number beyond SH_FD_MAX, with err's message.
 */
long sh_lex(const char *line, size_t len, sh_tokens_t *out, sh_error_t *err);

/* The operator's text for messages ("|", ">>", ...; "word" for a word). */
const char *sh_tok_text(sh_tok_kind_t kind);

#endif
