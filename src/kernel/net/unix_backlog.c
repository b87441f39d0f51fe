/*
 * The listener queue (see unix_backlog.h).
 */
#include "net/unix_backlog.h"

#include <stddef.h>

#include <aegis/errno.h>

uint32_t unix_backlog_clamp(int backlog)
{
	if (backlog < 0 || (uint32_t)backlog > UNIX_BACKLOG_MAX)
		return UNIX_BACKLOG_MAX;
	return backlog == 0 ? 1u : (uint32_t)backlog;
}

void unix_backlog_init(unix_backlog_t *b, int backlog)
{
	b->head = 0;
	b->count = 0;
	b->limit = unix_backlog_clamp(backlog);
	for (uint32_t i = 0; i < UNIX_BACKLOG_MAX; i++)
		b->item[i] = NULL;
}

void unix_backlog_set_limit(unix_backlog_t *b, int backlog)
{
	b->limit = unix_backlog_clamp(backlog);
}

int unix_backlog_push(unix_backlog_t *b, void *item)
{
	if (!item)
		return -EINVAL;
	if (b->count >= b->limit)
		return -ECONNREFUSED;
	b->item[(b->head + b->count) % UNIX_BACKLOG_MAX] = item;
	b->count++;
	return 0;
}

void *unix_backlog_pop(unix_backlog_t *b)
{
	if (b->count == 0)
		return NULL;
	void *item = b->item[b->head];
	b->item[b->head] = NULL;
	b->head = (b->head + 1u) % UNIX_BACKLOG_MAX;
	b->count--;
	return item;
}
