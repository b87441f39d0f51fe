/*
 * The glue transport for the simulator: each system call becomes one request
 * on the process channel (descriptor SIM_CHANNEL_FD, include/aegis/sim_channel.h)
 * and the process stops until aegis-sim replies.  This file is the only
 * userland code that makes host system calls (send, recv, fork, fexecve,
 * _exit); spec/sim-process.md describes the protocol it follows.
 *
 * A new image says HELLO from a constructor, before main, so the kernel side
 * decides when it starts.  A reply that is malformed, or a channel that is
 * gone, ends the process with a one-line message on stderr and a
 * SIM_GLUE_STATUS_* exit status: there is nobody left to return an error to.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <aegis/image_note.h>
#include <aegis/signal.h>
#include <aegis/sim_channel.h>
#include <aegis/syscall_nr.h>

#include "glue/glue_call.h"

#define GLUE_STR_(x) #x
#define GLUE_STR(x) GLUE_STR_(x)

/* Room for the control message of one passed descriptor. */
#define GLUE_CTL_FDS 1

/*
 * gcov's flush, present when the program is linked with -Wl,-u,__gcov_dump
 * (mk/simproc.mk does it): the glue ends a process with _exit and replaces
 * it with fexecve, neither of which runs gcov's exit handler, so it flushes
 * the coverage counters itself first.  Without it nothing is flushed.
 */
extern void __gcov_dump(void) __attribute__((weak));

static void glue_flush_coverage(void)
{
	if (__gcov_dump)
		__gcov_dump();
}

enum { GLUE_UNKNOWN, GLUE_READY, GLUE_NO_CHANNEL };
static int glue_state = GLUE_UNKNOWN;

/* Longest message line glue_die writes. */
#define GLUE_MSG_MAX 160

static __attribute__((noreturn)) void glue_die(int status, const char *msg)
{
	static const char prefix[] = "aegis glue: ";
	char line[GLUE_MSG_MAX];
	size_t len = strnlen(msg, sizeof(line) - sizeof(prefix) - 1);
	memcpy(line, prefix, sizeof(prefix) - 1);
	memcpy(line + sizeof(prefix) - 1, msg, len);
	len += sizeof(prefix) - 1;
	line[len++] = '\n';
	(void)!write(STDERR_FILENO, line, len); /* one write: one whole line even if others share stderr */
	_exit(status);
}

/* Is SIM_CHANNEL_FD a seqpacket socket, i.e. were we started by aegis-sim? */
static bool glue_channel_present(void)
{
	struct stat st;
	int type = 0;
	socklen_t len = sizeof(type);
	if (fstat(SIM_CHANNEL_FD, &st) < 0 || !S_ISSOCK(st.st_mode))
		return false;
	return getsockopt(SIM_CHANNEL_FD, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_SEQPACKET;
}

static void glue_send(unsigned kind, long nr, const long args[SIM_CHANNEL_NARGS], long host_pid, int pass_fd)
{
	sim_request_t req;
	memset(&req, 0, sizeof(req));
	req.magic = SIM_CHANNEL_MAGIC;
	req.version = SIM_CHANNEL_VERSION;
	req.kind = (uint16_t)kind;
	req.nr = nr;
	for (int i = 0; args && i < SIM_CHANNEL_NARGS; i++)
		req.args[i] = args[i];
	req.host_pid = host_pid;
	struct iovec iov = {.iov_base = &req, .iov_len = sizeof(req)};
	union {
		char buf[CMSG_SPACE(GLUE_CTL_FDS * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	if (pass_fd >= 0) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &pass_fd, sizeof(int));
	}
	ssize_t n;
	do
		n = sendmsg(SIM_CHANNEL_FD, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(req))
		glue_die(SIM_GLUE_STATUS_NO_CHANNEL, "lost the channel to aegis-sim (send)");
}

/* Receive one message of exactly want bytes; *fd gets a passed descriptor or -1. */
static void glue_recv(void *buf, size_t want, int *fd)
{
	struct iovec iov = {.iov_base = buf, .iov_len = want};
	union {
		char buf[CMSG_SPACE(GLUE_CTL_FDS * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
	                    .msg_controllen = sizeof(ctl.buf)};
	ssize_t n;
	do
		n = recvmsg(SIM_CHANNEL_FD, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		glue_die(SIM_GLUE_STATUS_NO_CHANNEL, "lost the channel to aegis-sim (receive)");
	*fd = -1;
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(sizeof(int)))
		memcpy(fd, CMSG_DATA(c), sizeof(int));
	if ((size_t)n != want || (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)))
		glue_die(SIM_GLUE_STATUS_PROTOCOL, "malformed message from aegis-sim");
}

/* The mark aegis-sim's execve looks for (spec/elf-loader.md ELF-091): this program speaks the channel. */
__attribute__((section(".note.aegis.sim"), used, aligned(4))) static const aegis_image_note_t glue_sim_note = {
	AEGIS_NOTE_NAME_SIZE, sizeof(uint32_t), AEGIS_NOTE_SIM_PROGRAM, AEGIS_NOTE_NAME, SIM_CHANNEL_VERSION,
};

static long glue_wait_reply(void);

/* EXEC: the image arrived as fd; the string block follows. Never returns. */
static __attribute__((noreturn)) void glue_exec(const sim_reply_t *rep, int image_fd)
{
	static char block[SIM_EXEC_STRINGS_MAX + 1];
	static char *ptrs[SIM_EXEC_MAX_STRINGS + 2];
	uint64_t count = (uint64_t)rep->argc + rep->envc;
	if (image_fd < 0 || rep->strings_len > SIM_EXEC_STRINGS_MAX || count > SIM_EXEC_MAX_STRINGS)
		glue_die(SIM_GLUE_STATUS_PROTOCOL, "malformed EXEC reply from aegis-sim");
	int none = -1;
	if (rep->strings_len > 0) /* an empty block is not sent: a 0-byte message reads as end of file */
		glue_recv(block, (size_t)rep->strings_len, &none);
	if (none >= 0)
		glue_die(SIM_GLUE_STATUS_PROTOCOL, "unexpected descriptor with the exec strings");
	/* Split into argv (argc strings), NULL, envp (envc strings), NULL. */
	size_t off = 0, slot = 0;
	for (uint64_t i = 0; i < count; i++) {
		if (i == rep->argc)
			ptrs[slot++] = NULL;
		char *s = block + off;
		size_t room = (size_t)rep->strings_len - off;
		size_t len = strnlen(s, room);
		if (off >= rep->strings_len || len == room)
			glue_die(SIM_GLUE_STATUS_PROTOCOL, "exec strings not terminated as announced");
		ptrs[slot++] = s;
		off += len + 1;
	}
	if (count == rep->argc)
		ptrs[slot++] = NULL;
	ptrs[slot] = NULL;
	if (off != rep->strings_len)
		glue_die(SIM_GLUE_STATUS_PROTOCOL, "exec string block longer than announced");
	glue_flush_coverage();
	fexecve(image_fd, ptrs, ptrs + rep->argc + 1);
	glue_die(SIM_GLUE_STATUS_EXEC_FAILED, "fexecve of the image from aegis-sim failed");
}

/* In the fork child: take over the new channel and say HELLO. */
static long glue_fork_child(int child_end, int kernel_end)
{
	if (dup2(child_end, SIM_CHANNEL_FD) < 0)
		glue_die(SIM_GLUE_STATUS_NO_CHANNEL, "fork child cannot install its channel");
	close(child_end);
	close(kernel_end);
	glue_send(SIM_REQ_HELLO, 0, NULL, (long)getpid(), -1);
	return glue_wait_reply();
}

/*
 * FORK: a double fork, so that the new process is re-parented to aegis-sim
 * (its subreaper), which can then reap it and read its memory.  The
 * intermediate process reports the grandchild's pid through a pipe and exits;
 * once we have reaped it, the re-parenting is complete, and we hand the
 * kernel the child's channel end together with its host pid.
 */
static long glue_fork(void)
{
	long args[SIM_CHANNEL_NARGS] = {0};
	int sv[2], pp[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		args[0] = -errno;
		glue_send(SIM_REQ_FORK_CHANNEL, 0, args, 0, -1);
		return glue_wait_reply();
	}
	if (pipe2(pp, O_CLOEXEC) < 0) {
		args[0] = -errno;
		close(sv[0]);
		close(sv[1]);
		glue_send(SIM_REQ_FORK_CHANNEL, 0, args, 0, -1);
		return glue_wait_reply();
	}
	pid_t mid = fork();
	if (mid == 0) {
		pid_t child = fork();
		if (child == 0) {
			close(pp[0]);
			close(pp[1]);
			return glue_fork_child(sv[1], sv[0]);
		}
		long report = child > 0 ? (long)child : -(long)errno;
		(void)!write(pp[1], &report, sizeof(report));
		_exit(0);
	}
	long report = mid > 0 ? 0 : -(long)errno;
	close(pp[1]);
	if (mid > 0) {
		int st;
		while (waitpid(mid, &st, 0) < 0 && errno == EINTR)
			;
		if (read(pp[0], &report, sizeof(report)) != (ssize_t)sizeof(report))
			report = -EAGAIN;
	}
	close(pp[0]);
	close(sv[1]);
	if (report > 0) {
		glue_send(SIM_REQ_FORK_CHANNEL, 0, args, report, sv[0]);
	} else {
		args[0] = report < 0 ? report : -EAGAIN;
		glue_send(SIM_REQ_FORK_CHANNEL, 0, args, 0, -1);
	}
	close(sv[0]);
	return glue_wait_reply();
}

/*
 * SIGNAL: the kernel chose a handler to run before the interrupted call
 * returns.  Call it here with Linux's arguments (a siginfo and a ucontext
 * holding the mask to be restored, when SA_SIGINFO asks for them), then
 * rt_sigreturn hands the mask and the call's result back to the kernel; the
 * reply to that (the result, or the next handler) is what the caller gets.
 */
/* The request a SIGNAL reply interrupts (a handler's own calls overwrite it: copy it first). */
static long glue_request_nr;
static long glue_request_args[SIM_CHANNEL_NARGS];

static long glue_run_handler(const sim_reply_t *rep)
{
	long nr = glue_request_nr;
	long args[SIM_CHANNEL_NARGS];
	memcpy(args, glue_request_args, sizeof(args));
	aegis_siginfo_t info;
	aegis_ucontext_t uc;
	memset(&info, 0, sizeof(info));
	memset(&uc, 0, sizeof(uc));
	info.si_signo = rep->sig_number;
	info.si_code = rep->sig_code;
	info.u.kill.pid = rep->sig_pid;
	info.u.kill.uid = rep->sig_uid;
	if (rep->sig_number == SIGCHLD)
		info.u.chld.status = rep->sig_status;
	uc.uc_sigmask = rep->sig_old_mask;
	if (rep->sig_handler == 0)
		glue_die(SIM_GLUE_STATUS_PROTOCOL, "SIGNAL reply without a handler from aegis-sim");
	if (rep->sig_flags & SA_SIGINFO) {
		void (*action)(int, aegis_siginfo_t *, void *) =
			(void (*)(int, aegis_siginfo_t *, void *))(uintptr_t)rep->sig_handler;
		action(rep->sig_number, &info, &uc);
	} else {
		void (*handler)(int) = (void (*)(int))(uintptr_t)rep->sig_handler;
		handler(rep->sig_number);
	}
	long back = glue_syscall6(SYS_rt_sigreturn, (long)uc.uc_sigmask, (long)rep->ret, 0, 0, 0, 0);
	if (!rep->sig_restart)
		return back;
	return glue_syscall6(nr, args[0], args[1], args[2], args[3], args[4], args[5]);
}

/* Wait for the kernel's reply and act on it; returns the value for the caller. */
static long glue_wait_reply(void)
{
	sim_reply_t rep;
	int fd;
	glue_recv(&rep, sizeof(rep), &fd);
	if (rep.magic != SIM_CHANNEL_MAGIC || rep.version != SIM_CHANNEL_VERSION)
		glue_die(SIM_GLUE_STATUS_PROTOCOL, "reply with a bad magic or version from aegis-sim");
	if (fd >= 0 && rep.action != SIM_ACT_EXEC)
		glue_die(SIM_GLUE_STATUS_PROTOCOL, "unexpected descriptor in a reply from aegis-sim");
	switch (rep.action) {
	case SIM_ACT_RETURN:
		return (long)rep.ret;
	case SIM_ACT_EXIT:
		glue_flush_coverage();
		_exit((int)rep.ret);
	case SIM_ACT_EXEC:
		glue_exec(&rep, fd);
	case SIM_ACT_FORK:
		return glue_fork();
	case SIM_ACT_SIGNAL:
		return glue_run_handler(&rep);
	default:
		glue_die(SIM_GLUE_STATUS_PROTOCOL, "reply with an unknown action from aegis-sim");
	}
}

/* Find out whether we run under aegis-sim; the first time, say HELLO. */
static void glue_start(void)
{
	if (glue_state != GLUE_UNKNOWN)
		return;
	if (!glue_channel_present()) {
		glue_state = GLUE_NO_CHANNEL;
		return;
	}
	glue_state = GLUE_READY;
	glue_send(SIM_REQ_HELLO, 0, NULL, (long)getpid(), -1);
	(void)glue_wait_reply();
}

/* Before main (and before other constructors): the kernel decides when we start. */
static __attribute__((constructor(101))) void glue_constructor(void)
{
	glue_start();
}

long glue_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	glue_start();
	if (glue_state != GLUE_READY)
		glue_die(SIM_GLUE_STATUS_NO_CHANNEL, "no channel to aegis-sim on descriptor " GLUE_STR(SIM_CHANNEL_FD) " (run under aegis-sim)");
	long args[SIM_CHANNEL_NARGS] = {a1, a2, a3, a4, a5, a6};
	glue_request_nr = nr;
	memcpy(glue_request_args, args, sizeof(args));
	glue_send(SIM_REQ_SYSCALL, nr, args, (long)getpid(), -1);
	return glue_wait_reply();
}

/*
 * The restorer in the sim: handlers return into glue_run_handler, which makes
 * rt_sigreturn itself, so this is only reached if a program calls it
 * directly; it asks for rt_sigreturn like the x86_64 one.
 */
void glue_signal_restorer(void)
{
	(void)glue_syscall6(SYS_rt_sigreturn, 0, 0, 0, 0, 0, 0);
}
