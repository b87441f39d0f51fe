/*
 * Input devices with per-open rings (see input_dev.h): the open files'
 * read, poll, ioctl and release.
 */
#include "input/input_dev.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/input.h>

#include "ipc/poll_wait.h"
#include "mm/kheap.h"
#include "platform.h"
#include "proc/proc_internal.h"
#include "proc/signal_restart.h"
#include "proc/usercopy.h"

void input_dev_publish(input_dev_t *dev, const void *rec)
{
	unsigned long irq = platform_irq_save();
	for (input_client_t *c = dev->clients; c; c = c->next)
		input_ring_push(&c->ring, rec);
	platform_irq_restore(irq);
	waitq_wake_all(&dev->readers);
	poll_notify();
}

bool input_dev_grabbed(const input_dev_t *dev)
{
	return dev->grab != NULL;
}

/* Whole records into buf while they fit: the bytes moved.  Interrupts masked by the caller. */
static size_t input_take(input_client_t *c, uint8_t *buf, size_t len)
{
	size_t rec = c->dev->rec_size, done = 0;
	while (len - done >= rec && input_ring_pop(&c->ring, buf + done))
		done += rec;
	return done;
}

static int64_t input_read(file_t *f, void *buf, size_t len)
{
	input_client_t *c = f->object;
	if (len < c->dev->rec_size)
		return -EINVAL;
	process_t *self = proc_current();
	for (;;) {
		unsigned long irq = platform_irq_save();
		size_t n = input_take(c, buf, len);
		int64_t result = (int64_t)n;
		if (n == 0 && (f->flags & AEGIS_O_NONBLOCK))
			result = -EAGAIN;
		else if (n == 0 && self && proc_signal_pending(self))
			result = -SIGNAL_ERESTARTSYS;
		else if (n == 0 && sched_sleep(&c->dev->readers, SCHED_NO_DEADLINE) == -EINTR)
			result = -SIGNAL_ERESTARTSYS;
		platform_irq_restore(irq);
		if (result != 0)
			return result;
	}
}

static uint32_t input_poll(file_t *f)
{
	input_client_t *c = f->object;
	unsigned long irq = platform_irq_save();
	bool ready = input_ring_count(&c->ring) != 0;
	platform_irq_restore(irq);
	return ready ? POLL_IN | POLL_RDNORM : 0;
}

static int64_t input_grab(input_client_t *c, uint64_t arg)
{
	input_dev_t *dev = c->dev;
	if (!dev->grab_allowed)
		return -ENOTTY;
	if (arg == 0) {
		if (dev->grab != c)
			return -EINVAL;
		dev->grab = NULL;
		return 0;
	}
	if (dev->grab && dev->grab != c)
		return -EBUSY;
	dev->grab = c;
	return 0;
}

static int64_t input_ioctl(file_t *f, process_t *p, uint32_t cmd, uint64_t arg)
{
	input_client_t *c = f->object;
	if (cmd == AEGIS_INPUT_IOC_GRAB)
		return input_grab(c, arg);
	if (cmd == AEGIS_INPUT_IOC_DROPPED) {
		unsigned long irq = platform_irq_save();
		uint64_t dropped = c->ring.dropped;
		platform_irq_restore(irq);
		return copy_to_user(p, arg, &dropped, sizeof(dropped)) == 0 ? 0 : -EFAULT;
	}
	return -ENOTTY;
}

static void input_release(file_t *f)
{
	input_client_t *c = f->object;
	input_dev_t *dev = c->dev;
	unsigned long irq = platform_irq_save();
	for (input_client_t **link = &dev->clients; *link; link = &(*link)->next) {
		if (*link == c) {
			*link = c->next;
			break;
		}
	}
	if (dev->grab == c)
		dev->grab = NULL;
	platform_irq_restore(irq);
	kfree(c);
}

static const file_ops_t input_file_ops = {
	.read = input_read,
	.poll = input_poll,
	.ioctl = input_ioctl,
	.release = input_release,
};

int input_dev_open(input_dev_t *dev, uint32_t flags, file_t **out)
{
	if (!dev->present)
		return -ENODEV;
	input_client_t *c = kcalloc(1, sizeof(*c) + dev->rec_size * dev->ring_cap);
	if (!c)
		return -ENOMEM;
	c->dev = dev;
	input_ring_init(&c->ring, c->storage, dev->rec_size, dev->ring_cap);
	file_t *f = file_create(&input_file_ops, c, flags);
	if (!f) {
		kfree(c);
		return -ENOMEM;
	}
	unsigned long irq = platform_irq_save();
	c->next = dev->clients;
	dev->clients = c;
	platform_irq_restore(irq);
	*out = f;
	return 0;
}
