/*
 * System-call dispatch (spec/processes.md): Linux x86_64 numbers, the
 * Aegis-private numbers of include/aegis/syscall_nr.h, and -ENOSYS for
 * everything else.
 *
 * A handler gets the calling process and the six argument registers and
 * returns the result (>= 0) or -errno; proc_run.c puts it in the caller's
 * rax.  Handlers check every argument, copy user memory only through
 * proc/usercopy.h, and never trust a user pointer.
 */
#ifndef AEGIS_KERNEL_SYSCALL_H
#define AEGIS_KERNEL_SYSCALL_H

#include <stdint.h>

#include "proc/process.h"

#define SYSCALL_ARGS 6u
/* One past the highest number the table covers (the Aegis-private 5xx included). */
#define SYSCALL_TABLE_SIZE 520u

typedef struct {
	uint64_t a[SYSCALL_ARGS];
} syscall_args_t;

typedef int64_t (*syscall_fn_t)(process_t *p, const syscall_args_t *args);

/* Run system call nr for p: the result or -ENOSYS for an unknown number. */
int64_t syscall_dispatch(process_t *p, uint64_t nr, const syscall_args_t *args);

/* The handler for nr, or NULL (for tests and the benchmark). */
syscall_fn_t syscall_lookup(uint64_t nr);

#endif
