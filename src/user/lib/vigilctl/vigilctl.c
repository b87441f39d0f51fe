/*
 * vigictl's request (see vigilctl.h, spec/vigil.md VIG-112, VIG-115):
 * connect to Vigil's control socket, send the request line, shut the
 * sending side down and read the answer to end of file, each wait bounded
 * by VIGILCTL_ANSWER_TIMEOUT_MS.  Vigil is "not running" when the socket is
 * missing (ENOENT) or nobody listens on it (ECONNREFUSED), or when the
 * connection ends without a final line.
 */
#include "vigilctl/vigilctl.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/linux_abi.h>
#include <aegis/unix_socket.h>

#include "glue/glue.h"
#include "uio/uio.h"

#define VIGILCTL_POLLIN 0x001
#define VIGILCTL_STDOUT 1
#define VIGILCTL_STDERR 2
#define VIGILCTL_SVC_FIELDS 5

/* Print one answer line; true when it was the final one (*status set). */
static bool vigilctl_answer_line(const char *prog, char *line, int *status)
{
	char name[VIGIL_CTL_LINE_MAX], state[VIGIL_CTL_LINE_MAX], last[VIGIL_CTL_LINE_MAX];
	long pid;
	unsigned restarts;
	if (strncmp(line, "svc ", 4) == 0 &&
	    sscanf(line + 4, "%255s %255s %ld %u %255s", name, state, &pid, &restarts, last) == VIGILCTL_SVC_FIELDS) {
		(void)uio_printf(VIGILCTL_STDOUT, "%s: %s %s pid=%ld restarts=%u last=%s\n", prog, name, state, pid,
				 restarts, last);
		return false;
	}
	if (strcmp(line, "ok") == 0 || strncmp(line, "ok ", 3) == 0) {
		(void)uio_printf(VIGILCTL_STDOUT, "%s: ok%s\n", prog, line + 2);
		*status = VIGILCTL_EXIT_OK;
		return true;
	}
	if (strncmp(line, "error ", 6) == 0) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: vigil refused: %s\n", prog, line + 6);
		*status = VIGILCTL_EXIT_REFUSED;
		return true;
	}
	(void)uio_printf(VIGILCTL_STDERR, "%s: unexpected answer line ignored\n", prog);
	return false;
}

/* Read and print answer lines to the final one, end of file or the timeout. */
static int vigilctl_read_answer(const char *prog, int fd)
{
	char buf[VIGIL_CTL_LINE_MAX];
	size_t have = 0;
	int status = VIGILCTL_EXIT_NO_VIGIL;
	for (;;) {
		aegis_pollfd_t p = { fd, VIGILCTL_POLLIN, 0 };
		long ready = sys_poll(&p, 1, VIGILCTL_ANSWER_TIMEOUT_MS);
		if (ready == -EINTR)
			continue;
		if (ready <= 0) {
			(void)uio_printf(VIGILCTL_STDERR, "%s: vigil is not running (no answer within %d ms)\n", prog,
					 VIGILCTL_ANSWER_TIMEOUT_MS);
			return VIGILCTL_EXIT_NO_VIGIL;
		}
		long got = sys_read(fd, buf + have, sizeof(buf) - 1u - have);
		if (got == -EAGAIN || got == -EINTR)
			continue;
		if (got <= 0) {
			(void)uio_printf(VIGILCTL_STDERR, "%s: vigil is not running (the connection ended without an answer)\n",
					 prog);
			return VIGILCTL_EXIT_NO_VIGIL;
		}
		have += (size_t)got;
		char *nl;
		while ((nl = memchr(buf, '\n', have)) != NULL) {
			*nl = '\0';
			size_t len = (size_t)(nl - buf) + 1u;
			if (vigilctl_answer_line(prog, buf, &status))
				return status;
			memmove(buf, buf + len, have - len);
			have -= len;
		}
		if (have == sizeof(buf) - 1u) {
			(void)uio_printf(VIGILCTL_STDERR, "%s: answer line too long\n", prog);
			return VIGILCTL_EXIT_NO_VIGIL;
		}
	}
}

/* Connect to the control socket: the descriptor, or -1 with the message printed. */
static long vigilctl_connect(const char *prog)
{
	long fd = sys_socket(AEGIS_AF_UNIX, AEGIS_SOCK_STREAM | AEGIS_SOCK_CLOEXEC, 0);
	if (fd < 0) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: cannot make a socket (error %ld)\n", prog, fd);
		return -1;
	}
	aegis_sockaddr_un_t addr;
	uint32_t alen = vigil_ctl_address(&addr);
	long r = sys_connect((int)fd, &addr, alen);
	if (r == 0)
		return fd;
	(void)sys_close((int)fd);
	if (r == -ENOENT || r == -ECONNREFUSED)
		(void)uio_printf(VIGILCTL_STDERR, "%s: vigil is not running (%s %s)\n", prog,
				 r == -ENOENT ? "no" : "nobody listens on", VIGIL_CTL_REQUEST);
	else
		(void)uio_printf(VIGILCTL_STDERR, "%s: cannot connect to %s (error %ld)\n", prog, VIGIL_CTL_REQUEST, r);
	return -1;
}

int vigilctl_request(const char *prog, vigil_ctl_cmd_t cmd, const char *service)
{
	char line[VIGIL_CTL_LINE_MAX];
	int n = vigil_ctl_format(cmd, service, line, sizeof(line));
	if (n < 0) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: invalid service name\n", prog);
		return VIGILCTL_EXIT_USAGE;
	}
	long fd = vigilctl_connect(prog);
	if (fd < 0)
		return VIGILCTL_EXIT_NO_VIGIL;
	int status;
	long put = sys_write((int)fd, line, (size_t)n);
	long shut = put == n ? sys_shutdown((int)fd, AEGIS_SHUT_WR) : 0;
	if (put != n || shut != 0) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: cannot send the request (error %ld)\n", prog,
				 put != n ? put : shut);
		status = VIGILCTL_EXIT_NO_VIGIL;
	} else {
		status = vigilctl_read_answer(prog, (int)fd);
	}
	(void)sys_close((int)fd);
	return status;
}
