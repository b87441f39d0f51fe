/*
 * The shell's variables (spec/shell.md SH-040..SH-043): a bounded table of
 * NAME=VALUE entries, each marked exported or not.  Exported ones make the
 * environment of every command the shell starts.
 */
#ifndef AEGIS_SH_VARS_H
#define AEGIS_SH_VARS_H

#include <stdbool.h>
#include <stddef.h>

#include "shell/sh_limits.h"

typedef struct {
	char *entry[SH_VARS_MAX]; /* "NAME=VALUE", allocated; NULL: a free slot */
	bool exported[SH_VARS_MAX];
} sh_vars_t;

void sh_vars_init(sh_vars_t *v);
void sh_vars_free(sh_vars_t *v);

/* Import every NAME=VALUE of envp as exported (entries that are not one are skipped). */
void sh_vars_import(sh_vars_t *v, char *const *envp);

/* The value of name[0..len), or NULL when unset. */
const char *sh_vars_get(const sh_vars_t *v, const char *name, size_t len);

/*
 * Set name[0..len) to value; export true marks it exported, false keeps its
 * mark (a new variable is not exported).  Returns 0, -EINVAL for a bad name,
 * -ENOSPC when the table is full, -ENOMEM.
 */
long sh_vars_set(sh_vars_t *v, const char *name, size_t len, const char *value, bool export);

/* Mark name exported (creating it empty when unset); same errors as sh_vars_set. */
long sh_vars_export(sh_vars_t *v, const char *name, size_t len);

/* Remove name (0 also when it was unset; -EINVAL for a bad name). */
long sh_vars_unset(sh_vars_t *v, const char *name, size_t len);

/* Fill envp (cap entries, NULL-terminated) with the exported entries; returns their count. */
size_t sh_vars_environ(const sh_vars_t *v, char **envp, size_t cap);

#endif
