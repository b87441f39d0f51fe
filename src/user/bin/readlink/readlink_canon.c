/*
 * Canonicalizing a path (see readlink_canon.h): the text still to resolve
 * is kept in `rest`; a symbolic link's target replaces the component that
 * named it (a leading slash starts again from the root).
 */
#include "readlink_canon.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

#include "cu/cu_mode.h"
#include "cu/cu_path.h"
#include "glue/glue.h"

#define CANON_LINKS_MAX 40

static long canon_append(char *out, size_t size, const char *name, size_t len)
{
	size_t ol = strlen(out);
	bool slash = ol > 1 || out[0] != '/';

	if (ol + slash + len >= size)
		return -ENAMETOOLONG;
	if (slash)
		out[ol++] = '/';
	memcpy(out + ol, name, len);
	out[ol + len] = '\0';
	return 0;
}

static void canon_up(char *out)
{
	char *slash = strrchr(out, '/');

	if (slash == out)
		out[1] = '\0';
	else if (slash)
		*slash = '\0';
}

long readlink_canon(const char *path, readlink_need_t need, char *out, size_t size)
{
	static char rest[CU_PATH_MAX], next[CU_PATH_MAX], target[CU_PATH_MAX];
	int links = 0;
	bool missing = false;

	if (snprintf(rest, sizeof(rest), "%s", path) >= (int)sizeof(rest) || size < 2)
		return -ENAMETOOLONG;
	if (rest[0] == '/') {
		strcpy(out, "/");
	} else {
		long r = sys_getcwd(out, size);
		if (r < 0)
			return r;
	}
	char *p = rest;
	while (*p) {
		while (*p == '/')
			p++;
		size_t len = strcspn(p, "/");
		if (len == 0)
			break;
		const char *name = p;
		p += len;
		bool last = strspn(p, "/") == strlen(p);
		if (len == 1 && name[0] == '.')
			continue;
		if (len == 2 && name[0] == '.' && name[1] == '.') {
			canon_up(out);
			continue;
		}
		if (missing && need != READLINK_NEED_NONE)
			return -ENOENT;
		long r = canon_append(out, size, name, len);
		if (r < 0)
			return r;
		aegis_stat_t st;
		r = missing ? -ENOENT : sys_lstat(out, &st);
		if (r < 0) {
			if (need == READLINK_NEED_ALL || (need == READLINK_NEED_PARENTS && !last) ||
			    (r != -ENOENT && need != READLINK_NEED_NONE))
				return r;
			missing = true;
			continue;
		}
		if (cu_mode_is_link(st.st_mode)) {
			if (++links > CANON_LINKS_MAX)
				return -ELOOP;
			long n = sys_readlink(out, target, sizeof(target) - 1);
			if (n < 0)
				return n;
			target[n] = '\0';
			canon_up(out);
			if (target[0] == '/')
				strcpy(out, "/");
			if (snprintf(next, sizeof(next), "%s%s", target, p) >= (int)sizeof(next))
				return -ENAMETOOLONG;
			memcpy(rest, next, sizeof(rest));
			p = rest;
			continue;
		}
		if (!last && !cu_mode_is_dir(st.st_mode)) {
			if (need != READLINK_NEED_NONE)
				return -ENOTDIR;
			missing = true;
		}
	}
	return 0;
}
