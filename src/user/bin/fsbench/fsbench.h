/*
 * fsbench: file-system throughput and metadata rates
 * (spec/filesystems.md FS-150..FS-153).
 *
 * Run as PID 1 ("init=/bin/fsbench test=init") it measures, for ext2 (a
 * directory on /mnt when a disk is mounted there, else on the root) and for
 * ramfs (/tmp), with CLOCK_MONOTONIC and a fixed seed:
 *
 *   seq_write   FB_FILE_BYTES written in FB_SEQ_CHUNK pieces, then fsync
 *   seq_read    the same file read back in FB_SEQ_CHUNK pieces
 *   rand_write  FB_RAND_OPS 4 KiB writes at random 4 KiB-aligned offsets, then fsync
 *   rand_read   FB_RAND_OPS 4 KiB reads at random 4 KiB-aligned offsets
 *   create      FB_META_FILES empty files made (open O_CREAT, close)
 *   unlink      the same files removed
 *
 * Before each timed part it prints "fsbench: start <fs> <op>" (so a host
 * can time the part by when lines arrive, as tools/bench-fs does in the sim,
 * whose clock stands still), after it
 *
 *   bench: <fs> <op> <amount> bytes in <ns> ns, <rate> MB/s
 *   bench: <fs> <op> <amount> files in <ns> ns, <rate> ops/s
 *
 * with <rate> "-" when no time passed.  A failing call prints
 * "bench: <fs> <op> FAILED: <what> (result R)" and the exit status is 1.
 */
#ifndef AEGIS_FSBENCH_H
#define AEGIS_FSBENCH_H

#include <stdbool.h>
#include <stdint.h>

#define FB_SEED 0x5EEDF11E5ull
#define FB_FILE_BYTES (4u << 20)
#define FB_SEQ_CHUNK 65536u
#define FB_RAND_BLOCK 4096u
#define FB_RAND_OPS 512u
/* A part faster than the clock can see (QEMU's PIT clock can stall for a tick) runs again, up to FB_ROUNDS_MAX rounds, until it took FB_PART_MIN_NS (FS-152). */
#define FB_PART_MIN_NS 20000000ull
#define FB_ROUNDS_MAX 8u
#define FB_META_FILES 200u
#define FB_PATH_MAX 128u

/* One file system under test: its label and the directory the benchmark owns. */
typedef struct fb_target {
	const char *fs;
	const char *dir;
} fb_target_t;

/* What a figure counts: bytes (a MB/s rate) or files (an ops/s rate). */
typedef enum fb_unit { FB_BYTES, FB_FILES } fb_unit_t;

/* fb_clock.c: the clock, the seeded generator and the report lines. */
uint64_t fb_now_ns(void);
uint64_t fb_random(uint64_t *state);
void fb_start(const fb_target_t *t, const char *op);
void fb_report(const fb_target_t *t, const char *op, uint64_t amount, fb_unit_t unit, uint64_t ns);
bool fb_fail(const fb_target_t *t, const char *op, const char *what, long result);

/* fb_data.c: the four throughput figures on one file. */
bool fb_data_run(const fb_target_t *t);

/* fb_meta.c: the create and unlink rates. */
bool fb_meta_run(const fb_target_t *t);

#endif
