/*
 * /bin/pwd: print the working directory (spec/coreutils.md CU-402).  -P
 * (the default, as GNU's pwd without POSIXLY_CORRECT) prints the kernel's
 * path; -L prints $PWD when it is absolute, has no . or .. component and
 * names the working directory itself, else falls back to -P.  The last of
 * -L/-P wins.  Operands are ignored with GNU's warning.
 */
#include <stdbool.h>
#include <string.h>

#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_opt.h"
#include "cu/cu_out.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define PWD_PATH_MAX 4096
#define PWD_ENV "PWD="

static bool logical;
static char cwd[PWD_PATH_MAX];

static int pwd_option(void *ctx, int opt, const char *arg)
{
	(void)ctx;
	(void)arg;
	if (opt == CU_OPT_LONG) {
		if (strcmp(arg, "--logical") == 0)
			opt = 'L';
		else if (strcmp(arg, "--physical") == 0)
			opt = 'P';
		else if (strcmp(arg, "--help") == 0) {
			uio_printf(CU_STDOUT, "Usage: pwd [-LP]\n");
			sys_exit_group(CU_EXIT_OK);
		} else
			return cu_usage_unrecognized("pwd", arg);
	}
	logical = opt == 'L';
	return 0;
}

/* Does $PWD qualify for -L: absolute, no . or .. component, the same file as "."? */
static bool pwd_env_ok(const char *pwd)
{
	aegis_stat_t a, b;

	if (pwd[0] != '/')
		return false;
	for (const char *p = pwd; (p = strchr(p, '/')) != NULL; p++) {
		size_t n = strcspn(p + 1, "/");
		if ((n == 1 && p[1] == '.') || (n == 2 && p[1] == '.' && p[2] == '.'))
			return false;
	}
	return sys_stat(pwd, &a) == 0 && sys_stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static const char *pwd_env(char **envp)
{
	for (; *envp; envp++)
		if (strncmp(*envp, PWD_ENV, strlen(PWD_ENV)) == 0)
			return *envp + strlen(PWD_ENV);
	return NULL;
}

int main(int argc, char **argv, char **envp)
{
	cu_opt_error_t err;
	cu_out_t out;
	int n = cu_opt_parse(argc, argv, "LP", 0, pwd_option, NULL, &err);

	if (n < 0)
		return cu_usage_fail("pwd", n, &err, CU_EXIT_FAIL);
	if (n > 0)
		cu_msg("pwd", "ignoring non-option arguments");
	cu_out_init(&out, CU_STDOUT);
	const char *env = logical ? pwd_env(envp) : NULL;
	if (env && pwd_env_ok(env)) {
		cu_out_str(&out, env);
	} else {
		long r = sys_getcwd(cwd, sizeof(cwd));
		if (r < 0) {
			cu_msg_err("pwd", r, "cannot determine current directory");
			return CU_EXIT_FAIL;
		}
		cu_out_str(&out, cwd);
	}
	cu_out_char(&out, '\n');
	return cu_finish(&out, "pwd", CU_EXIT_OK);
}
