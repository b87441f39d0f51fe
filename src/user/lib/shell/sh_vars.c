/* The shell's variable table (sh_vars.h). */
#include "shell/sh_vars.h"

#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>

#include "shell/sh_expand.h"

void sh_vars_init(sh_vars_t *v)
{
	memset(v, 0, sizeof(*v));
}

void sh_vars_free(sh_vars_t *v)
{
	for (size_t i = 0; i < SH_VARS_MAX; i++)
		free(v->entry[i]);
	sh_vars_init(v);
}

static long sh_vars_find(const sh_vars_t *v, const char *name, size_t len)
{
	for (size_t i = 0; i < SH_VARS_MAX; i++)
		if (v->entry[i] != NULL && strncmp(v->entry[i], name, len) == 0 && v->entry[i][len] == '=')
			return (long)i;
	return -ENOENT;
}

const char *sh_vars_get(const sh_vars_t *v, const char *name, size_t len)
{
	long i = sh_vars_find(v, name, len);
	return i < 0 ? NULL : v->entry[i] + len + 1;
}

long sh_vars_set(sh_vars_t *v, const char *name, size_t len, const char *value, bool export)
{
	if (!sh_name_valid(name, len))
		return -EINVAL;
	long i = sh_vars_find(v, name, len);
	if (i < 0)
		for (i = 0; i < (long)SH_VARS_MAX && v->entry[i] != NULL; i++)
			;
	if (i >= (long)SH_VARS_MAX)
		return -ENOSPC;
	size_t vlen = strlen(value);
	char *e = malloc(len + vlen + 2);
	if (e == NULL)
		return -ENOMEM;
	memcpy(e, name, len);
	e[len] = '=';
	memcpy(e + len + 1, value, vlen + 1);
	if (v->entry[i] == NULL)
		v->exported[i] = false;
	free(v->entry[i]);
	v->entry[i] = e;
	v->exported[i] = v->exported[i] || export;
	return 0;
}

long sh_vars_export(sh_vars_t *v, const char *name, size_t len)
{
	const char *old = sh_vars_get(v, name, len);
	size_t olen = old == NULL ? 0 : strlen(old);
	char *copy = malloc(olen + 1);

	if (copy == NULL)
		return -ENOMEM;
	memcpy(copy, old == NULL ? "" : old, olen);
	copy[olen] = '\0';
	long rc = sh_vars_set(v, name, len, copy, true);
	free(copy);
	return rc;
}

long sh_vars_unset(sh_vars_t *v, const char *name, size_t len)
{
	if (!sh_name_valid(name, len))
		return -EINVAL;
	long i = sh_vars_find(v, name, len);
	if (i >= 0) {
		free(v->entry[i]);
		v->entry[i] = NULL;
		v->exported[i] = false;
	}
	return 0;
}

void sh_vars_import(sh_vars_t *v, char *const *envp)
{
	for (size_t k = 0; envp != NULL && envp[k] != NULL; k++) {
		const char *eq = strchr(envp[k], '=');
		if (eq != NULL)
			(void)sh_vars_set(v, envp[k], (size_t)(eq - envp[k]), eq + 1, true);
	}
}

size_t sh_vars_environ(const sh_vars_t *v, char **envp, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < SH_VARS_MAX && n + 1 < cap; i++)
		if (v->entry[i] != NULL && v->exported[i])
			envp[n++] = v->entry[i];
	if (cap > 0)
		envp[n] = NULL;
	return n;
}
