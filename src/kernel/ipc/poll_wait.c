/*
 * The poll wait queue (see poll_wait.h).
 */
#include "ipc/poll_wait.h"

#include <aegis/errno.h>

#include "platform.h"
#include "proc/fdtable.h"
#include "proc/proc_internal.h"

static waitq_t poll_queue = WAITQ_INIT;

waitq_t *poll_waitq(void)
{
	return &poll_queue;
}

void poll_notify(void)
{
	waitq_wake_all(&poll_queue);
}

uint32_t poll_file_events(struct file *f)
{
	return f->ops->poll ? f->ops->poll(f) : (POLL_IN | POLL_OUT | POLL_RDNORM | POLL_WRNORM);
}

int poll_wait_once(struct process *p, uint64_t deadline_ns)
{
	if (deadline_ns <= platform_time_ns())
		return -ETIMEDOUT;
	if (proc_signal_pending(p))
		return -EINTR;
	int r = sched_sleep(&poll_queue, deadline_ns);
	if (r == -EINTR && proc_signal_pending(p))
		return -EINTR;
	return 0;
}
