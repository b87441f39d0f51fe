/* Expanding a simple command's words into arguments (sh_cmdargs.h). */
#include "shell/sh_cmdargs.h"

#include <stdbool.h>
#include <string.h>

/* Expand token index tok into the buffer; returns where it landed or NULL with rc set. */
static char *sh_expand_tok(sh_cmdargs_t *ca, const sh_program_t *prog, const char *line, size_t tok,
			   sh_lookup_fn lookup, void *ctx, sh_error_t *err, long *rc)
{
	size_t len;
	const char *src = sh_token_bytes(prog, line, tok, &len);
	char *out = ca->buf + ca->used;

	*rc = sh_expand(src, len, lookup, ctx, out, sizeof(ca->buf) - ca->used, err);
	if (*rc < 0)
		return NULL;
	ca->used += (size_t)*rc + 1;
	return out;
}

/* An assignment word: an unquoted name, then '='. */
static bool sh_is_assignment(const char *src, size_t len)
{
	const char *eq = memchr(src, '=', len);
	return eq != NULL && sh_name_valid(src, (size_t)(eq - src));
}

long sh_cmdargs_expand(sh_cmdargs_t *ca, const sh_program_t *prog, const char *line, const sh_cmd_t *cmd,
		       sh_lookup_fn lookup, void *ctx, sh_error_t *err)
{
	long rc = 0;
	bool naming = true;

	ca->used = 0;
	ca->nassign = 0;
	ca->argc = 0;
	for (size_t i = 0; i < cmd->nwords; i++) {
		size_t len;
		const char *src = sh_token_bytes(prog, line, cmd->word[i], &len);
		bool assign = naming && sh_is_assignment(src, len);
		char *w = sh_expand_tok(ca, prog, line, cmd->word[i], lookup, ctx, err, &rc);
		if (w == NULL)
			return rc;
		if (assign)
			ca->assign[ca->nassign++] = w;
		else
			ca->argv[ca->argc++] = w;
		naming = naming && assign;
	}
	ca->argv[ca->argc] = NULL;
	for (size_t i = 0; i < cmd->nredir; i++) {
		ca->target[i] = NULL;
		if (cmd->redir[i].kind == SH_REDIR_DUP)
			continue;
		ca->target[i] = sh_expand_tok(ca, prog, line, cmd->redir[i].word, lookup, ctx, err, &rc);
		if (ca->target[i] == NULL)
			return rc;
	}
	return 0;
}
