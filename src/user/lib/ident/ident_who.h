/*
 * The identity id and groups report (spec/credentials.md CRED-105..107): the
 * calling process's real and effective IDs and supplementary groups, read
 * through the glue, or a named account's from the account files.
 */
#ifndef AEGIS_USER_IDENT_WHO_H
#define AEGIS_USER_IDENT_WHO_H

#include <stdint.h>

#include "ident/ident_initgroups.h"
#include "ident/ident_names.h"

typedef struct {
	uint32_t ruid, euid, rgid, egid;
	uint32_t groups[IDENT_NGROUPS_MAX]; /* supplementary, kernel order (or the account's list) */
	size_t ngroups;
} ident_who_t;

/* The caller's IDs and groups; 0 or the -errno of getgroups. */
long ident_who_self(ident_who_t *who);

/*
 * The account named user: both uids its passwd uid, both gids its passwd
 * gid, groups as initgroups would set them (CRED-101).  -ENOENT for no such
 * user, -EINVAL for a malformed or missing file, -E2BIG for too many groups.
 */
long ident_who_user(const ident_db_t *db, const char *user, ident_who_t *who);

/* ident_shown_groups of who. */
size_t ident_who_shown(const ident_who_t *who, uint32_t *out);

#endif
