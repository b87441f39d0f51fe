/*
 * Joining paths and taking their last component (see cu_path.h).
 */
#include "cu/cu_path.h"

#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

long cu_path_join(const char *dir, const char *name, char *out, size_t size)
{
	size_t dl = strlen(dir);
	const char *sep = (dl > 0 && dir[dl - 1] == '/') ? "" : "/";
	int n = snprintf(out, size, "%s%s%s", dir, sep, name);

	return (n < 0 || (size_t)n >= size) ? -ENAMETOOLONG : 0;
}

long cu_path_base(const char *path, char *out, size_t size)
{
	size_t end = strlen(path);

	while (end > 1 && path[end - 1] == '/')
		end--;
	size_t start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (start == end && end > 0)
		start = end - 1; /* "/" alone */
	if (end - start >= size)
		return -ENAMETOOLONG;
	memcpy(out, path + start, end - start);
	out[end - start] = '\0';
	return 0;
}
