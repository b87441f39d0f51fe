/*
 * Sorted directory listings (see cu_dirlist.h): getdents64 into a growing
 * block of NUL-terminated names, then an index sorted with qsort.
 */
#include "cu/cu_dirlist.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>

#include "cu/cu_slurp.h"
#include "glue/glue.h"

#define CU_DIRLIST_CHUNK 4096

static int cu_dirlist_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool cu_dirlist_dot(const char *name)
{
	return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

/* Append the names of one getdents64 batch to s. */
static long cu_dirlist_batch(cu_slurp_t *s, const char *buf, long n, size_t *count)
{
	for (long off = 0; off < n;) {
		const aegis_dirent64_t *d = (const aegis_dirent64_t *)(const void *)(buf + off);
		off += d->d_reclen;
		if (cu_dirlist_dot(d->d_name))
			continue;
		size_t len = strlen(d->d_name) + 1;
		if (s->len + len > s->cap) {
			size_t want = (s->cap + len) * 2;
			char *bigger = realloc(s->data, want);
			if (!bigger)
				return -ENOMEM;
			s->data = bigger;
			s->cap = want;
		}
		memcpy(s->data + s->len, d->d_name, len);
		s->len += len;
		(*count)++;
	}
	return 0;
}

long cu_dirlist_read(cu_dirlist_t *l, const char *path)
{
	static _Alignas(8) char buf[CU_DIRLIST_CHUNK];
	cu_slurp_t s = { 0 };
	size_t count = 0;
	long n = 0, r = 0;
	int fd = (int)sys_open(path, AEGIS_O_RDONLY | AEGIS_O_DIRECTORY | AEGIS_O_CLOEXEC, 0);

	memset(l, 0, sizeof(*l));
	if (fd < 0)
		return fd;
	while (r == 0 && (n = sys_getdents64(fd, buf, sizeof(buf))) > 0)
		r = cu_dirlist_batch(&s, buf, n, &count);
	sys_close(fd);
	if (r == 0 && n < 0)
		r = n;
	l->names = r == 0 ? malloc((count + 1) * sizeof(char *)) : NULL;
	if (!l->names) {
		free(s.data);
		return r ? r : -ENOMEM;
	}
	char *p = s.data;
	for (size_t i = 0; i < count; i++, p += strlen(p) + 1)
		l->names[i] = p;
	qsort(l->names, count, sizeof(char *), cu_dirlist_cmp);
	l->count = count;
	l->block = s.data;
	return 0;
}

void cu_dirlist_free(cu_dirlist_t *l)
{
	free(l->names);
	free(l->block);
	memset(l, 0, sizeof(*l));
}
