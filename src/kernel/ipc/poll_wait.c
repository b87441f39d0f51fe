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
static uint64_t poll_notifications; /* changed only with interrupts off */

waitq_t *poll_waitq(void)
{
	return &poll_queue;
}

void poll_notify(void)
{
	unsigned long irq = platform_irq_save();
	poll_notifications++;
	waitq_wake_all(&poll_queue);
	platform_irq_restore(irq);
}

uint64_t poll_generation(void)
{
	unsigned long irq = platform_irq_save();
	uint64_t g = poll_notifications;
	platform_irq_restore(irq);
	return g;
}

uint32_t poll_file_events(struct file *f)
{
	return f->ops->poll ? f->ops->poll(f) : (POLL_IN | POLL_OUT | POLL_RDNORM | POLL_WRNORM);
}

int poll_wait_once(struct process *p, uint64_t deadline_ns, uint64_t seen)
{
	if (deadline_ns <= platform_time_ns())
		return -ETIMEDOUT;
	if (proc_signal_pending(p))
		return -EINTR;
	/* Interrupts stay off from the last look at the count until this task is on the queue. */
	unsigned long irq = platform_irq_save();
	if (poll_notifications != seen) {
		platform_irq_restore(irq);
		return 0;
	}
	int r = sched_sleep(&poll_queue, deadline_ns);
	platform_irq_restore(irq);
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
