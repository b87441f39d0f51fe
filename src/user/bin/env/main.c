/*
 * /bin/env: print the environment, or run a command in a changed one
 * (spec/coreutils.md CU-411).  -i (or a lone `-`) starts empty, -u NAME
 * removes NAME, NAME=VALUE operands set; the first other operand is the
 * command, found through the new environment's PATH (default
 * ENV_DEFAULT_PATH) when it has no '/'.  Not found: `env: 'x': No such
 * file or directory`, status 127; found but not runnable: status 126 with
 * the error's text; a bad option 125.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_finish.h"
#include "cu/cu_msg.h"
#include "cu/cu_opt.h"
#include "cu/cu_out.h"
#include "cu/cu_usage.h"
#include "glue/glue.h"

#define ENV_VARS_MAX 256
#define ENV_PATH_MAX 4096
#define ENV_EXIT_FAILURE 125
#define ENV_EXIT_CANNOT_RUN 126
#define ENV_EXIT_NOT_FOUND 127
#define ENV_DEFAULT_PATH "/bin"

typedef struct {
	char *vars[ENV_VARS_MAX + 1];
	size_t count;
	bool ignore;
	const char *unset[ENV_VARS_MAX];
	size_t nunset;
} env_t;

static env_t e;

static int env_option(void *ctx, int opt, const char *arg)
{
	(void)ctx;
	if (opt == 'i')
		e.ignore = true;
	else if (opt == 'u' && e.nunset < ENV_VARS_MAX)
		e.unset[e.nunset++] = arg;
	else if (opt == CU_OPT_LONG && strcmp(arg, "--ignore-environment") == 0)
		e.ignore = true;
	else if (opt == CU_OPT_LONG && strcmp(arg, "--help") == 0) {
		uio_printf(CU_STDOUT, "Usage: env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]\n");
		sys_exit_group(CU_EXIT_OK);
	} else if (opt == CU_OPT_LONG)
		return cu_usage_unrecognized("env", arg);
	return 0;
}

/* Does var ("NAME=..." or "NAME") have the name of name (up to its '=' or end)? */
static bool env_same_name(const char *var, const char *name)
{
	size_t n = strcspn(name, "=");
	return strncmp(var, name, n) == 0 && (var[n] == '=' || var[n] == '\0');
}

static void env_remove(const char *name)
{
	size_t k = 0;
	for (size_t i = 0; i < e.count; i++)
		if (!env_same_name(e.vars[i], name))
			e.vars[k++] = e.vars[i];
	e.count = k;
	e.vars[k] = NULL;
}

static bool env_set(char *var)
{
	env_remove(var);
	if (e.count == ENV_VARS_MAX) {
		cu_msg("env", "too many environment variables");
		return false;
	}
	e.vars[e.count++] = var;
	e.vars[e.count] = NULL;
	return true;
}

static const char *env_path(void)
{
	for (size_t i = 0; i < e.count; i++)
		if (env_same_name(e.vars[i], "PATH"))
			return e.vars[i] + sizeof("PATH");
	return ENV_DEFAULT_PATH;
}

/* Run argv[0] (searched in PATH when it has no '/'); returns the exit status for failure. */
static int env_exec(char **argv)
{
	static char full[ENV_PATH_MAX];
	long r = -ENOENT, first_other = 0;

	if (strchr(argv[0], '/')) {
		r = sys_execve(argv[0], argv, e.vars);
	} else {
		for (const char *dir = env_path();; dir += strcspn(dir, ":") + 1) {
			size_t len = strcspn(dir, ":");
			int n = snprintf(full, sizeof(full), "%.*s%s%s", (int)len, len ? dir : ".", "/", argv[0]);
			if (n > 0 && (size_t)n < sizeof(full)) {
				r = sys_execve(full, argv, e.vars);
				if (r != -ENOENT && r != -ENOTDIR && !first_other)
					first_other = r;
			}
			if (dir[len] == '\0')
				break;
		}
		if (first_other)
			r = first_other;
	}
	cu_msg_err("env", r, "'%s'", argv[0]);
	return r == -ENOENT || r == -ENOTDIR ? ENV_EXIT_NOT_FOUND : ENV_EXIT_CANNOT_RUN;
}

int main(int argc, char **argv, char **envp)
{
	cu_opt_error_t err;
	int n = cu_opt_parse(argc, argv, "iu:", CU_OPT_FIRST_OPERAND, env_option, NULL, &err);
	int i = 1;

	if (n < 0)
		return cu_usage_fail("env", n, &err, ENV_EXIT_FAILURE);
	if (i <= n && strcmp(argv[i], "-") == 0)
		e.ignore = true, i++;
	for (char **v = envp; !e.ignore && *v; v++)
		if (!env_set(*v))
			return ENV_EXIT_FAILURE;
	for (size_t u = 0; u < e.nunset; u++)
		env_remove(e.unset[u]);
	for (; i <= n && strchr(argv[i], '=') && argv[i][0] != '='; i++)
		if (!env_set(argv[i]))
			return ENV_EXIT_FAILURE;
	if (i <= n)
		return env_exec(argv + i);
	cu_out_t out;
	cu_out_init(&out, CU_STDOUT);
	for (size_t k = 0; k < e.count; k++)
		cu_out_printf(&out, "%s\n", e.vars[k]);
	return cu_finish(&out, "env", CU_EXIT_OK);
}
