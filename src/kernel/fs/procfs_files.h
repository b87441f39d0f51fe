/*
 * The generated text files of /proc (procfs_files.c): /proc/version,
 * cmdline, meminfo, uptime and /proc/self/status.
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

/* The files of /proc (self false) or /proc/self (self true). */
const procfs_file_t *procfs_files(bool self, size_t *count);

/* Read up to len bytes at offset of the file's text, made now: bytes read (0 at the end) or -ENOMEM. */
int64_t procfs_file_read(const procfs_file_t *file, uint64_t offset, void *buf, size_t len);

#endif
