/*
 * AFL++ driver: persistent mode with shared-memory test cases.
 *
 * Built only by mk/fuzz.mk with afl-clang-fast.  The process forks once and
 * then loops over inputs (__AFL_LOOP), which is some twenty times faster
 * than a fork per input.  Each input is copied into a heap buffer of exactly
 * its size, because AFL's shared buffer is larger than the input and an
 * over-read into it would go unnoticed by AddressSanitizer.  Given a file
 * argument, the driver runs that one input and exits (to reproduce a crash
 * under a debugger).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

/* Inputs per forked process before AFL starts a fresh one (limits leaked state). */
#define AFL_PERSISTENT_ITERATIONS 10000
/* Largest input run_file() reads (AFL's own default maximum is 1 MiB). */
#define AFL_FILE_MAX (1u << 20)

__AFL_FUZZ_INIT();

static void run_copy(const uint8_t *data, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);
	if (!copy)
		abort();
	memcpy(copy, data, len);
	fuzz_one(copy, len);
	free(copy);
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 2;
	}
	static uint8_t buf[AFL_FILE_MAX];
	size_t len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	run_copy(buf, len);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return run_file(argv[1]);
	__AFL_INIT();
	const unsigned char *buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(AFL_PERSISTENT_ITERATIONS))
		run_copy(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
	return 0;
}
