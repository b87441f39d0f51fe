/*
 * vigiltest's roles for vigictl, shutdown and FIFOs (tests/vigil/test_vigictl.py):
 *   sleep           print the pid, then sleep until a signal ends it
 *   stubborn        ignore SIGTERM, print the pid, sleep (SIGKILL ends it)
 *   control WHAT    run vigictl commands outside an authenticated session
 *                   (only status is answered), check the socket with raw
 *                   clients (vt_raw.c), call auth_session (as /bin/vtadmin,
 *                   which holds AUTH), run a fixed series of vigictl
 *                   commands, then `WHAT` (shutdown, reboot or none)
 *   ctlrights [session]  as the service's user: status, restart and
 *                   shutdown, after auth_session when asked
 *   fifo            check FIFO semantics on /tmp (spec/filesystems.md FS-200..)
 * Called as .../novigil it checks vigictl's answer when no Vigil runs.
 */
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "uio/uio.h"
#include "vt.h"

#define VT_SETTLE_NS 300000000L /* time for a stopped service to end before the next status */
#define VT_SLEEP_SEC 1000
#define VT_WAIT_EXIT_SHIFT 8
#define VT_WAIT_BYTE 0xff
#define VT_FIFO "/tmp/vt.fifo"
#define VT_FIFO_MODE 0600u
#define VT_NO_VIGIL_STATUS 3
#define VT_REBOOT_BAD_CMD 0xdeadu

static char *const vt_env[] = { "PATH=/bin", NULL };

static void vt_nap(long ns)
{
	aegis_timespec_t ts = { 0, ns };
	(void)sys_nanosleep(&ts, NULL);
}

int vt_sleep(void)
{
	uio_printf(VT_STDOUT, "vigiltest: sleep pid %ld\n", sys_getpid());
	for (;;) {
		aegis_timespec_t ts = { VT_SLEEP_SEC, 0 };
		(void)sys_nanosleep(&ts, NULL);
	}
}

int vt_stubborn(void)
{
	aegis_sigaction_t ignore = { AEGIS_SIG_IGN, 0, 0, 0 };
	long r = sys_rt_sigaction(SIGTERM, &ignore, NULL, AEGIS_SIGSET_SIZE);
	uio_printf(VT_STDOUT, "vigiltest: stubborn pid %ld ignores SIGTERM (%ld)\n", sys_getpid(), r);
	return vt_sleep();
}

int vt_run(const char *program, const char *a1, const char *a2)
{
	char *argv[] = { (char *)program, (char *)a1, (char *)a2, NULL };
	long pid = sys_fork();
	if (pid == 0) {
		(void)sys_execve(program, argv, vt_env);
		sys_exit(127);
	}
	int status = 0;
	if (pid < 0 || sys_wait4((int)pid, &status, 0, NULL) != pid)
		return -1;
	return (status & 0x7f) ? 128 + (status & 0x7f) : (status >> VT_WAIT_EXIT_SHIFT) & VT_WAIT_BYTE;
}

static void vt_ctl_step(const char *tag, const char *cmd, const char *svc)
{
	int code = vt_run("/bin/vigictl", cmd, svc);
	uio_printf(VT_STDOUT, "vigiltest: control%s %s %s exit %d\n", tag, cmd, svc ? svc : "-", code);
}

/* /bin/shutdown or /bin/reboot (what), its exit code printed with tag. */
static void vt_power_step(const char *tag, const char *what)
{
	char program[16];
	(void)snprintf(program, sizeof(program), "/bin/%s", what);
	int code = vt_run(program, NULL, NULL);
	uio_printf(VT_STDOUT, "vigiltest: %s %s exit %d\n", tag, what, code);
}

static void vt_session(const char *tag)
{
	uio_printf(VT_STDOUT, "vigiltest: %s auth_session %ld\n", tag, sys_auth_session());
}

int vt_control(const char *then)
{
	/* No authenticated session: vigictl holds the baseline, so only status is answered (VIG-119). */
	vt_ctl_step(" nosession", "status", NULL);
	vt_ctl_step(" nosession", "stop", "sleeper");
	vt_ctl_step(" nosession", "restart", "sleeper");
	vt_power_step("control nosession", "shutdown");
	vt_ctl_step(" nosession", "status", "sleeper");
	vt_raw_checks();
	vt_session("control");
	vt_ctl_step("", "status", NULL);
	vt_ctl_step("", "status", "sleeper");
	vt_ctl_step("", "stop", "sleeper");
	vt_nap(VT_SETTLE_NS);
	vt_ctl_step("", "status", "sleeper");
	vt_ctl_step("", "start", "sleeper");
	vt_ctl_step("", "start", "sleeper");
	vt_ctl_step("", "restart", "sleeper");
	vt_nap(VT_SETTLE_NS);
	vt_ctl_step("", "status", "sleeper");
	vt_ctl_step("", "status", "nosuch");
	vt_ctl_step("", "bogus", NULL);
	vt_ctl_step("", "stop", NULL);
	uio_printf(VT_STDOUT, "vigiltest: control reboot(2) without POWER %ld\n",
		   sys_reboot(AEGIS_REBOOT_MAGIC1, AEGIS_REBOOT_MAGIC2, AEGIS_REBOOT_CMD_POWER_OFF, NULL));
	if (strcmp(then, "shutdown") == 0 || strcmp(then, "reboot") == 0)
		vt_power_step("control", then);
	return 0;
}

/* status, restart and shutdown as this service's user, in a session when asked (VIG-119). */
int vt_ctl_rights(const char *how)
{
	char tag[32];
	(void)snprintf(tag, sizeof(tag), "ctlrights uid %ld", sys_getuid());
	if (strcmp(how, "session") == 0)
		vt_session(tag);
	int code = vt_run("/bin/vigictl", "status", "sleeper");
	uio_printf(VT_STDOUT, "vigiltest: %s status exit %d\n", tag, code);
	code = vt_run("/bin/vigictl", "restart", "sleeper");
	uio_printf(VT_STDOUT, "vigiltest: %s restart exit %d\n", tag, code);
	vt_power_step(tag, "shutdown");
	return 0;
}

/* As PID 1 (POWER(R) held): vigictl finds no Vigil; reboot(2) refuses wrong magic numbers and commands. */
int vt_novigil(void)
{
	int code = vt_run("/bin/vigictl", "status", NULL);
	uio_printf(VT_STDOUT, "vigiltest: novigil vigictl exit %d\n", code);
	/* A socket node nobody listens on: connect is ECONNREFUSED (VIG-115). */
	long stale = vt_stale_socket();
	int code2 = vt_run("/bin/vigictl", "status", NULL);
	uio_printf(VT_STDOUT, "vigiltest: novigil stale socket %ld vigictl exit %d\n", stale, code2);
	long magic = sys_reboot(AEGIS_REBOOT_MAGIC2, AEGIS_REBOOT_MAGIC1, AEGIS_REBOOT_CMD_POWER_OFF, NULL);
	long cmd = sys_reboot(AEGIS_REBOOT_MAGIC1, AEGIS_REBOOT_MAGIC2, VT_REBOOT_BAD_CMD, NULL);
	uio_printf(VT_STDOUT, "vigiltest: novigil reboot bad magic %ld bad command %ld\n", magic, cmd);
	return code == VT_NO_VIGIL_STATUS && code2 == VT_NO_VIGIL_STATUS && magic == -EINVAL && cmd == -EINVAL ? 0 : 1;
}

static int vt_fifo_fails;

static void vt_expect(const char *what, long got, long want)
{
	if (got != want)
		vt_fifo_fails++;
	uio_printf(VT_STDOUT, "vigiltest: fifo %s %s (got %ld, want %ld)\n", what, got == want ? "ok" : "FAIL", got,
		   want);
}

/* The writer half of the blocking check: opens (blocking until the reader comes) and writes. */
static void vt_fifo_writer(void)
{
	long fd = sys_open(VT_FIFO, AEGIS_O_WRONLY, 0);
	long put = fd >= 0 ? sys_write((int)fd, "hello", 5) : fd;
	sys_exit(put == 5 ? 0 : 1);
}

int vt_fifo(void)
{
	aegis_stat_t st;
	(void)sys_unlink(VT_FIFO);
	vt_expect("mknod", sys_mknod(VT_FIFO, AEGIS_S_IFIFO | VT_FIFO_MODE, 0), 0);
	vt_expect("mknod-exists", sys_mknod(VT_FIFO, AEGIS_S_IFIFO | VT_FIFO_MODE, 0), -EEXIST);
	vt_expect("mknod-regular", sys_mknod("/tmp/vt.reg", AEGIS_S_IFREG | VT_FIFO_MODE, 0), -EPERM);
	vt_expect("mknod-chr", sys_mknodat(AEGIS_AT_FDCWD, "/tmp/vt.chr", AEGIS_S_IFCHR | VT_FIFO_MODE, 0), -EPERM);
	vt_expect("stat-type", sys_stat(VT_FIFO, &st) == 0 ? (long)(st.st_mode & AEGIS_S_IFMT) : -1, AEGIS_S_IFIFO);
	vt_expect("nonblock-write-no-reader", sys_open(VT_FIFO, AEGIS_O_WRONLY | AEGIS_O_NONBLOCK, 0), -ENXIO);
	vt_expect("rdwr", sys_open(VT_FIFO, AEGIS_O_RDWR, 0), -EINVAL);
	long r = sys_open(VT_FIFO, AEGIS_O_RDONLY | AEGIS_O_NONBLOCK, 0);
	vt_expect("nonblock-read-open", r >= 0, 1);
	long w = sys_open(VT_FIFO, AEGIS_O_WRONLY | AEGIS_O_NONBLOCK, 0);
	vt_expect("nonblock-write-with-reader", w >= 0, 1);
	char buf[8] = { 0 };
	vt_expect("write", sys_write((int)w, "ab", 2), 2);
	vt_expect("read-shared-pipe", sys_read((int)r, buf, sizeof(buf)), 2);
	(void)sys_close((int)w);
	vt_expect("read-eof-after-writer", sys_read((int)r, buf, sizeof(buf)), 0);
	(void)sys_close((int)r);
	long pid = sys_fork();
	if (pid == 0)
		vt_fifo_writer();
	long rb = sys_open(VT_FIFO, AEGIS_O_RDONLY, 0); /* blocks until the child opens for writing */
	vt_expect("blocking-read-open", rb >= 0, 1);
	long got = 0, n;
	while ((n = sys_read((int)rb, buf + got, sizeof(buf) - 1u - (size_t)got)) > 0)
		got += n;
	vt_expect("blocking-read-data", got == 5 && memcmp(buf, "hello", 5) == 0, 1);
	int status = 1;
	(void)sys_wait4((int)pid, &status, 0, NULL);
	vt_expect("writer-exit", status, 0);
	(void)sys_close((int)rb);
	vt_expect("unlink", sys_unlink(VT_FIFO), 0);
	uio_printf(VT_STDOUT, "vigiltest: fifo done, %d failures\n", vt_fifo_fails);
	return vt_fifo_fails ? 1 : 0;
}
