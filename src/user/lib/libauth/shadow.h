/*
 * /etc/shadow entries:
 * name:hash:lastchg:min:max:warn:inactive:expire:reserved (shadow(5)).
 *
 * Exactly 9 fields, a valid name, day fields empty (AUTH_SHADOW_UNSET) or
 * decimal up to AUTH_DAYS_MAX, the reserved field empty.  The hash field is
 * kept as written; whether it can authenticate is decided by verify.h.
 */
#ifndef LIBAUTH_SHADOW_H
#define LIBAUTH_SHADOW_H

#include <stddef.h>
#include <stdint.h>

#include "libauth/credfile.h"

#define AUTH_SHADOW_UNSET (-1)

typedef struct {
	unsigned line_no;
	const char *name;
	const char *hash;
	int64_t last_change; /* days since 1970-01-01, or AUTH_SHADOW_UNSET */
	int64_t min_age;
	int64_t max_age;
	int64_t warn_days;
	int64_t inactive_days;
	int64_t expire_day;
	char storage[AUTH_LINE_MAX + 1];
} auth_shadow_t;

auth_result_t auth_shadow_parse_line(const char *line, size_t len, unsigned line_no,
				     auth_shadow_t *out, auth_reason_t *why);
auth_result_t auth_shadow_next(auth_file_iter_t *it, auth_shadow_t *out, auth_reason_t *why);
auth_result_t auth_shadow_find_name(const char *buf, size_t len, const char *name,
				    auth_shadow_t *out, auth_reason_t *why);
auth_result_t auth_shadow_validate(const char *buf, size_t len, size_t *entries, auth_reason_t *why);

#endif
