/*
 * The pipe core (spec/pipe.md): ring copy in and out, end counting, and the
 * POSIX read/write/poll decisions expressed as results, never as sleeps.
 * Copies split at most once, where the ring wraps.
 */
#include "ipc/pipe.h"

#include <aegis/errno.h>

#include "core/kstring.h"

static uint32_t *pipe_end_count(pipe_t *p, pipe_end_t end)
{
	if (end == PIPE_END_READ)
		return &p->readers;
	if (end == PIPE_END_WRITE)
		return &p->writers;
	return NULL;
}

static pipe_result_t pipe_result(int64_t count, uint32_t actions)
{
	pipe_result_t r = { .count = count, .actions = actions };
	return r;
}

static uint32_t pipe_free_room(const pipe_t *p)
{
	return PIPE_CAPACITY - p->used;
}

/* Append len bytes (len <= free room) at the tail, wrapping once if needed. */
static void pipe_ring_put(pipe_t *p, const uint8_t *src, uint32_t len)
{
	uint32_t tail = (p->head + p->used) % PIPE_CAPACITY;
	uint32_t first = PIPE_CAPACITY - tail;
	if (first > len)
		first = len;
	kmemcpy(p->ring + tail, src, first);
	kmemcpy(p->ring, src + first, len - first);
	p->used += len;
}

/* Remove len bytes (len <= used) from the head, wrapping once if needed. */
static void pipe_ring_take(pipe_t *p, uint8_t *dst, uint32_t len)
{
	uint32_t first = PIPE_CAPACITY - p->head;
	if (first > len)
		first = len;
	kmemcpy(dst, p->ring + p->head, first);
	kmemcpy(dst + first, p->ring, len - first);
	p->head = (p->head + len) % PIPE_CAPACITY;
	p->used -= len;
	if (p->used == 0)
		p->head = 0;
}

void pipe_init(pipe_t *p)
{
	p->head = 0;
	p->used = 0;
	p->readers = 1;
	p->writers = 1;
}

int pipe_open_end(pipe_t *p, pipe_end_t end)
{
	uint32_t *count = pipe_end_count(p, end);
	if (!count)
		return -EINVAL;
	if (*count == UINT32_MAX)
		return -EOVERFLOW;
	(*count)++;
	return 0;
}

int pipe_close_end(pipe_t *p, pipe_end_t end)
{
	uint32_t *count = pipe_end_count(p, end);
	if (!count || *count == 0)
		return -EINVAL;
	(*count)--;
	if (*count > 0)
		return 0;
	return end == PIPE_END_WRITE ? (int)PIPE_ACT_WAKE_READERS : (int)PIPE_ACT_WAKE_WRITERS;
}

bool pipe_is_released(const pipe_t *p)
{
	return p->readers == 0 && p->writers == 0;
}

pipe_result_t pipe_write(pipe_t *p, const uint8_t *src, size_t len, bool nonblock)
{
	if (p->writers == 0)
		return pipe_result(-EBADF, 0);
	if (len == 0)
		return pipe_result(0, 0);
	if (!src)
		return pipe_result(-EFAULT, 0);
	if (p->readers == 0)
		return pipe_result(-EPIPE, PIPE_ACT_SIGPIPE);

	uint32_t room = pipe_free_room(p);
	if (len <= PIPE_BUF && len > room) {
		if (nonblock)
			return pipe_result(-EAGAIN, 0);
		return pipe_result(0, PIPE_ACT_BLOCK);
	}
	if (room == 0) {
		if (nonblock)
			return pipe_result(-EAGAIN, 0);
		return pipe_result(0, PIPE_ACT_BLOCK);
	}
	uint32_t n = len < room ? (uint32_t)len : room;
	pipe_ring_put(p, src, n);
	uint32_t actions = PIPE_ACT_WAKE_READERS;
	if (n < len && !nonblock)
		actions |= PIPE_ACT_BLOCK;
	return pipe_result(n, actions);
}

pipe_result_t pipe_read(pipe_t *p, uint8_t *dst, size_t len, bool nonblock)
{
	if (p->readers == 0)
		return pipe_result(-EBADF, 0);
	if (len == 0)
		return pipe_result(0, 0);
	if (!dst)
		return pipe_result(-EFAULT, 0);
	if (p->used == 0) {
		if (p->writers == 0)
			return pipe_result(0, 0);
		if (nonblock)
			return pipe_result(-EAGAIN, 0);
		return pipe_result(0, PIPE_ACT_BLOCK);
	}
	uint32_t n = len < p->used ? (uint32_t)len : p->used;
	pipe_ring_take(p, dst, n);
	return pipe_result(n, PIPE_ACT_WAKE_WRITERS);
}

uint32_t pipe_poll(const pipe_t *p, pipe_end_t end)
{
	uint32_t bits = 0;
	if (end == PIPE_END_READ) {
		if (p->used > 0)
			bits |= PIPE_POLLIN;
		if (p->writers == 0)
			bits |= PIPE_POLLHUP;
	} else if (end == PIPE_END_WRITE) {
		if (pipe_free_room(p) >= PIPE_BUF)
			bits |= PIPE_POLLOUT;
		if (p->readers == 0)
			bits |= PIPE_POLLERR;
	}
	return bits;
}

size_t pipe_bytes_stored(const pipe_t *p)
{
	return p->used;
}
