/*
 * The session after a successful check: elevate (364), supplementary groups,
 * gid, uid, home directory, environment, clear screen, then exec the shell
 * as a login shell ("-stsh"), falling back to /bin/sh ("-sh").
 */
#include <stdio.h>
#include <string.h>

#include "authflow/authflow.h"
#include "glue/glue.h"
#include "ident/ident_file.h"
#include "ident/ident_initgroups.h"
#include "libauth/group.h"
#include "login.h"
#include "slog/slog.h"
#include "uio/uio.h"

#define LOGIN_ENV_MAX 256 /* one "NAME=value" entry */
#define LOGIN_ENV_COUNT 5
#define LOGIN_PATH "PATH=/bin"
#define LOGIN_FALLBACK_SHELL "/bin/sh"
#define LOGIN_CLEAR "\033[2J\033[H"

static char group_buf[IDENT_FILE_MAX];

/* The primary gid, then every group naming the user; only the primary one without /etc/group. */
static long login_groups(const auth_passwd_t *a, uint32_t *gids, size_t *n)
{
	size_t len = 0;
	auth_reason_t why;

	if (ident_file_read(IDENT_GROUP_PATH, group_buf, sizeof(group_buf), &len) < 0) {
		gids[0] = a->gid;
		*n = 1;
		return 0;
	}
	if (auth_group_list_for_user(group_buf, len, a->name, a->gid, gids, AUTH_GROUPS_MAX, n, &why) !=
	    AUTH_OK) {
		login_log("%s: %s", IDENT_GROUP_PATH, why.text);
		return -1;
	}
	return 0;
}

static void login_exec(const char *shell, char *const *envp)
{
	char arg0[LOGIN_ENV_MAX];
	const char *base = strrchr(shell, '/');
	char *argv[2] = { arg0, NULL };
	long rc;

	(void)snprintf(arg0, sizeof(arg0), "-%s", base ? base + 1 : shell);
	rc = sys_execve(shell, argv, envp);
	login_log("cannot run %s (error %ld)", shell, rc);
}

int login_start_session(const auth_passwd_t *a)
{
	uint32_t gids[AUTH_GROUPS_MAX];
	size_t n = 0;
	auth_reason_t why;
	long rc;
	static char env[LOGIN_ENV_COUNT][LOGIN_ENV_MAX];
	char *envp[LOGIN_ENV_COUNT + 1];

	(void)slog_append(SLOG_AUTH, "login", "LOGIN on %s by '%s' (uid %u)", login_tty_name(), a->name,
			  (unsigned)a->uid);
	if ((rc = auth_elevate_session()) < 0) {
		login_log("cannot start an authenticated session (error %ld)", rc);
		return -1;
	}
	if (login_groups(a, gids, &n) < 0)
		return -1;
	if (auth_set_identity(a->uid, a->gid, gids, n, &why) < 0) {
		login_log("%s", why.text);
		return -1;
	}
	if ((rc = sys_chdir(a->home)) < 0) {
		login_log("cannot enter %s (error %ld), using /", a->home, rc);
		(void)sys_chdir("/");
	}
	(void)snprintf(env[0], LOGIN_ENV_MAX, "HOME=%s", a->home);
	(void)snprintf(env[1], LOGIN_ENV_MAX, "USER=%s", a->name);
	(void)snprintf(env[2], LOGIN_ENV_MAX, "LOGNAME=%s", a->name);
	(void)snprintf(env[3], LOGIN_ENV_MAX, "SHELL=%s", a->shell);
	(void)snprintf(env[4], LOGIN_ENV_MAX, "%s", LOGIN_PATH);
	for (size_t i = 0; i < LOGIN_ENV_COUNT; i++)
		envp[i] = env[i];
	envp[LOGIN_ENV_COUNT] = NULL;
	(void)uio_write_str(LOGIN_OUT, LOGIN_CLEAR);
	login_exec(a->shell, envp);
	if (strcmp(a->shell, LOGIN_FALLBACK_SHELL) != 0) {
		login_log("falling back to %s", LOGIN_FALLBACK_SHELL);
		login_exec(LOGIN_FALLBACK_SHELL, envp);
	}
	return -1;
}
