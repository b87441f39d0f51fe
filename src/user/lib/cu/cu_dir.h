/*
 * The names in a directory, read whole before anything is done to them
 * (spec/coreutils.md CU-100, CU-190, CU-200): ls sorts them, rm -r and cp -r
 * change the directory while they go, which would confuse a reader that is
 * still walking it.
 */
#ifndef AEGIS_CU_DIR_H
#define AEGIS_CU_DIR_H

#include <stdbool.h>
#include <stddef.h>

#include "cu/cu_arena.h"

typedef struct {
	char **names; /* in the order the directory gave them */
	size_t count;
} cu_dir_list_t;

/*
 * Read the names of directory path into arena memory; with_dots keeps "."
 * and "..".  Returns 0 or -errno (-ENOMEM when the arena is full); on
 * failure the arena is as it was.
 */
long cu_dir_read(const char *path, bool with_dots, cu_arena_t *arena, cu_dir_list_t *out);

/* True for "." and "..". */
bool cu_dir_is_dots(const char *name);

#endif
