/* Word expansion (sh_expand.h): quote removal and parameter substitution. */
#include "shell/sh_expand.h"

#include <stdbool.h>
#include <string.h>

#include <aegis/errno.h>

typedef struct {
	char *out;
	size_t cap;
	size_t len;
	sh_lookup_fn lookup;
	void *ctx;
	sh_error_t *err;
} sh_expander_t;

static bool sh_name_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool sh_name_char(char c)
{
	return sh_name_start(c) || (c >= '0' && c <= '9');
}

int sh_name_valid(const char *s, size_t len)
{
	if (len == 0 || !sh_name_start(s[0]))
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!sh_name_char(s[i]))
			return 0;
	return 1;
}

static bool sh_special(char c)
{
	return c == '?' || c == '$' || c == '#' || (c >= '0' && c <= '9');
}

static long sh_put(sh_expander_t *x, const char *s, size_t n)
{
	if (n >= x->cap - x->len)
		return sh_error_set(x->err, -E2BIG, "word too long after expansion (at most %zu bytes)", x->cap - 1);
	memcpy(x->out + x->len, s, n);
	x->len += n;
	return 0;
}

static long sh_put_value(sh_expander_t *x, const char *name, size_t n)
{
	const char *v = x->lookup(x->ctx, name, n);
	return v == NULL ? 0 : sh_put(x, v, strlen(v));
}

/* Expand the parameter at src[*i] (just past '$'); advances *i. A lone '$' stays itself. */
static long sh_dollar(sh_expander_t *x, const char *src, size_t len, size_t *i)
{
	size_t j = *i;

	if (j < len && src[j] == '{') {
		size_t end = j + 1;
		while (end < len && src[end] != '}')
			end++;
		const char *name = src + j + 1;
		size_t n = end - j - 1;
		if (end >= len)
			return sh_error_set(x->err, -EINVAL, "bad substitution: unterminated ${");
		if (!sh_name_valid(name, n) && !(n == 1 && sh_special(name[0])))
			return sh_error_set(x->err, -EINVAL, "bad substitution: ${%.*s}", (int)n, name);
		*i = end + 1;
		return sh_put_value(x, name, n);
	}
	if (j < len && sh_special(src[j])) {
		*i = j + 1;
		return sh_put_value(x, src + j, 1);
	}
	if (j < len && sh_name_start(src[j])) {
		size_t end = j;
		while (end < len && sh_name_char(src[end]))
			end++;
		*i = end;
		return sh_put_value(x, src + j, end - j);
	}
	return sh_put(x, "$", 1);
}

/* Inside double quotes a backslash escapes only these. */
static bool sh_dquote_escapable(char c)
{
	return c == '$' || c == '"' || c == '\\' || c == '`' || c == '\n';
}

long sh_expand(const char *src, size_t len, sh_lookup_fn lookup, void *ctx, char *out, size_t cap, sh_error_t *err)
{
	sh_expander_t x = { out, cap, 0, lookup, ctx, err };
	bool dquote = false;
	size_t i = 0;
	long rc = 0;

	if (cap == 0)
		return sh_error_set(err, -E2BIG, "no room to expand a word");
	while (i < len && rc == 0) {
		char c = src[i++];
		if (c == '"') {
			dquote = !dquote;
		} else if (c == '\'' && !dquote) {
			size_t end = i;
			while (end < len && src[end] != '\'')
				end++;
			if (end >= len)
				return sh_error_set(err, -EINVAL, "syntax error: unterminated single quote");
			rc = sh_put(&x, src + i, end - i);
			i = end + 1;
		} else if (c == '\\' && i < len && (!dquote || sh_dquote_escapable(src[i]))) {
			rc = sh_put(&x, src + i, 1);
			i++;
		} else if (c == '$') {
			rc = sh_dollar(&x, src, len, &i);
		} else {
			rc = sh_put(&x, &c, 1);
		}
	}
	if (rc < 0)
		return rc;
	if (dquote)
		return sh_error_set(err, -EINVAL, "syntax error: unterminated double quote");
	out[x.len] = '\0';
	return (long)x.len;
}
