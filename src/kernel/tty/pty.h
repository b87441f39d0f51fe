/*
 * Pseudo-terminals as open files (spec/tty.md TTY-110..TTY-117): what devfs
 * calls to open /dev/ptmx and /dev/pts/N and to list /dev/pts.  The pairs
 * live in one table of PTY_MAX (tty/pty_table.h); pty_file.c implements
 * this with the pure pair of tty/pty_core.h.
 */
#ifndef AEGIS_KERNEL_TTY_PTY_H
#define AEGIS_KERNEL_TTY_PTY_H

#include <stdbool.h>
#include <stdint.h>

#include "proc/fdtable.h"
#include "proc/process.h"
#include "tty/pty_table.h"

#define PTY_MASTER_MAJOR 5u
#define PTY_MASTER_MINOR 2u   /* /dev/ptmx */
#define PTY_SLAVE_MAJOR 136u  /* /dev/pts/N is 136,N */
#define PTY_SLAVE_PERM 0620u

/* What /dev/pts/N shows of a pair. */
typedef struct pty_slave_info {
	uint32_t uid, gid; /* the effective IDs of the process that opened the master */
	bool locked;
} pty_slave_info_t;

/* A new pair (owned by p's effective IDs; p may be NULL: root) and its master file: 0, -ENOSPC or -ENOMEM. */
int pty_open_master(process_t *p, uint32_t flags, file_t **out);

/* A new file for the slave of pair index: 0, -ENOENT (no pair), -EIO (locked or hung up) or -ENOMEM. */
int pty_open_slave(process_t *p, unsigned index, uint32_t flags, file_t **out);

/* Is /dev/pts/index there: a pair whose master is open. */
bool pty_slave_exists(unsigned index);

/* The pair's owner and lock: 0, or -ENOENT when pty_slave_exists is false. */
int pty_slave_info(unsigned index, pty_slave_info_t *info);

/* Call fn for each index pty_slave_exists holds for, in order; a non-zero return stops and is returned. */
typedef int (*pty_list_fn)(void *ctx, unsigned index);
int pty_list(pty_list_fn fn, void *ctx);

#endif
