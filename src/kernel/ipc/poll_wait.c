/*
 * The poll wait queue (see poll_wait.h).
 */
#include "ipc/poll_wait.h"

static waitq_t poll_queue = WAITQ_INIT;

waitq_t *poll_waitq(void)
{
	return &poll_queue;
}

void poll_notify(void)
{
	waitq_wake_all(&poll_queue);
}
