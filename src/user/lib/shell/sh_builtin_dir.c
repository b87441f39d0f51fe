/* The directory builtins: cd and pwd (sh_builtin.h). */
#include "shell/sh_builtin.h"

#include <string.h>

#include "glue/glue.h"
#include "shell/sh_errtext.h"
#include "shell/sh_status.h"
#include "uio/uio.h"

#define SH_VAR(name) (name), strlen(name)

int sh_builtin_cd(sh_shell_t *sh, int argc, char **argv)
{
	char old[SH_PATH_MAX];
	const char *dir = argc > 1 ? argv[1] : sh_vars_get(&sh->vars, SH_VAR("HOME"));
	bool dash = argc > 1 && strcmp(argv[1], "-") == 0;

	if (argc > 2) {
		sh_complain(sh, "cd: too many arguments");
		return SH_STATUS_FAIL;
	}
	if (dash)
		dir = sh_vars_get(&sh->vars, SH_VAR("OLDPWD"));
	if (dir == NULL || dir[0] == '\0') {
		sh_complain(sh, "cd: %s not set", dash ? "OLDPWD" : "HOME");
		return SH_STATUS_FAIL;
	}
	if (sys_getcwd(old, sizeof(old)) < 0)
		old[0] = '\0';
	long rc = sys_chdir(dir);
	if (rc < 0) {
		sh_complain(sh, "cd: %s: %s", dir, sh_errtext(rc));
		return SH_STATUS_FAIL;
	}
	char now[SH_PATH_MAX];
	if (sys_getcwd(now, sizeof(now)) >= 0)
		(void)sh_vars_set(&sh->vars, SH_VAR("PWD"), now, false);
	if (old[0] != '\0')
		(void)sh_vars_set(&sh->vars, SH_VAR("OLDPWD"), old, false);
	if (dash)
		uio_printf(1, "%s\n", now);
	return 0;
}

int sh_builtin_pwd(sh_shell_t *sh, int argc, char **argv)
{
	char cwd[SH_PATH_MAX];
	long rc = sys_getcwd(cwd, sizeof(cwd));

	if (rc < 0) {
		sh_complain(sh, "pwd: %s", sh_errtext(rc));
		return SH_STATUS_FAIL;
	}
	uio_printf(1, "%s\n", cwd);
	return 0;
}
