/*
 * fscrash's reader (fscrash.h, spec/filesystems.md FS-145): after a crash
 * and e2fsck's repair, every round's files are read back through the VFS
 * and compared with the content rule.  One line per round: "intact" when
 * every file has its size and every byte, else the first difference.  A
 * round the writer never synced may differ; the test decides which rounds
 * must be intact, so this program always exits 0.
 */
#include <stdio.h>
#include <string.h>

#include <aegis/fcntl.h>

#include "fscrash.h"
#include "glue/glue.h"
#include "uio/uio.h"

#define FC_WHY_MAX 96u

static unsigned char fc_got[FC_CHUNK];
static unsigned char fc_want[FC_CHUNK];

/* 0 when file (round, index) reads back whole, else -1 with why filled in. */
static int fc_verify_file(unsigned round, unsigned index, const char *path, char *why, size_t cap)
{
	long fd = sys_open(path, AEGIS_O_RDONLY, 0);
	if (fd < 0) {
		snprintf(why, cap, "open: error %ld", fd);
		return -1;
	}
	uint64_t size = fc_file_size(round, index), done = 0;
	int r = 0;
	for (;;) {
		long n = sys_pread64((int)fd, fc_got, FC_CHUNK, (int64_t)done);
		if (n < 0) {
			snprintf(why, cap, "read at %lu: error %ld", (unsigned long)done, n);
			r = -1;
			break;
		}
		if (n == 0)
			break;
		size_t len = (size_t)n;
		if (done + len > size) {
			snprintf(why, cap, "longer than %lu bytes", (unsigned long)size);
			r = -1;
			break;
		}
		fc_fill(round, index, done, fc_want, len);
		if (memcmp(fc_got, fc_want, len) != 0) {
			snprintf(why, cap, "bytes differ in %lu..%lu", (unsigned long)done, (unsigned long)(done + len));
			r = -1;
			break;
		}
		done += len;
	}
	if (r == 0 && done != size) {
		snprintf(why, cap, "%lu bytes, expected %lu", (unsigned long)done, (unsigned long)size);
		r = -1;
	}
	(void)sys_close((int)fd);
	return r;
}

int fc_verify_rounds(void)
{
	unsigned intact = 0;
	for (unsigned round = 0; round < FC_ROUNDS; round++) {
		int bad = 0;
		for (unsigned i = 0; i < FC_FILES && !bad; i++) {
			char path[FC_PATH_MAX], why[FC_WHY_MAX];
			fc_file_path(round, i, path, sizeof(path));
			bad = fc_verify_file(round, i, path, why, sizeof(why)) != 0;
			if (bad)
				uio_printf(1, "fscrash: verify round %u differs: %s: %s\n", round, path, why);
		}
		if (!bad) {
			uio_printf(1, "fscrash: verify round %u intact\n", round);
			intact++;
		}
	}
	uio_printf(1, "fscrash: verify done, %u of %u rounds intact\n", intact, FC_ROUNDS);
	return 0;
}
