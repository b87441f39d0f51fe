/*
 * Names, listening and connecting of AF_UNIX sockets (spec/unix-sockets.md
 * UNIX-011..UNIX-023): bind makes a socket node through the VFS and hangs
 * the socket on it; connect finds the listener through that node and
 * queues a new connected socket on it; accept takes it off the queue.
 */
#include "net/unix_sock_internal.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "fs/path.h"
#include "fs/vfs.h"
#include "fs/vfs_ops.h"
#include "mm/kheap.h"
#include "proc/cred.h"
#include "proc/proc_internal.h"
#include "proc/signal_restart.h"

#define UNIX_NODE_PERM 0777u

/* Where a kernel path starts for p: its working directory (held). */
static int unix_path_start(process_t *p, dentry_t **start)
{
	return vfs_start_dentry(p, AEGIS_AT_FDCWD, start);
}

int unix_sock_bind(process_t *p, unix_sock_t *s, const unix_addr_t *addr)
{
	if (s->name.len != 0 || s->state != UNIX_STATE_UNCONNECTED)
		return -EINVAL;
	char name[PATH_NAME_MAX + 1];
	dentry_t *start, *dir, *made = NULL;
	int r = unix_path_start(p, &start);
	if (r != 0)
		return r;
	r = vfs_resolve_parent(p, start, addr->path, true, &dir, name);
	dentry_put(start);
	if (r != 0)
		return r;
	vnode_create_t what = { .mode = AEGIS_S_IFSOCK | (UNIX_NODE_PERM & ~p->umask) };
	r = vfs_create(p, dir, name, &what, &made);
	dentry_put(dir);
	if (r == -EEXIST)
		return -EADDRINUSE;
	if (r == -EPERM)
		return -EOPNOTSUPP; /* the file system makes no socket nodes */
	if (r != 0)
		return r;
	s->node = made->node;
	vnode_hold(s->node);
	s->node->sock = s;
	s->name = *addr;
	dentry_put(made);
	return 0;
}

int unix_sock_listen(process_t *p, unix_sock_t *s, int backlog)
{
	if (s->state == UNIX_STATE_LISTENING) {
		unix_backlog_set_limit(s->queue, backlog);
		return 0;
	}
	if (s->state != UNIX_STATE_UNCONNECTED || s->name.len == 0)
		return -EINVAL;
	s->queue = kcalloc(1, sizeof(*s->queue));
	if (!s->queue)
		return -ENOMEM;
	unix_backlog_init(s->queue, backlog);
	unix_peer_take(&s->self, p->pid, &p->cred, &p->caps);
	s->state = UNIX_STATE_LISTENING;
	return 0;
}

/* The listening socket named by addr for p: 0 and *out, or -errno (UNIX-021). */
static int unix_find_listener(process_t *p, const unix_addr_t *addr, unix_sock_t **out)
{
	dentry_t *start, *d;
	int r = unix_path_start(p, &start);
	if (r != 0)
		return r;
	r = vfs_resolve(p, start, addr->path, 0, &d);
	dentry_put(start);
	if (r != 0)
		return r;
	vnode_t *node = d->node;
	if ((node->mode & VNODE_MODE_TYPE) != AEGIS_S_IFSOCK)
		r = -ECONNREFUSED;
	else if (vfs_may_access(p, node, CRED_ACCESS_W) != 0)
		r = -EACCES;
	else if (!node->sock || ((unix_sock_t *)node->sock)->state != UNIX_STATE_LISTENING)
		r = -ECONNREFUSED;
	else
		*out = node->sock;
	dentry_put(d);
	return r;
}

int unix_sock_connect(process_t *p, unix_sock_t *s, const unix_addr_t *addr)
{
	if (s->state == UNIX_STATE_CONNECTED)
		return -EISCONN;
	if (s->state == UNIX_STATE_LISTENING)
		return -EINVAL;
	unix_sock_t *listener;
	int r = unix_find_listener(p, addr, &listener);
	if (r != 0)
		return r;
	if (listener->queue->count >= listener->queue->limit)
		return -ECONNREFUSED;
	unix_sock_t *server = unix_sock_alloc();
	if (!server)
		return -ENOMEM;
	server->name = listener->name;
	r = unix_sock_join(s, server);
	if (r != 0) {
		kfree(server);
		return r;
	}
	s->peer = listener->self;
	unix_peer_take(&server->peer, p->pid, &p->cred, &p->caps);
	(void)unix_backlog_push(listener->queue, server); /* room was checked above */
	waitq_wake_all(&listener->accepters);
	unix_sock_wake(s->link);
	return 0;
}

int unix_sock_accept(file_t *lf, uint32_t flags, file_t **out)
{
	unix_sock_t *s = unix_sock_of(lf);
	if (!s)
		return -ENOTSOCK;
	if (s->state != UNIX_STATE_LISTENING)
		return -EINVAL;
	while (s->queue->count == 0) {
		if (lf->flags & AEGIS_O_NONBLOCK)
			return -EAGAIN;
		process_t *self = proc_current();
		if (self && proc_signal_pending(self))
			return -SIGNAL_ERESTARTSYS;
		if (sched_sleep(&s->accepters, SCHED_NO_DEADLINE) == -EINTR)
			return -SIGNAL_ERESTARTSYS;
		if (s->state != UNIX_STATE_LISTENING)
			return -EINVAL;
	}
	unix_sock_t *conn = s->queue->item[s->queue->head];
	file_t *f = unix_sock_file(conn, flags);
	if (!f)
		return -ENOMEM;
	(void)unix_backlog_pop(s->queue);
	*out = f;
	return 0;
}
