/*
 * Vigil's control socket (spec/vigil.md VIG-110..119): make /run/vigil and
 * the listening AF_UNIX socket /run/vigil/control that anyone may connect
 * to, and answer each connection's request, allowed or refused by the
 * capabilities the peer held at connect (VIG-119): status lines, then one
 * final "ok ..." or "error ..." line.  shutdown and reboot answer first and
 * then shut down.  The connections themselves are vigil_conn.c's.
 */
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "vigil.h"
#include "vigil/vigil_ctl.h"

#define VIGIL_CTL_DIR_MODE 0755u    /* root's; anyone may reach the socket */
#define VIGIL_CTL_SOCKET_MODE 0666u /* anyone may connect: the decision is by capability */
#define VIGIL_CTL_BACKLOG VIGIL_CTL_CONN_MAX
#define VIGIL_WAIT_STATUS_TEXT 24

/* Every connection slot free. */
static void control_conns_reset(vigil_t *v)
{
	for (size_t i = 0; i < VIGIL_CTL_CONN_MAX; i++) {
		memset(&v->conns[i], 0, sizeof(v->conns[i]));
		v->conns[i].fd = -1;
	}
}

void vigil_control_open(vigil_t *v)
{
	v->ctl_fd = -1;
	control_conns_reset(v);
	long r = sys_mkdir(VIGIL_CTL_DIR, VIGIL_CTL_DIR_MODE);
	if (r == 0 || r == -EEXIST)
		r = sys_chmod(VIGIL_CTL_DIR, VIGIL_CTL_DIR_MODE); /* the umask may have taken bits away */
	if (r != 0) {
		vigil_log("control: cannot make %s (error %ld); vigictl will not work", VIGIL_CTL_DIR, r);
		return;
	}
	(void)sys_unlink(VIGIL_CTL_REQUEST); /* a stale node from an earlier listener */
	long fd = sys_socket(AEGIS_AF_UNIX, AEGIS_SOCK_STREAM | AEGIS_SOCK_NONBLOCK | AEGIS_SOCK_CLOEXEC, 0);
	aegis_sockaddr_un_t addr;
	uint32_t alen = vigil_ctl_address(&addr);
	const char *step = "socket";
	if (fd >= 0) {
		step = "bind";
		r = sys_bind((int)fd, &addr, alen);
		if (r == 0) {
			step = "chmod";
			r = sys_chmod(VIGIL_CTL_REQUEST, VIGIL_CTL_SOCKET_MODE);
		}
		if (r == 0) {
			step = "listen";
			r = sys_listen((int)fd, VIGIL_CTL_BACKLOG);
		}
	} else {
		r = fd;
	}
	if (r != 0) {
		vigil_log("control: cannot make the socket %s (%s: error %ld); vigictl will not work",
			  VIGIL_CTL_REQUEST, step, r);
		if (fd >= 0)
			(void)sys_close((int)fd);
		return;
	}
	v->ctl_fd = (int)fd;
}

void vigil_control_close(vigil_t *v)
{
	for (size_t i = 0; i < VIGIL_CTL_CONN_MAX; i++)
		vigil_conn_close(&v->conns[i]);
	if (v->ctl_fd >= 0)
		(void)sys_close(v->ctl_fd);
	v->ctl_fd = -1;
}

static const char *unit_state_name(const vigil_unit_t *u)
{
	switch (u->state) {
	case UNIT_RUNNING:
		return u->stopping ? "stopping" : "running";
	case UNIT_WAITING:
		return "waiting";
	case UNIT_DONE:
		return "done";
	case UNIT_GAVE_UP:
		return "gave-up";
	case UNIT_STOPPED:
		return "stopped";
	case UNIT_IDLE:
	default:
		return "idle";
	}
}

/* "-" before the first end, else "exit:N" or "signal:N". */
static void unit_last_text(const vigil_unit_t *u, char *buf, size_t cap)
{
	int sig = u->last_status & VIGIL_WAIT_SIG_MASK;
	if (!u->ever_ended)
		(void)snprintf(buf, cap, "-");
	else if (sig == 0)
		(void)snprintf(buf, cap, "exit:%d", (u->last_status >> VIGIL_WAIT_EXIT_SHIFT) & VIGIL_WAIT_BYTE);
	else
		(void)snprintf(buf, cap, "signal:%d", sig);
}

static void reply_status(vigil_conn_t *c, const vigil_unit_t *u)
{
	char last[VIGIL_WAIT_STATUS_TEXT];
	unit_last_text(u, last, sizeof(last));
	vigil_conn_reply(c, "svc %s %s %ld %u %s\n", u->svc->name, unit_state_name(u), u->pid, u->history.restarts,
			 last);
}

static vigil_unit_t *unit_by_name(vigil_t *v, const char *name)
{
	for (size_t i = 0; i < v->count; i++)
		if (strcmp(v->units[i].svc->name, name) == 0)
			return &v->units[i];
	return NULL;
}

/* stop: SIGTERM to a running unit; any other state simply becomes stopped. */
static void unit_stop(vigil_unit_t *u)
{
	u->restart_now = false;
	if (u->state != UNIT_RUNNING) {
		u->state = UNIT_STOPPED;
		return;
	}
	u->stopping = true;
	(void)sys_kill((int)u->pid, SIGTERM);
}

/* start, stop, restart on one unit; the final line's text. */
static const char *unit_command(vigil_t *v, vigil_unit_t *u, vigil_ctl_cmd_t cmd)
{
	switch (cmd) {
	case VIGIL_CTL_START:
		if (u->state == UNIT_RUNNING)
			return "already running";
		vigil_unit_restart(v, u);
		return "started";
	case VIGIL_CTL_STOP:
		unit_stop(u);
		return "stopping";
	case VIGIL_CTL_RESTART:
	default:
		if (u->state != UNIT_RUNNING) {
			vigil_unit_restart(v, u);
			return "started";
		}
		unit_stop(u);
		u->restart_now = true;
		return "restarting";
	}
}

/* "stop sleeper" or "shutdown": the request as the log shows it. */
static void request_text(const vigil_ctl_request_t *req, char *buf, size_t cap)
{
	(void)snprintf(buf, cap, "%s%s%s", vigil_ctl_command_name(req->cmd), req->service[0] ? " " : "",
		       req->service);
}

/* The request is allowed: do it and answer; true when Vigil shut down meanwhile. */
static bool control_answer(vigil_t *v, vigil_conn_t *c, const vigil_ctl_request_t *req)
{
	vigil_unit_t *u = req->service[0] ? unit_by_name(v, req->service) : NULL;
	if (req->service[0] && !u) {
		vigil_conn_reply(c, "error unknown service '%s'\n", req->service);
	} else if (req->cmd == VIGIL_CTL_STATUS) {
		if (u)
			reply_status(c, u);
		for (size_t k = 0; !u && k < v->order.count; k++)
			reply_status(c, &v->units[v->order.index[k]]);
		vigil_conn_reply(c, "ok\n");
	} else if (req->cmd == VIGIL_CTL_SHUTDOWN || req->cmd == VIGIL_CTL_REBOOT) {
		vigil_conn_reply(c, "ok %s\n", req->cmd == VIGIL_CTL_REBOOT ? "rebooting" : "shutting down");
		vigil_conn_close(c);
		vigil_shutdown(v, req->cmd == VIGIL_CTL_REBOOT);
		return true;
	} else {
		const char *what = unit_command(v, u, req->cmd);
		vigil_conn_reply(c, "ok %s %s\n", req->service, what);
	}
	vigil_conn_close(c);
	return false;
}

bool vigil_control_request(vigil_t *v, vigil_conn_t *c, const char *line, size_t len)
{
	vigil_ctl_request_t req;
	char text[VIGIL_CTL_LINE_MAX];
	char reason[VIGIL_CTL_REASON_MAX];
	if (vigil_ctl_parse(line, len, &req) != 0) {
		vigil_log("control: malformed request from pid %d uid %u (%zu bytes)", c->cred.pid, c->cred.uid, len);
		vigil_conn_reply(c, "error malformed request\n");
		vigil_conn_close(c);
		return false;
	}
	request_text(&req, text, sizeof(text));
	if (vigil_ctl_authorize(req.cmd, c->caps_ok ? &c->caps : NULL, reason, sizeof(reason)) != 0) {
		vigil_log("control: refused '%s' from pid %d uid %u: %s", text, c->cred.pid, c->cred.uid, reason);
		vigil_conn_reply(c, "error permission denied: %s\n", reason);
		vigil_conn_close(c);
		return false;
	}
	bool session = c->caps_ok && (c->caps.flags & AEGIS_PEERCAPS_AUTHENTICATED) != 0;
	vigil_log("control: %s from pid %d uid %u (%s)", text, c->cred.pid, c->cred.uid,
		  session ? "authenticated session" : "no authenticated session");
	return control_answer(v, c, &req);
}

void vigil_control_serve(vigil_t *v)
{
	vigil_conn_accept_all(v);
	uint64_t now = vigil_now_ms();
	for (size_t i = 0; i < VIGIL_CTL_CONN_MAX; i++) {
		vigil_conn_t *c = &v->conns[i];
		size_t len = 0;
		if (c->fd >= 0 && vigil_conn_read(c, now, &len) == 1 && vigil_control_request(v, c, c->buf, len))
			return; /* shut down and back: every connection is gone */
	}
}
