/*
 * libauth: everything login (and later the graphical login) needs to decide
 * who may log in.  One include for callers.
 *
 *   result.h        results and one-line reasons
 *   crypt_setting.h parsing "$5$/$6$" settings and stored hashes
 *   crypt_sha.h     SHA-crypt itself (auth_crypt)
 *   verify.h        password against a shadow hash field
 *   passwd.h shadow.h group.h   the three credential files
 *   check.h         the whole decision on file contents (auth_check_files)
 *
 * Not here yet (spec/auth-flow.md "Planned"): auth_check, which will read
 * /etc/passwd and /etc/shadow through the userland glue and call
 * auth_check_files; auth_set_identity and auth_elevate_session, which need
 * syscalls.
 */
#ifndef LIBAUTH_AUTH_H
#define LIBAUTH_AUTH_H

#include "libauth/check.h"
#include "libauth/crypt_setting.h"
#include "libauth/crypt_sha.h"
#include "libauth/group.h"
#include "libauth/passwd.h"
#include "libauth/result.h"
#include "libauth/shadow.h"
#include "libauth/verify.h"

#endif
