/*
 * What the initrd files share privately: the parsed archive (initrd_t) and
 * the path rules used both for archive names and for lookups.
 */
#ifndef AEGIS_KERNEL_FS_INITRD_INTERNAL_H
#define AEGIS_KERNEL_FS_INITRD_INTERNAL_H

#include <stdbool.h>

#include "fs/initrd.h"

struct initrd {
	const uint8_t *base;
	size_t size;
	initrd_entry_t *entries; /* [0] is the root; the rest sorted by path */
	size_t count;            /* entries, root included */
	char *targets;           /* NUL-terminated symlink targets, one pool */
};

/* mode type bits */
#define INITRD_S_IFMT 0170000u
#define INITRD_S_IFREG 0100000u
#define INITRD_S_IFDIR 0040000u
#define INITRD_S_IFLNK 0120000u
#define INITRD_MODE_MAX 0177777u
#define INITRD_ROOT_MODE (INITRD_S_IFDIR | 0755u)

/* True when path[0..len) is one or more valid components (INITRD-006). */
bool initrd_path_valid(const char *path, size_t len);

/* Byte order of (a, alen) and (b, blen): <0, 0, >0. */
int initrd_path_cmp(const char *a, size_t alen, const char *b, size_t blen);

/* Index of the entry with this path (binary search), or -1. */
long initrd_index_of(const initrd_t *rd, const char *path, size_t len);

#endif
