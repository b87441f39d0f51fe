/*
 * /etc/group entries: name:password:gid:members (group(5)).
 *
 * Exactly 4 fields, a valid name, gid at most AUTH_ID_MAX, members a comma
 * list of valid names (empty list allowed, empty member not).  Members are
 * stored one after another as NUL-terminated strings in the entry's
 * storage; walk them with auth_group_next_member().
 */
#ifndef LIBAUTH_GROUP_H
#define LIBAUTH_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libauth/credfile.h"

#define AUTH_GROUPS_MAX 32 /* supplementary groups a login may carry */

typedef struct {
	unsigned line_no;
	const char *name;
	const char *password;
	uint32_t gid;
	const char *members; /* first member, or NULL when the list is empty */
	size_t member_count;
	const char *members_end; /* one past the last member's NUL */
	char storage[AUTH_LINE_MAX + 1];
} auth_group_t;

auth_result_t auth_group_parse_line(const char *line, size_t len, unsigned line_no,
				    auth_group_t *out, auth_reason_t *why);
auth_result_t auth_group_next(auth_file_iter_t *it, auth_group_t *out, auth_reason_t *why);
auth_result_t auth_group_find_name(const char *buf, size_t len, const char *name,
				   auth_group_t *out, auth_reason_t *why);
auth_result_t auth_group_find_gid(const char *buf, size_t len, uint32_t gid, auth_group_t *out,
				  auth_reason_t *why);
auth_result_t auth_group_validate(const char *buf, size_t len, size_t *entries, auth_reason_t *why);

/* prev NULL gives the first member; NULL after the last. */
const char *auth_group_next_member(const auth_group_t *group, const char *prev);
bool auth_group_has_member(const auth_group_t *group, const char *user);

/*
 * primary_gid first, then every group naming user as member, in file
 * order, each gid once.  AUTH_LIMIT if more than max (max <= AUTH_GROUPS_MAX
 * is the caller's choice) would be needed; the list is never shortened.
 */
auth_result_t auth_group_list_for_user(const char *buf, size_t len, const char *user,
				       uint32_t primary_gid, uint32_t *gids, size_t max,
				       size_t *count, auth_reason_t *why);

#endif
