/*
 * fsjudge: the ext2 workload of the outside judge (spec/filesystems.md
 * FS-120).  Run as PID 1 with a disk on /mnt, it builds a tree under /mnt/w
 * (many files, a file far past the direct blocks, a sparse file reaching
 * triple-indirect blocks on 1 KiB images, deep directories, renames,
 * deletions, symlinks, truncation), then syncs and exits 0; any failing
 * call exits 1 with the reason.  tests/filesystems/test_fsjudge.py repeats
 * the same steps on the host and compares what Debian's debugfs reads back.
 */
#include <stdio.h>
#include <string.h>

#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "uio/uio.h"

#define FJ_SMALL_FILES 40
#define FJ_DEPTH 10
#define FJ_BIG (3u << 20)
#define FJ_BIG_CUT ((1u << 20) + 123u)
#define FJ_SPARSE_AT (80ull << 20)
#define FJ_SPARSE_LEN 4096u
#define FJ_CHUNK 65536u
#define FJ_PATH 512
#define FJ_LONG_TARGET 100

static unsigned char fj_buf[FJ_CHUNK];
static int fj_failures;

static void fj_check(long r, const char *what, const char *path)
{
	if (r < 0) {
		uio_printf(1, "fsjudge: %s %s: error %ld\n", what, path, r);
		fj_failures++;
	}
}

/* Byte i of a file's content with seed s (the host side uses the same rule). */
static unsigned char fj_byte(unsigned s, uint64_t i)
{
	return (unsigned char)((i * 131u + s * 7u + (i >> 12)) & 0xFF);
}

static void fj_write(const char *path, unsigned seed, uint64_t at, uint64_t len)
{
	long fd = sys_open(path, AEGIS_O_WRONLY | AEGIS_O_CREAT, 0644);
	fj_check(fd, "open", path);
	if (fd < 0)
		return;
	for (uint64_t done = 0; done < len;) {
		size_t step = len - done < FJ_CHUNK ? (size_t)(len - done) : FJ_CHUNK;
		for (size_t i = 0; i < step; i++)
			fj_buf[i] = fj_byte(seed, done + i);
		long n = sys_pwrite64((int)fd, fj_buf, step, (int64_t)(at + done));
		fj_check(n == (long)step ? 0 : -1, "write", path);
		if (n != (long)step)
			break;
		done += step;
	}
	fj_check(sys_close((int)fd), "close", path);
}

int main(void)
{
	char p[FJ_PATH], q[FJ_PATH + FJ_PATH];
	fj_check(sys_mkdir("/mnt/w", 0755), "mkdir", "/mnt/w");
	strcpy(p, "/mnt/w");
	for (int d = 0; d < FJ_DEPTH; d++) {
		size_t at = strlen(p);
		snprintf(p + at, sizeof(p) - at, "/d%d", d);
		fj_check(sys_mkdir(p, 0755), "mkdir", p);
	}
	snprintf(q, sizeof(q), "%s/deep-file", p);
	fj_write(q, 99, 0, 5000);
	for (int i = 0; i < FJ_SMALL_FILES; i++) {
		snprintf(p, sizeof(p), "/mnt/w/f%02d", i);
		fj_write(p, (unsigned)i, 0, 100u * (unsigned)i + 7u);
	}
	fj_write("/mnt/w/big", 1000, 0, FJ_BIG);
	fj_write("/mnt/w/sparse", 2000, FJ_SPARSE_AT, FJ_SPARSE_LEN);
	for (int i = 0; i < 10; i++) {
		snprintf(p, sizeof(p), "/mnt/w/f%02d", i);
		snprintf(q, sizeof(q), "/mnt/w/r%02d", i);
		fj_check(sys_rename(p, q), "rename", p);
	}
	for (int i = 10; i < 20; i++) {
		snprintf(p, sizeof(p), "/mnt/w/f%02d", i);
		fj_check(sys_unlink(p), "unlink", p);
	}
	fj_check(sys_rename("/mnt/w/d0/d1/d2/d3/d4/d5", "/mnt/w/moved"), "rename", "d5");
	fj_check(sys_symlink("f20", "/mnt/w/l0"), "symlink", "l0");
	char target[FJ_LONG_TARGET + 1];
	memset(target, 'x', FJ_LONG_TARGET);
	target[FJ_LONG_TARGET] = '\0';
	fj_check(sys_symlink(target, "/mnt/w/l1"), "symlink", "l1");
	fj_check(sys_truncate("/mnt/w/f21", 50), "truncate", "f21");
	fj_check(sys_truncate("/mnt/w/big", FJ_BIG_CUT), "truncate", "big");
	fj_check(sys_link("/mnt/w/f22", "/mnt/w/f22-link"), "link", "f22");
	fj_check(sys_rmdir("/mnt/w/d0/d1/d2/d3/d4"), "rmdir", "d4");
	sys_sync();
	uio_printf(1, "fsjudge: %s\n", fj_failures ? "FAILED" : "done");
	return fj_failures ? 1 : 0;
}
