/*
 * The process side of credentials and resource limits: who holds the
 * privilege the pure rules take as `priv`, and the enforcement points that
 * need a process (spec/credentials.md CRED-080..).
 *
 * The rules themselves live in proc/cred.c and proc/rlimit.c; these helpers
 * look up the capability table and the limit table of one process and call
 * them, so every system call asks the same question the same way.
 */
#ifndef AEGIS_KERNEL_PROC_PROC_LIMITS_H
#define AEGIS_KERNEL_PROC_PROC_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proc/process.h"

/* Does p hold SETUID(W), the privilege of the identity calls and of raising hard limits? */
bool proc_holds_setuid(const process_t *p);

/* One past the highest descriptor p may open: the NOFILE soft limit, at most FDTABLE_MAX. */
uint32_t proc_fd_limit(const process_t *p);

/* fdtable_install below proc_fd_limit(p): the descriptor or -EMFILE (CRED-081). */
int proc_fd_install(process_t *p, file_t *f, int min, bool cloexec);

/*
 * RLIMIT_FSIZE for a write of *len bytes at offset (CRED-083): 0 (*len
 * perhaps shortened) or -EFBIG, after which SIGXFSZ is pending for p.  A
 * NULL p (a kernel task) has no limit.
 */
int proc_clip_write(process_t *p, uint64_t offset, size_t *len);

/* RLIMIT_AS for growing p's address space by add bytes: 0 or -ENOMEM (CRED-085). */
int proc_check_as(const process_t *p, uint64_t add);

#endif
