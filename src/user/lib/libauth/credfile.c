/*
 * Line iteration, field splitting, field checks and the shared lookup loops
 * of the credential-file parsers (see credfile.h).
 */
#include <string.h>

#include "libauth/credfile.h"

#define COMMENT_MARK '#'
#define FIELD_SEP ':'
#define CONTROL_LIMIT 0x20 /* bytes below are control characters */
#define DEL_BYTE 0x7f
#define DECIMAL_BASE 10u
#define NAME_SUFFIX '$' /* allowed as the last character (machine accounts) */

void auth_file_iter_init(auth_file_iter_t *it, const char *buf, size_t len)
{
	it->buf = buf;
	it->len = buf ? len : 0;
	it->pos = 0;
	it->line_no = 0;
}

/* Column (1-based) of the first control byte, or 0. */
static size_t first_control(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		if (c < CONTROL_LIMIT || c == DEL_BYTE)
			return i + 1;
	}
	return 0;
}

auth_result_t auth_file_next_line(auth_file_iter_t *it, const char **line, size_t *len,
				  auth_reason_t *why)
{
	while (it->pos < it->len) {
		const char *start = it->buf + it->pos;
		size_t rest = it->len - it->pos;
		const char *nl = memchr(start, '\n', rest);
		size_t n = nl ? (size_t)(nl - start) : rest;
		size_t bad;

		it->pos += nl ? n + 1 : n;
		it->line_no++;
		if (n > AUTH_LINE_MAX) {
			auth_reason_set(why, it->line_no, "longer than %d bytes", AUTH_LINE_MAX);
			return AUTH_MALFORMED;
		}
		if (n == 0 || start[0] == COMMENT_MARK)
			continue;
		bad = first_control(start, n);
		if (bad) {
			auth_reason_set(why, it->line_no, "control byte 0x%02x at column %zu",
					(unsigned)(unsigned char)start[bad - 1], bad);
			return AUTH_MALFORMED;
		}
		*line = start;
		*len = n;
		return AUTH_OK;
	}
	return AUTH_NOT_FOUND;
}

auth_result_t auth_fields_split(const char *line, size_t len, unsigned line_no, char *storage,
				char **fields, size_t n_fields, auth_reason_t *why)
{
	size_t found = 1;

	auth_reason_clear(why);
	if (len > AUTH_LINE_MAX) {
		auth_reason_set(why, line_no, "longer than %d bytes", AUTH_LINE_MAX);
		return AUTH_MALFORMED;
	}
	for (size_t i = 0; i < len; i++)
		if (line[i] == FIELD_SEP)
			found++;
	if (found != n_fields) {
		auth_reason_set(why, line_no, "expected %zu fields, found %zu", n_fields, found);
		return AUTH_MALFORMED;
	}
	memcpy(storage, line, len);
	storage[len] = '\0';
	fields[0] = storage;
	for (size_t i = 0, f = 1; i < len; i++) {
		if (storage[i] == FIELD_SEP) {
			storage[i] = '\0';
			fields[f++] = storage + i + 1;
		}
	}
	return AUTH_OK;
}

static bool name_start_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool name_char(char c)
{
	return name_start_char(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

auth_result_t auth_field_name(const char *s, unsigned line_no, const char *what, auth_reason_t *why)
{
	size_t len = strlen(s);

	if (len == 0) {
		auth_reason_set(why, line_no, "%s is empty", what);
		return AUTH_MALFORMED;
	}
	if (len > AUTH_NAME_MAX) {
		auth_reason_set(why, line_no, "%s is longer than %d bytes", what, AUTH_NAME_MAX);
		return AUTH_MALFORMED;
	}
	if (!name_start_char(s[0])) {
		auth_reason_set(why, line_no, "%s must start with a letter or '_'", what);
		return AUTH_MALFORMED;
	}
	for (size_t i = 1; i < len; i++) {
		if (name_char(s[i]) || (s[i] == NAME_SUFFIX && i == len - 1))
			continue;
		auth_reason_set(why, line_no, "%s has a bad character at position %zu", what, i + 1);
		return AUTH_MALFORMED;
	}
	return AUTH_OK;
}

auth_result_t auth_field_u32(const char *s, uint32_t max, unsigned line_no, const char *what,
			     uint32_t *out, auth_reason_t *why)
{
	uint64_t value = 0;
	size_t i = 0;

	if (s[0] == '\0') {
		auth_reason_set(why, line_no, "%s is empty", what);
		return AUTH_MALFORMED;
	}
	for (; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9') {
			auth_reason_set(why, line_no, "%s is not a decimal number", what);
			return AUTH_MALFORMED;
		}
		value = value * DECIMAL_BASE + (uint64_t)(s[i] - '0');
		if (value > max) {
			auth_reason_set(why, line_no, "%s is larger than %u", what, (unsigned)max);
			return AUTH_MALFORMED;
		}
	}
	if (s[0] == '0' && i > 1) {
		auth_reason_set(why, line_no, "%s has a leading zero", what);
		return AUTH_MALFORMED;
	}
	*out = (uint32_t)value;
	return AUTH_OK;
}

auth_result_t auth_credfile_next(const auth_file_kind_t *kind, auth_file_iter_t *it, void *entry,
				 auth_reason_t *why)
{
	const char *line;
	size_t len;
	auth_result_t r;

	auth_reason_clear(why);
	r = auth_file_next_line(it, &line, &len, why);

	if (r != AUTH_OK)
		return r;
	return kind->parse(line, len, it->line_no, entry, why);
}

auth_result_t auth_credfile_find(const auth_file_kind_t *kind, const char *buf, size_t len,
				 auth_entry_match_fn match, const void *key, bool unique_name,
				 void *out, void *scratch, auth_reason_t *why)
{
	auth_file_iter_t it;
	unsigned found_line = 0;
	const char *line;
	size_t line_len;
	auth_result_t r;

	auth_reason_clear(why);
	auth_file_iter_init(&it, buf, len);
	while ((r = auth_file_next_line(&it, &line, &line_len, why)) != AUTH_NOT_FOUND) {
		if (r == AUTH_OK)
			r = kind->parse(line, line_len, it.line_no, scratch, why);
		if (r != AUTH_OK)
			return r; /* fail closed: the file is not what it should be */
		if (!match(scratch, key))
			continue;
		if (found_line == 0) {
			/* Parse again into out: entries point into their own storage. */
			(void)kind->parse(line, line_len, it.line_no, out, why);
			found_line = it.line_no;
		} else if (unique_name) {
			auth_reason_set(why, it.line_no, "duplicate entry for this name (first on line %u)",
					found_line);
			return AUTH_MALFORMED;
		}
	}
	if (found_line == 0) {
		auth_reason_set(why, 0, "no such entry");
		return AUTH_NOT_FOUND;
	}
	auth_reason_clear(why);
	return AUTH_OK;
}

auth_result_t auth_credfile_validate(const auth_file_kind_t *kind, const char *buf, size_t len,
				     size_t *entries, void *scratch, auth_reason_t *why)
{
	auth_file_iter_t it;
	size_t n = 0;
	auth_result_t r;

	auth_reason_clear(why);
	auth_file_iter_init(&it, buf, len);
	while ((r = auth_credfile_next(kind, &it, scratch, why)) == AUTH_OK)
		n++;
	if (entries)
		*entries = n;
	if (r != AUTH_NOT_FOUND)
		return r;
	auth_reason_clear(why);
	return AUTH_OK;
}
