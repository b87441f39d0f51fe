/*
 * A listening AF_UNIX socket's queue of connections not yet accepted
 * (spec/unix-sockets.md UNIX-020..UNIX-023): a bounded ring of opaque
 * pointers, oldest first, with listen's backlog as its limit.  Pure.
 */
#ifndef AEGIS_KERNEL_NET_UNIX_BACKLOG_H
#define AEGIS_KERNEL_NET_UNIX_BACKLOG_H

#include <stdint.h>

#define UNIX_BACKLOG_MAX 128u

typedef struct {
	void *item[UNIX_BACKLOG_MAX];
	uint32_t head;   /* index of the oldest */
	uint32_t count;  /* queued */
	uint32_t limit;  /* 1..UNIX_BACKLOG_MAX */
} unix_backlog_t;

/* An empty queue with the limit of backlog. */
void unix_backlog_init(unix_backlog_t *b, int backlog);

/* listen's backlog as a limit: 0 admits one, negative or above the maximum is the maximum. */
uint32_t unix_backlog_clamp(int backlog);

/* Change the limit (queued entries stay, even above it). */
void unix_backlog_set_limit(unix_backlog_t *b, int backlog);

/* Queue item (not NULL): 0, -ECONNREFUSED (full), -EINVAL (NULL). */
int unix_backlog_push(unix_backlog_t *b, void *item);

/* The oldest item, taken off the queue, or NULL when empty. */
void *unix_backlog_pop(unix_backlog_t *b);

#endif
