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

#endif
