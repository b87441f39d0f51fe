/*
 * Fuzz harness for the shell's lexer, parser and word expansion
 * (src/user/lib/shell/sh_lex.c, sh_parse.c, sh_expand.c): every line typed
 * into stsh or sh, or read from a script.  Supports spec/shell.md SH-001..005,
 * SH-010..013, SH-020..024 and SH-090.
 *
 * The whole input is one line.  A rejected line must carry a message.  An
 * accepted one must respect the parser's structure: tokens inside the line
 * and in order, every word and redirection target a word token, the counts
 * within their bounds, every pipeline with at least one command and every
 * command with a word or a redirection.  Each word is expanded (with fixed
 * values for variables, one holding blanks and quotes) and must come out
 * NUL-terminated within the buffer.  Finally each command's expanded words,
 * written back single-quoted, must parse and expand to the same words:
 * quoting is a faithful inverse of expansion.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "shell/sh_expand.h"
#include "shell/sh_parse.h"

#define WORD_MAX SH_EXPAND_MAX

static void fail(const char *what)
{
	fprintf(stderr, "shell-line harness: %s\n", what);
	abort();
}

static const char *lookup(void *ctx, const char *name, size_t len)
{
	(void)ctx;
	if (len == 1 && name[0] == '?')
		return "0";
	if (len == 4 && memcmp(name, "HOME", 4) == 0)
		return "/root";
	if (len >= 1 && (name[0] == 'X' || name[0] == '1'))
		return "a b 'c' \"d\" $e \\f";
	return NULL;
}

/* Append s single-quoted to out (used bytes *n of cap); false when it does not fit. */
static bool quote_into(char *out, size_t cap, size_t *n, const char *s)
{
	if (*n + 3 > cap)
		return false;
	out[(*n)++] = '\'';
	for (; *s; s++) {
		const char *piece = *s == '\'' ? "'\\''" : NULL;
		size_t plen = piece ? 4 : 1;
		if (*n + plen + 2 > cap)
			return false;
		if (piece)
			memcpy(out + *n, piece, plen);
		else
			out[*n] = *s;
		*n += plen;
	}
	out[(*n)++] = '\'';
	out[(*n)++] = ' ';
	return true;
}

static long expand_word(const sh_program_t *prog, const char *line, size_t w, char *out)
{
	size_t len = 0;
	sh_error_t err;
	const char *bytes = sh_token_bytes(prog, line, w, &len);
	if (!bytes)
		fail("a word index names no token");
	long r = sh_expand(bytes, len, lookup, NULL, out, WORD_MAX, &err);
	if (r >= 0 && (size_t)r >= WORD_MAX)
		fail("expansion reports more bytes than the buffer");
	if (r >= 0 && strlen(out) != (size_t)r)
		fail("expansion's length differs from its text");
	if (r < 0 && err.msg[0] == '\0')
		fail("a failed expansion has no message");
	return r;
}

static void check_roundtrip(const sh_program_t *prog, const char *line, const sh_cmd_t *cmd)
{
	static char words[SH_WORDS_MAX][WORD_MAX];
	static char again_word[WORD_MAX];
	static char requoted[SH_LINE_MAX];
	static sh_program_t again;
	size_t n = 0;
	sh_error_t err;

	for (size_t i = 0; i < cmd->nwords; i++) {
		if (expand_word(prog, line, cmd->word[i], words[i]) < 0)
			return;
		if (!quote_into(requoted, sizeof(requoted), &n, words[i]))
			return; /* too long to write back within a line: nothing to compare */
	}
	if (cmd->nwords == 0)
		return;
	if (sh_parse(requoted, n, &again, &err) < 0)
		fail("quoted words do not parse");
	if (again.npipe != 1 || again.pipe[0].ncmd != 1 || again.pipe[0].cmd[0].nwords != cmd->nwords ||
	    again.pipe[0].cmd[0].nredir != 0)
		fail("quoted words parse to another shape");
	for (size_t i = 0; i < cmd->nwords; i++) {
		if (expand_word(&again, requoted, again.pipe[0].cmd[0].word[i], again_word) < 0)
			fail("a quoted word does not expand");
		if (strcmp(again_word, words[i]) != 0)
			fail("a quoted word expands to something else");
	}
}

static void check_command(const sh_program_t *prog, const char *line, const sh_cmd_t *cmd)
{
	if (cmd->nwords > SH_WORDS_MAX || cmd->nredir > SH_REDIRS_MAX)
		fail("a command exceeds its bounds");
	if (cmd->nwords == 0 && cmd->nredir == 0)
		fail("an empty command was accepted");
	for (size_t i = 0; i < cmd->nwords; i++)
		if (cmd->word[i] >= prog->toks.count || prog->toks.tok[cmd->word[i]].kind != SH_TOK_WORD)
			fail("a word is not a word token");
	for (size_t i = 0; i < cmd->nredir; i++) {
		const sh_redir_t *r = &cmd->redir[i];
		if (r->fd < 0 || r->fd > SH_FD_MAX)
			fail("a redirection names a descriptor out of range");
		if (r->kind == SH_REDIR_DUP && (r->dup_fd < 0 || r->dup_fd > SH_FD_MAX))
			fail("a duplication names a descriptor out of range");
		if (r->kind != SH_REDIR_DUP &&
		    (r->word >= prog->toks.count || prog->toks.tok[r->word].kind != SH_TOK_WORD))
			fail("a redirection target is not a word token");
	}
	check_roundtrip(prog, line, cmd);
}

int fuzz_one(const uint8_t *data, size_t size)
{
	static sh_program_t prog;
	sh_error_t err;
	const char *line = (const char *)data;

	memset(&err, 0, sizeof(err));
	long r = sh_parse(line, size, &prog, &err);
	if (r < 0) {
		if (err.msg[0] == '\0')
			fail("a rejected line has no message");
		return 0;
	}
	if (prog.toks.count > SH_TOKENS_MAX || prog.npipe > SH_LIST_MAX)
		fail("the line exceeds its bounds");
	size_t end = 0;
	for (size_t i = 0; i < prog.toks.count; i++) {
		const sh_token_t *t = &prog.toks.tok[i];
		if (t->start < end || t->start + t->len > size || t->len == 0)
			fail("a token lies outside the line or out of order");
		end = t->start + t->len;
	}
	for (size_t p = 0; p < prog.npipe; p++) {
		if (prog.pipe[p].ncmd == 0 || prog.pipe[p].ncmd > SH_PIPE_MAX)
			fail("a pipeline has no command or too many");
		for (size_t c = 0; c < prog.pipe[p].ncmd; c++)
			check_command(&prog, line, &prog.pipe[p].cmd[c]);
	}
	return 0;
}
