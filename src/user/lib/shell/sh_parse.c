/* The shell's parser (sh_parse.h): tokens into pipelines, commands and redirections. */
#include "shell/sh_parse.h"

#include <stdbool.h>

#include <aegis/errno.h>

#define SH_DECIMAL 10

typedef struct {
	const char *line;
	const sh_tokens_t *toks;
	size_t pos;
	sh_error_t *err;
} sh_parser_t;

const char *sh_token_bytes(const sh_program_t *prog, const char *line, size_t i, size_t *len)
{
	*len = prog->toks.tok[i].len;
	return line + prog->toks.tok[i].start;
}

static bool sh_at_end(const sh_parser_t *p)
{
	return p->pos >= p->toks->count;
}

static bool sh_is_redirection(sh_tok_kind_t k)
{
	return k == SH_TOK_LESS || k == SH_TOK_GREAT || k == SH_TOK_DGREAT || k == SH_TOK_GREATAND;
}

static long sh_unexpected(sh_parser_t *p)
{
	if (sh_at_end(p))
		return sh_error_set(p->err, -EINVAL, "syntax error: unexpected end of line after '%s'",
				    sh_tok_text(p->toks->tok[p->pos - 1].kind));
	return sh_error_set(p->err, -EINVAL, "syntax error: unexpected '%s'", sh_tok_text(p->toks->tok[p->pos].kind));
}

/* The descriptor a word of digits names, or -1 when it is not one. */
static int sh_word_fd(const char *s, size_t len)
{
	int fd = 0;

	if (len == 0)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || fd > SH_FD_MAX)
			return -1;
		fd = fd * SH_DECIMAL + (s[i] - '0');
	}
	return fd > SH_FD_MAX ? -1 : fd;
}

static long sh_parse_redirection(sh_parser_t *p, sh_cmd_t *cmd)
{
	const sh_token_t *op = &p->toks->tok[p->pos++];
	sh_redir_t r = { SH_REDIR_OUT, op->io_fd, 0, 0 };

	if (sh_at_end(p) || p->toks->tok[p->pos].kind != SH_TOK_WORD)
		return sh_error_set(p->err, -EINVAL, "syntax error: missing %s after '%s'",
				    op->kind == SH_TOK_GREATAND ? "descriptor" : "file name", sh_tok_text(op->kind));
	if (cmd->nredir >= SH_REDIRS_MAX)
		return sh_error_set(p->err, -E2BIG, "too many redirections in one command (at most %d)", SH_REDIRS_MAX);
	const sh_token_t *target = &p->toks->tok[p->pos];
	switch (op->kind) {
	case SH_TOK_LESS:
		r.kind = SH_REDIR_IN;
		break;
	case SH_TOK_DGREAT:
		r.kind = SH_REDIR_APPEND;
		break;
	case SH_TOK_GREATAND:
		r.kind = SH_REDIR_DUP;
		r.dup_fd = sh_word_fd(p->line + target->start, target->len);
		if (r.dup_fd < 0)
			return sh_error_set(p->err, -EINVAL, "syntax error: '>&' needs a descriptor number 0..%d, not '%.*s'",
					    SH_FD_MAX, (int)target->len, p->line + target->start);
		break;
	default:
		break;
	}
	if (r.fd == SH_IO_DEFAULT)
		r.fd = r.kind == SH_REDIR_IN ? 0 : 1;
	r.word = p->pos++;
	cmd->redir[cmd->nredir++] = r;
	return 0;
}

static long sh_parse_command(sh_parser_t *p, sh_cmd_t *cmd)
{
	cmd->nwords = 0;
	cmd->nredir = 0;
	while (!sh_at_end(p)) {
		sh_tok_kind_t k = p->toks->tok[p->pos].kind;
		if (k == SH_TOK_WORD) {
			if (cmd->nwords >= SH_WORDS_MAX)
				return sh_error_set(p->err, -E2BIG, "too many words in one command (at most %d)", SH_WORDS_MAX);
			cmd->word[cmd->nwords++] = p->pos++;
		} else if (sh_is_redirection(k)) {
			long rc = sh_parse_redirection(p, cmd);
			if (rc < 0)
				return rc;
		} else {
			break;
		}
	}
	if (cmd->nwords == 0 && cmd->nredir == 0)
		return sh_unexpected(p);
	return 0;
}

static long sh_parse_pipeline(sh_parser_t *p, sh_pipeline_t *pl)
{
	pl->ncmd = 0;
	pl->next = SH_NEXT_SEQ;
	for (;;) {
		if (pl->ncmd >= SH_PIPE_MAX)
			return sh_error_set(p->err, -E2BIG, "too many commands in one pipeline (at most %d)", SH_PIPE_MAX);
		long rc = sh_parse_command(p, &pl->cmd[pl->ncmd++]);
		if (rc < 0)
			return rc;
		if (sh_at_end(p) || p->toks->tok[p->pos].kind != SH_TOK_PIPE)
			return 0;
		p->pos++;
	}
}

long sh_parse(const char *line, size_t len, sh_program_t *prog, sh_error_t *err)
{
	sh_parser_t p = { line, &prog->toks, 0, err };
	long rc = sh_lex(line, len, &prog->toks, err);

	prog->npipe = 0;
	if (rc < 0)
		return rc;
	while (!sh_at_end(&p)) {
		if (prog->npipe >= SH_LIST_MAX)
			return sh_error_set(err, -E2BIG, "too many pipelines in one line (at most %d)", SH_LIST_MAX);
		sh_pipeline_t *pl = &prog->pipe[prog->npipe++];
		rc = sh_parse_pipeline(&p, pl);
		if (rc < 0)
			return rc;
		if (sh_at_end(&p))
			break;
		sh_tok_kind_t k = prog->toks.tok[p.pos++].kind;
		pl->next = k == SH_TOK_AMP ? SH_NEXT_BG : k == SH_TOK_AND_IF ? SH_NEXT_AND : k == SH_TOK_OR_IF ? SH_NEXT_OR : SH_NEXT_SEQ;
		if ((k == SH_TOK_AND_IF || k == SH_TOK_OR_IF) && sh_at_end(&p))
			return sh_unexpected(&p);
	}
	return 0;
}
