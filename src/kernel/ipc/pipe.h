/*
 * The pipe core (spec/pipe.md): a byte ring with read/write end counts and the
 * decisions of read, write, close and poll, as pure code.
 *
 * Design: the ring (PIPE_CAPACITY bytes) is embedded in pipe_t; `head` is the
 * index of the oldest byte and `used` how many bytes are stored, so free room is
 * PIPE_CAPACITY - used and no slot is wasted.  Nothing here sleeps or signals:
 * each call returns a pipe_result_t whose `count` is bytes moved (>= 0) or a
 * negative errno, and whose `actions` tell the caller to block and retry, wake
 * readers or writers, or raise SIGPIPE.
 */
#ifndef AEGIS_KERNEL_IPC_PIPE_H
#define AEGIS_KERNEL_IPC_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PIPE_CAPACITY 65536u
#define PIPE_BUF 4096u

/* poll(2) readiness bits, Linux values. */
#define PIPE_POLLIN 0x001u
#define PIPE_POLLOUT 0x004u
#define PIPE_POLLERR 0x008u
#define PIPE_POLLHUP 0x010u

/* What the caller must do after a call. */
#define PIPE_ACT_BLOCK 0x1u        /* sleep until woken, then retry (the rest) */
#define PIPE_ACT_WAKE_READERS 0x2u
#define PIPE_ACT_WAKE_WRITERS 0x4u
#define PIPE_ACT_SIGPIPE 0x8u      /* raise SIGPIPE in the writing thread */

typedef enum {
	PIPE_END_READ = 0,
	PIPE_END_WRITE = 1,
} pipe_end_t;

typedef struct pipe {
	uint32_t head;      /* index of the oldest stored byte */
	uint32_t used;      /* bytes stored */
	uint32_t readers;   /* holders of the read end */
	uint32_t writers;   /* holders of the write end */
	uint8_t ring[PIPE_CAPACITY];
} pipe_t;

typedef struct {
	int64_t count;      /* bytes moved, or a negative errno */
	uint32_t actions;   /* PIPE_ACT_* bits */
} pipe_result_t;

/* An empty pipe with one read end and one write end open. */
void pipe_init(pipe_t *p);

/* Add a holder of an end: 0, -EINVAL (bad end), -EOVERFLOW (count full). */
int pipe_open_end(pipe_t *p, pipe_end_t end);

/* Remove a holder: PIPE_ACT_* bits (>= 0) or -EINVAL (bad end, count zero). */
int pipe_close_end(pipe_t *p, pipe_end_t end);

/* True once no end is held: the caller frees the pipe. */
bool pipe_is_released(const pipe_t *p);

pipe_result_t pipe_write(pipe_t *p, const uint8_t *src, size_t len, bool nonblock);
pipe_result_t pipe_read(pipe_t *p, uint8_t *dst, size_t len, bool nonblock);

/* PIPE_POLL* bits for one end; 0 for an invalid end. */
uint32_t pipe_poll(const pipe_t *p, pipe_end_t end);

/* Bytes stored (for FIONREAD and tests). */
size_t pipe_bytes_stored(const pipe_t *p);

#endif
