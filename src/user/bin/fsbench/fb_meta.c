/*
 * fsbench's metadata rates (fsbench.h): FB_META_FILES empty files made in
 * one directory, then removed, each pass timed as a whole.
 */
#include <stdio.h>

#include <aegis/fcntl.h>

#include "fsbench.h"
#include "glue/glue.h"

#define FB_FILE_MODE 0644u

static void fb_meta_path(const fb_target_t *t, unsigned i, char *out, size_t cap)
{
	snprintf(out, cap, "%s/c%04u", t->dir, i);
}

bool fb_meta_run(const fb_target_t *t)
{
	char path[FB_PATH_MAX];
	fb_start(t, "create");
	uint64_t t0 = fb_now_ns();
	for (unsigned i = 0; i < FB_META_FILES; i++) {
		fb_meta_path(t, i, path, sizeof(path));
		long fd = sys_open(path, AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC, FB_FILE_MODE);
		if (fd < 0)
			return fb_fail(t, "create", "open", fd);
		long c = sys_close((int)fd);
		if (c != 0)
			return fb_fail(t, "create", "close", c);
	}
	fb_report(t, "create", FB_META_FILES, FB_FILES, fb_now_ns() - t0);
	fb_start(t, "unlink");
	t0 = fb_now_ns();
	for (unsigned i = 0; i < FB_META_FILES; i++) {
		fb_meta_path(t, i, path, sizeof(path));
		long r = sys_unlink(path);
		if (r != 0)
			return fb_fail(t, "unlink", "unlink", r);
	}
	fb_report(t, "unlink", FB_META_FILES, FB_FILES, fb_now_ns() - t0);
	return true;
}
