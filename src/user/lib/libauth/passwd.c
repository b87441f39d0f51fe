/* /etc/passwd lines and lookups (see passwd.h; rules in spec/auth-flow.md). */
#include <string.h>

#include "libauth/passwd.h"

enum { PW_NAME, PW_PASSWORD, PW_UID, PW_GID, PW_GECOS, PW_HOME, PW_SHELL, PW_FIELDS };

auth_result_t auth_passwd_parse_line(const char *line, size_t len, unsigned line_no,
				     auth_passwd_t *out, auth_reason_t *why)
{
	char *f[PW_FIELDS];
	auth_result_t r;

	r = auth_fields_split(line, len, line_no, out->storage, f, PW_FIELDS, why);
	if (r == AUTH_OK)
		r = auth_field_name(f[PW_NAME], line_no, "user name", why);
	if (r == AUTH_OK)
		r = auth_field_u32(f[PW_UID], AUTH_ID_MAX, line_no, "uid", &out->uid, why);
	if (r == AUTH_OK)
		r = auth_field_u32(f[PW_GID], AUTH_ID_MAX, line_no, "gid", &out->gid, why);
	if (r != AUTH_OK)
		return r;
	if (f[PW_HOME][0] != '/') {
		auth_reason_set(why, line_no, "home is not an absolute path");
		return AUTH_MALFORMED;
	}
	if (f[PW_SHELL][0] != '\0' && f[PW_SHELL][0] != '/') {
		auth_reason_set(why, line_no, "shell is not an absolute path");
		return AUTH_MALFORMED;
	}
	out->line_no = line_no;
	out->name = f[PW_NAME];
	out->password = f[PW_PASSWORD];
	out->gecos = f[PW_GECOS];
	out->home = f[PW_HOME];
	out->shell = f[PW_SHELL][0] ? f[PW_SHELL] : AUTH_DEFAULT_SHELL;
	return AUTH_OK;
}

static auth_result_t parse_any(const char *line, size_t len, unsigned line_no, void *entry,
			       auth_reason_t *why)
{
	return auth_passwd_parse_line(line, len, line_no, entry, why);
}

static const auth_file_kind_t passwd_kind = {parse_any};

static bool match_name(const void *entry, const void *key)
{
	return strcmp(((const auth_passwd_t *)entry)->name, key) == 0;
}

static bool match_uid(const void *entry, const void *key)
{
	return ((const auth_passwd_t *)entry)->uid == *(const uint32_t *)key;
}

auth_result_t auth_passwd_next(auth_file_iter_t *it, auth_passwd_t *out, auth_reason_t *why)
{
	return auth_credfile_next(&passwd_kind, it, out, why);
}

auth_result_t auth_passwd_find_name(const char *buf, size_t len, const char *name,
				    auth_passwd_t *out, auth_reason_t *why)
{
	auth_passwd_t scratch;

	return auth_credfile_find(&passwd_kind, buf, len, match_name, name, true, out, &scratch, why);
}

auth_result_t auth_passwd_find_uid(const char *buf, size_t len, uint32_t uid, auth_passwd_t *out,
				   auth_reason_t *why)
{
	auth_passwd_t scratch;

	return auth_credfile_find(&passwd_kind, buf, len, match_uid, &uid, false, out, &scratch, why);
}

auth_result_t auth_passwd_validate(const char *buf, size_t len, size_t *entries, auth_reason_t *why)
{
	auth_passwd_t scratch;

	return auth_credfile_validate(&passwd_kind, buf, len, entries, &scratch, why);
}
