/*
 * Pipe files (see pipe_file.h).  A blocking read or write sleeps on the
 * pipe's wait queue for the other side and ends early with what it moved so
 * far, or -ERESTARTSYS (the signal code turns it into -EINTR or a
 * restart), when a signal arrives.
 */
#include "ipc/pipe_file.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>
#include <aegis/signal.h>

#include "core/format.h"
#include "ipc/pipe.h"
#include "ipc/poll_wait.h"
#include "mm/kheap.h"
#include "proc/proc_internal.h"
#include "proc/signal_restart.h"
#include "sched/sched.h"

#define PIPE_FILE_PERM 0600u
#define PIPE_FILE_BLKSIZE 4096
#define PIPE_FILE_FIRST_INO 1u


typedef struct {
	pipe_t core;
	waitq_t readers; /* tasks waiting for data or for the last writer to leave */
	waitq_t writers; /* tasks waiting for room or for the last reader to leave */
	uint64_t ino;    /* the pipe's inode number: fstat's st_ino and pipe:[N] in /proc/<pid>/fd */
	void **slot;     /* a FIFO's node field naming this pipe (cleared when it is freed), or NULL */
	waitq_t opens;   /* FIFO opens waiting for the other side */
	uint64_t read_opens, write_opens; /* FIFO opens so far of each end: a waiter sees any new one */
} pipe_object_t;

static uint64_t pipe_next_ino = PIPE_FILE_FIRST_INO;

static void pipe_apply(pipe_object_t *po, uint32_t actions)
{
	if (actions & (PIPE_ACT_WAKE_READERS | PIPE_ACT_WAKE_WRITERS))
		poll_notify();
	if (actions & PIPE_ACT_WAKE_READERS)
		waitq_wake_all(&po->readers);
	if (actions & PIPE_ACT_WAKE_WRITERS)
		waitq_wake_all(&po->writers);
	if (actions & PIPE_ACT_SIGPIPE) {
		process_t *self = proc_current();
		if (self)
			proc_signal_send(self, SIGPIPE);
	}
}

/* No end is held any more: free the pipe (and forget it in its FIFO node). */
static void pipe_object_free_if_unused(pipe_object_t *po)
{
	if (!pipe_is_released(&po->core))
		return;
	if (po->slot)
		*po->slot = NULL;
	kfree(po);
}

static int64_t pipe_file_read(file_t *f, void *buf, size_t len)
{
	pipe_object_t *po = f->object;
	bool nonblock = (f->flags & AEGIS_O_NONBLOCK) != 0;
	for (;;) {
		pipe_result_t r = pipe_read(&po->core, buf, len, nonblock);
		pipe_apply(po, r.actions);
		if (!(r.actions & PIPE_ACT_BLOCK))
			return r.count;
		process_t *self = proc_current();
		if (self && proc_signal_pending(self))
			return -SIGNAL_ERESTARTSYS;
		if (sched_sleep(&po->readers, SCHED_NO_DEADLINE) == -EINTR)
			return -SIGNAL_ERESTARTSYS;
	}
}

static int64_t pipe_file_write(file_t *f, const void *buf, size_t len)
{
	pipe_object_t *po = f->object;
	bool nonblock = (f->flags & AEGIS_O_NONBLOCK) != 0;
	const uint8_t *src = buf;
	size_t done = 0;
	for (;;) {
		pipe_result_t r = pipe_write(&po->core, src + done, len - done, nonblock);
		pipe_apply(po, r.actions);
		if (r.count < 0)
			return done ? (int64_t)done : r.count;
		done += (size_t)r.count;
		if (!(r.actions & PIPE_ACT_BLOCK) || done == len)
			return (int64_t)done;
		process_t *self = proc_current();
		if ((self && proc_signal_pending(self)) || sched_sleep(&po->writers, SCHED_NO_DEADLINE) == -EINTR)
			return done ? (int64_t)done : -SIGNAL_ERESTARTSYS;
	}
}

static void pipe_file_release(file_t *f)
{
	pipe_object_t *po = f->object;
	pipe_end_t end = (f->flags & AEGIS_O_WRONLY) ? PIPE_END_WRITE : PIPE_END_READ;
	int actions = pipe_close_end(&po->core, end);
	if (actions > 0)
		pipe_apply(po, (uint32_t)actions & ~PIPE_ACT_SIGPIPE);
	waitq_wake_all(&po->readers);
	waitq_wake_all(&po->writers);
	pipe_object_free_if_unused(po);
}

static uint32_t pipe_file_poll(file_t *f)
{
	pipe_object_t *po = f->object;
	pipe_end_t end = (f->flags & AEGIS_O_WRONLY) ? PIPE_END_WRITE : PIPE_END_READ;
	return pipe_poll(&po->core, end);
}

static void pipe_file_stat(file_t *f, aegis_stat_t *st)
{
	st->st_ino = ((pipe_object_t *)f->object)->ino;
	st->st_mode = AEGIS_S_IFIFO | PIPE_FILE_PERM;
	st->st_nlink = 1;
	st->st_blksize = PIPE_FILE_BLKSIZE;
}

static size_t pipe_file_link_name(file_t *f, char *buf, size_t cap)
{
	return ksnprintf(buf, cap, "pipe:[%lu]", (unsigned long)((pipe_object_t *)f->object)->ino);
}

static const file_ops_t pipe_file_ops = {
	.read = pipe_file_read,
	.write = pipe_file_write,
	.release = pipe_file_release,
	.stat = pipe_file_stat,
	.poll = pipe_file_poll,
	.link_name = pipe_file_link_name,
};

int pipe_file_create(uint32_t flags, file_t **read_end, file_t **write_end)
{
	pipe_object_t *po = kcalloc(1, sizeof(*po));
	if (!po)
		return -ENOMEM;
	pipe_init(&po->core);
	po->ino = pipe_next_ino++;
	file_t *r = file_create(&pipe_file_ops, po, AEGIS_O_RDONLY | (flags & AEGIS_O_NONBLOCK));
	file_t *w = file_create(&pipe_file_ops, po, AEGIS_O_WRONLY | (flags & AEGIS_O_NONBLOCK));
	if (!r || !w) {
		kfree(r);
		kfree(w);
		kfree(po);
		return -ENOMEM;
	}
	*read_end = r;
	*write_end = w;
	return 0;
}

/* A FIFO's pipe with no end open yet. */
static pipe_object_t *pipe_fifo_new(void **slot)
{
	pipe_object_t *po = kcalloc(1, sizeof(*po));
	if (!po)
		return NULL;
	pipe_init(&po->core);
	pipe_close_end(&po->core, PIPE_END_READ);
	pipe_close_end(&po->core, PIPE_END_WRITE);
	po->ino = pipe_next_ino++;
	po->slot = slot;
	*slot = po;
	return po;
}

/* Sleep until the other side has opened since *seen changed; a signal gives -ERESTARTSYS. */
static int pipe_fifo_wait(pipe_object_t *po, const uint64_t *other_opens, uint64_t seen)
{
	while (*other_opens == seen) {
		process_t *self = proc_current();
		if (self && proc_signal_pending(self))
			return -SIGNAL_ERESTARTSYS;
		if (sched_sleep(&po->opens, SCHED_NO_DEADLINE) == -EINTR)
			return -SIGNAL_ERESTARTSYS;
	}
	return 0;
}

int pipe_file_open_fifo(void **slot, uint32_t oflags, file_t **out)
{
	uint32_t acc = oflags & AEGIS_O_ACCMODE;
	if (acc != AEGIS_O_RDONLY && acc != AEGIS_O_WRONLY)
		return -EINVAL;
	bool nonblock = (oflags & AEGIS_O_NONBLOCK) != 0;
	pipe_object_t *po = *slot ? *slot : pipe_fifo_new(slot);
	if (!po)
		return -ENOMEM;
	bool reading = acc == AEGIS_O_RDONLY;
	if (!reading && nonblock && po->core.readers == 0) {
		pipe_object_free_if_unused(po);
		return -ENXIO;
	}
	file_t *f = file_create(&pipe_file_ops, po, acc | (oflags & AEGIS_O_NONBLOCK));
	int r = f ? pipe_open_end(&po->core, reading ? PIPE_END_READ : PIPE_END_WRITE) : -ENOMEM;
	if (r != 0) {
		kfree(f);
		pipe_object_free_if_unused(po);
		return r;
	}
	uint64_t *mine = reading ? &po->read_opens : &po->write_opens;
	const uint64_t *other = reading ? &po->write_opens : &po->read_opens;
	uint32_t other_count = reading ? po->core.writers : po->core.readers;
	(*mine)++;
	poll_notify();
	waitq_wake_all(&po->opens);
	if (!nonblock && other_count == 0) {
		r = pipe_fifo_wait(po, other, *other);
		if (r != 0) {
			file_release(f); /* closes this end again and frees an unused pipe */
			return r;
		}
	}
	*out = f;
	return 0;
}
