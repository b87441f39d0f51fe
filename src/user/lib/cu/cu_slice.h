/*
 * The part of an input head and tail print (spec/coreutils.md CU-340,
 * CU-350): skip some lines (or bytes), then copy some, counted in one pass
 * and copied in a second.  A seekable input is read twice; anything else
 * (a pipe, a terminal) is held in memory up to CU_SLICE_MEM_MAX bytes.
 */
#ifndef AEGIS_CU_SLICE_H
#define AEGIS_CU_SLICE_H

#include <stdbool.h>
#include <stdint.h>

#include "cu/cu_out.h"

#define CU_SLICE_MEM_MAX (4u * 1024u * 1024u)
#define CU_SLICE_ALL UINT64_MAX

typedef struct {
	int fd;
	int64_t start;  /* offset of the first byte (seekable) */
	bool in_memory;
	size_t mem_len; /* bytes held (in_memory) */
} cu_slice_src_t;

/* Prepare fd for counting and copying; -errno (-EFBIG for an unseekable input beyond the limit). */
long cu_slice_open(cu_slice_src_t *s, int fd, bool need_count);

/* Lines (a last line without a newline counts) or bytes of the input. */
long cu_slice_count(cu_slice_src_t *s, bool by_lines, uint64_t *count);

/* Skip skip units (lines or bytes), then copy up to take units to out; 0 or -errno of a read. */
long cu_slice_emit(cu_slice_src_t *s, bool by_lines, uint64_t skip, uint64_t take, cu_out_t *out);

/* What a tool does with one opened input (head, tail): 0 or -errno of a read. */
typedef long (*cu_slice_fn)(void *ctx, int fd, cu_out_t *out);

/*
 * Each of the n names ("-": standard input) in turn: open it, print
 * `==> name <==` before it when several are given (unless quiet) or when
 * verbose, blank lines between, run fn; report `prog: cannot open 'x' for
 * reading: ...` and `prog: error reading 'x': ...`.  Returns the exit status.
 */
int cu_slice_run(const char *prog, char **names, int n, bool quiet, bool verbose, cu_slice_fn fn, void *ctx);

#endif
