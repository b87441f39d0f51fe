/*
 * /etc/group lines, lookups and a user's group list (see group.h; rules in
 * spec/auth-flow.md).  Members are split in place: each ',' becomes a NUL,
 * so the member names follow one another in the entry's storage.
 */
#include <string.h>

#include "libauth/group.h"

enum { GR_NAME, GR_PASSWORD, GR_GID, GR_MEMBERS, GR_FIELDS };

#define MEMBER_SEP ','

static auth_result_t split_members(char *list, unsigned line_no, auth_group_t *out,
				   auth_reason_t *why)
{
	char *start = list;
	auth_result_t r;

	out->members = NULL;
	out->members_end = NULL;
	out->member_count = 0;
	if (list[0] == '\0')
		return AUTH_OK;
	for (char *p = list;; p++) {
		if (*p != MEMBER_SEP && *p != '\0')
			continue;
		bool last = *p == '\0';
		*p = '\0';
		if (start == p) {
			auth_reason_set(why, line_no, "member %zu is empty", out->member_count + 1);
			return AUTH_MALFORMED;
		}
		r = auth_field_name(start, line_no, "member name", why);
		if (r != AUTH_OK)
			return r;
		out->member_count++;
		start = p + 1;
		if (last)
			break;
	}
	out->members = list;
	out->members_end = start;
	return AUTH_OK;
}

auth_result_t auth_group_parse_line(const char *line, size_t len, unsigned line_no,
				    auth_group_t *out, auth_reason_t *why)
{
	char *f[GR_FIELDS];
	auth_result_t r;

	r = auth_fields_split(line, len, line_no, out->storage, f, GR_FIELDS, why);
	if (r == AUTH_OK)
		r = auth_field_name(f[GR_NAME], line_no, "group name", why);
	if (r == AUTH_OK)
		r = auth_field_u32(f[GR_GID], AUTH_ID_MAX, line_no, "gid", &out->gid, why);
	if (r == AUTH_OK)
		r = split_members(f[GR_MEMBERS], line_no, out, why);
	if (r != AUTH_OK)
		return r;
	out->line_no = line_no;
	out->name = f[GR_NAME];
	out->password = f[GR_PASSWORD];
	return AUTH_OK;
}

const char *auth_group_next_member(const auth_group_t *group, const char *prev)
{
	if (!group->members)
		return NULL;
	if (!prev)
		return group->members;
	/* The storage holds "name\0name\0...\0" up to members_end. */
	prev += strlen(prev) + 1;
	return prev < group->members_end ? prev : NULL;
}

bool auth_group_has_member(const auth_group_t *group, const char *user)
{
	for (const char *m = auth_group_next_member(group, NULL); m; m = auth_group_next_member(group, m))
		if (strcmp(m, user) == 0)
			return true;
	return false;
}

static auth_result_t parse_any(const char *line, size_t len, unsigned line_no, void *entry,
			       auth_reason_t *why)
{
	return auth_group_parse_line(line, len, line_no, entry, why);
}

static const auth_file_kind_t group_kind = {parse_any};

static bool match_name(const void *entry, const void *key)
{
	return strcmp(((const auth_group_t *)entry)->name, key) == 0;
}

static bool match_gid(const void *entry, const void *key)
{
	return ((const auth_group_t *)entry)->gid == *(const uint32_t *)key;
}

auth_result_t auth_group_next(auth_file_iter_t *it, auth_group_t *out, auth_reason_t *why)
{
	return auth_credfile_next(&group_kind, it, out, why);
}

auth_result_t auth_group_find_name(const char *buf, size_t len, const char *name,
				   auth_group_t *out, auth_reason_t *why)
{
	auth_group_t scratch;

	return auth_credfile_find(&group_kind, buf, len, match_name, name, true, out, &scratch, why);
}

auth_result_t auth_group_find_gid(const char *buf, size_t len, uint32_t gid, auth_group_t *out,
				  auth_reason_t *why)
{
	auth_group_t scratch;

	return auth_credfile_find(&group_kind, buf, len, match_gid, &gid, false, out, &scratch, why);
}

auth_result_t auth_group_validate(const char *buf, size_t len, size_t *entries, auth_reason_t *why)
{
	auth_group_t scratch;

	return auth_credfile_validate(&group_kind, buf, len, entries, &scratch, why);
}

static bool gid_listed(const uint32_t *gids, size_t n, uint32_t gid)
{
	for (size_t i = 0; i < n; i++)
		if (gids[i] == gid)
			return true;
	return false;
}

auth_result_t auth_group_list_for_user(const char *buf, size_t len, const char *user,
				       uint32_t primary_gid, uint32_t *gids, size_t max,
				       size_t *count, auth_reason_t *why)
{
	auth_file_iter_t it;
	auth_group_t g;
	size_t n = 0;
	auth_result_t r;

	auth_reason_clear(why);
	*count = 0;
	if (max == 0) {
		auth_reason_set(why, 0, "no room for the primary group");
		return AUTH_LIMIT;
	}
	gids[n++] = primary_gid;
	auth_file_iter_init(&it, buf, len);
	while ((r = auth_group_next(&it, &g, why)) != AUTH_NOT_FOUND) {
		if (r != AUTH_OK)
			return r;
		if (!auth_group_has_member(&g, user) || gid_listed(gids, n, g.gid))
			continue;
		if (n == max) {
			auth_reason_set(why, g.line_no, "user is in more than %zu groups", max);
			return AUTH_LIMIT;
		}
		gids[n++] = g.gid;
	}
	auth_reason_clear(why);
	*count = n;
	return AUTH_OK;
}
