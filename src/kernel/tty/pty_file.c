/*
 * Pseudo-terminal files (see pty.h): the pair table, opening both sides,
 * and reads and writes that wait on the pair's queue for the other side.
 * A waiting read or write ends early with what it moved so far, or with
 * -ERESTARTSYS when a signal arrives, as pipes do.
 */
#include "tty/pty.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "ipc/poll_wait.h"
#include "mm/kheap.h"
#include "platform.h"
#include "proc/proc_internal.h"
#include "proc/signal_restart.h"
#include "tty/pty_pair.h"

static pty_table_t pty_pairs;

void pty_pair_wake(pty_pair_t *pair)
{
	waitq_wake_all(&pair->wq);
	poll_notify();
}

static void pty_pair_signal(void *ctx, int32_t pgrp, int sig)
{
	(void)ctx;
	proc_signal_group(pgrp, sig);
}

static void pty_pair_core_wake(void *ctx)
{
	pty_pair_wake(ctx);
}

/* Nothing to move now: 0 to look again, -EAGAIN (nonblock) or -ERESTARTSYS (a signal). */
static int64_t pty_wait(pty_pair_t *pair, bool nonblock, uint64_t deadline_ns)
{
	if (nonblock)
		return -EAGAIN;
	process_t *self = proc_current();
	if (self && proc_signal_pending(self))
		return -SIGNAL_ERESTARTSYS;
	if (sched_sleep(&pair->wq, deadline_ns) == -EINTR)
		return -SIGNAL_ERESTARTSYS;
	return 0;
}

static bool pty_nonblock(const file_t *f)
{
	return (f->flags & AEGIS_O_NONBLOCK) != 0;
}

/* Free the pair once neither side has a file. */
static void pty_pair_put(pty_pair_t *pair)
{
	if (!pty_core_released(&pair->core))
		return;
	ctty_unregister(&pair->ctty);
	pty_table_remove(&pty_pairs, pair->core.index);
	kfree(pair);
}

/* ---- the master -------------------------------------------------------- */

static int64_t pty_master_read(file_t *f, void *buf, size_t len)
{
	pty_pair_t *pair = f->object;
	for (;;) {
		int64_t r = pty_core_master_read(&pair->core, buf, len);
		if (r != -EAGAIN || len == 0)
			return r == -EAGAIN ? 0 : r;
		int64_t w = pty_wait(pair, pty_nonblock(f), SCHED_NO_DEADLINE);
		if (w < 0)
			return w;
	}
}

/* The write loop both sides share: step takes what it can, -EAGAIN waits for the other side. */
typedef int64_t (*pty_step_fn)(pty_core_t *c, const uint8_t *bytes, size_t len);

static int64_t pty_write_loop(file_t *f, const void *buf, size_t len, pty_step_fn step)
{
	pty_pair_t *pair = f->object;
	const uint8_t *src = buf;
	size_t done = 0;
	while (done < len) {
		int64_t r = step(&pair->core, src + done, len - done);
		if (r > 0) {
			done += (size_t)r;
			continue;
		}
		if (r == -EAGAIN)
			r = pty_wait(pair, pty_nonblock(f), SCHED_NO_DEADLINE);
		if (r < 0)
			return done ? (int64_t)done : r;
	}
	return (int64_t)done;
}

static int64_t pty_master_step(pty_core_t *c, const uint8_t *bytes, size_t len)
{
	return pty_core_master_write(c, bytes, len, platform_time_ns());
}

static int64_t pty_master_write(file_t *f, const void *buf, size_t len)
{
	return pty_write_loop(f, buf, len, pty_master_step);
}

static uint32_t pty_master_poll(file_t *f)
{
	pty_pair_t *pair = f->object;
	return pty_core_master_poll(&pair->core);
}

static void pty_master_release(file_t *f)
{
	pty_pair_t *pair = f->object;
	pty_core_master_close(&pair->core);
	ctty_disassociate(&pair->ctty); /* after the hang-up's SIGHUP (spec/tty.md TTY-128) */
	pty_pair_put(pair);
}

static const file_ops_t pty_master_ops = {
	.read = pty_master_read,
	.write = pty_master_write,
	.release = pty_master_release,
	.poll = pty_master_poll,
	.ioctl = pty_master_ioctl,
};

/* ---- the slave --------------------------------------------------------- */

static int64_t pty_slave_read(file_t *f, void *buf, size_t len)
{
	pty_pair_t *pair = f->object;
	uint64_t start = platform_time_ns();
	for (;;) {
		tty_read_result_t res;
		size_t n = pty_core_slave_read(&pair->core, buf, len, start, platform_time_ns(), &res);
		if (res.status == TTY_READ_DONE)
			return (int64_t)n;
		int64_t w = pty_wait(pair, pty_nonblock(f), res.has_deadline ? res.deadline_ns : SCHED_NO_DEADLINE);
		if (w < 0)
			return w;
	}
}

static int64_t pty_slave_write(file_t *f, const void *buf, size_t len)
{
	return pty_write_loop(f, buf, len, pty_core_slave_write);
}

static uint32_t pty_slave_poll(file_t *f)
{
	pty_pair_t *pair = f->object;
	return pty_core_slave_poll(&pair->core);
}

static void pty_slave_release(file_t *f)
{
	pty_pair_t *pair = f->object;
	pty_core_slave_close(&pair->core);
	pty_pair_put(pair);
}

static const file_ops_t pty_slave_ops = {
	.read = pty_slave_read,
	.write = pty_slave_write,
	.release = pty_slave_release,
	.poll = pty_slave_poll,
	.ioctl = pty_slave_ioctl,
};

/* ---- opening and listing ------------------------------------------------- */

/* /dev/tty for a process this slave controls: a new slave file. */
static int pty_ctty_open(tty_ctty_t *t, process_t *p, uint32_t flags, file_t **out)
{
	pty_pair_t *pair = t->owner;
	return pty_open_slave(p, pair->core.index, flags, out);
}

int pty_open_master(process_t *p, uint32_t flags, file_t **out)
{
	pty_pair_t *pair = kcalloc(1, sizeof(*pair));
	if (!pair)
		return -ENOMEM;
	int index = pty_table_add(&pty_pairs, pair);
	if (index < 0) {
		kfree(pair);
		return index;
	}
	pty_core_ops_t ops = { pty_pair_signal, pty_pair_core_wake, pair };
	pty_core_init(&pair->core, (unsigned)index, &ops);
	pair->wq = (waitq_t)WAITQ_INIT;
	if (p) {
		pair->core.uid = p->cred.euid;
		pair->core.gid = p->cred.egid;
	}
	file_t *f = file_create(&pty_master_ops, pair, flags);
	if (!f) {
		pty_table_remove(&pty_pairs, (unsigned)index);
		kfree(pair);
		return -ENOMEM;
	}
	ctty_register(&pair->ctty, &pair->core.ld, PTY_SLAVE_MAJOR, (unsigned)index, pty_ctty_open, pair);
	*out = f;
	return 0;
}

/* The pair at index whose master is open, or NULL. */
static pty_pair_t *pty_visible(unsigned index)
{
	pty_pair_t *pair = pty_table_get(&pty_pairs, index);
	return pair && pty_core_visible(&pair->core) ? pair : NULL;
}

int pty_open_slave(process_t *p, unsigned index, uint32_t flags, file_t **out)
{
	pty_pair_t *pair = pty_table_get(&pty_pairs, index);
	if (!pair)
		return -ENOENT;
	int r = pty_core_slave_open(&pair->core);
	if (r < 0)
		return r;
	file_t *f = file_create(&pty_slave_ops, pair, flags);
	if (!f) {
		pty_core_slave_close(&pair->core);
		return -ENOMEM;
	}
	ctty_open_acquire(&pair->ctty, p, flags);
	*out = f;
	return 0;
}

bool pty_slave_exists(unsigned index)
{
	return pty_visible(index) != NULL;
}

int pty_slave_info(unsigned index, pty_slave_info_t *info)
{
	pty_pair_t *pair = pty_visible(index);
	if (!pair)
		return -ENOENT;
	info->uid = pair->core.uid;
	info->gid = pair->core.gid;
	info->locked = pair->core.locked;
	return 0;
}

int pty_list(pty_list_fn fn, void *ctx)
{
	for (int i = pty_table_next(&pty_pairs, 0); i >= 0; i = pty_table_next(&pty_pairs, (unsigned)i + 1u)) {
		if (!pty_slave_exists((unsigned)i))
			continue;
		int r = fn(ctx, (unsigned)i);
		if (r != 0)
			return r;
	}
	return 0;
}
