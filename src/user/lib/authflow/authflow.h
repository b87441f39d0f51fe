/*
 * libauth's flow API (spec/auth-flow.md AUTH-060..069): the steps of a login
 * that need the kernel, over libauth's pure parsers and hashing.
 *
 *   auth_check           read /etc/passwd and /etc/shadow, then auth_check_files
 *   auth_set_identity    supplementary groups, then gid, then uid, each checked
 *   auth_elevate_session system call 364 (AUTH(R) needed)
 *
 * There is no auth_grant_shell_caps: the original's call 361 was vestigial,
 * and in Aegis the shell's admin capabilities come from its own policy's
 * admin tier once the session is authenticated (spec/capability-model.md
 * CAP-070), never from login's AUTH and SETUID.
 *
 * Each function has a *_with form taking its system calls as parameters so
 * the host tests can drive every failure; the plain form uses the glue.
 */
#ifndef AEGIS_USER_AUTHFLOW_H
#define AEGIS_USER_AUTHFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "libauth/check.h"
#include "libauth/passwd.h"
#include "libauth/result.h"

#define AUTH_SHADOW_PATH "/etc/shadow"

/* Reads a whole file into buf (ident_file_read's contract). */
typedef long (*auth_read_file_fn)(const char *path, char *buf, size_t cap, size_t *len);

/*
 * auth_check_files over the bytes of /etc/passwd and /etc/shadow as read.
 * A file that cannot be read, or is larger than the bound, gives AUTH_DENY
 * with a reason naming the file and the error; nothing is read in part.
 */
auth_result_t auth_check_with(auth_read_file_fn read_file, const char *user, const char *password,
			      auth_passwd_t *account, auth_reason_t *why);
auth_result_t auth_check(const char *user, const char *password, auth_passwd_t *account,
			 auth_reason_t *why);

/* The identity calls, as the glue has them. */
typedef struct {
	long (*setgroups)(size_t size, const uint32_t *list);
	long (*setgid)(uint32_t gid);
	long (*setuid)(uint32_t uid);
	long (*getuid)(void);
	long (*geteuid)(void);
	long (*getgid)(void);
	long (*getegid)(void);
} auth_identity_ops_t;

/*
 * setgroups(groups), setgid(gid), setuid(uid) in that order; the first
 * failure is returned (-errno) and nothing after it is tried.  Then the real
 * and effective ids are read back: a mismatch is -EPERM.  -EINVAL before any
 * call for a NULL list with n > 0 or an id of 4294967295.
 */
long auth_set_identity_with(const auth_identity_ops_t *ops, uint32_t uid, uint32_t gid,
			    const uint32_t *groups, size_t n, auth_reason_t *why);
long auth_set_identity(uint32_t uid, uint32_t gid, const uint32_t *groups, size_t n,
		       auth_reason_t *why);

/* System call 364; its result (0 or -ENOCAP). */
long auth_elevate_session(void);

#endif
