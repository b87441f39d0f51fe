/*
 * The user-process mechanism's lifecycle: spawn, requests, replies, exec,
 * fork and the end of a process (spec/sim-process.md).
 *
 * Design: a handle is in one of three states - running (we wait for its next
 * request), waiting (stopped in its glue; we may reply or copy its memory) or
 * dead (reaped, host_status valid).  Every way a process can misbehave
 * (dying, closing its channel, sending garbage) ends in uproc_finish(), which
 * always reaps, so callers see an event, never a hang or a host zombie.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include "uproc_internal.h"

/* Descriptors from here on are the sim's own and never reach a user image. */
#define UPROC_FIRST_PRIVATE_FD 3

/* Polling step when the host has no pidfd (only on the abnormal path). */
#define UPROC_POLL_STEP_MS 10

void uproc_become_subreaper(void)
{
	static bool done;
	if (!done) {
		/* Fork children of user processes are re-parented to us (see the glue's double fork). */
		(void)prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
		done = true;
	}
}

/* Wait up to ms for p to exit; true when it has (it is not reaped). */
static bool wait_exit_for(const uproc_t *p, int ms)
{
	if (p->pid_fd < 0) {
		/* No pidfd (old host kernel): poll the status without reaping. */
		siginfo_t si;
		for (int waited = 0; waited <= ms; waited += UPROC_POLL_STEP_MS) {
			si.si_pid = 0;
			if (waitid(P_PID, (id_t)p->host_pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0 || si.si_pid)
				return true;
			usleep(UPROC_POLL_STEP_MS * 1000);
		}
		return false;
	}
	struct pollfd pf = {.fd = p->pid_fd, .events = POLLIN};
	int r;
	do
		r = poll(&pf, 1, ms);
	while (r < 0 && errno == EINTR);
	return r > 0;
}

static void open_pidfd(uproc_t *p)
{
	p->pid_fd = (int)syscall(SYS_pidfd_open, p->host_pid, 0);
	if (p->pid_fd >= 0)
		(void)fcntl(p->pid_fd, F_SETFD, FD_CLOEXEC);
}

int uproc_recv_request(uproc_t *p, sim_request_t *req, unsigned kind, int *got_fd, const char **why)
{
	struct pollfd pf[2] = {{.fd = p->chan_fd, .events = POLLIN}, {.fd = p->pid_fd, .events = POLLIN}};
	for (;;) {
		int r = poll(pf, p->pid_fd >= 0 ? 2 : 1, -1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*why = "poll on the channel failed";
			return -errno;
		}
		if (pf[0].revents)
			return uproc_wire_recv_request(p->chan_fd, req, kind, got_fd, why);
		if (pf[1].revents)
			return 0; /* exited; a stray descendant may still hold the channel open */
	}
}

void uproc_finish(uproc_t *p, const char *why)
{
	if (p->chan_fd >= 0) {
		close(p->chan_fd);
		p->chan_fd = -1;
	}
	p->awaiting_reply = false;
	if (p->dead || p->host_pid <= 0)
		return;
	if (!wait_exit_for(p, UPROC_EXIT_GRACE_MS)) {
		kill(p->host_pid, SIGKILL);
		if (!why)
			why = "channel closed but the process kept running: killed";
	}
	int st = 0;
	pid_t r;
	do
		r = waitpid(p->host_pid, &st, 0);
	while (r < 0 && errno == EINTR);
	p->host_status = r == p->host_pid ? st : 0;
	p->dead = true;
	if (p->pid_fd >= 0) {
		close(p->pid_fd);
		p->pid_fd = -1;
	}
	p->why = why;
}

void uproc_fail(uproc_t *p, const char *why)
{
	if (!p->dead && p->host_pid > 0)
		kill(p->host_pid, SIGKILL);
	uproc_finish(p, why);
}

static void handle_clear(uproc_t *p)
{
	memset(p, 0, sizeof(*p));
	p->chan_fd = -1;
	p->pid_fd = -1;
}

/* Wait for the HELLO of a new image or fork child from pid. 0, -ENOEXEC (died) or -EPROTO. */
static int await_hello(uproc_t *p, pid_t pid)
{
	sim_request_t req;
	const char *why = NULL;
	int r = uproc_recv_request(p, &req, SIM_REQ_HELLO, NULL, &why);
	if (r == 0) {
		uproc_finish(p, NULL);
		return -ENOEXEC;
	}
	if (r < 0) {
		uproc_fail(p, why);
		return -EPROTO;
	}
	if (req.host_pid != pid) {
		uproc_fail(p, "protocol violation: HELLO from the wrong host pid");
		return -EPROTO;
	}
	p->awaiting_reply = true;
	return 0;
}

/* In the forked child before exec: only async-signal-safe calls. */
static __attribute__((noreturn)) void spawn_child(int chan, int memfd, char *const argv[], char *const envp[])
{
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* The new image gets standard input, output, error and its channel: nothing else of ours. */
	if (syscall(SYS_close_range, UPROC_FIRST_PRIVATE_FD, ~0u, CLOSE_RANGE_CLOEXEC) < 0)
		_exit(SIM_GLUE_STATUS_EXEC_FAILED);
	if (chan == SIM_CHANNEL_FD) {
		if (fcntl(chan, F_SETFD, 0) < 0)
			_exit(SIM_GLUE_STATUS_EXEC_FAILED);
	} else if (dup2(chan, SIM_CHANNEL_FD) < 0) {
		_exit(SIM_GLUE_STATUS_EXEC_FAILED);
	}
	fexecve(memfd, argv, envp);
	_exit(SIM_GLUE_STATUS_EXEC_FAILED);
}

int uproc_spawn(uproc_t *p, const void *image, size_t len, char *const argv[], char *const envp[])
{
	static char check[SIM_EXEC_STRINGS_MAX];
	unsigned argc, envc;
	static char *const empty[] = {NULL};
	if (!p)
		return -EINVAL;
	handle_clear(p);
	if (uproc_pack_strings(check, sizeof(check), argv, envp, &argc, &envc) < 0)
		return -E2BIG;
	int memfd = uproc_image_memfd(image, len);
	if (memfd < 0)
		return memfd;
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		int err = errno;
		close(memfd);
		return -err;
	}
	uproc_become_subreaper();
	pid_t pid = fork();
	if (pid == 0)
		spawn_child(sv[1], memfd, argv ? argv : empty, envp ? envp : empty);
	int err = errno;
	close(sv[1]);
	close(memfd);
	if (pid < 0) {
		close(sv[0]);
		return -err;
	}
	p->host_pid = pid;
	p->chan_fd = sv[0];
	open_pidfd(p);
	int r = await_hello(p, pid);
	if (r < 0) {
		/* Nothing of the failed start survives: the child is reaped, the handle empty. */
		int st = p->host_status;
		handle_clear(p);
		p->host_status = st;
	}
	return r;
}

/* A handle that may be replied to: 0, or -ESRCH (empty/dead) / -EBUSY (not waiting). */
static int check_waiting(const uproc_t *p)
{
	if (!p || p->host_pid <= 0 || p->dead)
		return -ESRCH;
	return p->awaiting_reply ? 0 : -EBUSY;
}

int uproc_next_event(uproc_t *p, uproc_event_t *ev)
{
	if (!p || !ev || p->host_pid <= 0 || p->dead)
		return -ESRCH;
	if (p->awaiting_reply)
		return -EBUSY;
	memset(ev, 0, sizeof(*ev));
	sim_request_t req;
	const char *why = NULL;
	int r = uproc_recv_request(p, &req, SIM_REQ_SYSCALL, NULL, &why);
	if (r == 1 && req.host_pid != p->host_pid) {
		r = -EPROTO;
		why = "protocol violation: request from the wrong host pid";
	}
	if (r <= 0) {
		if (r == 0)
			uproc_finish(p, NULL);
		else
			uproc_fail(p, why);
		ev->kind = UPROC_EV_DIED;
		ev->host_status = p->host_status;
		ev->why = p->why;
		return 0;
	}
	ev->kind = UPROC_EV_SYSCALL;
	ev->nr = (long)req.nr;
	for (int i = 0; i < SIM_CHANNEL_NARGS; i++)
		ev->args[i] = (long)req.args[i];
	p->awaiting_reply = true;
	return 0;
}

/* Send a reply without descriptor; a process that vanished is finished: -ESRCH. */
static int send_reply(uproc_t *p, const sim_reply_t *r, int pass_fd)
{
	p->awaiting_reply = false;
	if (uproc_wire_send(p->chan_fd, r, sizeof(*r), pass_fd) < 0) {
		uproc_finish(p, NULL);
		return -ESRCH;
	}
	return 0;
}

int uproc_reply_return(uproc_t *p, long ret)
{
	int r = check_waiting(p);
	if (r < 0)
		return r;
	sim_reply_t rep;
	uproc_wire_reply(&rep, SIM_ACT_RETURN, ret);
	return send_reply(p, &rep, -1);
}

int uproc_reply_signal(uproc_t *p, long ret, const platform_signal_call_t *call)
{
	int r = check_waiting(p);
	if (r < 0)
		return r;
	sim_reply_t rep;
	uproc_wire_reply(&rep, SIM_ACT_SIGNAL, ret);
	rep.sig_handler = call->handler;
	rep.sig_flags = call->flags;
	rep.sig_old_mask = call->old_mask;
	rep.sig_number = call->sig;
	rep.sig_code = call->code;
	rep.sig_pid = call->pid;
	rep.sig_uid = call->uid;
	rep.sig_restart = call->restart ? 1u : 0u;
	rep.sig_status = call->status;
	return send_reply(p, &rep, -1);
}

int uproc_reply_exit(uproc_t *p, int status)
{
	int r = check_waiting(p);
	if (r < 0)
		return r;
	sim_reply_t rep;
	uproc_wire_reply(&rep, SIM_ACT_EXIT, status);
	if (send_reply(p, &rep, -1) < 0)
		return 0; /* already gone: finished and reaped all the same */
	sim_request_t after;
	const char *why = NULL;
	if (uproc_recv_request(p, &after, SIM_REQ_SYSCALL, NULL, &why) != 0)
		uproc_fail(p, "protocol violation: a message after EXIT");
	else
		uproc_finish(p, NULL);
	return 0;
}

int uproc_exec(uproc_t *p, const void *image, size_t len, char *const argv[], char *const envp[])
{
	static char block[SIM_EXEC_STRINGS_MAX];
	int r = check_waiting(p);
	if (r < 0)
		return r;
	sim_reply_t rep;
	unsigned argc, envc;
	long size = uproc_pack_strings(block, sizeof(block), argv, envp, &argc, &envc);
	if (size < 0)
		return (int)size; /* the process still waits: the kernel replies with the error */
	int memfd = uproc_image_memfd(image, len);
	if (memfd < 0)
		return memfd;
	uproc_wire_reply(&rep, SIM_ACT_EXEC, 0);
	rep.argc = argc;
	rep.envc = envc;
	rep.strings_len = (uint64_t)size;
	r = send_reply(p, &rep, memfd);
	close(memfd);
	if (r < 0)
		return r;
	/* An empty block is not sent: a 0-byte seqpacket message reads as end of file. */
	if (size > 0 && uproc_wire_send(p->chan_fd, block, (size_t)size, -1) < 0) {
		uproc_finish(p, NULL);
		return -ESRCH;
	}
	return await_hello(p, p->host_pid);
}

int uproc_fork(uproc_t *parent, uproc_t *child)
{
	int r = check_waiting(parent);
	if (r < 0 || !child)
		return r < 0 ? r : -EINVAL;
	handle_clear(child);
	uproc_become_subreaper();
	sim_reply_t rep;
	uproc_wire_reply(&rep, SIM_ACT_FORK, 0);
	if ((r = send_reply(parent, &rep, -1)) < 0)
		return r;
	sim_request_t req;
	const char *why = NULL;
	int chan = -1;
	r = uproc_recv_request(parent, &req, SIM_REQ_FORK_CHANNEL, &chan, &why);
	if (r <= 0) {
		if (r == 0)
			uproc_finish(parent, NULL);
		else
			uproc_fail(parent, why);
		return -ESRCH;
	}
	parent->awaiting_reply = true;
	if (req.args[0] < 0 || chan < 0 || req.host_pid <= 0 || req.host_pid > INT_MAX) {
		if (chan >= 0)
			close(chan);
		/* The host fork failed (or said so badly): the parent waits for its error reply. */
		return req.args[0] < 0 ? (int)req.args[0] : -EAGAIN;
	}
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, (id_t)req.host_pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0) {
		/*
		 * Not our child: we could neither reap nor trust it, and must not
		 * signal a pid a user process named.  Closing its channel ends a real
		 * child of the parent (its glue sees end of file); the parent goes.
		 */
		close(chan);
		uproc_fail(parent, "protocol violation: fork child is not a child of the sim");
		return -ESRCH;
	}
	child->host_pid = (pid_t)req.host_pid;
	child->chan_fd = chan;
	open_pidfd(child);
	r = await_hello(child, child->host_pid);
	if (r < 0) {
		int st = child->host_status;
		handle_clear(child);
		child->host_status = st;
		return -ECHILD;
	}
	return 0;
}

int uproc_kill(uproc_t *p, int sig)
{
	if (!p || p->host_pid <= 0 || p->dead)
		return -ESRCH;
	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	if (kill(p->host_pid, sig) < 0)
		return -errno;
	uproc_finish(p, NULL);
	return 0;
}

int uproc_release(uproc_t *p)
{
	if (!p || p->host_pid <= 0) {
		if (p)
			handle_clear(p);
		return 0;
	}
	if (!p->dead)
		uproc_fail(p, "released by the kernel");
	else
		uproc_finish(p, p->why);
	int st = p->host_status;
	handle_clear(p);
	return st;
}
