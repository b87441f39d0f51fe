/*
 * auth_check_files: the whole credential decision on file contents already
 * read by the caller.  The later auth_check(user, password) only reads
 * /etc/passwd and /etc/shadow through the userland glue (the shadow read
 * needs the AUTH capability) and calls this.
 *
 * Steps: passwd lookup by name, shadow lookup by name, verification of the
 * shadow hash field.  Every way of not authenticating (unknown user, no
 * shadow entry, locked, wrong password ...) costs one SHA-512-crypt of the
 * password with the default rounds, so an observer cannot tell them apart
 * by time; the result tells the caller only OK or not, and the reason (for
 * the log, never the terminal) says why.  Reasons about file lines name the
 * file: "/etc/shadow: line 2: expected 9 fields, found 8".
 */
#ifndef LIBAUTH_CHECK_H
#define LIBAUTH_CHECK_H

#include <stddef.h>

#include "libauth/passwd.h"
#include "libauth/result.h"

/*
 * AUTH_OK fills *account (uid, gid, home, shell ...).  AUTH_DENY for an
 * unknown user, a user without a shadow entry, or a password that does not
 * authenticate; AUTH_MALFORMED or AUTH_UNSUPPORTED when a file or the hash
 * is broken.  The caller treats everything but AUTH_OK alike towards the user.
 */
auth_result_t auth_check_files(const char *passwd, size_t passwd_len, const char *shadow,
			       size_t shadow_len, const char *user, const char *password,
			       auth_passwd_t *account, auth_reason_t *why);

#endif
