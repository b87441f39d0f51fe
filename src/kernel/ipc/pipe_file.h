/*
 * Pipes as open files: the pipe core (pipe.h) plus the sleeping, waking and
 * SIGPIPE that the core asks its caller to do.  spec/pipe.md has the rules.
 */
#ifndef AEGIS_KERNEL_IPC_PIPE_FILE_H
#define AEGIS_KERNEL_IPC_PIPE_FILE_H

#include <stdint.h>

#include "proc/fdtable.h"

/* A new pipe: *read_end and *write_end each hold one reference.  0 or -ENOMEM. */
int pipe_file_create(uint32_t flags, file_t **read_end, file_t **write_end);

/*
 * Open one end of a FIFO (spec/filesystems.md FS-200..): *slot is the node's
 * pipe, made on the first open and freed (slot back to NULL) when the last
 * end closes.  O_RDONLY waits for a writer unless O_NONBLOCK; O_WRONLY waits
 * for a reader, or fails with -ENXIO under O_NONBLOCK; O_RDWR is -EINVAL.
 * 0 and *out (one reference), -ENOMEM, -ENXIO or -ERESTARTSYS (a signal).
 */
int pipe_file_open_fifo(void **slot, uint32_t oflags, file_t **out);

#endif
