/*
 * Reading the initrd index: lookups and walks over a parsed archive
 * (spec/initrd.md INITRD-021, INITRD-022).  The parser is initrd_parse.c,
 * the boot side initrd_boot.c.
 */
#include <aegis/errno.h>

#include "core/kstring.h"
#include "fs/initrd_internal.h"

size_t initrd_count(const initrd_t *rd)
{
	return rd ? rd->count - 1u : 0;
}

/* A lookup path: an optional leading '/', then "" (the root) or valid components. */
static int lookup_index(const initrd_t *rd, const char *path, long *index)
{
	if (path == NULL)
		return -EINVAL;
	if (path[0] == '/')
		path++;
	size_t len = kstrnlen(path, INITRD_NAME_MAX);
	if (len == INITRD_NAME_MAX)
		return -EINVAL;
	if (len != 0 && !initrd_path_valid(path, len))
		return -EINVAL;
	if (rd == NULL)
		return -ENOENT;
	*index = initrd_index_of(rd, path, len);
	return *index < 0 ? -ENOENT : 0;
}

int initrd_find(const initrd_t *rd, const char *path, initrd_entry_t *out)
{
	long i;
	int rc = lookup_index(rd, path, &i);
	if (rc != 0)
		return rc;
	*out = rd->entries[i];
	return 0;
}

int initrd_foreach(const initrd_t *rd, initrd_visit_fn fn, void *ctx)
{
	if (rd == NULL)
		return 0;
	for (size_t i = 1; i < rd->count; i++) {
		int rc = fn(ctx, &rd->entries[i]);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int initrd_list(const initrd_t *rd, const char *dir, initrd_visit_fn fn, void *ctx)
{
	long d;
	int rc = lookup_index(rd, dir, &d);
	if (rc != 0)
		return rc;
	if (rd->entries[d].type != INITRD_TYPE_DIR)
		return -ENOTDIR;
	/* Children sort after their directory: start the scan there. */
	for (size_t i = (size_t)d + 1u; i < rd->count; i++) {
		if (rd->entries[i].parent != (uint32_t)d)
			continue;
		rc = fn(ctx, &rd->entries[i]);
		if (rc != 0)
			return rc;
	}
	return 0;
}
