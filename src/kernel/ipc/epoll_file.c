/*
 * epoll instances (see epoll_file.h).
 */
#include "ipc/epoll_file.h"

#include <aegis/errno.h>

#include "core/format.h"
#include "core/kstring.h"
#include "ipc/poll_wait.h"
#include "mm/kheap.h"
#include "proc/proc_limits.h"

#define EPOLL_CLOEXEC_FLAG 02000000u
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EPOLL_ONESHOT (1u << 30)
#define EPOLL_EDGE (1u << 31)
#define EPOLL_ALWAYS (POLL_ERR | POLL_HUP)
#define EPOLL_MODE_BITS (EPOLL_ONESHOT | EPOLL_EDGE)

typedef struct {
	int fd;
	const file_t *file;  /* identifies the open file (no reference): a closed or reused fd drops out */
	uint32_t events;     /* asked for, with the mode bits */
	uint64_t data;
	uint32_t reported;   /* edge mode: bits reported and not yet seen to fall */
	bool disabled;       /* one-shot and already reported */
} epoll_watch_t;

typedef struct {
	epoll_watch_t watch[EPOLL_WATCH_MAX];
	unsigned count;
} epoll_set_t;

static uint32_t epoll_file_poll(file_t *f);

static void epoll_file_release(file_t *f)
{
	kfree(f->object);
}

static size_t epoll_file_link_name(file_t *f, char *buf, size_t cap)
{
	(void)f;
	return ksnprintf(buf, cap, "anon_inode:[eventpoll]");
}

static const file_ops_t epoll_ops = {
	.release = epoll_file_release,
	.poll = epoll_file_poll,
	.link_name = epoll_file_link_name,
};

/* The instance behind epfd, or NULL (not open, or not an epoll file). */
static epoll_set_t *epoll_get(process_t *p, int epfd, int *err)
{
	file_t *f = fdtable_get(&p->fds, epfd);
	*err = f ? -EINVAL : -EBADF;
	return f && f->ops == &epoll_ops ? f->object : NULL;
}

int64_t epoll_create(process_t *p, uint32_t flags)
{
	if (flags & ~EPOLL_CLOEXEC_FLAG)
		return -EINVAL;
	epoll_set_t *set = kcalloc(1, sizeof(*set));
	if (!set)
		return -ENOMEM;
	file_t *f = file_create(&epoll_ops, set, 0);
	if (!f) {
		kfree(set);
		return -ENOMEM;
	}
	int fd = proc_fd_install(p, f, 0, (flags & EPOLL_CLOEXEC_FLAG) != 0);
	if (fd < 0)
		file_release(f);
	return fd;
}

static epoll_watch_t *epoll_find(epoll_set_t *set, int fd)
{
	for (unsigned i = 0; i < set->count; i++)
		if (set->watch[i].fd == fd)
			return &set->watch[i];
	return NULL;
}

static void epoll_drop(epoll_set_t *set, epoll_watch_t *w)
{
	*w = set->watch[--set->count];
}

int64_t epoll_control(process_t *p, int epfd, int op, int fd, const aegis_epoll_event_t *event)
{
	int err;
	epoll_set_t *set = epoll_get(p, epfd, &err);
	if (!set)
		return err;
	file_t *target = fdtable_get(&p->fds, fd);
	if (!target)
		return -EBADF;
	if (fd == epfd || target->ops == &epoll_ops)
		return -EINVAL; /* no nested instances */
	epoll_watch_t *w = epoll_find(set, fd);
	if (w && w->file != target) {
		epoll_drop(set, w); /* the descriptor was closed and reused since */
		w = NULL;
	}
	switch (op) {
	case EPOLL_CTL_ADD:
		if (w)
			return -EEXIST;
		if (set->count == EPOLL_WATCH_MAX)
			return -ENOSPC;
		w = &set->watch[set->count++];
		kmemset(w, 0, sizeof(*w));
		w->fd = fd;
		w->file = target;
		w->events = event->events;
		w->data = event->data;
		return 0;
	case EPOLL_CTL_MOD:
		if (!w)
			return -ENOENT;
		w->events = event->events;
		w->data = event->data;
		w->reported = 0;
		w->disabled = false;
		return 0;
	case EPOLL_CTL_DEL:
		if (!w)
			return -ENOENT;
		epoll_drop(set, w);
		return 0;
	default:
		return -EINVAL;
	}
}

/* One watch's events to report now (0 for none), updating its edge and one-shot state when report is set. */
static uint32_t epoll_watch_ready(epoll_watch_t *w, bool report)
{
	if (w->disabled)
		return 0;
	uint32_t have = poll_file_events((file_t *)w->file) & ((w->events & ~EPOLL_MODE_BITS) | EPOLL_ALWAYS);
	uint32_t fresh = have;
	if (w->events & EPOLL_EDGE) {
		fresh = have & ~w->reported;
		if (report)
			w->reported = have; /* bits that fell may rise again */
	}
	if (fresh && report && (w->events & EPOLL_ONESHOT))
		w->disabled = true;
	return fresh;
}

static uint32_t epoll_file_poll(file_t *f)
{
	epoll_set_t *set = f->object;
	for (unsigned i = 0; i < set->count; i++)
		if (epoll_watch_ready(&set->watch[i], false))
			return POLL_IN | POLL_RDNORM;
	return 0;
}

/* Report ready watches into out; drop watches whose descriptor no longer holds their file. */
static int epoll_scan(process_t *p, epoll_set_t *set, aegis_epoll_event_t *out, int max)
{
	int n = 0;
	for (unsigned i = 0; i < set->count && n < max;) {
		epoll_watch_t *w = &set->watch[i];
		if (fdtable_get(&p->fds, w->fd) != w->file) {
			epoll_drop(set, w);
			continue;
		}
		uint32_t ready = epoll_watch_ready(w, true);
		if (ready) {
			out[n].events = ready;
			out[n].data = w->data;
			n++;
		}
		i++;
	}
	return n;
}

int64_t epoll_collect(process_t *p, int epfd, aegis_epoll_event_t *out, int max, uint64_t deadline_ns)
{
	if (max <= 0)
		return -EINVAL;
	int err;
	epoll_set_t *set = epoll_get(p, epfd, &err);
	if (!set)
		return err;
	for (;;) {
		uint64_t seen = poll_generation();
		int n = epoll_scan(p, set, out, max);
		int w = n > 0 ? -ETIMEDOUT : poll_wait_once(p, deadline_ns, seen);
		if (w == -EINTR)
			return -EINTR;
		if (w != 0)
			return n;
	}
}
