/*
 * The poll wait queue (see poll_wait.h).
 */
#include "ipc/poll_wait.h"

#include <aegis/errno.h>

#include "platform.h"
#include "proc/fdtable.h"
#include "proc/proc_internal.h"
#include "proc/usercopy.h"
#include "syscall/clock.h"

#define POLL_MS_NS 1000000ull

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

uint64_t poll_deadline_ms(int timeout_ms)
{
	return timeout_ms < 0 ? SCHED_NO_DEADLINE : platform_time_ns() + (uint64_t)timeout_ms * POLL_MS_NS;
}

int poll_deadline_timespec(struct process *p, uint64_t uts, uint64_t *deadline_ns)
{
	aegis_timespec_t ts;
	uint64_t rel;
	if (copy_from_user(p, &ts, uts, sizeof(ts)) != 0)
		return -EFAULT;
	if (clock_timespec_to_ns(&ts, &rel) != 0)
		return -EINVAL;
	*deadline_ns = platform_time_ns() + rel;
	return 0;
}
