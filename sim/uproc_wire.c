/*
 * Channel transport for the user-process mechanism: one message per
 * sendmsg/recvmsg on a SOCK_SEQPACKET socket, with at most one descriptor
 * passed by SCM_RIGHTS.  Every received message is checked for exact size,
 * truncation and unexpected descriptors before anyone looks inside; any
 * descriptor we did not ask for is closed at once so nothing leaks.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "uproc_internal.h"

/* Room for the control message of one passed descriptor, and a few extra to detect abuse. */
#define UPROC_MAX_PASSED_FDS 4

int uproc_wire_send(int fd, const void *msg, size_t len, int pass_fd)
{
	struct iovec iov = {.iov_base = (void *)msg, .iov_len = len};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
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
	for (;;) {
		ssize_t n = sendmsg(fd, &mh, MSG_NOSIGNAL);
		if (n == (ssize_t)len)
			return 0;
		if (n >= 0)
			return -EPROTO; /* a seqpacket send is all or nothing */
		if (errno != EINTR)
			return -errno;
	}
}

/* Close every descriptor in the control messages of mh; returns how many there were. */
static unsigned wire_close_passed(struct msghdr *mh, int keep)
{
	unsigned count = 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < n; i++) {
			int f;
			memcpy(&f, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if (f != keep)
				close(f);
			count++;
		}
	}
	return count;
}

long uproc_wire_recv(int fd, void *buf, size_t cap, int *got_fd)
{
	struct iovec iov = {.iov_base = buf, .iov_len = cap};
	union {
		char buf[CMSG_SPACE(UPROC_MAX_PASSED_FDS * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
	                    .msg_controllen = sizeof(ctl.buf)};
	ssize_t n;
	if (got_fd)
		*got_fd = -1;
	do
		n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == ECONNRESET ? 0 : -errno;
	int first = -1;
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && c->cmsg_len >= CMSG_LEN(sizeof(int)))
		memcpy(&first, CMSG_DATA(c), sizeof(int));
	unsigned passed = wire_close_passed(&mh, got_fd ? first : -1);
	bool bad = (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) || passed > (got_fd ? 1u : 0u);
	if (bad) {
		if (got_fd && first >= 0)
			close(first);
		return -EPROTO;
	}
	if (got_fd)
		*got_fd = passed ? first : -1;
	return n;
}

int uproc_wire_recv_request(int fd, sim_request_t *req, unsigned kind, int *got_fd, const char **why)
{
	long n = uproc_wire_recv(fd, req, sizeof(*req), got_fd);
	if (n == 0)
		return 0;
	if (n < 0) {
		*why = n == -EPROTO ? "protocol violation: truncated message or unexpected descriptor"
		                    : "channel receive failed";
		return (int)n;
	}
	const char *bad = NULL;
	if ((size_t)n != sizeof(*req))
		bad = "protocol violation: request of the wrong size";
	else if (req->magic != SIM_CHANNEL_MAGIC)
		bad = "protocol violation: bad magic";
	else if (req->version != SIM_CHANNEL_VERSION)
		bad = "protocol violation: unknown version";
	else if (req->kind != kind)
		bad = "protocol violation: unexpected request kind";
	if (bad) {
		if (got_fd && *got_fd >= 0) {
			close(*got_fd);
			*got_fd = -1;
		}
		*why = bad;
		return -EPROTO;
	}
	return 1;
}

void uproc_wire_reply(sim_reply_t *r, unsigned action, long ret)
{
	memset(r, 0, sizeof(*r));
	r->magic = SIM_CHANNEL_MAGIC;
	r->version = SIM_CHANNEL_VERSION;
	r->action = (uint16_t)action;
	r->ret = ret;
}

int uproc_image_memfd(const void *image, size_t len)
{
	if (!image || len == 0)
		return -ENOEXEC;
	int fd = memfd_create("aegis-image", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	const char *p = image;
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int err = n < 0 ? errno : EIO;
			close(fd);
			return -err;
		}
		done += (size_t)n;
	}
	return fd;
}

/* Append the strings of list to buf at *used; counts them into *count. */
static int pack_list(char *buf, size_t cap, size_t *used, char *const list[], unsigned *count, unsigned *total)
{
	*count = 0;
	for (size_t i = 0; list && list[i]; i++) {
		size_t len = strlen(list[i]) + 1;
		if (++*total > SIM_EXEC_MAX_STRINGS || len > cap - *used)
			return -E2BIG;
		memcpy(buf + *used, list[i], len);
		*used += len;
		++*count;
	}
	return 0;
}

long uproc_pack_strings(char *buf, size_t cap, char *const argv[], char *const envp[], unsigned *argc,
                        unsigned *envc)
{
	size_t used = 0;
	unsigned total = 0;
	if (cap > SIM_EXEC_STRINGS_MAX)
		cap = SIM_EXEC_STRINGS_MAX;
	if (pack_list(buf, cap, &used, argv, argc, &total) < 0 || pack_list(buf, cap, &used, envp, envc, &total) < 0)
		return -E2BIG;
	return (long)used;
}
