/*
 * Removing a file or a whole tree the way rm does it (spec/coreutils.md
 * CU-190), shared by rm and by mv when it has copied across file systems
 * (CU-210): each failure is reported as `prog: cannot remove 'x': <error>`
 * and the walk goes on with the rest.
 */
#ifndef AEGIS_CU_REMOVE_H
#define AEGIS_CU_REMOVE_H

#include <stdbool.h>

#include "cu/cu_arena.h"
#include "cu/cu_out.h"

typedef struct {
	const char *prog;
	bool recursive; /* -r: directories and everything in them */
	bool dirs;      /* -d: empty directories */
	bool force;     /* -f: a missing file is no error */
	bool verbose;   /* -v: "removed 'x'" on out */
	cu_out_t *out;
	cu_arena_t *arena;
} cu_remove_opts_t;

/* Remove path (a symbolic link itself, never its target); false when anything failed (reported). */
bool cu_remove(const cu_remove_opts_t *o, const char *path);

#endif
