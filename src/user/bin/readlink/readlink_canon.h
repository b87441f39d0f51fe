/*
 * Canonical paths for readlink -f/-e/-m (spec/coreutils.md CU-320): an
 * absolute path without `.`, `..`, repeated slashes or symbolic links,
 * resolved component by component in user space.
 */
#ifndef AEGIS_READLINK_CANON_H
#define AEGIS_READLINK_CANON_H

#include <stddef.h>

typedef enum {
	READLINK_NEED_PARENTS, /* -f: all but the last component exist */
	READLINK_NEED_ALL,     /* -e */
	READLINK_NEED_NONE,    /* -m */
} readlink_need_t;

/* The canonical form of path into out; 0 or -errno (-ELOOP after too many links). */
long readlink_canon(const char *path, readlink_need_t need, char *out, size_t size);

#endif
