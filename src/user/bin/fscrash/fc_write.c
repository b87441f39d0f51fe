/*
 * fscrash's writer (fscrash.h, spec/filesystems.md FS-140, FS-141): rounds
 * of files under /mnt/fscrash, each ended by fsync of every file and of the
 * round's directory and by sync(), and reported as synced only when every
 * call of the round succeeded.  The first failing call ends the run: it is
 * printed, nothing more is written, and the exit status is still 0, since a
 * disk that stops taking writes is what the workload is run against.
 */
#include <aegis/fcntl.h>

#include "fscrash.h"
#include "glue/glue.h"
#include "uio/uio.h"

#define FC_DIR_MODE 0755u
#define FC_FILE_MODE 0644u

static unsigned char fc_buf[FC_CHUNK];

/* 0, or prints the failing call of round r and returns its error. */
static long fc_report(unsigned round, const char *what, const char *path, long r)
{
	if (r < 0)
		uio_printf(1, "fscrash: round %u failed: %s %s: error %ld\n", round, what, path, r);
	return r < 0 ? r : 0;
}

/* Write file (round, index) whole and fsync it. */
static long fc_write_file(unsigned round, unsigned index)
{
	char path[FC_PATH_MAX];
	fc_file_path(round, index, path, sizeof(path));
	long fd = sys_open(path, AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC, FC_FILE_MODE);
	if (fc_report(round, "open", path, fd) < 0)
		return fd;
	long r = 0;
	uint64_t size = fc_file_size(round, index);
	for (uint64_t done = 0; done < size && r == 0;) {
		size_t step = size - done < FC_CHUNK ? (size_t)(size - done) : FC_CHUNK;
		fc_fill(round, index, done, fc_buf, step);
		long n = sys_pwrite64((int)fd, fc_buf, step, (int64_t)done);
		r = fc_report(round, "write", path, n);
		if (r == 0 && (size_t)n != step) {
			uio_printf(1, "fscrash: round %u failed: write %s: %ld of %zu bytes at %lu\n", round, path, n,
			           step, (unsigned long)done);
			r = -1;
		}
		done += step;
	}
	if (r == 0)
		r = fc_report(round, "fsync", path, sys_fsync((int)fd));
	long c = fc_report(round, "close", path, sys_close((int)fd));
	return r < 0 ? r : c;
}

/* Make the round's directory, its files, and sync them: 0 when every call succeeded. */
static long fc_write_round(unsigned round)
{
	char dir[FC_PATH_MAX];
	fc_round_dir(round, dir, sizeof(dir));
	long r = fc_report(round, "mkdir", dir, sys_mkdir(dir, FC_DIR_MODE));
	for (unsigned i = 0; i < FC_FILES && r == 0; i++)
		r = fc_write_file(round, i);
	if (r < 0)
		return r;
	long fd = sys_open(dir, AEGIS_O_RDONLY | AEGIS_O_DIRECTORY, 0);
	if (fc_report(round, "open", dir, fd) < 0)
		return fd;
	r = fc_report(round, "fsync", dir, sys_fsync((int)fd));
	long c = fc_report(round, "close", dir, sys_close((int)fd));
	if (r < 0 || c < 0)
		return r < 0 ? r : c;
	(void)sys_sync(); /* reports nothing (POSIX); the fsyncs above carry the errors */
	return 0;
}

int fc_write_rounds(void)
{
	long r = sys_mkdir(FC_ROOT, FC_DIR_MODE);
	if (r < 0) {
		uio_printf(1, "fscrash: mkdir %s: error %ld\nfscrash: stopped after 0 synced rounds\n", FC_ROOT, r);
		return 0;
	}
	unsigned synced = 0;
	for (; synced < FC_ROUNDS; synced++) {
		if (fc_write_round(synced) < 0)
			break;
		uio_printf(1, "fscrash: round %u synced\n", synced);
	}
	if (synced == FC_ROUNDS)
		uio_printf(1, "fscrash: all %u rounds synced\n", FC_ROUNDS);
	else
		uio_printf(1, "fscrash: stopped after %u synced rounds\n", synced);
	return 0;
}
