/*
 * vigiltest's raw clients of Vigil's control socket (tests/vigil/
 * test_vigictl.py): a client that connects and sends nothing is closed
 * after the idle bound while vigictl is still served (VIG-151), a
 * malformed and an overlong line are answered "error malformed request"
 * (VIG-111), one connection beyond the bound is answered busy (VIG-150),
 * and a client that leaves before its answer loses it (VIG-152).  Each check prints one "vigiltest: raw ..." line.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/linux_abi.h>
#include <aegis/unix_socket.h>

#include "glue/glue.h"
#include "uio/uio.h"
#include "vigil/vigil_ctl.h"
#include "vt.h"

#define VT_RAW_POLLIN 0x001
#define VT_RAW_WAIT_MS 15000 /* longer than Vigil's idle bound */
#define VT_RAW_ANSWER_MAX 128
#define VT_RAW_LONG (VIGIL_CTL_LINE_MAX + 44) /* a line past Vigil's bound */
#define VT_RAW_DIR_MODE 0755u /* as Vigil makes /run/vigil */

/*
 * A socket at the control path: connected (the descriptor), or bound and
 * closed again, leaving a node nobody listens on (0); -errno on failure.
 */
static long vt_raw_socket(bool bind_only)
{
	long fd = sys_socket(AEGIS_AF_UNIX, AEGIS_SOCK_STREAM, 0);
	if (fd < 0)
		return fd;
	aegis_sockaddr_un_t addr;
	uint32_t len = vigil_ctl_address(&addr);
	long r = bind_only ? sys_bind((int)fd, &addr, len) : sys_connect((int)fd, &addr, len);
	if (r != 0 || bind_only) {
		(void)sys_close((int)fd);
		return r;
	}
	return fd;
}

static long vt_raw_connect(void)
{
	return vt_raw_socket(false);
}

/* Read fd to end of file (or the wait bound) into out, without the last newline. */
static void vt_raw_answer(long fd, char *out, size_t cap)
{
	size_t have = 0;
	out[0] = '\0';
	while (fd >= 0 && have + 1u < cap) {
		aegis_pollfd_t p = { (int)fd, VT_RAW_POLLIN, 0 };
		if (sys_poll(&p, 1, VT_RAW_WAIT_MS) <= 0)
			break;
		long got = sys_read((int)fd, out + have, cap - 1u - have);
		if (got <= 0)
			break;
		have += (size_t)got;
	}
	out[have] = '\0';
	if (have > 0 && out[have - 1u] == '\n')
		out[have - 1u] = '\0';
}

/* Send bytes, end the sending side, print the answer. */
static void vt_raw_request(const char *what, const char *bytes, size_t len)
{
	char answer[VT_RAW_ANSWER_MAX];
	long fd = vt_raw_connect();
	long put = fd >= 0 ? sys_write((int)fd, bytes, len) : fd;
	if (fd >= 0)
		(void)sys_shutdown((int)fd, AEGIS_SHUT_WR);
	vt_raw_answer(fd, answer, sizeof(answer));
	uio_printf(VT_STDOUT, "vigiltest: raw %s sent %ld answer '%s'\n", what, put, answer);
	if (fd >= 0)
		(void)sys_close((int)fd);
}

/* VIGIL_CTL_CONN_MAX connections open (idle among them), then one more: answered busy. */
static void vt_raw_busy(void)
{
	long extra[VIGIL_CTL_CONN_MAX];
	for (size_t i = 0; i + 1u < VIGIL_CTL_CONN_MAX; i++)
		extra[i] = vt_raw_connect();
	char answer[VT_RAW_ANSWER_MAX];
	long fd = vt_raw_connect();
	vt_raw_answer(fd, answer, sizeof(answer));
	uio_printf(VT_STDOUT, "vigiltest: raw busy connect %ld answer '%s'\n", fd < 0 ? fd : 0, answer);
	if (fd >= 0)
		(void)sys_close((int)fd);
	for (size_t i = 0; i + 1u < VIGIL_CTL_CONN_MAX; i++)
		if (extra[i] >= 0)
			(void)sys_close((int)extra[i]);
}

void vt_raw_checks(void)
{
	long start = vt_now_ms();
	long idle = vt_raw_connect();
	uio_printf(VT_STDOUT, "vigiltest: raw idle connect %ld\n", idle < 0 ? idle : 0);
	int code = vt_run("/bin/vigictl", "status", "sleeper");
	uio_printf(VT_STDOUT, "vigiltest: raw vigictl status while idle exit %d\n", code);
	static const char bad[] = "status  sleeper\n";
	vt_raw_request("malformed", bad, sizeof(bad) - 1u);
	char longline[VT_RAW_LONG];
	memset(longline, 's', sizeof(longline));
	vt_raw_request("long", longline, sizeof(longline));
	vt_raw_busy();
	static const char status[] = "status\n";
	long gone = vt_raw_connect();
	long put = gone >= 0 ? sys_write((int)gone, status, sizeof(status) - 1u) : gone;
	if (gone >= 0)
		(void)sys_close((int)gone);
	uio_printf(VT_STDOUT, "vigiltest: raw gone sent %ld and closed\n", put);
	char answer[VT_RAW_ANSWER_MAX];
	vt_raw_answer(idle, answer, sizeof(answer));
	uio_printf(VT_STDOUT, "vigiltest: raw idle closed after %ld ms answer '%s'\n", vt_now_ms() - start, answer);
	if (idle >= 0)
		(void)sys_close((int)idle);
}

long vt_stale_socket(void)
{
	(void)sys_mkdir(VIGIL_CTL_DIR, VT_RAW_DIR_MODE);
	return vt_raw_socket(true);
}
