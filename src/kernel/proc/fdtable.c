/*
 * Open file descriptions and descriptor tables (see fdtable.h).
 */
#include "proc/fdtable.h"

#include "fs/dentry.h"

#include <aegis/errno.h>

#include "core/kstring.h"
#include "mm/kheap.h"

file_t *file_create(const file_ops_t *ops, void *object, uint32_t flags)
{
	file_t *f = kcalloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->ops = ops;
	f->object = object;
	f->flags = flags;
	f->refs = 1;
	return f;
}

void file_retain(file_t *f)
{
	f->refs++;
}

void file_release(file_t *f)
{
	if (!f || --f->refs > 0)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	/* A file holds its dentry when it has one, else its node (memfd). */
	if (f->dentry)
		dentry_put(f->dentry);
	else
		vnode_put(f->node);
	kfree(f);
}

void fdtable_init(fdtable_t *t)
{
	kmemset(t, 0, sizeof(*t));
}

int fdtable_install(fdtable_t *t, file_t *f, int min, bool cloexec)
{
	return fdtable_install_below(t, f, min, FDTABLE_MAX, cloexec);
}

int fdtable_install_below(fdtable_t *t, file_t *f, int min, uint32_t limit, bool cloexec)
{
	if (min < 0)
		return -EINVAL;
	if (limit > FDTABLE_MAX)
		limit = FDTABLE_MAX;
	for (unsigned fd = (unsigned)min; fd < limit; fd++) {
		if (!t->files[fd]) {
			t->files[fd] = f;
			t->cloexec[fd] = cloexec ? 1u : 0u;
			return (int)fd;
		}
	}
	return -EMFILE;
}

file_t *fdtable_get(fdtable_t *t, int fd)
{
	if (fd < 0 || (unsigned)fd >= FDTABLE_MAX)
		return NULL;
	return t->files[fd];
}

int fdtable_close(fdtable_t *t, int fd)
{
	file_t *f = fdtable_get(t, fd);
	if (!f)
		return -EBADF;
	t->files[fd] = NULL;
	t->cloexec[fd] = 0;
	file_release(f);
	return 0;
}

void fdtable_fork(fdtable_t *dst, const fdtable_t *src)
{
	for (unsigned fd = 0; fd < FDTABLE_MAX; fd++) {
		dst->files[fd] = src->files[fd];
		dst->cloexec[fd] = src->cloexec[fd];
		if (dst->files[fd])
			file_retain(dst->files[fd]);
	}
}

void fdtable_exec(fdtable_t *t)
{
	for (unsigned fd = 0; fd < FDTABLE_MAX; fd++)
		if (t->files[fd] && t->cloexec[fd])
			(void)fdtable_close(t, (int)fd);
}

void fdtable_close_all(fdtable_t *t)
{
	for (unsigned fd = 0; fd < FDTABLE_MAX; fd++)
		if (t->files[fd])
			(void)fdtable_close(t, (int)fd);
}
