/*
 * A user program that misbehaves in the way argv[1] names, after one getpid
 * call (SIMP-040..SIMP-043):
 *   abort    - dies by SIGABRT
 *   hostexit - ends with the host's _exit(9), never telling the kernel
 *   close    - closes its channel and keeps running
 *   garbage  - sends a malformed message on its channel and waits
 *   wrongpid - sends a well-formed request that claims another host pid
 *   fdpass   - sends a well-formed request with a descriptor attached
 *   forkliar - asks to fork, then names its host parent (the test) as the child
 *   orphan   - makes a host child behind the glue's back (it waits forever), then aborts
 *   forkfail - asks to fork and reports a failed host fork (-EAGAIN) as the glue would; exits
 *              with the low byte of minus the value its fork call returns then
 *   wait     - makes a second getpid call (the test kills it while it waits)
 * The host calls here are the point of the test: a real program never makes them.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <aegis/sim_channel.h>

#include "uprog_lib.h"

#define UPROG_HOSTEXIT_STATUS 9

/* Play the glue's fork by hand for a host fork that failed; the fork call returns what the kernel replies. */
static void fork_fails(void)
{
	sim_request_t req;
	memset(&req, 0, sizeof(req));
	req.magic = SIM_CHANNEL_MAGIC;
	req.version = SIM_CHANNEL_VERSION;
	req.kind = SIM_REQ_SYSCALL;
	req.nr = SYS_fork;
	req.host_pid = getpid();
	(void)!send(SIM_CHANNEL_FD, &req, sizeof(req), 0);
	sim_reply_t rep;
	if (recv(SIM_CHANNEL_FD, &rep, sizeof(rep), 0) != (ssize_t)sizeof(rep) || rep.action != SIM_ACT_FORK)
		_exit(1);
	req.kind = SIM_REQ_FORK_CHANNEL;
	req.host_pid = 0;
	req.args[0] = -EAGAIN;
	(void)!send(SIM_CHANNEL_FD, &req, sizeof(req), 0);
	if (recv(SIM_CHANNEL_FD, &rep, sizeof(rep), 0) != (ssize_t)sizeof(rep) || rep.action != SIM_ACT_RETURN)
		_exit(1);
	_exit((int)(-rep.ret & 0xff));
}

/* Play the glue's fork by hand, lying about the child's pid. */
static void fork_liar(void)
{
	sim_request_t req;
	memset(&req, 0, sizeof(req));
	req.magic = SIM_CHANNEL_MAGIC;
	req.version = SIM_CHANNEL_VERSION;
	req.kind = SIM_REQ_SYSCALL;
	req.nr = SYS_fork;
	req.host_pid = getpid();
	(void)!send(SIM_CHANNEL_FD, &req, sizeof(req), 0);
	sim_reply_t rep;
	(void)!recv(SIM_CHANNEL_FD, &rep, sizeof(rep), 0);
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0)
		_exit(1);
	req.kind = SIM_REQ_FORK_CHANNEL;
	req.host_pid = getppid();
	struct iovec iov = {.iov_base = &req, .iov_len = sizeof(req)};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
	                    .msg_controllen = sizeof(ctl.buf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &sv[0], sizeof(int));
	(void)!sendmsg(SIM_CHANNEL_FD, &mh, 0);
	for (;;)
		pause();
}

/* A request with the right size, magic and version, but a lie in it. */
static void send_forged(bool with_fd)
{
	sim_request_t req;
	memset(&req, 0, sizeof(req));
	req.magic = SIM_CHANNEL_MAGIC;
	req.version = SIM_CHANNEL_VERSION;
	req.kind = SIM_REQ_SYSCALL;
	req.nr = SYS_getpid;
	req.host_pid = getpid() + (with_fd ? 0 : 1);
	struct iovec iov = {.iov_base = &req, .iov_len = sizeof(req)};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	if (with_fd) {
		int fd = STDIN_FILENO;
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	(void)!sendmsg(SIM_CHANNEL_FD, &mh, 0);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	uprog_call3(SYS_getpid, 0, 0, 0);
	if (strcmp(mode, "abort") == 0)
		abort();
	if (strcmp(mode, "orphan") == 0) {
		if (fork() == 0)
			for (;;)
				pause();
		abort();
	}
	if (strcmp(mode, "hostexit") == 0)
		_exit(UPROG_HOSTEXIT_STATUS);
	if (strcmp(mode, "close") == 0) {
		close(SIM_CHANNEL_FD);
		for (;;)
			pause();
	}
	if (strcmp(mode, "garbage") == 0) {
		(void)!send(SIM_CHANNEL_FD, "bad", 3, 0);
		for (;;)
			pause();
	}
	if (strcmp(mode, "forkfail") == 0)
		fork_fails();
	if (strcmp(mode, "forkliar") == 0)
		fork_liar();
	if (strcmp(mode, "wrongpid") == 0 || strcmp(mode, "fdpass") == 0)
		send_forged(strcmp(mode, "fdpass") == 0);
	uprog_call3(SYS_getpid, 0, 0, 0);
	uprog_exit(UPROG_NOT_REACHED);
}
