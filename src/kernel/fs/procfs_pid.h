/*
 * The contents of /proc/<pid> (spec/filesystems.md FS-080..FS-087):
 * generators that write a process's status, stat, cmdline and maps text into
 * a buffer, made afresh at each call; the listing of its descriptors with
 * their link targets; and the rule for who may read which entry.  The
 * procfs serves these as files; nothing here knows about vnodes.
 */
#ifndef AEGIS_FS_PROCFS_PID_H
#define AEGIS_FS_PROCFS_PID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proc/process.h"

#define PROCFS_PID_TEXT_MAX (32u * 1024u) /* bytes of text one per-process file holds at most */
#define PROCFS_FD_TARGET_MAX 4096u        /* bytes of one descriptor's link target, the NUL included */

/*
 * A generator: p's text into buf (cap bytes; at most cap - 1 and a NUL,
 * nothing when cap is 0); returns the whole text's length, which may pass
 * cap - 1 (the text was cut) but never PROCFS_PID_TEXT_MAX.  p NULL: 0.
 */
typedef size_t (*procfs_pid_gen_t)(const process_t *p, char *buf, size_t cap);

size_t procfs_pid_status(const process_t *p, char *buf, size_t cap);  /* FS-081 */
size_t procfs_pid_stat(const process_t *p, char *buf, size_t cap);    /* FS-083 */
size_t procfs_pid_cmdline(const process_t *p, char *buf, size_t cap); /* FS-084 */
size_t procfs_pid_maps(const process_t *p, char *buf, size_t cap);    /* FS-085 */

/* One text file of /proc/<pid>. */
typedef struct {
	const char *name;
	procfs_pid_gen_t generate;
	bool guarded; /* readable only when procfs_pid_may_read allows (FS-087) */
} procfs_pid_file_t;

/* The text files of /proc/<pid>, sorted by name. */
const procfs_pid_file_t *procfs_pid_files(size_t *count);

/* ---- state and memory (shared by the generators) ------------------------- */

/* p's state letter for stat (R, S, Z) and, in *name, the word status shows ("running", ...). */
char procfs_pid_state(const process_t *p, const char **name);

/* Bytes mapped and pages present in p's address space: false where the kernel keeps none (sim, zombie). */
bool procfs_pid_memory(const process_t *p, uint64_t *vsize, uint64_t *rss_pages);

/* Signals whose action is SIG_IGN (*ignored) and those with a handler (*caught): bit n-1 for signal n. */
void procfs_pid_sig_actions(const process_t *p, aegis_sigset_t *ignored, aegis_sigset_t *caught);

/* ---- /proc/<pid>/fd (FS-086) ---------------------------------------------- */

/*
 * The namespace path of f, a file opened from the namespace (f->node set),
 * into buf like snprintf: its length (may pass cap - 1), or < 0 when the
 * hook does not know it (the file is then named by its kind).
 */
typedef long (*procfs_fd_path_fn)(void *ctx, const file_t *f, char *buf, size_t cap);

typedef struct {
	procfs_fd_path_fn path; /* NULL: files from the namespace are named by their kind */
	void *ctx;
} procfs_fd_namer_t;

/* The link target of p's descriptor fd into buf (cut like a generator): its whole length, or -ENOENT. */
long procfs_pid_fd_target(process_t *p, int fd, const procfs_fd_namer_t *namer, char *buf, size_t cap);

/* Called for each open descriptor, lowest first, with its target (NUL-terminated, cut to PROCFS_FD_TARGET_MAX - 1). */
typedef int (*procfs_fd_visit_fn)(void *ctx, int fd, const char *target, size_t len);

/* Visit p's descriptors: 0, the first non-zero value fn returned, or -ENOMEM. */
int procfs_pid_fd_list(process_t *p, const procfs_fd_namer_t *namer, procfs_fd_visit_fn fn, void *ctx);

/* ---- who may read (FS-087) --------------------------------------------------- */

/* May viewer read target's guarded entries (maps, fd, environ)? */
bool procfs_pid_may_read(const process_t *viewer, const process_t *target);

/* Does viewer hold the PROC_READ capability with read rights? */
bool procfs_pid_cap_read(const process_t *viewer);

#endif
