/*
 * The initrd: a read-only cpio "newc" archive of early programs, loaded by
 * the boot loader as a module and indexed in place (spec/initrd.md).
 *
 * initrd_parse() validates a whole archive and builds a sorted index of its
 * entries; names and file data are never copied (entry pointers point into
 * the archive), only symlink targets get a NUL-terminated copy.  An archive
 * is accepted whole or rejected with a reason (INITRD-009); nothing is ever
 * half-registered.  The boot side (initrd_mount_from_boot) picks the initrd
 * module, parses it and keeps the result for initrd_lookup().
 */
#ifndef AEGIS_KERNEL_FS_INITRD_H
#define AEGIS_KERNEL_FS_INITRD_H

#include <stddef.h>
#include <stdint.h>

#include "boot/bootinfo.h"

#define INITRD_MAX_ENTRIES 4096u  /* entries besides the root and the trailer */
#define INITRD_NAME_MAX 4096u     /* namesize, NUL included */
#define INITRD_COMPONENT_MAX 255u /* bytes in one path component */
#define INITRD_TARGET_MAX 4095u   /* bytes in a symlink target */
#define INITRD_REASON_MAX 224u    /* room for any reason (fits one marker line) */

typedef enum {
	INITRD_TYPE_FILE = 1,
	INITRD_TYPE_DIR = 2,
	INITRD_TYPE_SYMLINK = 3,
} initrd_type_t;

typedef struct {
	const char *path;    /* normalised, no leading '/', "" for the root; NUL-terminated */
	const char *name;    /* the last component (inside path); "" for the root */
	size_t path_len;
	const uint8_t *data; /* file data or the raw link target, inside the archive */
	uint64_t size;       /* bytes at data */
	const char *target;  /* symlink: the target, NUL-terminated; NULL otherwise */
	initrd_type_t type;
	uint32_t mode;       /* type and permission bits, as in the archive */
	uint32_t uid, gid, mtime;
	uint32_t parent;     /* index of the parent directory in the index (root: 0) */
	uint32_t number;     /* position in the archive (0 = first entry) */
	size_t offset;       /* header offset in the archive */
} initrd_entry_t;

typedef struct initrd initrd_t;

/*
 * Parse the archive at base (size bytes).  0 and *out on success;
 * -EINVAL with a reason (INITRD-009) for a malformed archive, -ENOMEM when
 * the index cannot be allocated.  *out is NULL on failure.  The archive must
 * stay in place and unchanged while the index is used.
 */
int initrd_parse(const void *base, size_t size, initrd_t **out, char *reason, size_t reason_cap);
void initrd_free(initrd_t *rd);

/* Entries besides the root. */
size_t initrd_count(const initrd_t *rd);

/* Look a path up (INITRD-021): 0, -EINVAL (not normalised) or -ENOENT. */
int initrd_find(const initrd_t *rd, const char *path, initrd_entry_t *out);

/* Walks (INITRD-022): a non-zero return of fn stops the walk and is returned. */
typedef int (*initrd_visit_fn)(void *ctx, const initrd_entry_t *entry);
int initrd_foreach(const initrd_t *rd, initrd_visit_fn fn, void *ctx);
int initrd_list(const initrd_t *rd, const char *dir, initrd_visit_fn fn, void *ctx);

/* ---- the boot initrd (initrd_boot.c) ---- */

/* Prints the [INITRD] marker (INITRD-031); never stops the boot. */
void initrd_mount_from_boot(const bootinfo_t *info);

/* The boot initrd, or NULL. */
const initrd_t *initrd_get(void);

/* initrd_find on the boot initrd; -ENOENT without one. */
int initrd_lookup(const char *path, initrd_entry_t *out);

#endif
