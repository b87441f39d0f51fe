/* /etc/shadow lines and lookups (see shadow.h; rules in spec/auth-flow.md). */
#include <string.h>

#include "libauth/shadow.h"

enum {
	SH_NAME, SH_HASH, SH_LASTCHG, SH_MIN, SH_MAX, SH_WARN, SH_INACTIVE, SH_EXPIRE, SH_RESERVED,
	SH_FIELDS
};

/* An empty day field is "unset"; otherwise a decimal day count. */
static auth_result_t day_field(const char *s, unsigned line_no, const char *what, int64_t *out,
			       auth_reason_t *why)
{
	uint32_t v;
	auth_result_t r;

	if (s[0] == '\0') {
		*out = AUTH_SHADOW_UNSET;
		return AUTH_OK;
	}
	r = auth_field_u32(s, AUTH_DAYS_MAX, line_no, what, &v, why);
	if (r == AUTH_OK)
		*out = v;
	return r;
}

auth_result_t auth_shadow_parse_line(const char *line, size_t len, unsigned line_no,
				     auth_shadow_t *out, auth_reason_t *why)
{
	char *f[SH_FIELDS];
	auth_result_t r;

	r = auth_fields_split(line, len, line_no, out->storage, f, SH_FIELDS, why);
	if (r == AUTH_OK)
		r = auth_field_name(f[SH_NAME], line_no, "user name", why);
	if (r == AUTH_OK)
		r = day_field(f[SH_LASTCHG], line_no, "last change day", &out->last_change, why);
	if (r == AUTH_OK)
		r = day_field(f[SH_MIN], line_no, "minimum age", &out->min_age, why);
	if (r == AUTH_OK)
		r = day_field(f[SH_MAX], line_no, "maximum age", &out->max_age, why);
	if (r == AUTH_OK)
		r = day_field(f[SH_WARN], line_no, "warning period", &out->warn_days, why);
	if (r == AUTH_OK)
		r = day_field(f[SH_INACTIVE], line_no, "inactivity period", &out->inactive_days, why);
	if (r == AUTH_OK)
		r = day_field(f[SH_EXPIRE], line_no, "expiration day", &out->expire_day, why);
	if (r != AUTH_OK)
		return r;
	if (f[SH_RESERVED][0] != '\0') {
		auth_reason_set(why, line_no, "reserved field is not empty");
		return AUTH_MALFORMED;
	}
	out->line_no = line_no;
	out->name = f[SH_NAME];
	out->hash = f[SH_HASH];
	return AUTH_OK;
}

static auth_result_t parse_any(const char *line, size_t len, unsigned line_no, void *entry,
			       auth_reason_t *why)
{
	return auth_shadow_parse_line(line, len, line_no, entry, why);
}

static const auth_file_kind_t shadow_kind = {parse_any};

static bool match_name(const void *entry, const void *key)
{
	return strcmp(((const auth_shadow_t *)entry)->name, key) == 0;
}

auth_result_t auth_shadow_next(auth_file_iter_t *it, auth_shadow_t *out, auth_reason_t *why)
{
	return auth_credfile_next(&shadow_kind, it, out, why);
}

auth_result_t auth_shadow_find_name(const char *buf, size_t len, const char *name,
				    auth_shadow_t *out, auth_reason_t *why)
{
	auth_shadow_t scratch;

	return auth_credfile_find(&shadow_kind, buf, len, match_name, name, true, out, &scratch, why);
}

auth_result_t auth_shadow_validate(const char *buf, size_t len, size_t *entries, auth_reason_t *why)
{
	auth_shadow_t scratch;

	return auth_credfile_validate(&shadow_kind, buf, len, entries, &scratch, why);
}
