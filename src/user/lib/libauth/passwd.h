/*
 * /etc/passwd entries: name:password:uid:gid:gecos:home:shell (passwd(5)).
 *
 * Rules (spec/auth-flow.md AUTH-030..041): exactly 7 fields, a valid name,
 * uid and gid decimal and at most AUTH_ID_MAX, an absolute home, an empty
 * or absolute shell (empty means /bin/sh).  An entry holds its own copy of
 * the line, so its strings outlive the caller's buffer.
 */
#ifndef LIBAUTH_PASSWD_H
#define LIBAUTH_PASSWD_H

#include <stddef.h>
#include <stdint.h>

#include "libauth/credfile.h"

#define AUTH_DEFAULT_SHELL "/bin/sh"

typedef struct {
	unsigned line_no;
	const char *name;
	const char *password; /* usually "x": the hash lives in /etc/shadow */
	uint32_t uid;
	uint32_t gid;
	const char *gecos;
	const char *home;
	const char *shell;    /* AUTH_DEFAULT_SHELL when the field is empty */
	char storage[AUTH_LINE_MAX + 1];
} auth_passwd_t;

auth_result_t auth_passwd_parse_line(const char *line, size_t len, unsigned line_no,
				     auth_passwd_t *out, auth_reason_t *why);
auth_result_t auth_passwd_next(auth_file_iter_t *it, auth_passwd_t *out, auth_reason_t *why);
auth_result_t auth_passwd_find_name(const char *buf, size_t len, const char *name,
				    auth_passwd_t *out, auth_reason_t *why);
auth_result_t auth_passwd_find_uid(const char *buf, size_t len, uint32_t uid, auth_passwd_t *out,
				   auth_reason_t *why);
auth_result_t auth_passwd_validate(const char *buf, size_t len, size_t *entries, auth_reason_t *why);

#endif
