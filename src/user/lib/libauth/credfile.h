/*
 * Shared machinery of the /etc/passwd, /etc/shadow and /etc/group parsers.
 *
 * The caller owns the file's bytes (the library does no I/O).  A line
 * iterator walks them: lines end with LF, the last may lack it, each is at
 * most AUTH_LINE_MAX bytes and may hold no control byte; empty lines and
 * '#' comments are skipped; a bad line is reported and skipped so the next
 * call continues after it.  An entry parser copies one line into its
 * entry's storage and splits it on ':' there, so fields are NUL-terminated
 * strings owned by the entry.  auth_credfile_find() is the one lookup loop
 * the three files share: it reads the whole file, fails closed on any bad
 * line, and optionally refuses a second entry with the same name.
 */
#ifndef LIBAUTH_CREDFILE_H
#define LIBAUTH_CREDFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libauth/result.h"

#define AUTH_LINE_MAX 4096
#define AUTH_NAME_MAX 32
#define AUTH_ID_MAX 4294967294u    /* (uint32_t)-1 means "no change" to setresuid */
#define AUTH_DAYS_MAX 2147483647u  /* shadow day counts */

typedef struct {
	const char *buf;
	size_t len;
	size_t pos;
	unsigned line_no; /* of the line last returned */
} auth_file_iter_t;

void auth_file_iter_init(auth_file_iter_t *it, const char *buf, size_t len);

/* Next entry line (not empty, not a comment). AUTH_OK, AUTH_NOT_FOUND at end, or AUTH_MALFORMED. */
auth_result_t auth_file_next_line(auth_file_iter_t *it, const char **line, size_t *len,
				  auth_reason_t *why);

/*
 * Copy line into storage (AUTH_LINE_MAX + 1 bytes), split on ':' into exactly
 * n_fields NUL-terminated fields.
 */
auth_result_t auth_fields_split(const char *line, size_t len, unsigned line_no, char *storage,
				char **fields, size_t n_fields, auth_reason_t *why);

/* Field checks; `what` names the field in the reason ("uid", "group name"). */
auth_result_t auth_field_name(const char *s, unsigned line_no, const char *what, auth_reason_t *why);
auth_result_t auth_field_u32(const char *s, uint32_t max, unsigned line_no, const char *what,
			     uint32_t *out, auth_reason_t *why);

/* One kind of credential file, for the shared loops. */
typedef auth_result_t (*auth_entry_parse_fn)(const char *line, size_t len, unsigned line_no,
					     void *entry, auth_reason_t *why);
typedef bool (*auth_entry_match_fn)(const void *entry, const void *key);

typedef struct {
	auth_entry_parse_fn parse;
} auth_file_kind_t;

/* Next valid entry; bad lines are reported (AUTH_MALFORMED) one call each. */
auth_result_t auth_credfile_next(const auth_file_kind_t *kind, auth_file_iter_t *it, void *entry,
				 auth_reason_t *why);

/*
 * Whole-file lookup.  scratch is an entry-sized work area.  unique_name:
 * a second entry matching (by name) is an error.  AUTH_OK leaves the first
 * match in out (parsed there again, since entries point into themselves).
 */
auth_result_t auth_credfile_find(const auth_file_kind_t *kind, const char *buf, size_t len,
				 auth_entry_match_fn match, const void *key, bool unique_name,
				 void *out, void *scratch, auth_reason_t *why);

/* Count the entries of a whole file, or report its first bad line. */
auth_result_t auth_credfile_validate(const auth_file_kind_t *kind, const char *buf, size_t len,
				     size_t *entries, void *scratch, auth_reason_t *why);

#endif
