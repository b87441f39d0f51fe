/* The identity of the caller or of a named account (see ident_who.h). */
#include "ident/ident_who.h"

#include <aegis/errno.h>

#include "glue/glue.h"
#include "libauth/group.h"
#include "libauth/passwd.h"

long ident_who_self(ident_who_t *who)
{
	long n;

	who->ruid = (uint32_t)sys_getuid();
	who->euid = (uint32_t)sys_geteuid();
	who->rgid = (uint32_t)sys_getgid();
	who->egid = (uint32_t)sys_getegid();
	who->ngroups = 0;
	n = sys_getgroups((int)IDENT_NGROUPS_MAX, who->groups);
	if (n < 0)
		return n;
	who->ngroups = (size_t)n;
	return 0;
}

long ident_who_user(const ident_db_t *db, const char *user, ident_who_t *who)
{
	auth_passwd_t pw;
	auth_result_t r;

	if (!db->passwd.readable || db->passwd.malformed)
		return -EINVAL;
	r = auth_passwd_find_name(db->passwd.bytes, db->passwd.len, user, &pw, NULL);
	if (r != AUTH_OK)
		return r == AUTH_NOT_FOUND ? -ENOENT : -EINVAL;
	who->ruid = who->euid = pw.uid;
	who->rgid = who->egid = pw.gid;
	who->ngroups = 1;
	who->groups[0] = pw.gid;
	if (!db->group.readable)
		return 0; /* no /etc/group: the primary group alone */
	r = auth_group_list_for_user(db->group.bytes, db->group.len, user, pw.gid, who->groups, IDENT_NGROUPS_MAX,
				     &who->ngroups, NULL);
	if (r == AUTH_OK)
		return 0;
	who->ngroups = 0;
	return r == AUTH_LIMIT ? -E2BIG : -EINVAL;
}

size_t ident_who_shown(const ident_who_t *who, uint32_t *out)
{
	return ident_shown_groups(who->rgid, who->egid, who->groups, who->ngroups, out);
}
