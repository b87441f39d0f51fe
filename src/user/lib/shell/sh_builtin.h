/*
 * The builtins (spec/shell.md SH-060..SH-069): commands the shell runs
 * itself.  Each takes the shell and its arguments and returns its status.
 */
#ifndef AEGIS_SH_BUILTIN_H
#define AEGIS_SH_BUILTIN_H

#include "shell/sh_shell.h"

typedef int (*sh_builtin_fn)(sh_shell_t *sh, int argc, char **argv);

#define SH_BUILTIN_NAMES_MAX 16 /* room for the builtins' names, the NULL after them included */

/* The builtin called name (respecting cfg->caps_builtin), or NULL. */
sh_builtin_fn sh_builtin_find(const sh_shell_t *sh, const char *name);

/* The names of the builtins sh offers into names (cap entries, NULL-terminated); returns how many. */
size_t sh_builtin_names(const sh_shell_t *sh, const char **names, size_t cap);

int sh_builtin_cd(sh_shell_t *sh, int argc, char **argv);
int sh_builtin_pwd(sh_shell_t *sh, int argc, char **argv);
int sh_builtin_exit(sh_shell_t *sh, int argc, char **argv);
int sh_builtin_export(sh_shell_t *sh, int argc, char **argv);
int sh_builtin_unset(sh_shell_t *sh, int argc, char **argv);
int sh_builtin_env(sh_shell_t *sh, int argc, char **argv);
int sh_builtin_echo(sh_shell_t *sh, int argc, char **argv);
int sh_builtin_help(sh_shell_t *sh, int argc, char **argv);
int sh_builtin_caps(sh_shell_t *sh, int argc, char **argv);
int sh_builtin_wait(sh_shell_t *sh, int argc, char **argv);

#endif
