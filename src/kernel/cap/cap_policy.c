/*
 * The policy-file parser (spec/security-policy.md POL-001..008).
 *
 * Design: one pass over at most CAP_POLICY_FILE_MAX bytes, line by line.
 * Each line is first checked byte by byte, then split into words; it is
 * accepted or refused as a whole, so a refused line can never grant part of
 * what it lists.  Words are never copied except into the bounded quote of a
 * warning, so there is no token buffer to overflow.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/cap.h>
#include <aegis/errno.h>

#include "cap/cap_names.h"
#include "cap/cap_policy.h"
#include "core/format.h"
#include "core/kstring.h"

/* Longest warning reason, terminator included. */
#define CAP_POLICY_REASON_MAX 160u
/* A quoted word: CAP_POLICY_QUOTE_MAX bytes, "..." and the terminator. */
#define CAP_POLICY_QUOTE_BUF (CAP_POLICY_QUOTE_MAX + 4u)
#define CAP_POLICY_FIRST_PRINTABLE 0x21u
#define CAP_POLICY_LAST_PRINTABLE 0x7eu
#define CAP_POLICY_COMMENT '#'

typedef enum {
	CAP_TIER_NONE,
	CAP_TIER_SERVICE,
	CAP_TIER_ADMIN,
} cap_tier_t;

typedef struct {
	const char *file;
	cap_policy_warn_fn warn;
	void *ctx;
	cap_policy_t *out;
	unsigned granted_on[CAP_KIND_MAX + 1]; /* line that granted each kind, 0 if none */
} cap_parse_t;

static bool cap_policy_is_separator(uint8_t byte)
{
	return byte == ' ' || byte == '\t' || byte == '\r';
}

static bool cap_policy_is_printable(uint8_t byte)
{
	return byte >= CAP_POLICY_FIRST_PRINTABLE && byte <= CAP_POLICY_LAST_PRINTABLE;
}

/* Copy a word for a warning: whole up to the quote limit, else cut with "...". */
static void cap_policy_quote(char *dst, const uint8_t *word, size_t len)
{
	size_t n = len > CAP_POLICY_QUOTE_MAX ? CAP_POLICY_QUOTE_MAX : len;
	for (size_t i = 0; i < n; i++)
		dst[i] = cap_policy_is_printable(word[i]) ? (char)word[i] : '?';
	if (len > CAP_POLICY_QUOTE_MAX) {
		kmemcpy(dst + n, "...", 3);
		n += 3;
	}
	dst[n] = '\0';
}

__attribute__((format(printf, 3, 4))) static void cap_policy_refuse(cap_parse_t *ps, unsigned line, const char *fmt,
                                                                    ...)
{
	char reason[CAP_POLICY_REASON_MAX];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	ps->out->lines_refused++;
	if (ps->warn != NULL)
		ps->warn(ps->ctx, ps->file, line, reason);
}

static cap_tier_t cap_policy_tier(const uint8_t *word, size_t len)
{
	if (len == 7 && kmemcmp(word, "service", 7) == 0)
		return CAP_TIER_SERVICE;
	if (len == 5 && kmemcmp(word, "admin", 5) == 0)
		return CAP_TIER_ADMIN;
	return CAP_TIER_NONE;
}

/* Find the next word at or after *pos; false at end of line or at a comment. */
static bool cap_policy_next_word(const uint8_t *text, size_t len, size_t *pos, size_t *start, size_t *wlen)
{
	size_t i = *pos;
	while (i < len && cap_policy_is_separator(text[i]))
		i++;
	if (i >= len || text[i] == CAP_POLICY_COMMENT)
		return false;
	*start = i;
	while (i < len && !cap_policy_is_separator(text[i]))
		i++;
	*wlen = i - *start;
	*pos = i;
	return true;
}

static void cap_policy_parse_line(cap_parse_t *ps, const uint8_t *text, size_t len, unsigned line)
{
	char quoted[CAP_POLICY_QUOTE_BUF];
	for (size_t i = 0; i < len; i++) {
		if (!cap_policy_is_separator(text[i]) && !cap_policy_is_printable(text[i])) {
			cap_policy_refuse(ps, line, "invalid byte 0x%02x at column %zu", text[i], i + 1);
			return;
		}
	}
	size_t pos = 0, start = 0, wlen = 0;
	if (!cap_policy_next_word(text, len, &pos, &start, &wlen))
		return; /* blank or comment */
	cap_tier_t tier = cap_policy_tier(text + start, wlen);
	if (tier == CAP_TIER_NONE) {
		cap_policy_quote(quoted, text + start, wlen);
		cap_policy_refuse(ps, line, "unknown tier '%s'", quoted);
		return;
	}
	const char *tier_name = tier == CAP_TIER_SERVICE ? "service" : "admin";
	uint32_t kinds = 0;
	while (cap_policy_next_word(text, len, &pos, &start, &wlen)) {
		uint32_t kind = cap_kind_from_name((const char *)text + start, wlen);
		cap_policy_quote(quoted, text + start, wlen);
		if (kind == CAP_KIND_NULL) {
			cap_policy_refuse(ps, line, "unknown capability '%s'", quoted);
			return;
		}
		if (kinds & (UINT32_C(1) << kind)) {
			cap_policy_refuse(ps, line, "capability '%s' listed twice on this line", quoted);
			return;
		}
		if (ps->granted_on[kind] != 0) {
			cap_policy_refuse(ps, line, "capability '%s' already granted on line %u", quoted,
			                  ps->granted_on[kind]);
			return;
		}
		kinds |= UINT32_C(1) << kind;
	}
	if (kinds == 0) {
		cap_policy_refuse(ps, line, "tier '%s' lists no capabilities", tier_name);
		return;
	}
	for (uint32_t kind = 1; kind <= CAP_KIND_MAX; kind++) {
		if (kinds & (UINT32_C(1) << kind))
			ps->granted_on[kind] = line;
	}
	if (tier == CAP_TIER_SERVICE)
		ps->out->service |= kinds;
	else
		ps->out->admin |= kinds;
	ps->out->lines_accepted++;
}

int cap_policy_parse(const char *file, const uint8_t *data, size_t len, cap_policy_t *out, cap_policy_warn_fn warn,
                     void *ctx)
{
	if (file == NULL || out == NULL || (data == NULL && len > 0))
		return -EINVAL;
	kmemset(out, 0, sizeof(*out));
	cap_parse_t ps = {.file = file, .warn = warn, .ctx = ctx, .out = out};
	if (len > CAP_POLICY_FILE_MAX) {
		char reason[CAP_POLICY_REASON_MAX];
		ksnprintf(reason, sizeof(reason), "file is %zu bytes, over the %u-byte limit", len,
		          CAP_POLICY_FILE_MAX);
		if (warn != NULL)
			warn(ctx, file, 0, reason);
		return -EFBIG;
	}
	size_t pos = 0;
	unsigned line = 1;
	while (pos < len) {
		size_t end = pos;
		while (end < len && data[end] != '\n')
			end++;
		cap_policy_parse_line(&ps, data + pos, end - pos, line);
		pos = end + 1;
		line++;
	}
	return 0;
}
