/* auth_check: the credential decision on the files as the system has them (see authflow.h). */
#include "authflow/authflow.h"

#include "ident/ident_file.h"

/* Static: login is single-threaded, and 2 x 64 KiB is too much for a stack. */
static char passwd_buf[IDENT_FILE_MAX];
static char shadow_buf[IDENT_FILE_MAX];

static int authflow_read_one(auth_read_file_fn read_file, const char *path, char *buf, size_t *len,
			     auth_reason_t *why)
{
	long rc = read_file(path, buf, IDENT_FILE_MAX, len);

	if (rc < 0) {
		auth_reason_set(why, 0, "%s cannot be read (error %ld)", path, rc);
		return -1;
	}
	return 0;
}

auth_result_t auth_check_with(auth_read_file_fn read_file, const char *user, const char *password,
			      auth_passwd_t *account, auth_reason_t *why)
{
	size_t passwd_len = 0, shadow_len = 0;

	auth_reason_clear(why);
	if (!read_file || !user || !password || !account) {
		auth_reason_set(why, 0, "missing argument");
		return AUTH_DENY;
	}
	if (authflow_read_one(read_file, IDENT_PASSWD_PATH, passwd_buf, &passwd_len, why) < 0 ||
	    authflow_read_one(read_file, AUTH_SHADOW_PATH, shadow_buf, &shadow_len, why) < 0)
		return AUTH_DENY;
	return auth_check_files(passwd_buf, passwd_len, shadow_buf, shadow_len, user, password, account,
				why);
}

auth_result_t auth_check(const char *user, const char *password, auth_passwd_t *account,
			 auth_reason_t *why)
{
	return auth_check_with(ident_file_read, user, password, account, why);
}
