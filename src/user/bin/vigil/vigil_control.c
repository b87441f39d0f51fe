/*
 * Vigil's control FIFO (spec/vigil.md VIG-110..115, VIG-119): make
 * /run/vigil and the request FIFO, reachable by root and the members of
 * group wheel only, read request lines without ever blocking, and
 * answer each on the reply FIFO its vigictl named: status lines, then one
 * final "ok ..." or "error ..." line.  shutdown and reboot answer first and
 * then shut down.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "vigil.h"
#include "vigil/vigil_ctl.h"

#define VIGIL_CTL_DIR_MODE 0700u        /* root only: before the group is set, or without one */
#define VIGIL_CTL_FIFO_MODE 0600u
#define VIGIL_CTL_DIR_GROUP_MODE 01770u /* wheel may enter and make reply FIFOs; sticky */
#define VIGIL_CTL_FIFO_GROUP_MODE 0620u /* wheel may write requests */
#define VIGIL_CTL_KEEP_OWNER ((uint32_t)-1)
#define VIGIL_WAIT_STATUS_TEXT 24

/* Bytes read but not yet a whole line. */
static char ctl_pending[VIGIL_CTL_LINE_MAX];
static size_t ctl_pending_len;

/* Open /run/vigil and the request FIFO to group wheel; without the group they stay root's. */
static void control_share(void)
{
	char msg[VIGIL_MSG_MAX];
	uint32_t gid = 0;
	if (vigil_group_gid(VIGIL_CTL_GROUP, &gid, msg, sizeof(msg)) != 0) {
		vigil_log("control: %s; only root can use vigictl", msg);
		return;
	}
	long r = sys_chown(VIGIL_CTL_DIR, VIGIL_CTL_KEEP_OWNER, gid);
	if (r == 0)
		r = sys_chown(VIGIL_CTL_REQUEST, VIGIL_CTL_KEEP_OWNER, gid);
	if (r == 0)
		r = sys_chmod(VIGIL_CTL_REQUEST, VIGIL_CTL_FIFO_GROUP_MODE);
	if (r == 0)
		r = sys_chmod(VIGIL_CTL_DIR, VIGIL_CTL_DIR_GROUP_MODE);
	if (r != 0)
		vigil_log("control: cannot open %s to group %s (error %ld); only root can use vigictl",
			  VIGIL_CTL_DIR, VIGIL_CTL_GROUP, r);
}

void vigil_control_open(vigil_t *v)
{
	v->ctl_fd = -1;
	v->ctl_keep_fd = -1;
	long r = sys_mkdir(VIGIL_CTL_DIR, VIGIL_CTL_DIR_MODE);
	if (r != 0 && r != -EEXIST) {
		vigil_log("control: cannot make %s (error %ld); vigictl will not work", VIGIL_CTL_DIR, r);
		return;
	}
	(void)sys_unlink(VIGIL_CTL_REQUEST);
	r = sys_mknod(VIGIL_CTL_REQUEST, AEGIS_S_IFIFO | VIGIL_CTL_FIFO_MODE, 0);
	long fd = r == 0 ? sys_open(VIGIL_CTL_REQUEST, AEGIS_O_RDONLY | AEGIS_O_NONBLOCK | AEGIS_O_CLOEXEC, 0) : r;
	/* Vigil holds a write end too, so the read end never sees end-of-file between requests. */
	long keep = fd >= 0 ? sys_open(VIGIL_CTL_REQUEST, AEGIS_O_WRONLY | AEGIS_O_NONBLOCK | AEGIS_O_CLOEXEC, 0) : fd;
	if (fd < 0 || keep < 0) {
		vigil_log("control: cannot open %s (error %ld); vigictl will not work", VIGIL_CTL_REQUEST,
			  fd < 0 ? fd : keep);
		if (fd >= 0)
			(void)sys_close((int)fd);
		return;
	}
	v->ctl_fd = (int)fd;
	v->ctl_keep_fd = (int)keep;
	control_share();
}

void vigil_control_close(vigil_t *v)
{
	if (v->ctl_fd >= 0)
		(void)sys_close(v->ctl_fd);
	if (v->ctl_keep_fd >= 0)
		(void)sys_close(v->ctl_keep_fd);
	v->ctl_fd = -1;
	v->ctl_keep_fd = -1;
	ctl_pending_len = 0;
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

/* One answer line (one write, so it arrives whole); nothing when the reply could not be opened. */
__attribute__((format(printf, 2, 3))) static void reply_line(long fd, const char *fmt, ...)
{
	char line[VIGIL_CTL_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (fd >= 0 && n > 0)
		(void)sys_write((int)fd, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1u);
}

static void reply_status(long fd, const vigil_unit_t *u)
{
	char last[VIGIL_WAIT_STATUS_TEXT];
	unit_last_text(u, last, sizeof(last));
	reply_line(fd, "svc %s %s %ld %u %s\n", u->svc->name, unit_state_name(u), u->pid, u->history.restarts,
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

static void control_answer(vigil_t *v, const vigil_ctl_request_t *req)
{
	long fd = sys_open(req->reply, AEGIS_O_WRONLY | AEGIS_O_NONBLOCK | AEGIS_O_CLOEXEC, 0);
	if (fd < 0)
		vigil_log("control: cannot open the reply %s (error %ld); %s still done", req->reply, fd,
			  vigil_ctl_command_name(req->cmd));
	vigil_unit_t *u = req->service[0] ? unit_by_name(v, req->service) : NULL;
	vigil_log("control: %s %s", vigil_ctl_command_name(req->cmd), req->service[0] ? req->service : "-");
	if (req->service[0] && !u) {
		reply_line(fd, "error unknown service '%s'\n", req->service);
	} else if (req->cmd == VIGIL_CTL_STATUS) {
		if (u)
			reply_status(fd, u);
		for (size_t k = 0; !u && k < v->order.count; k++)
			reply_status(fd, &v->units[v->order.index[k]]);
		reply_line(fd, "ok\n");
	} else if (req->cmd == VIGIL_CTL_SHUTDOWN || req->cmd == VIGIL_CTL_REBOOT) {
		reply_line(fd, "ok %s\n", req->cmd == VIGIL_CTL_REBOOT ? "rebooting" : "shutting down");
		if (fd >= 0)
			(void)sys_close((int)fd);
		vigil_shutdown(v, req->cmd == VIGIL_CTL_REBOOT);
		return;
	} else {
		const char *what = unit_command(v, u, req->cmd);
		reply_line(fd, "ok %s %s\n", req->service, what);
	}
	if (fd >= 0)
		(void)sys_close((int)fd);
}

static void control_line(vigil_t *v, const char *line, size_t len)
{
	vigil_ctl_request_t req;
	if (vigil_ctl_parse(line, len, &req) != 0) {
		vigil_log("control: malformed request ignored (%zu bytes)", len);
		return;
	}
	control_answer(v, &req);
}

void vigil_control_serve(vigil_t *v)
{
	if (v->ctl_fd < 0)
		return;
	for (;;) {
		long got = sys_read(v->ctl_fd, ctl_pending + ctl_pending_len, sizeof(ctl_pending) - ctl_pending_len);
		if (got == -EINTR)
			continue;
		if (got <= 0)
			return;
		ctl_pending_len += (size_t)got;
		char *nl;
		while ((nl = memchr(ctl_pending, '\n', ctl_pending_len)) != NULL) {
			size_t len = (size_t)(nl - ctl_pending) + 1u;
			control_line(v, ctl_pending, len);
			memmove(ctl_pending, ctl_pending + len, ctl_pending_len - len);
			ctl_pending_len -= len;
		}
		if (ctl_pending_len == sizeof(ctl_pending)) {
			vigil_log("control: request longer than %d bytes dropped", VIGIL_CTL_LINE_MAX);
			ctl_pending_len = 0;
		}
	}
}
