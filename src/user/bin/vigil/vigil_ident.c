/*
 * A service's identity from its `user` file (spec/vigil.md VIG-104): the
 * uid, the primary gid and the home from /etc/passwd, the supplementary
 * groups from /etc/group (the primary group first, then every group naming
 * the user), through libauth's parsers.  `root` keeps Vigil's own identity
 * and needs no file.  An unknown user, a missing or malformed /etc/passwd,
 * a malformed /etc/group or too many groups is an error for that service
 * only.  This is a local initgroups: the groups are set with setgroups by
 * vigil_spawn.c.
 */
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

#include "libauth/group.h"
#include "libauth/passwd.h"
#include "vigil.h"

#define VIGIL_PASSWD_PATH "/etc/passwd"
#define VIGIL_GROUP_PATH "/etc/group"
#define VIGIL_ROOT_USER "root"
#define VIGIL_CRED_FILE_MAX 65536 /* bytes of /etc/passwd or /etc/group read */

static char cred_buf[VIGIL_CRED_FILE_MAX + 1];

/* Read a credential file whole into cred_buf; 0, or -errno with msg filled. */
static int read_cred_file(const char *path, size_t *len, char *msg, size_t msg_len)
{
	int r = vigil_read_file(path, cred_buf, sizeof(cred_buf), len);
	if (r != 0) {
		(void)snprintf(msg, msg_len, "cannot read %s (error %d)", path, r);
		return r;
	}
	if (*len > VIGIL_CRED_FILE_MAX) {
		(void)snprintf(msg, msg_len, "%s is larger than %d bytes", path, VIGIL_CRED_FILE_MAX);
		return -EFBIG;
	}
	return 0;
}

int vigil_ident_resolve(const char *user, vigil_ident_t *out, char *msg, size_t msg_len)
{
	static auth_passwd_t pw;
	auth_reason_t why;
	size_t len = 0;

	memset(out, 0, sizeof(*out));
	if (strcmp(user, VIGIL_ROOT_USER) == 0)
		return 0;
	int r = read_cred_file(VIGIL_PASSWD_PATH, &len, msg, msg_len);
	if (r != 0)
		return r;
	auth_result_t a = auth_passwd_find_name(cred_buf, len, user, &pw, &why);
	if (a == AUTH_NOT_FOUND) {
		(void)snprintf(msg, msg_len, "unknown user '%s'", user);
		return -ENOENT;
	}
	if (a != AUTH_OK) {
		(void)snprintf(msg, msg_len, "%s: %s", VIGIL_PASSWD_PATH, why.text);
		return -EINVAL;
	}
	out->change = true;
	out->uid = pw.uid;
	out->gid = pw.gid;
	r = read_cred_file(VIGIL_GROUP_PATH, &len, msg, msg_len);
	if (r == -ENOENT) {
		out->groups[0] = pw.gid; /* no group file: the primary group alone */
		out->ngroups = 1;
		return 0;
	}
	if (r != 0)
		return r;
	a = auth_group_list_for_user(cred_buf, len, user, pw.gid, out->groups, AUTH_GROUPS_MAX, &out->ngroups, &why);
	if (a != AUTH_OK) {
		(void)snprintf(msg, msg_len, "%s: %s", VIGIL_GROUP_PATH, why.text);
		return a == AUTH_LIMIT ? -E2BIG : -EINVAL;
	}
	return 0;
}
