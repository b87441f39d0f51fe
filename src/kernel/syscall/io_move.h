/*
 * Moving bytes between user memory and a file, shared by read/write and
 * their vector forms (sys_io.c) and the socket calls (sys_sockio.c): data
 * passes through a kernel bounce buffer in IO_CHUNK pieces (at least
 * PIPE_BUF, so a pipe or socket write of up to PIPE_BUF bytes stays
 * atomic), and a short step ends the call with what was moved.
 */
#ifndef AEGIS_KERNEL_SYSCALL_IO_MOVE_H
#define AEGIS_KERNEL_SYSCALL_IO_MOVE_H

#include <stdbool.h>
#include <stdint.h>

#include "proc/process.h"

#define IO_CHUNK 4096u
#define IO_MAX_BYTES 0x7ffff000ull /* Linux moves at most this much per call */
#define IOV_MAX 1024u

/* One step: move up to len bytes between f and the kernel buffer buf: bytes moved or -errno. */
typedef int64_t (*io_step_fn)(file_t *f, void *buf, size_t len, uint32_t flags);

/* Move len bytes at user addr through step (flags passed on): bytes moved, or -errno when none. */
int64_t io_move(process_t *p, file_t *f, uint64_t addr, uint64_t len, bool writing, io_step_fn step, uint32_t flags);

/* The same over count user iovecs at iov_addr (-EINVAL: too many, or too many bytes in all). */
int64_t io_move_vector(process_t *p, file_t *f, uint64_t iov_addr, uint64_t count, bool writing, io_step_fn step,
		       uint32_t flags);

#endif
