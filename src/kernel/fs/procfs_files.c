/*
 * The generated files of /proc (spec/filesystems.md FS-041): each is text
 * made afresh by its generator at every read, so it always describes the
 * moment of the read; an offset picks up where the previous read stopped
 * (a reader that spans a change may see a mix, as on Linux).
 */
#include "fs/procfs_files.h"

#include <aegis/errno.h>

#include "core/cmdline.h"
#include "core/format.h"
#include "core/kstring.h"
#include "core/version.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "platform.h"
#include "proc/process.h"

#define PROCFS_KIB 1024u
#define PROCFS_NS_PER_CS 10000000ull /* centiseconds */
#define PROCFS_CS_PER_SEC 100ull

static size_t procfs_gen_version(char *buf, size_t cap)
{
	return ksnprintf(buf, cap, "%s version %s %s\n", AEGIS_SYSNAME, AEGIS_RELEASE, AEGIS_VERSION_TEXT);
}

static size_t procfs_gen_cmdline(char *buf, size_t cap)
{
	return ksnprintf(buf, cap, "%s\n", cmdline_get()->raw);
}

static size_t procfs_gen_meminfo(char *buf, size_t cap)
{
	uint64_t total = pmm_total_pages() * PMM_PAGE_SIZE / PROCFS_KIB;
	uint64_t free = pmm_free_pages() * PMM_PAGE_SIZE / PROCFS_KIB;
	return ksnprintf(buf, cap, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\nMemAvailable:   %8lu kB\n",
	                 (unsigned long)total, (unsigned long)free, (unsigned long)free);
}

static size_t procfs_gen_uptime(char *buf, size_t cap)
{
	uint64_t cs = platform_time_ns() / PROCFS_NS_PER_CS;
	return ksnprintf(buf, cap, "%lu.%02lu 0.00\n", (unsigned long)(cs / PROCFS_CS_PER_SEC),
	                 (unsigned long)(cs % PROCFS_CS_PER_SEC));
}

/* /proc/self/status: the caller's status text (FS-081). */

static const procfs_file_t procfs_root_files[] = {
	{ "cmdline", procfs_gen_cmdline },
	{ "meminfo", procfs_gen_meminfo },
	{ "uptime", procfs_gen_uptime },
	{ "version", procfs_gen_version },
};

const procfs_file_t *procfs_files(size_t *count)
{
	*count = sizeof(procfs_root_files) / sizeof(procfs_root_files[0]);
	return procfs_root_files;
}

int64_t procfs_text_copy(const char *text, size_t len, uint64_t offset, void *buf, size_t cap)
{
	if (offset >= len)
		return 0;
	size_t n = len - (size_t)offset < cap ? len - (size_t)offset : cap;
	kmemcpy(buf, text + offset, n);
	return (int64_t)n;
}

int64_t procfs_file_read(const procfs_file_t *file, uint64_t offset, void *buf, size_t len)
{
	char *text = kmalloc(PROCFS_FILE_MAX);
	if (!text)
		return -ENOMEM;
	size_t n = file->generate(text, PROCFS_FILE_MAX);
	if (n >= PROCFS_FILE_MAX)
		n = PROCFS_FILE_MAX - 1; /* ksnprintf's count when the text was cut */
	int64_t got = procfs_text_copy(text, n, offset, buf, len);
	kfree(text);
	return got;
}
