/*
 * fscrash: the crash-safety workload of spec/filesystems.md FS-140..FS-147.
 *
 * Run as PID 1 in the sim with disk0 (ext2) on /mnt, the writer makes
 * FC_ROUNDS rounds of files under /mnt/fscrash: round r is the directory
 * r<r> holding FC_FILES files f<i>, each fsync'ed, then the directory is
 * fsync'ed and sync() called.  Only when every call of the round succeeded
 * does it print "fscrash: round <r> synced".  When the disk refuses writes
 * (the sim's --disk FILE,fail-after=K) the round's failing call is printed
 * and the writer stops and exits 0: failing writes are the expected end.
 *
 * Started as /bin/fscrash-verify (a link to this program) or with the
 * argument "verify", it reads every round back instead and prints
 * "fscrash: verify round <r> intact" or "... differs: <path>: <why>".
 *
 * The content of a file is a pure function of (round, index, offset) and
 * its length of (round, index); tests/filesystems/test_fscrash.py computes
 * the same with the same rule (fc_content.c).
 */
#ifndef AEGIS_FSCRASH_H
#define AEGIS_FSCRASH_H

#include <stddef.h>
#include <stdint.h>

#define FC_ROOT "/mnt/fscrash"
#define FC_ROUNDS 6u
#define FC_FILES 4u
#define FC_PATH_MAX 96u
#define FC_CHUNK 8192u
#define FC_VERIFY_ARG "verify"
#define FC_VERIFY_NAME "fscrash-verify"

/* fc_content.c: what every file holds and where it lives. */
uint64_t fc_file_size(unsigned round, unsigned index);
void fc_fill(unsigned round, unsigned index, uint64_t at, unsigned char *buf, size_t len);
void fc_round_dir(unsigned round, char *out, size_t cap);
void fc_file_path(unsigned round, unsigned index, char *out, size_t cap);

/* fc_write.c: the writer; returns the process exit status. */
int fc_write_rounds(void);

/* fc_verify.c: the reader; returns the process exit status. */
int fc_verify_rounds(void);

#endif
