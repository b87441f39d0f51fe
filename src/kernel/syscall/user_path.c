/*
 * Paths from user memory (see user_path.h).
 */
#include "syscall/user_path.h"

#include <aegis/errno.h>

#include "fs/path.h"
#include "mm/kheap.h"
#include "proc/usercopy.h"

int user_path_copy(process_t *p, uint64_t upath, char **out)
{
	char *buf = kmalloc(PATH_PATH_MAX);
	if (!buf)
		return -ENOMEM;
	int64_t n = copy_string_from_user(p, buf, PATH_PATH_MAX, upath);
	if (n < 0) {
		kfree(buf);
		return (int)n;
	}
	*out = buf;
	return 0;
}

/* Copy the path and find where it starts: the working directory or dirfd's, none when absolute. */
/* Copy the path and find where it starts (held): the working directory or dirfd's, none when absolute. */
static int user_path_begin(process_t *p, int dirfd, uint64_t upath, char **path, dentry_t **start)
{
	*start = NULL;
	int r = user_path_copy(p, upath, path);
	if (r != 0)
		return r;
	if ((*path)[0] != '/')
		r = vfs_start_dentry(p, dirfd, start);
	if (r != 0)
		kfree(*path);
	return r;
}

int user_path_resolve(process_t *p, int dirfd, uint64_t upath, unsigned flags, dentry_t **out)
{
	char *path = NULL;
	dentry_t *start;
	int r = user_path_begin(p, dirfd, upath, &path, &start);
	if (r != 0)
		return r;
	r = vfs_resolve(p, start, path, flags, out);
	dentry_put(start);
	kfree(path);
	return r;
}

int user_path_parent(process_t *p, int dirfd, uint64_t upath, bool create, dentry_t **dir, char *name)
{
	char *path = NULL;
	dentry_t *start;
	int r = user_path_begin(p, dirfd, upath, &path, &start);
	if (r != 0)
		return r;
	r = vfs_resolve_parent(p, start, path, create, dir, name);
	dentry_put(start);
	kfree(path);
	return r;
}
