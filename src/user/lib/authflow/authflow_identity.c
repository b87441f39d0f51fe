/*
 * auth_set_identity: groups, then gid, then uid, each result checked, then
 * read back (see authflow.h).  The original set the uid first, which made
 * the setgid that followed fail, and ignored both results.
 */
#include "authflow/authflow.h"

#include <aegis/errno.h>

#include "glue/glue.h"

#define AUTH_NO_ID 0xFFFFFFFFu /* "unchanged" to the set*id calls, never an identity */

static long authflow_step(long rc, const char *call, auth_reason_t *why)
{
	if (rc < 0)
		auth_reason_set(why, 0, "%s failed (error %ld)", call, rc);
	return rc < 0 ? rc : 0;
}

long auth_set_identity_with(const auth_identity_ops_t *ops, uint32_t uid, uint32_t gid,
			    const uint32_t *groups, size_t n, auth_reason_t *why)
{
	long rc;

	auth_reason_clear(why);
	if (!ops || (!groups && n > 0) || uid == AUTH_NO_ID || gid == AUTH_NO_ID) {
		auth_reason_set(why, 0, "bad identity arguments");
		return -EINVAL;
	}
	if ((rc = authflow_step(ops->setgroups(n, groups), "setgroups", why)) < 0 ||
	    (rc = authflow_step(ops->setgid(gid), "setgid", why)) < 0 ||
	    (rc = authflow_step(ops->setuid(uid), "setuid", why)) < 0)
		return rc;
	if (ops->getuid() != (long)uid || ops->geteuid() != (long)uid || ops->getgid() != (long)gid ||
	    ops->getegid() != (long)gid) {
		auth_reason_set(why, 0, "the identity did not change to uid %u gid %u", uid, gid);
		return -EPERM;
	}
	return 0;
}

static const auth_identity_ops_t authflow_glue_ops = {
	.setgroups = sys_setgroups,
	.setgid = sys_setgid,
	.setuid = sys_setuid,
	.getuid = sys_getuid,
	.geteuid = sys_geteuid,
	.getgid = sys_getgid,
	.getegid = sys_getegid,
};

long auth_set_identity(uint32_t uid, uint32_t gid, const uint32_t *groups, size_t n,
		       auth_reason_t *why)
{
	return auth_set_identity_with(&authflow_glue_ops, uid, gid, groups, n, why);
}
