/*
 * Moving bytes from one descriptor to another in blocks (spec/coreutils.md
 * CU-110, CU-200): cat without options and cp stream a file of any size
 * through one fixed buffer.
 */
#ifndef AEGIS_CU_STREAM_H
#define AEGIS_CU_STREAM_H

#include <stdbool.h>

#define CU_STREAM_BUF 65536

/* Copy everything from in to out: 0, or -errno with *write_side telling which side failed. */
long cu_stream_copy(int in, int out, bool *write_side);

#endif
