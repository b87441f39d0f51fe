/*
 * Running a program by name (spec/shell.md SH-031, SH-032): a name with a
 * '/' is run as it is; any other is looked for in each directory of PATH
 * ("/bin" when PATH is unset).  Used in a forked child: it never returns.
 */
#ifndef AEGIS_SH_PATH_H
#define AEGIS_SH_PATH_H

#include "shell/sh_shell.h"

/* execve argv[0] with envp; on failure complain and exit 127 (not found) or 126 (not runnable). */
__attribute__((noreturn)) void sh_path_exec(const sh_shell_t *sh, char **argv, char **envp);

#endif
