/*
 * vigictl's request (see vigilctl.h): the reply FIFO is opened for reading
 * without blocking and also held open for writing by the caller itself, so
 * it never reads end-of-file before Vigil answers; the answer ends at the
 * first "ok" or "error" line, or after VIGILCTL_ANSWER_TIMEOUT_MS without a
 * byte.  Vigil is "not running" when the request FIFO is missing or has no
 * reader (ENOENT, ENXIO).
 */
#include "vigilctl/vigilctl.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "glue/glue.h"
#include "uio/uio.h"

/*
 * The reply FIFO: Vigil (uid 0, no DAC override) writes it as "other"; the
 * directory (01770, group wheel) keeps everyone else out (VIG-119).
 */
#define VIGILCTL_FIFO_MODE 0622u
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

/* Read and print answer lines until the final one or the timeout. */
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
			(void)uio_printf(VIGILCTL_STDERR, "%s: no answer from vigil within %d ms\n", prog,
					 VIGILCTL_ANSWER_TIMEOUT_MS);
			return VIGILCTL_EXIT_NO_VIGIL;
		}
		long got = sys_read(fd, buf + have, sizeof(buf) - 1u - have);
		if (got == -EAGAIN || got == -EINTR)
			continue;
		if (got <= 0)
			return status;
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

/* Send the request line into the request FIFO; a missing FIFO or reader means no Vigil. */
static int vigilctl_send(const char *prog, const char *line, size_t len)
{
	long fd = sys_open(VIGIL_CTL_REQUEST, AEGIS_O_WRONLY | AEGIS_O_NONBLOCK | AEGIS_O_CLOEXEC, 0);
	if (fd == -ENOENT || fd == -ENXIO) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: vigil is not running (no reader on %s)\n", prog,
				 VIGIL_CTL_REQUEST);
		return VIGILCTL_EXIT_NO_VIGIL;
	}
	if (fd < 0) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: cannot open %s (error %ld)\n", prog, VIGIL_CTL_REQUEST, fd);
		return VIGILCTL_EXIT_NO_VIGIL;
	}
	long put = sys_write((int)fd, line, len);
	(void)sys_close((int)fd);
	if (put != (long)len) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: cannot send the request (error %ld)\n", prog, put);
		return VIGILCTL_EXIT_NO_VIGIL;
	}
	return VIGILCTL_EXIT_OK;
}

int vigilctl_request(const char *prog, vigil_ctl_cmd_t cmd, const char *service)
{
	char reply[VIGIL_CTL_PATH_MAX];
	char line[VIGIL_CTL_LINE_MAX];
	(void)snprintf(reply, sizeof(reply), "%s%ld", VIGIL_CTL_REPLY_PREFIX, sys_getpid());
	int n = snprintf(line, sizeof(line), "%s %s %s\n", vigil_ctl_command_name(cmd),
			 service && service[0] ? service : VIGIL_CTL_NO_SERVICE, reply);
	vigil_ctl_request_t check;
	if (n <= 0 || (size_t)n >= sizeof(line) || vigil_ctl_parse(line, (size_t)n, &check) != 0) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: invalid service name\n", prog);
		return VIGILCTL_EXIT_USAGE;
	}
	(void)sys_unlink(reply);
	long r = sys_mknod(reply, AEGIS_S_IFIFO | VIGILCTL_FIFO_MODE, 0);
	if (r == -ENOENT) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: vigil is not running (no %s)\n", prog, VIGIL_CTL_DIR);
		return VIGILCTL_EXIT_NO_VIGIL;
	}
	if (r == 0)
		r = sys_chmod(reply, VIGILCTL_FIFO_MODE); /* the umask may have taken bits away */
	if (r == -EACCES) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: permission denied: only root and group %s may control vigil\n",
				 prog, VIGIL_CTL_GROUP);
		return VIGILCTL_EXIT_REFUSED;
	}
	if (r != 0) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: cannot make %s (error %ld)\n", prog, reply, r);
		return r == -EACCES || r == -ENOCAP ? VIGILCTL_EXIT_REFUSED : VIGILCTL_EXIT_NO_VIGIL;
	}
	long rfd = sys_open(reply, AEGIS_O_RDONLY | AEGIS_O_NONBLOCK | AEGIS_O_CLOEXEC, 0);
	long hold = rfd >= 0 ? sys_open(reply, AEGIS_O_WRONLY | AEGIS_O_NONBLOCK | AEGIS_O_CLOEXEC, 0) : rfd;
	int status;
	if (rfd < 0 || hold < 0) {
		(void)uio_printf(VIGILCTL_STDERR, "%s: cannot open %s (error %ld)\n", prog, reply, rfd < 0 ? rfd : hold);
		status = VIGILCTL_EXIT_NO_VIGIL;
	} else {
		status = vigilctl_send(prog, line, (size_t)n);
		if (status == VIGILCTL_EXIT_OK)
			status = vigilctl_read_answer(prog, (int)rfd);
	}
	if (hold >= 0)
		(void)sys_close((int)hold);
	if (rfd >= 0)
		(void)sys_close((int)rfd);
	(void)sys_unlink(reply);
	return status;
}
