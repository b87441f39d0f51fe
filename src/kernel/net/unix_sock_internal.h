/*
 * The AF_UNIX socket object, shared by unix_sock.c (files, data, names)
 * and unix_listen.c (bind, listen, connect, accept).  Not for other users.
 */
#ifndef AEGIS_KERNEL_NET_UNIX_SOCK_INTERNAL_H
#define AEGIS_KERNEL_NET_UNIX_SOCK_INTERNAL_H

#include "fs/vnode.h"
#include "net/unix_backlog.h"
#include "net/unix_conn.h"
#include "net/unix_sock.h"
#include "sched/sched.h"

typedef enum {
	UNIX_STATE_UNCONNECTED,
	UNIX_STATE_LISTENING,
	UNIX_STATE_CONNECTED,
} unix_state_t;

/* A connection and the tasks sleeping on either side of it. */
typedef struct {
	unix_conn_t core;
	waitq_t wait; /* readers and writers of both sides: every change wakes all */
} unix_link_t;

struct unix_sock {
	unix_state_t state;
	uint64_t ino;           /* fstat's st_ino and socket:[N] */
	unix_addr_t name;       /* bound name (len 0: none) */
	vnode_t *node;          /* the bound node (held; its sock field names this), or NULL */
	unix_link_t *link;      /* connected: the connection, of which this is side `side` */
	unsigned side;
	unix_addr_t peer_name;  /* connected: the peer's name when connecting */
	unix_peer_t peer;       /* connected: the peer's snapshot */
	unix_peer_t self;       /* listening: this listener's snapshot from listen */
	unix_backlog_t *queue;  /* listening: unaccepted sockets (unix_sock_t *) */
	waitq_t accepters;      /* listening: tasks in accept */
};

/* A fresh unconnected socket object, or NULL. */
unix_sock_t *unix_sock_alloc(void);

/* Wrap s in a file (flags: O_NONBLOCK): the file, or NULL (s is then untouched). */
file_t *unix_sock_file(unix_sock_t *s, uint32_t flags);

/* Connect a and b (both unconnected) by a new link: 0 or -ENOMEM. */
int unix_sock_join(unix_sock_t *a, unix_sock_t *b);

/* Free s: leave its connection, drop its name binding and queue. */
void unix_sock_destroy(unix_sock_t *s);

/* Wake every sleeper of s's link and every poller. */
void unix_sock_wake(unix_link_t *link);

#endif
