/* The shell's lexer (sh_lex.h): words with their quotes, operators, io numbers, comments. */
#include "shell/sh_lex.h"

#include <stdbool.h>

#include <aegis/errno.h>

#define SH_DECIMAL 10

static bool sh_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool sh_is_operator_char(char c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>';
}

const char *sh_tok_text(sh_tok_kind_t kind)
{
	static const char *const text[] = {
		[SH_TOK_WORD] = "word", [SH_TOK_PIPE] = "|",   [SH_TOK_AND_IF] = "&&", [SH_TOK_OR_IF] = "||",
		[SH_TOK_SEMI] = ";",    [SH_TOK_AMP] = "&",    [SH_TOK_LESS] = "<",    [SH_TOK_GREAT] = ">",
		[SH_TOK_DGREAT] = ">>", [SH_TOK_GREATAND] = ">&",
	};
	return text[kind];
}

/* Scan one word from line[i]; returns the index just past it or -errno. */
static long sh_scan_word(const char *line, size_t len, size_t i, sh_error_t *err)
{
	while (i < len && !sh_is_blank(line[i]) && !sh_is_operator_char(line[i])) {
		char c = line[i];
		if (c == '\\') {
			if (i + 1 >= len)
				return sh_error_set(err, -EINVAL, "syntax error: backslash at the end of the line");
			i += 2;
		} else if (c == '\'') {
			size_t j = i + 1;
			while (j < len && line[j] != '\'')
				j++;
			if (j >= len)
				return sh_error_set(err, -EINVAL, "syntax error: unterminated single quote");
			i = j + 1;
		} else if (c == '"') {
			size_t j = i + 1;
			while (j < len && line[j] != '"')
				j += (line[j] == '\\' && j + 1 < len) ? 2 : 1;
			if (j >= len)
				return sh_error_set(err, -EINVAL, "syntax error: unterminated double quote");
			i = j + 1;
		} else if (c == '$' && i + 1 < len && line[i + 1] == '{') {
			size_t j = i + 2;
			while (j < len && line[j] != '}')
				j++;
			if (j >= len)
				return sh_error_set(err, -EINVAL, "syntax error: unterminated ${");
			i = j + 1;
		} else {
			i++;
		}
	}
	return (long)i;
}

/* The operator at line[i] (longest match); sets *kind and returns its length. */
static size_t sh_scan_operator(const char *line, size_t len, size_t i, sh_tok_kind_t *kind)
{
	char c = line[i];
	char next = i + 1 < len ? line[i + 1] : '\0';

	switch (c) {
	case '|':
		*kind = next == '|' ? SH_TOK_OR_IF : SH_TOK_PIPE;
		return next == '|' ? 2 : 1;
	case '&':
		*kind = next == '&' ? SH_TOK_AND_IF : SH_TOK_AMP;
		return next == '&' ? 2 : 1;
	case ';':
		*kind = SH_TOK_SEMI;
		return 1;
	case '<':
		*kind = SH_TOK_LESS;
		return 1;
	default: /* '>' */
		if (next == '>') {
			*kind = SH_TOK_DGREAT;
			return 2;
		}
		*kind = next == '&' ? SH_TOK_GREATAND : SH_TOK_GREAT;
		return next == '&' ? 2 : 1;
	}
}

/* If line[i..) is digits followed by '<' or '>', the number (or -E2BIG) and *end past the digits; else -1. */
static long sh_scan_io_number(const char *line, size_t len, size_t i, size_t *end, sh_error_t *err)
{
	long fd = 0;
	size_t j = i;

	while (j < len && line[j] >= '0' && line[j] <= '9') {
		if (fd <= SH_FD_MAX)
			fd = fd * SH_DECIMAL + (line[j] - '0');
		j++;
	}
	if (j == i || j >= len || (line[j] != '<' && line[j] != '>'))
		return -1;
	if (fd > SH_FD_MAX)
		return sh_error_set(err, -E2BIG, "syntax error: descriptor %.*s is above %d", (int)(j - i), line + i, SH_FD_MAX);
	*end = j;
	return fd;
}

static long sh_push(sh_tokens_t *out, sh_tok_kind_t kind, int io_fd, size_t start, size_t len, sh_error_t *err)
{
	if (out->count >= SH_TOKENS_MAX)
		return sh_error_set(err, -E2BIG, "too many words and operators in one line (at most %d)", SH_TOKENS_MAX);
	out->tok[out->count++] = (sh_token_t){ kind, io_fd, start, len };
	return 0;
}

long sh_lex(const char *line, size_t len, sh_tokens_t *out, sh_error_t *err)
{
	size_t i = 0;

	out->count = 0;
	for (size_t k = 0; k < len; k++)
		if (line[k] == '\0')
			return sh_error_set(err, -EINVAL, "syntax error: NUL byte in the line");
	while (i < len) {
		long rc;
		if (sh_is_blank(line[i])) {
			i++;
			continue;
		}
		if (line[i] == '#')
			break;
		size_t digits_end = 0;
		long io_fd = sh_scan_io_number(line, len, i, &digits_end, err);
		if (io_fd < -1)
			return io_fd;
		if (io_fd >= 0)
			i = digits_end;
		if (sh_is_operator_char(line[i])) {
			sh_tok_kind_t kind;
			size_t n = sh_scan_operator(line, len, i, &kind);
			rc = sh_push(out, kind, io_fd >= 0 ? (int)io_fd : SH_IO_DEFAULT, i, n, err);
			i += n;
		} else {
			long end = sh_scan_word(line, len, i, err);
			if (end < 0)
				return end;
			rc = sh_push(out, SH_TOK_WORD, SH_IO_DEFAULT, i, (size_t)end - i, err);
			i = (size_t)end;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}
