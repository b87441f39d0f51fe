/*
 * /bin/sh: the small fallback shell (spec/shell.md SH-086), the same shell
 * library as /bin/stsh without the `caps` builtin, and the POSIX prompt:
 * "# " for effective uid 0, "$ " otherwise.
 */
#include <stdio.h>

#include "glue/glue.h"
#include "shell/sh_shell.h"

static void sh_prompt_posix(sh_shell_t *sh, char *out, size_t cap)
{
	snprintf(out, cap, "%c ", sys_geteuid() == 0 ? '#' : '$');
}

int main(int argc, char **argv, char **envp)
{
	static const sh_config_t cfg = { "sh", false, sh_prompt_posix };

	return sh_main(&cfg, argc, argv, envp);
}
