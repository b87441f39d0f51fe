/*
 * initgroups for Aegis programs (spec/credentials.md CRED-101..103): the
 * supplementary group list of a user, made from /etc/group by libauth's
 * parser (auth_group_list_for_user: the primary gid, then every group naming
 * the user, in file order, each once) and handed to setgroups in one call.
 *
 * Every failure returns -errno and, when why is not NULL, one line saying
 * what went wrong; a failure before setgroups never calls it, so the
 * process's list is left as it was.
 */
#ifndef AEGIS_USER_IDENT_INITGROUPS_H
#define AEGIS_USER_IDENT_INITGROUPS_H

#include <stddef.h>
#include <stdint.h>

#include "libauth/result.h"

/* The kernel's bound on the supplementary list (CRED_NGROUPS_MAX, CRED-001). */
#define IDENT_NGROUPS_MAX 64u

/* A setgroups: sys_setgroups, or a test's stand-in. */
typedef long (*ident_setgroups_fn)(size_t size, const uint32_t *list);

/*
 * initgroups over the bytes of a group file: -EINVAL for a NULL or invalid
 * user name or gid -1 (judged first) and for a malformed file (the parser's
 * reason), -E2BIG when the user would be in more than IDENT_NGROUPS_MAX
 * groups; otherwise setgroups' answer (-ENOCAP without SETUID(W)).
 */
long ident_initgroups_from(const char *group_file, size_t len, const char *user, uint32_t gid,
			   ident_setgroups_fn setgroups, auth_reason_t *why);

/* initgroups(3): reads /etc/group through the glue and calls sys_setgroups. */
long ident_initgroups(const char *user, uint32_t gid, auth_reason_t *why);

#endif
