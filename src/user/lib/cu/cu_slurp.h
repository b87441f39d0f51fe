/*
 * Read a whole file into memory for the tools that need all of it at once
 * (sort) or line by line (grep) (spec/coreutils.md CU-006).  The buffer
 * grows as needed up to a limit the caller names, so a huge input is an
 * error (-EFBIG), never an exhausted machine.
 */
#ifndef AEGIS_CU_SLURP_H
#define AEGIS_CU_SLURP_H

#include <stddef.h>

typedef struct {
	char *data; /* malloc'd, with a NUL after the last byte; NULL before the first read */
	size_t len;
	size_t cap;
} cu_slurp_t;

/*
 * Append everything fd yields to s (reading until end of file); returns 0,
 * -EFBIG when s would exceed max bytes, -ENOMEM, or the read's -errno.
 */
long cu_slurp_fd(cu_slurp_t *s, int fd, size_t max);

/* Give the memory back; s is empty afterwards. */
void cu_slurp_free(cu_slurp_t *s);

#endif
