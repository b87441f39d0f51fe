/*
 * Vigil's control connections (spec/vigil.md VIG-111, VIG-150..152): accept
 * without blocking, at most VIGIL_CTL_CONN_MAX open (one more is answered
 * busy), read the peer's identity once from the kernel, collect one request
 * line with a deadline, and write answer lines without ever blocking.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "vigil.h"

#define VIGIL_POLLIN 0x001
#define VIGIL_CONN_SEND_FLAGS (AEGIS_MSG_DONTWAIT | AEGIS_MSG_NOSIGNAL)

size_t vigil_conn_pollfds(const vigil_t *v, aegis_pollfd_t *pfds, size_t cap)
{
	size_t n = 0;
	if (v->ctl_fd >= 0 && n < cap)
		pfds[n++] = (aegis_pollfd_t){ v->ctl_fd, VIGIL_POLLIN, 0 };
	for (size_t i = 0; i < VIGIL_CTL_CONN_MAX && n < cap; i++)
		if (v->conns[i].fd >= 0)
			pfds[n++] = (aegis_pollfd_t){ v->conns[i].fd, VIGIL_POLLIN, 0 };
	return n;
}

uint64_t vigil_conn_deadline(const vigil_t *v)
{
	uint64_t next = UINT64_MAX;
	for (size_t i = 0; i < VIGIL_CTL_CONN_MAX; i++)
		if (v->conns[i].fd >= 0 && v->conns[i].deadline_ms < next)
			next = v->conns[i].deadline_ms;
	return next;
}

void vigil_conn_reply(vigil_conn_t *c, const char *fmt, ...)
{
	char line[VIGIL_CTL_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (c->fd < 0 || c->lost != 0 || n <= 0)
		return;
	size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1u;
	long put = sys_sendto(c->fd, line, len, VIGIL_CONN_SEND_FLAGS, NULL, 0);
	if (put != (long)len)
		c->lost = put < 0 ? put : -EAGAIN;
}

void vigil_conn_close(vigil_conn_t *c)
{
	if (c->fd < 0)
		return;
	if (c->lost != 0)
		vigil_log("control: the answer to pid %d uid %u was lost (error %ld)", c->cred.pid, c->cred.uid, c->lost);
	(void)sys_close(c->fd);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
}

/* Take one accepted descriptor into a free slot, with the peer's identity as the kernel saw it. */
static void conn_take(vigil_t *v, int fd)
{
	vigil_conn_t *c = NULL;
	for (size_t i = 0; i < VIGIL_CTL_CONN_MAX && !c; i++)
		if (v->conns[i].fd < 0)
			c = &v->conns[i];
	aegis_socklen_t len = sizeof(aegis_ucred_t);
	aegis_ucred_t cred = { 0, 0, 0 };
	(void)sys_getsockopt(fd, AEGIS_SOL_SOCKET, AEGIS_SO_PEERCRED, &cred, &len);
	if (!c) {
		vigil_conn_t busy = { .fd = fd, .cred = cred };
		vigil_log("control: %d connections open; pid %d uid %u answered busy", VIGIL_CTL_CONN_MAX, cred.pid,
			  cred.uid);
		vigil_conn_reply(&busy, "error busy\n");
		vigil_conn_close(&busy);
		return;
	}
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->cred = cred;
	c->deadline_ms = vigil_now_ms() + VIGIL_CTL_IDLE_MS;
	len = sizeof(c->caps);
	long r = sys_getsockopt(fd, AEGIS_SOL_SOCKET, AEGIS_SO_PEERCAPS, &c->caps, &len);
	c->caps_ok = r == 0 && len == sizeof(c->caps);
	if (!c->caps_ok)
		vigil_log("control: cannot read the capabilities of pid %d (error %ld); it holds none here", cred.pid, r);
}

void vigil_conn_accept_all(vigil_t *v)
{
	while (v->ctl_fd >= 0) {
		long fd = sys_accept4(v->ctl_fd, NULL, NULL, AEGIS_SOCK_NONBLOCK | AEGIS_SOCK_CLOEXEC);
		if (fd == -EINTR)
			continue;
		if (fd < 0) {
			if (fd != -EAGAIN)
				vigil_log("control: accept failed (error %ld)", fd);
			return;
		}
		conn_take(v, (int)fd);
	}
}

/* A line too long, or the peer's end before its newline: answered malformed and closed. */
static int conn_malformed(vigil_conn_t *c, const char *why)
{
	vigil_log("control: malformed request from pid %d uid %u (%s)", c->cred.pid, c->cred.uid, why);
	vigil_conn_reply(c, "error malformed request\n");
	vigil_conn_close(c);
	return -1;
}

int vigil_conn_read(vigil_conn_t *c, uint64_t now_ms, size_t *len)
{
	for (;;) {
		char *nl = memchr(c->buf, '\n', c->len);
		if (nl) {
			*len = (size_t)(nl - c->buf) + 1u;
			return 1;
		}
		if (c->len == sizeof(c->buf))
			return conn_malformed(c, "longer than the line bound");
		long got = sys_read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);
		if (got == -EINTR)
			continue;
		if (got > 0) {
			c->len += (size_t)got;
			continue;
		}
		if (got == 0 && c->len > 0)
			return conn_malformed(c, "no newline before the end");
		if (got == 0 || got != -EAGAIN) {
			vigil_log("control: pid %d uid %u closed without a request", c->cred.pid, c->cred.uid);
			vigil_conn_close(c);
			return -1;
		}
		if (now_ms >= c->deadline_ms) {
			vigil_log("control: pid %d uid %u sent no request within %u ms; closed", c->cred.pid, c->cred.uid,
				  VIGIL_CTL_IDLE_MS);
			vigil_conn_close(c);
			return -1;
		}
		return 0;
	}
}
