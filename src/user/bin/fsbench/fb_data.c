/*
 * fsbench's throughput figures (fsbench.h): sequential write and read of
 * one FB_FILE_BYTES file, then 4 KiB writes and reads at offsets drawn from
 * the fixed seed.  Writes end with fsync inside the timed part, so a file
 * system that caches pays for reaching its device.  The file is removed at
 * the end.
 */
#include <stdio.h>

#include <aegis/fcntl.h>

#include "fsbench.h"
#include "glue/glue.h"

#define FB_FILE_MODE 0644u
#define FB_FILL_MUL 131u

static unsigned char fb_buf[FB_SEQ_CHUNK];

/* Where the i-th transfer of a part goes: sequential, or a random aligned block from *state. */
static int64_t fb_offset(bool random, unsigned i, uint64_t *state)
{
	if (!random)
		return (int64_t)i * FB_SEQ_CHUNK;
	return (int64_t)(fb_random(state) % (FB_FILE_BYTES / FB_RAND_BLOCK)) * FB_RAND_BLOCK;
}

/* One round of a part: count transfers of len bytes (writes end with fsync); false after reporting a failure. */
static bool fb_round(const fb_target_t *t, const char *op, int fd, bool write, bool random, unsigned count,
		     size_t len)
{
	uint64_t state = FB_SEED;
	for (unsigned i = 0; i < count; i++) {
		int64_t at = fb_offset(random, i, &state);
		long n = write ? sys_pwrite64(fd, fb_buf, len, at) : sys_pread64(fd, fb_buf, len, at);
		if (n != (long)len)
			return fb_fail(t, op, write ? "pwrite" : "pread", n);
	}
	long r = write ? sys_fsync(fd) : 0;
	return r == 0 ? true : fb_fail(t, op, "fsync", r);
}

/* One timed part: rounds of it until the clock saw FB_PART_MIN_NS (at most FB_ROUNDS_MAX), then its figure. */
static bool fb_part(const fb_target_t *t, const char *op, int fd, bool write, bool random)
{
	unsigned count = random ? FB_RAND_OPS : FB_FILE_BYTES / FB_SEQ_CHUNK;
	size_t len = random ? FB_RAND_BLOCK : FB_SEQ_CHUNK;
	unsigned rounds = 0;
	fb_start(t, op);
	uint64_t t0 = fb_now_ns(), elapsed = 0;
	do {
		if (!fb_round(t, op, fd, write, random, count, len))
			return false;
		rounds++;
		elapsed = fb_now_ns() - t0;
	} while (elapsed < FB_PART_MIN_NS && rounds < FB_ROUNDS_MAX);
	fb_report(t, op, (uint64_t)rounds * count * len, FB_BYTES, elapsed);
	return true;
}

bool fb_data_run(const fb_target_t *t)
{
	char path[FB_PATH_MAX];
	snprintf(path, sizeof(path), "%s/data", t->dir);
	for (uint32_t i = 0; i < FB_SEQ_CHUNK; i++)
		fb_buf[i] = (unsigned char)(i * FB_FILL_MUL);
	long fd = sys_open(path, AEGIS_O_RDWR | AEGIS_O_CREAT | AEGIS_O_TRUNC, FB_FILE_MODE);
	if (fd < 0)
		return fb_fail(t, "seq_write", "open", fd);
	bool ok = fb_part(t, "seq_write", (int)fd, true, false);
	ok = ok && fb_part(t, "seq_read", (int)fd, false, false);
	ok = ok && fb_part(t, "rand_write", (int)fd, true, true);
	ok = ok && fb_part(t, "rand_read", (int)fd, false, true);
	long c = sys_close((int)fd);
	long u = sys_unlink(path);
	if (ok && c != 0)
		ok = fb_fail(t, "rand_read", "close", c);
	if (ok && u != 0)
		ok = fb_fail(t, "rand_read", "unlink", u);
	return ok;
}
