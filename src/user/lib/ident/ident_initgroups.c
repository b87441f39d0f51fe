/*
 * initgroups: /etc/group through libauth's one parser, then setgroups (see
 * ident_initgroups.h).
 */
#include "ident/ident_initgroups.h"

#include <aegis/errno.h>

#include "glue/glue.h"
#include "ident/ident_file.h"
#include "libauth/group.h"

#define NO_GID 0xFFFFFFFFu /* setgroups' "unchanged", never a group */

static char group_buf[IDENT_FILE_MAX];

long ident_initgroups_from(const char *group_file, size_t len, const char *user, uint32_t gid,
			   ident_setgroups_fn setgroups, auth_reason_t *why)
{
	uint32_t gids[IDENT_NGROUPS_MAX];
	size_t count = 0;
	auth_result_t r;
	long rc;

	auth_reason_clear(why);
	if (!user || auth_field_name(user, 0, "user name", why) != AUTH_OK) {
		if (!user)
			auth_reason_set(why, 0, "no user name");
		return -EINVAL;
	}
	if (gid == NO_GID) {
		auth_reason_set(why, 0, "gid 4294967295 is not a group");
		return -EINVAL;
	}
	if (!setgroups || (!group_file && len > 0)) {
		auth_reason_set(why, 0, "no setgroups or no file bytes");
		return -EINVAL;
	}
	r = auth_group_list_for_user(group_file, len, user, gid, gids, IDENT_NGROUPS_MAX, &count, why);
	if (r == AUTH_LIMIT)
		return -E2BIG;
	if (r != AUTH_OK)
		return -EINVAL;
	rc = setgroups(count, gids);
	if (rc < 0)
		auth_reason_set(why, 0, "setgroups of %zu groups refused: %ld", count, rc);
	return rc < 0 ? rc : 0;
}

long ident_initgroups(const char *user, uint32_t gid, auth_reason_t *why)
{
	size_t len = 0;
	long rc = ident_file_read(IDENT_GROUP_PATH, group_buf, sizeof(group_buf), &len);

	if (rc < 0) {
		auth_reason_set(why, 0, "%s cannot be read: %ld", IDENT_GROUP_PATH, rc);
		return rc;
	}
	rc = ident_initgroups_from(group_buf, len, user, gid, sys_setgroups, why);
	if ((rc == -EINVAL || rc == -E2BIG) && why) {
		auth_reason_t inner = *why;
		auth_reason_set(why, 0, "%s: %s", IDENT_GROUP_PATH, inner.text);
	}
	return rc;
}
