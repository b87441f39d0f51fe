/* The builtin table and `help` (sh_builtin.h). */
#include "shell/sh_builtin.h"

#include <string.h>

#include "uio/uio.h"

typedef struct {
	const char *name;
	sh_builtin_fn fn;
	const char *usage;
} sh_builtin_entry_t;

static const sh_builtin_entry_t sh_builtins[] = {
	{ "cd", sh_builtin_cd, "cd [dir | -]      change directory (no dir: $HOME; -: $OLDPWD)" },
	{ "pwd", sh_builtin_pwd, "pwd               print the working directory" },
	{ "echo", sh_builtin_echo, "echo [-n] [arg...] print the arguments" },
	{ "exit", sh_builtin_exit, "exit [n]          leave the shell with status n (default $?)" },
	{ "export", sh_builtin_export, "export [NAME[=value]...] export variables (none: list them)" },
	{ "unset", sh_builtin_unset, "unset NAME...     remove variables" },
	{ "env", sh_builtin_env, "env               print the exported variables" },
	{ "wait", sh_builtin_wait, "wait              wait for every background job" },
	{ "caps", sh_builtin_caps, "caps [pid]        the capabilities held (another pid needs CAP_QUERY)" },
	{ "help", sh_builtin_help, "help              this list" },
};

#define SH_BUILTIN_COUNT (sizeof(sh_builtins) / sizeof(sh_builtins[0]))
_Static_assert(SH_BUILTIN_COUNT < SH_BUILTIN_NAMES_MAX, "SH_BUILTIN_NAMES_MAX holds every builtin's name");

static bool sh_builtin_offered(const sh_shell_t *sh, const sh_builtin_entry_t *b)
{
	return b->fn != sh_builtin_caps || sh->cfg->caps_builtin;
}

sh_builtin_fn sh_builtin_find(const sh_shell_t *sh, const char *name)
{
	for (size_t i = 0; i < SH_BUILTIN_COUNT; i++)
		if (strcmp(sh_builtins[i].name, name) == 0 && sh_builtin_offered(sh, &sh_builtins[i]))
			return sh_builtins[i].fn;
	return NULL;
}

size_t sh_builtin_names(const sh_shell_t *sh, const char **names, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < SH_BUILTIN_COUNT && n + 1 < cap; i++)
		if (sh_builtin_offered(sh, &sh_builtins[i]))
			names[n++] = sh_builtins[i].name;
	if (cap > 0)
		names[n] = NULL;
	return n;
}

int sh_builtin_help(sh_shell_t *sh, int argc, char **argv)
{
	uio_printf(1, "%s builtins:\n", sh->cfg->name);
	for (size_t i = 0; i < SH_BUILTIN_COUNT; i++)
		if (sh_builtin_offered(sh, &sh_builtins[i]))
			uio_printf(1, "  %s\n", sh_builtins[i].usage);
	uio_printf(1, "Syntax: words, 'quotes', \"quotes\", \\, $VAR ${VAR} $? $$ $# $0..$9, | < > >> N>&M ; && || & #\n");
	return 0;
}
