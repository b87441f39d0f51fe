/*
 * A walk over a file and, when recursive, everything below it, for chmod -R
 * and chown -R (spec/coreutils.md CU-300, CU-310): the callback sees each
 * file before its contents; symbolic links met inside the tree are visited
 * but never followed.  Unreadable directories are reported and skipped.
 */
#ifndef AEGIS_CU_WALK_H
#define AEGIS_CU_WALK_H

#include <stdbool.h>

#include <aegis/linux_abi.h>

#include "cu/cu_arena.h"

/* One file: its path and lstat (stat for the operand when follow_top); false marks a failure. */
typedef bool (*cu_walk_fn)(void *ctx, const char *path, const aegis_stat_t *st);

/* Visit path (and with recursive its tree); false when a visit or a read failed. */
bool cu_walk(const char *prog, const char *path, bool recursive, bool follow_top, cu_arena_t *arena,
	     cu_walk_fn fn, void *ctx);

#endif
