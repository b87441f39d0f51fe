/* PATH search and exec in a child (sh_path.h). */
#include "shell/sh_path.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "shell/sh_errtext.h"
#include "shell/sh_status.h"

#define SH_DEFAULT_PATH "/bin"

/* The worse of two exec failures: anything beats "not there". */
static long sh_worse(long kept, long now)
{
	bool missing_now = now == -ENOENT || now == -ENOTDIR;
	return missing_now ? kept : now;
}

void sh_path_exec(const sh_shell_t *sh, char **argv, char **envp)
{
	const char *name = argv[0];
	long err = -ENOENT;

	if (strchr(name, '/') != NULL) {
		err = sys_execve(name, argv, envp);
	} else {
		const char *path = sh_vars_get(&sh->vars, "PATH", strlen("PATH"));
		if (path == NULL)
			path = SH_DEFAULT_PATH;
		while (*name != '\0') {
			const char *end = strchr(path, ':');
			size_t dlen = end != NULL ? (size_t)(end - path) : strlen(path);
			char full[SH_PATH_MAX];
			int n = snprintf(full, sizeof(full), "%.*s%s%s", (int)dlen, path, dlen ? "/" : "", name);
			if (n > 0 && (size_t)n < sizeof(full))
				err = sh_worse(err, sys_execve(full, argv, envp));
			if (end == NULL)
				break;
			path = end + 1;
		}
	}
	if ((err == -ENOENT || err == -ENOTDIR) && strchr(name, '/') == NULL) {
		sh_complain(sh, "%s: command not found", name);
		sys_exit_group(SH_STATUS_NOTFOUND);
	}
	sh_complain(sh, "%s: %s", name, sh_errtext(err));
	sys_exit_group(err == -ENOENT || err == -ENOTDIR ? SH_STATUS_NOTFOUND : SH_STATUS_NOEXEC);
}
