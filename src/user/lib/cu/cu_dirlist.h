/*
 * The names in a directory, sorted by byte value, without `.` and `..`
 * (spec/coreutils.md CU-009), for tools that walk trees (grep -r).
 */
#ifndef AEGIS_CU_DIRLIST_H
#define AEGIS_CU_DIRLIST_H

#include <stddef.h>

typedef struct {
	char **names; /* count pointers into one block */
	size_t count;
	char *block;
} cu_dirlist_t;

/* Read path's names into l; 0 or -errno (open, getdents64, -ENOMEM). */
long cu_dirlist_read(cu_dirlist_t *l, const char *path);

void cu_dirlist_free(cu_dirlist_t *l);

#endif
