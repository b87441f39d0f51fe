/*
 * grep's matching (spec/coreutils.md CU-407): POSIX basic or extended
 * regular expressions from the C library's regcomp/regexec (leftmost
 * longest), or fixed strings; -i, -w, -x.  Each -e word is split at
 * newlines into several patterns; an empty one matches every line.  A bad
 * expression is reported with the same words on both builds (glibc's).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "cu/cu_msg.h"
#include "grep.h"

static const struct {
	int code;
	const char *text;
} regex_errors[] = {
	{ REG_BADPAT, "Invalid regular expression" },
	{ REG_ECOLLATE, "Invalid collation character" },
	{ REG_ECTYPE, "Invalid character class name" },
	{ REG_EESCAPE, "Trailing backslash" },
	{ REG_ESUBREG, "Invalid back reference" },
	{ REG_EBRACK, "Unmatched [, [^, [:, [., or [=" },
	{ REG_EPAREN, "Unmatched ( or \\(" },
	{ REG_EBRACE, "Unmatched \\{" },
	{ REG_BADBR, "Invalid content of \\{\\}" },
	{ REG_ERANGE, "Invalid range end" },
	{ REG_ESPACE, "Memory exhausted" },
	{ REG_BADRPT, "Invalid preceding regular expression" },
};

static const char *grep_regex_error(int code)
{
	for (size_t i = 0; i < sizeof(regex_errors) / sizeof(regex_errors[0]); i++)
		if (regex_errors[i].code == code)
			return regex_errors[i].text;
	return "Invalid regular expression";
}

static bool grep_add(grep_t *g, const char *text, size_t len)
{
	static char copy[GREP_PATTERNS_MAX][CU_OUT_BUF];

	if (g->count == GREP_PATTERNS_MAX || len >= CU_OUT_BUF) {
		cu_msg("grep", "too many or too long patterns");
		return false;
	}
	memcpy(copy[g->count], text, len);
	copy[g->count][len] = '\0';
	g->fixed[g->count] = copy[g->count];
	g->fixed_len[g->count] = len;
	if (g->o.syntax != GREP_FIXED) {
		int flags = (g->o.syntax == GREP_EXTENDED ? REG_EXTENDED : 0) | (g->o.ignore_case ? REG_ICASE : 0);
		int r = regcomp(&g->re[g->count], copy[g->count], flags);
		if (r != 0) {
			cu_msg("grep", "%s", grep_regex_error(r));
			return false;
		}
	}
	g->count++;
	return true;
}

bool grep_compile(grep_t *g)
{
	for (size_t i = 0; i < g->o.npatterns; i++) {
		const char *p = g->o.patterns[i];
		for (;;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			if (!grep_add(g, p, len))
				return false;
			if (!nl)
				break;
			p = nl + 1;
		}
	}
	return true;
}

static bool grep_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Is [so, eo) of line acceptable under -w and -x? */
static bool grep_fits(const grep_t *g, const char *line, size_t len, size_t so, size_t eo)
{
	if (g->o.whole_lines)
		return so == 0 && eo == len;
	if (g->o.words)
		return (so == 0 || !grep_word_char(line[so - 1])) && (eo == len || !grep_word_char(line[eo])) &&
		       eo > so;
	return true;
}

/* The first occurrence of pattern i in line at or after from, as [*so, *eo); false if none. */
static bool grep_find(const grep_t *g, size_t i, const char *line, size_t len, size_t from, size_t *so, size_t *eo)
{
	if (g->o.syntax != GREP_FIXED) {
		regmatch_t m;
		if (regexec(&g->re[i], line + from, 1, &m, from ? REG_NOTBOL : 0) != 0)
			return false;
		*so = from + (size_t)m.rm_so;
		*eo = from + (size_t)m.rm_eo;
		return true;
	}
	size_t plen = g->fixed_len[i];
	for (size_t at = from; at + plen <= len; at++) {
		bool same = g->o.ignore_case ? strncasecmp(line + at, g->fixed[i], plen) == 0
					     : memcmp(line + at, g->fixed[i], plen) == 0;
		if (same) {
			*so = at;
			*eo = at + plen;
			return true;
		}
	}
	return false;
}

bool grep_line_matches(grep_t *g, const char *line, size_t len)
{
	for (size_t i = 0; i < g->count; i++) {
		size_t so, eo;
		for (size_t from = 0; from <= len && grep_find(g, i, line, len, from, &so, &eo); from = so + 1) {
			if (grep_fits(g, line, len, so, eo))
				return true;
			if (g->o.whole_lines)
				break;
		}
	}
	return false;
}
