/*
 * Copying a file or a tree the way cp does it (spec/coreutils.md CU-200),
 * shared by cp and by mv across file systems (CU-210): regular files are
 * streamed, directories made and filled (with recursive), symbolic links
 * copied as links (with no_deref), FIFOs made anew; preserve keeps mode,
 * owner (when allowed) and times.  Every failure is reported in GNU's words
 * (`cp: cannot stat 'x': No such file or directory`) and the walk goes on.
 */
#ifndef AEGIS_CU_COPY_H
#define AEGIS_CU_COPY_H

#include <stdbool.h>

#include "cu/cu_arena.h"
#include "cu/cu_out.h"

typedef struct {
	const char *prog;
	bool recursive;  /* -r: directories with their contents */
	bool no_deref;   /* -P (-a, -r): symbolic links are copied as links */
	bool preserve;   /* -p: mode, owner, times */
	bool no_clobber; /* -n: an existing destination is left alone */
	bool force;      /* -f: a destination that cannot be opened is removed and made anew */
	bool verbose;    /* -v: "'src' -> 'dst'" on out */
	cu_out_t *out;
	cu_arena_t *arena;
} cu_copy_opts_t;

/* Copy src to dst (the full destination name); false when anything failed (reported). */
bool cu_copy(const cu_copy_opts_t *o, const char *src, const char *dst);

#endif
