/*
 * AF_UNIX socket files (see unix_sock.h): the object's life, the file ops,
 * sending and receiving with sleeps, shutdown and names.  A blocking call
 * sleeps on its link's wait queue and ends early with what it moved so far,
 * or -ERESTARTSYS, when a signal arrives, as pipe files do.
 */
#include "net/unix_sock_internal.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>
#include <aegis/signal.h>

#include "core/format.h"
#include "ipc/poll_wait.h"
#include "mm/kheap.h"
#include "proc/proc_internal.h"
#include "proc/signal_restart.h"

#define UNIX_SOCK_PERM 0777u
#define UNIX_SOCK_BLKSIZE 4096
#define UNIX_SOCK_FIRST_INO 1u
#define UNIX_MSG_KNOWN ((uint32_t)(AEGIS_MSG_DONTWAIT | AEGIS_MSG_NOSIGNAL))

static uint64_t unix_next_ino = UNIX_SOCK_FIRST_INO;

unix_sock_t *unix_sock_alloc(void)
{
	unix_sock_t *s = kcalloc(1, sizeof(*s));
	if (s)
		s->ino = unix_next_ino++;
	return s;
}

void unix_sock_wake(unix_link_t *link)
{
	poll_notify();
	if (link)
		waitq_wake_all(&link->wait);
}

int unix_sock_join(unix_sock_t *a, unix_sock_t *b)
{
	unix_link_t *link = kcalloc(1, sizeof(*link));
	if (!link)
		return -ENOMEM;
	unix_conn_init(&link->core);
	a->link = b->link = link;
	a->side = 0;
	b->side = 1;
	a->state = b->state = UNIX_STATE_CONNECTED;
	a->peer_name = b->name;
	b->peer_name = a->name;
	return 0;
}

void unix_sock_destroy(unix_sock_t *s)
{
	if (s->link) {
		(void)unix_conn_close(&s->link->core, s->side);
		unix_sock_wake(s->link);
		if (unix_conn_released(&s->link->core))
			kfree(s->link);
	}
	if (s->queue) {
		unix_sock_t *pending;
		while ((pending = unix_backlog_pop(s->queue)) != NULL)
			unix_sock_destroy(pending);
		kfree(s->queue);
		waitq_wake_all(&s->accepters);
	}
	if (s->node) {
		if (s->node->sock == s)
			s->node->sock = NULL;
		vnode_put(s->node);
	}
	poll_notify();
	kfree(s);
}

static bool unix_nonblock(const file_t *f, uint32_t msg_flags)
{
	return (f->flags & AEGIS_O_NONBLOCK) != 0 || (msg_flags & AEGIS_MSG_DONTWAIT) != 0;
}

/* Apply a core result's actions: wake, and SIGPIPE unless MSG_NOSIGNAL. */
static void unix_apply(unix_link_t *link, uint32_t actions, uint32_t msg_flags)
{
	if (actions & (PIPE_ACT_WAKE_READERS | PIPE_ACT_WAKE_WRITERS))
		unix_sock_wake(link);
	if ((actions & PIPE_ACT_SIGPIPE) && !(msg_flags & AEGIS_MSG_NOSIGNAL)) {
		process_t *self = proc_current();
		if (self)
			proc_signal_send(self, SIGPIPE);
	}
}

/* Sleep on link until woken: 0, or -ERESTARTSYS for a signal. */
static int unix_sleep(unix_link_t *link)
{
	process_t *self = proc_current();
	if (self && proc_signal_pending(self))
		return -SIGNAL_ERESTARTSYS;
	if (sched_sleep(&link->wait, SCHED_NO_DEADLINE) == -EINTR)
		return -SIGNAL_ERESTARTSYS;
	return 0;
}

int64_t unix_sock_send(file_t *f, const void *buf, size_t len, uint32_t msg_flags)
{
	unix_sock_t *s = unix_sock_of(f);
	if (!s)
		return -ENOTSOCK;
	if (msg_flags & ~UNIX_MSG_KNOWN)
		return -EOPNOTSUPP;
	if (s->state != UNIX_STATE_CONNECTED)
		return -ENOTCONN;
	bool nonblock = unix_nonblock(f, msg_flags);
	const uint8_t *src = buf;
	size_t done = 0;
	for (;;) {
		pipe_result_t r = unix_conn_send(&s->link->core, s->side, src + done, len - done, nonblock);
		unix_apply(s->link, r.actions, msg_flags);
		if (r.count < 0)
			return done ? (int64_t)done : r.count;
		done += (size_t)r.count;
		if (!(r.actions & PIPE_ACT_BLOCK) || done == len)
			return (int64_t)done;
		int w = unix_sleep(s->link);
		if (w != 0)
			return done ? (int64_t)done : w;
	}
}

int64_t unix_sock_recv(file_t *f, void *buf, size_t len, uint32_t msg_flags)
{
	unix_sock_t *s = unix_sock_of(f);
	if (!s)
		return -ENOTSOCK;
	if (msg_flags & ~UNIX_MSG_KNOWN)
		return -EOPNOTSUPP;
	if (s->state != UNIX_STATE_CONNECTED)
		return -EINVAL;
	bool nonblock = unix_nonblock(f, msg_flags);
	for (;;) {
		pipe_result_t r = unix_conn_recv(&s->link->core, s->side, buf, len, nonblock);
		unix_apply(s->link, r.actions, msg_flags);
		if (!(r.actions & PIPE_ACT_BLOCK))
			return r.count;
		int w = unix_sleep(s->link);
		if (w != 0)
			return w;
	}
}

int unix_sock_shutdown(unix_sock_t *s, int how)
{
	static const uint32_t bits[] = {
		[AEGIS_SHUT_RD] = UNIX_SHUT_RECV,
		[AEGIS_SHUT_WR] = UNIX_SHUT_SEND,
		[AEGIS_SHUT_RDWR] = UNIX_SHUT_BOTH,
	};
	if (how < AEGIS_SHUT_RD || how > AEGIS_SHUT_RDWR)
		return -EINVAL;
	if (s->state != UNIX_STATE_CONNECTED)
		return -ENOTCONN;
	int actions = unix_conn_shutdown(&s->link->core, s->side, bits[how]);
	unix_sock_wake(s->link);
	return actions < 0 ? actions : 0;
}

int unix_sock_name(const unix_sock_t *s, bool peer, aegis_sockaddr_un_t *out)
{
	if (peer && s->state != UNIX_STATE_CONNECTED)
		return -ENOTCONN;
	return (int)unix_addr_encode(peer ? &s->peer_name : &s->name, out);
}

const unix_peer_t *unix_sock_peer(const unix_sock_t *s)
{
	return s->state == UNIX_STATE_CONNECTED ? &s->peer : NULL;
}

static int64_t unix_file_read(file_t *f, void *buf, size_t len)
{
	return unix_sock_recv(f, buf, len, 0);
}

static int64_t unix_file_write(file_t *f, const void *buf, size_t len)
{
	return unix_sock_send(f, buf, len, 0);
}

static void unix_file_release(file_t *f)
{
	unix_sock_destroy(f->object);
}

static uint32_t unix_file_poll(file_t *f)
{
	unix_sock_t *s = f->object;
	switch (s->state) {
	case UNIX_STATE_CONNECTED:
		return unix_conn_poll(&s->link->core, s->side);
	case UNIX_STATE_LISTENING:
		return s->queue->count > 0 ? POLL_IN : 0u;
	default:
		return POLL_OUT | POLL_HUP;
	}
}

static void unix_file_stat(file_t *f, aegis_stat_t *st)
{
	st->st_ino = ((unix_sock_t *)f->object)->ino;
	st->st_mode = AEGIS_S_IFSOCK | UNIX_SOCK_PERM;
	st->st_nlink = 1;
	st->st_blksize = UNIX_SOCK_BLKSIZE;
}

static size_t unix_file_link_name(file_t *f, char *buf, size_t cap)
{
	return ksnprintf(buf, cap, "socket:[%lu]", (unsigned long)((unix_sock_t *)f->object)->ino);
}

static const file_ops_t unix_file_ops = {
	.read = unix_file_read,
	.write = unix_file_write,
	.release = unix_file_release,
	.stat = unix_file_stat,
	.poll = unix_file_poll,
	.link_name = unix_file_link_name,
};

unix_sock_t *unix_sock_of(file_t *f)
{
	return f && f->ops == &unix_file_ops ? f->object : NULL;
}

file_t *unix_sock_file(unix_sock_t *s, uint32_t flags)
{
	return file_create(&unix_file_ops, s, AEGIS_O_RDWR | (flags & AEGIS_O_NONBLOCK));
}

int unix_sock_create(uint32_t flags, file_t **out)
{
	unix_sock_t *s = unix_sock_alloc();
	file_t *f = s ? unix_sock_file(s, flags) : NULL;
	if (!f) {
		kfree(s);
		return -ENOMEM;
	}
	*out = f;
	return 0;
}

int unix_sock_pair(process_t *p, uint32_t flags, file_t **a, file_t **b)
{
	unix_sock_t *sa = unix_sock_alloc(), *sb = unix_sock_alloc();
	if (!sa || !sb || unix_sock_join(sa, sb) != 0) {
		kfree(sa);
		kfree(sb);
		return -ENOMEM;
	}
	unix_peer_take(&sa->peer, p->pid, &p->cred, &p->caps);
	sb->peer = sa->peer;
	file_t *fa = unix_sock_file(sa, flags);
	file_t *fb = unix_sock_file(sb, flags);
	if (!fa || !fb) {
		kfree(fa);
		kfree(fb);
		kfree(sa->link);
		kfree(sa);
		kfree(sb);
		return -ENOMEM;
	}
	*a = fa;
	*b = fb;
	return 0;
}
