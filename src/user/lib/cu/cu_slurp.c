/*
 * Growing whole-file reads (see cu_slurp.h).
 */
#include "cu/cu_slurp.h"

#include <stdlib.h>

#include <aegis/errno.h>

#include "glue/glue.h"

#define CU_SLURP_FIRST 4096 /* the first allocation; each growth doubles it */

static long cu_slurp_grow(cu_slurp_t *s, size_t max)
{
	size_t want = s->cap ? s->cap * 2 : CU_SLURP_FIRST;

	if (s->len >= max)
		return -EFBIG;
	if (want > max)
		want = max;
	char *bigger = realloc(s->data, want + 1);
	if (!bigger)
		return -ENOMEM;
	s->data = bigger;
	s->cap = want;
	return 0;
}

long cu_slurp_fd(cu_slurp_t *s, int fd, size_t max)
{
	for (;;) {
		if (s->len == s->cap) {
			long g = cu_slurp_grow(s, max);
			if (g < 0)
				return g;
		}
		long r = sys_read(fd, s->data + s->len, s->cap - s->len);
		if (r < 0)
			return r;
		if (r == 0)
			break;
		s->len += (size_t)r;
	}
	s->data[s->len] = '\0';
	return 0;
}

void cu_slurp_free(cu_slurp_t *s)
{
	free(s->data);
	s->data = NULL;
	s->len = 0;
	s->cap = 0;
}
