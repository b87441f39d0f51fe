/*
 * The generated text files of /proc (procfs_files.c): /proc/version,
 * cmdline, meminfo and uptime.
 */
#ifndef AEGIS_FS_PROCFS_FILES_H
#define AEGIS_FS_PROCFS_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PROCFS_FILE_MAX 4096u /* bytes of text one file may hold */

typedef struct {
	const char *name;
	/* Write the text into buf (cap bytes, NUL-terminated); its length, as ksnprintf counts. */
	size_t (*generate)(char *buf, size_t cap);
} procfs_file_t;

/* The text files of /proc itself. */
const procfs_file_t *procfs_files(size_t *count);

/* Copy the part of text (len bytes) at offset into buf (cap bytes): bytes copied, 0 past the end. */
int64_t procfs_text_copy(const char *text, size_t len, uint64_t offset, void *buf, size_t cap);

/* Read up to len bytes at offset of the file's text, made now: bytes read (0 at the end) or -ENOMEM. */
int64_t procfs_file_read(const procfs_file_t *file, uint64_t offset, void *buf, size_t len);

#endif
