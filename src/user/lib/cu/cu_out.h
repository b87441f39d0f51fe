/*
 * Buffered output for the command-line tools (spec/coreutils.md CU-003): a
 * tool that prints many short pieces (ls, sort, grep) makes one write per
 * CU_OUT_BUF bytes instead of one per piece.  The first write error is kept
 * (later output is dropped) so the tool can report it once and fail, as
 * `ls > /dev/full` does elsewhere.
 */
#ifndef AEGIS_CU_OUT_H
#define AEGIS_CU_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "uio/uio.h"

#define CU_OUT_BUF 4096

typedef struct {
	int fd;
	uio_write_fn writer;
	long err; /* 0, or the -errno of the first failed write */
	bool cut; /* formatted text was cut at UIO_PRINTF_MAX */
	size_t used;
	char buf[CU_OUT_BUF];
} cu_out_t;

void cu_out_init(cu_out_t *o, int fd);
/* The same with another writer than sys_write (tests). */
void cu_out_init_via(cu_out_t *o, int fd, uio_write_fn writer);
void cu_out_write(cu_out_t *o, const void *data, size_t len);
void cu_out_str(cu_out_t *o, const char *s);
void cu_out_char(cu_out_t *o, char c);
/* Formatted text (up to UIO_PRINTF_MAX bytes; longer text is cut there, and cu_out_flush then reports -EMSGSIZE). */
void cu_out_printf(cu_out_t *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write out what is buffered; returns 0, the first write error (-errno), or -EMSGSIZE after a cut. */
long cu_out_flush(cu_out_t *o);

#endif
