/*
 * The bump arena (see cu_arena.h).
 */
#include "cu/cu_arena.h"

#include <stdalign.h>
#include <stdint.h>

#define CU_ARENA_ALIGN alignof(max_align_t)

void cu_arena_init(cu_arena_t *a, void *buf, size_t size)
{
	a->base = buf;
	a->size = size;
	a->used = 0;
}

void *cu_arena_alloc(cu_arena_t *a, size_t size)
{
	size_t start = (a->used + CU_ARENA_ALIGN - 1) & ~(CU_ARENA_ALIGN - 1);

	if (start > a->size || size > a->size - start)
		return NULL;
	a->used = start + size;
	return a->base + start;
}

void *cu_arena_bytes(cu_arena_t *a, size_t size)
{
	if (size > a->size - a->used)
		return NULL;
	a->used += size;
	return a->base + a->used - size;
}

size_t cu_arena_mark(const cu_arena_t *a)
{
	return a->used;
}

void cu_arena_release(cu_arena_t *a, size_t mark)
{
	if (mark <= a->used)
		a->used = mark;
}
