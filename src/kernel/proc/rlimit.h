/*
 * Resource limits: the per-process table and the rules of getrlimit,
 * setrlimit, prlimit64 and of the paths that enforce a limit
 * (spec/credentials.md CRED-060..074).
 *
 * Design: rlimit_table_t is a plain value embedded in the process (fork
 * copies it, exec keeps it).  The functions are pure decisions; the caller
 * copies arguments, checks SETUID(W) and passes it as `priv`.  Resource
 * numbers are Linux's RLIMIT_* under the names RL_* so this header can sit
 * beside a libc's <sys/resource.h>.
 */
#ifndef AEGIS_KERNEL_PROC_RLIMIT_H
#define AEGIS_KERNEL_PROC_RLIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "proc/cred.h"

#define RL_CPU 0u
#define RL_FSIZE 1u
#define RL_DATA 2u
#define RL_STACK 3u
#define RL_CORE 4u
#define RL_RSS 5u
#define RL_NPROC 6u
#define RL_NOFILE 7u
#define RL_MEMLOCK 8u
#define RL_AS 9u
#define RL_LOCKS 10u
#define RL_SIGPENDING 11u
#define RL_MSGQUEUE 12u
#define RL_NICE 13u
#define RL_RTPRIO 14u
#define RL_RTTIME 15u
#define RL_COUNT 16u

#define RL_INFINITY UINT64_MAX

/*
 * Defaults (CRED-061) and the NOFILE ceiling (CRED-065): the ceiling is the
 * size of a process's descriptor table (FDTABLE_MAX, asserted equal in
 * proc_limits.c), so every limit a process can set is one it can reach.
 */
#define RL_NOFILE_DEFAULT_SOFT 256u
#define RL_NOFILE_CEILING 256u
#define RL_STACK_DEFAULT_SOFT (8ull * 1024u * 1024u)

/* struct rlimit64's layout: soft then hard. */
typedef struct {
	uint64_t cur;
	uint64_t max;
} rlimit_t;

typedef struct {
	rlimit_t lim[RL_COUNT];
} rlimit_table_t;

void rlimit_table_init(rlimit_table_t *t);
void rlimit_table_copy(rlimit_table_t *dst, const rlimit_table_t *src);
bool rlimit_is_enforced(uint32_t resource);

int rlimit_get(const rlimit_table_t *t, uint32_t resource, rlimit_t *out);
/* setrlimit and prlimit64: new NULL only reads; old gets the value before, on success only. */
int rlimit_prlimit(rlimit_table_t *t, uint32_t resource, const rlimit_t *new_limit, rlimit_t *old_limit,
		   bool priv);
/* prlimit64 on another process (CRED-067): 0 or -ENOCAP. */
int rlimit_may_access(const cred_t *caller, const cred_t *target, bool priv);

/* Enforcement points (CRED-070..074). */
int rlimit_check_open(const rlimit_table_t *t, uint64_t fd);
int rlimit_check_fork(const rlimit_table_t *t, uint64_t count);
int rlimit_clip_write(const rlimit_table_t *t, uint64_t offset, uint64_t *len);
int rlimit_check_stack(const rlimit_table_t *t, uint64_t size);
int rlimit_check_as(const rlimit_table_t *t, uint64_t current, uint64_t add);
uint64_t rlimit_core_bytes(const rlimit_table_t *t, uint64_t size);

#endif
