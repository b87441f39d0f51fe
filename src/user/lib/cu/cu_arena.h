/*
 * A stack-like memory arena for the file tools (spec/coreutils.md CU-100..):
 * directory listings and ls's entries come from one static block instead of
 * malloc (the tools make no system calls outside the glue); a recursive walk
 * takes a mark before a directory and releases it after, so memory follows
 * the depth of the walk, not the size of the tree.
 */
#ifndef AEGIS_CU_ARENA_H
#define AEGIS_CU_ARENA_H

#include <stddef.h>

typedef struct {
	char *base;
	size_t size;
	size_t used;
} cu_arena_t;

/* The arena over buf[size]. */
void cu_arena_init(cu_arena_t *a, void *buf, size_t size);

/* size bytes aligned for any object, or NULL when the arena is full. */
void *cu_arena_alloc(cu_arena_t *a, size_t size);

/* size bytes with no alignment: successive calls lie back to back (text). */
void *cu_arena_bytes(cu_arena_t *a, size_t size);

/* The current top, to give back later with cu_arena_release. */
size_t cu_arena_mark(const cu_arena_t *a);
void cu_arena_release(cu_arena_t *a, size_t mark);

#endif
