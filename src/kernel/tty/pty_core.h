/*
 * A pseudo-terminal pair as a pure state machine (spec/tty.md TTY-110..):
 * the slave's terminal is one line discipline whose input is what the master
 * writes and whose output (echo and slave writes, after output processing)
 * fills the master's read queue, a bounded ring.  This file decides; it
 * never blocks: an operation that cannot progress returns -EAGAIN and the
 * file layer (pty_file.c) waits for the wake callback.  It also keeps the
 * open counts of both sides, the lock and the two hang-up states.
 */
#ifndef AEGIS_KERNEL_TTY_PTY_CORE_H
#define AEGIS_KERNEL_TTY_PTY_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tty/ldisc.h"

#define PTY_OUT_MAX 4096u /* bytes in the master's read queue */
/* A master write waits while the slave's input queue holds this many entries, some readable. */
#define PTY_INPUT_HIGH (TTY_QUEUE_MAX - 1u)
/* Most bytes one written byte becomes in output processing (ONLCR: NL -> CR NL). */
#define PTY_OUTPUT_WORST 2u
#define PTY_SIGHUP 1 /* Linux x86_64 number */

typedef struct pty_core_ops {
	/* Send sig to process group pgrp. */
	void (*signal)(void *ctx, int32_t pgrp, int sig);
	/* Something either side waits for may have changed. */
	void (*wake)(void *ctx);
	void *ctx;
} pty_core_ops_t;

typedef struct pty_core {
	tty_ldisc_t ld; /* the slave's terminal */
	pty_core_ops_t ops;
	uint8_t out[PTY_OUT_MAX]; /* the master's read queue */
	size_t out_head, out_len;
	uint64_t echo_dropped; /* echo bytes the master's queue had no room for */
	unsigned index;
	uint32_t uid, gid;    /* the slave's owner: who opened the master */
	uint32_t masters;     /* open master files (0 or 1) */
	uint32_t slaves;      /* open slave files */
	bool locked;          /* TIOCSPTLCK: the slave cannot be opened */
	bool slave_closed;    /* a slave was open and the last one closed: master reads end in -EIO */
	bool hung_up;         /* the master closed: the slave is hung up */
} pty_core_t;

/* A new pair at index with its master open, locked, cooked as TTY-002 (ops may be NULL). */
void pty_core_init(pty_core_t *c, unsigned index, const pty_core_ops_t *ops);

/* Master write: bytes taken (> 0), 0 for len 0, or -EAGAIN when none can be taken now (TTY-112). */
int64_t pty_core_master_write(pty_core_t *c, const uint8_t *bytes, size_t len, uint64_t now_ns);
/* Master read: bytes copied, -EAGAIN (nothing queued) or -EIO (nothing queued, every slave closed). */
int64_t pty_core_master_read(pty_core_t *c, uint8_t *buf, size_t len);
/* Slave write: bytes taken, 0 for len 0, -EAGAIN (no room) or -EIO (hung up) (TTY-113). */
int64_t pty_core_slave_write(pty_core_t *c, const uint8_t *bytes, size_t len);
/* Slave read as tty_ldisc_read; a hung-up slave reads end of file. */
size_t pty_core_slave_read(pty_core_t *c, uint8_t *buf, size_t cap, uint64_t start_ns, uint64_t now_ns,
			   tty_read_result_t *res);

/* poll bits (ipc/poll_wait.h) of each side (TTY-115). */
uint32_t pty_core_master_poll(const pty_core_t *c);
uint32_t pty_core_slave_poll(const pty_core_t *c);

/* A slave open: 0, or -EIO when locked or hung up. */
int pty_core_slave_open(pty_core_t *c);
/* A slave file closed. */
void pty_core_slave_close(pty_core_t *c);
/* The master file closed: hang the slave up (TTY-116). */
void pty_core_master_close(pty_core_t *c);
/* Both sides closed: the pair can be freed. */
bool pty_core_released(const pty_core_t *c);
/* Is the slave there to be found (/dev/pts/N): the master is open. */
bool pty_core_visible(const pty_core_t *c);

#endif
