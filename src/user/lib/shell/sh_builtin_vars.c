/* The variable builtins: export, unset and env (sh_builtin.h). */
#include "shell/sh_builtin.h"

#include <string.h>

#include <aegis/errno.h>

#include "shell/sh_status.h"
#include "uio/uio.h"

#define SH_ENV_MAX (SH_VARS_MAX + 1)

int sh_builtin_export(sh_shell_t *sh, int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		return sh_builtin_env(sh, argc, argv);
	for (int i = 1; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		size_t nlen = eq != NULL ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		long rc = eq != NULL ? sh_vars_set(&sh->vars, argv[i], nlen, eq + 1, true) : sh_vars_export(&sh->vars, argv[i], nlen);
		if (rc == -EINVAL)
			sh_complain(sh, "export: '%.*s': not a valid name", (int)nlen, argv[i]);
		else if (rc < 0)
			sh_complain(sh, "export: too many variables (at most %d)", SH_VARS_MAX);
		if (rc < 0)
			status = SH_STATUS_FAIL;
	}
	return status;
}

int sh_builtin_unset(sh_shell_t *sh, int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++)
		if (sh_vars_unset(&sh->vars, argv[i], strlen(argv[i])) < 0) {
			sh_complain(sh, "unset: '%s': not a valid name", argv[i]);
			status = SH_STATUS_FAIL;
		}
	return status;
}

int sh_builtin_env(sh_shell_t *sh, int argc, char **argv)
{
	char *envp[SH_ENV_MAX];
	size_t n = sh_vars_environ(&sh->vars, envp, SH_ENV_MAX);

	for (size_t i = 0; i < n; i++)
		uio_printf(1, "%s\n", envp[i]);
	return 0;
}
