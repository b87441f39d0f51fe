/*
 * Reading a directory's names into an arena (see cu_dir.h).
 */
#include "cu/cu_dir.h"

#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "glue/glue.h"

#define CU_DIR_BUF 4096

bool cu_dir_is_dots(const char *name)
{
	return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

/* Append every name of one getdents64 batch to the arena as NUL-ended text. */
static long cu_dir_take(const char *buf, long n, bool with_dots, cu_arena_t *arena, size_t *count)
{
	for (long off = 0; off < n;) {
		const aegis_dirent64_t *d = (const aegis_dirent64_t *)(const void *)(buf + off);
		if (d->d_reclen == 0)
			return -EIO;
		off += d->d_reclen;
		if (!with_dots && cu_dir_is_dots(d->d_name))
			continue;
		size_t len = strlen(d->d_name) + 1;
		char *copy = cu_arena_bytes(arena, len);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, d->d_name, len);
		(*count)++;
	}
	return 0;
}

long cu_dir_read(const char *path, bool with_dots, cu_arena_t *arena, cu_dir_list_t *out)
{
	static char buf[CU_DIR_BUF] __attribute__((aligned(8)));
	size_t mark = cu_arena_mark(arena);
	size_t count = 0;
	long fd = sys_open(path, AEGIS_O_RDONLY | AEGIS_O_DIRECTORY | AEGIS_O_CLOEXEC, 0);
	long r = 0;

	if (fd < 0)
		return fd;
	char *first = arena->base + arena->used;
	for (;;) {
		long n = sys_getdents64((int)fd, buf, sizeof(buf));
		if (n <= 0) {
			r = n;
			break;
		}
		r = cu_dir_take(buf, n, with_dots, arena, &count);
		if (r < 0)
			break;
	}
	sys_close((int)fd);
	char **names = r < 0 ? NULL : cu_arena_alloc(arena, (count ? count : 1) * sizeof(char *));
	if (!names) {
		cu_arena_release(arena, mark);
		return r < 0 ? r : -ENOMEM;
	}
	/* the names lie back to back from first (cu_arena_bytes) */
	char *p = first;
	for (size_t i = 0; i < count; i++) {
		names[i] = p;
		p += strlen(p) + 1;
	}
	out->names = names;
	out->count = count;
	return 0;
}
