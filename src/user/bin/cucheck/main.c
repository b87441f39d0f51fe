/*
 * cucheck: the case runner of the command-line tool tests (spec/coreutils.md
 * CU-020..024), run as PID 1 ("init=/bin/cucheck test=init").
 *
 * It reads /test/cu/cases, which tests/coreutils/cu_cases.py writes: one
 * line per item, a letter, a space and a value,
 *   C <name>   a case starts
 *   D <path>   its working directory (default CUCHECK_WORK, made at start)
 *   A <hex>    the next argument (argv[0] first; without a '/' it is /bin/<name>)
 *   I <hex>    bytes for its standard input (items add up)
 *   E          run it
 * For each case it prints one line on the console,
 *   @@ <n> status=<s> out=<hex> err=<hex>
 * where s is the exit status, sig:<N> for a signal or timeout, and the
 * hex strings are the first CUCHECK_CAPTURE_MAX bytes of standard output
 * and error.  Standard input, output and error are files in /tmp, so no
 * tool can block the runner on a full pipe.  Then it exits 0.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "uio/uio.h"

#define CUCHECK_CASES "/test/cu/cases"
#define CUCHECK_WORK "/tmp/cu"
#define CUCHECK_IN "/tmp/.cucheck-in"
#define CUCHECK_OUT "/tmp/.cucheck-out"
#define CUCHECK_ERR "/tmp/.cucheck-err"
#define CUCHECK_CASES_MAX (1024 * 1024) /* bytes of the case file */
#define CUCHECK_ARGS_MAX 64
#define CUCHECK_ARG_MAX 4096
#define CUCHECK_PATH_MAX 256
#define CUCHECK_CAPTURE_MAX 16384
#define CUCHECK_TIMEOUT_MS 20000
#define CUCHECK_POLL_MS 10
#define CUCHECK_NS_PER_MS 1000000
#define CUCHECK_EXIT_EXEC 127
#define CUCHECK_FILE_MODE 0600u
#define CUCHECK_DIR_MODE 0755u
#define CUCHECK_UMASK 022u
#define CUCHECK_STATUS_EXITED(s) (((s) & 0x7f) == 0)
#define CUCHECK_STATUS_CODE(s) (((s) >> 8) & 0xff)
#define CUCHECK_STATUS_SIGNAL(s) ((s) & 0x7f)
#define STDOUT_FD 1

typedef struct {
	char *argv[CUCHECK_ARGS_MAX + 1];
	char args[CUCHECK_ARGS_MAX][CUCHECK_ARG_MAX];
	char exe[CUCHECK_PATH_MAX];
	char dir[CUCHECK_PATH_MAX];
	int argc;
	int in_fd;
	bool broken; /* a malformed item: report instead of running */
} cucheck_case_t;

static char cases[CUCHECK_CASES_MAX + 1];
static cucheck_case_t c;
static unsigned char capture[CUCHECK_CAPTURE_MAX];
static char hex[2 * CUCHECK_CAPTURE_MAX + 1];
static char *const cucheck_env[] = { "PATH=/bin", "HOME=/root", "USER=root", "LOGNAME=root", "LC_ALL=C",
				     "TERM=dumb", NULL };

static int cucheck_nibble(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* Decode hex text of len characters into out (cap bytes); returns the byte count or -1. */
static long cucheck_unhex(const char *text, size_t len, char *out, size_t cap)
{
	if (len % 2 || len / 2 >= cap)
		return -1;
	for (size_t i = 0; i < len; i += 2) {
		int hi = cucheck_nibble(text[i]), lo = cucheck_nibble(text[i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i / 2] = (char)(hi << 4 | lo);
	}
	out[len / 2] = '\0';
	return (long)(len / 2);
}

static int cucheck_open_file(const char *path, int flags)
{
	return (int)sys_open(path, flags | AEGIS_O_CLOEXEC, CUCHECK_FILE_MODE);
}

static void cucheck_case_start(void)
{
	if (c.in_fd >= 0)
		sys_close(c.in_fd);
	memset(c.argv, 0, sizeof(c.argv));
	c.argc = 0;
	c.broken = false;
	strcpy(c.dir, CUCHECK_WORK);
	c.in_fd = cucheck_open_file(CUCHECK_IN, AEGIS_O_RDWR | AEGIS_O_CREAT | AEGIS_O_TRUNC);
}

static void cucheck_case_item(char kind, const char *value, size_t len)
{
	char bytes[CUCHECK_ARG_MAX];
	if (kind == 'D') {
		if (len >= sizeof(c.dir))
			c.broken = true;
		else
			memcpy(c.dir, value, len), c.dir[len] = '\0';
	} else if (kind == 'A') {
		if (c.argc == CUCHECK_ARGS_MAX || cucheck_unhex(value, len, c.args[c.argc], CUCHECK_ARG_MAX) < 0)
			c.broken = true;
		else
			c.argv[c.argc] = c.args[c.argc], c.argc++;
	} else if (kind == 'I') {
		long n = cucheck_unhex(value, len, bytes, sizeof(bytes));
		if (n < 0 || c.in_fd < 0 || uio_write_all(c.in_fd, bytes, (size_t)n) != n)
			c.broken = true;
	}
}

/* Print the first CUCHECK_CAPTURE_MAX bytes of path as hex. */
static const char *cucheck_hex_of(const char *path)
{
	static const char digits[] = "0123456789abcdef";
	int fd = cucheck_open_file(path, AEGIS_O_RDONLY);
	long n = 0;

	if (fd >= 0) {
		long r;
		while (n < CUCHECK_CAPTURE_MAX && (r = sys_read(fd, capture + n, CUCHECK_CAPTURE_MAX - (size_t)n)) > 0)
			n += r;
		sys_close(fd);
	}
	for (long i = 0; i < n; i++) {
		hex[2 * i] = digits[capture[i] >> 4];
		hex[2 * i + 1] = digits[capture[i] & 0xf];
	}
	hex[2 * n] = '\0';
	return hex;
}

static void cucheck_child(void)
{
	int out = cucheck_open_file(CUCHECK_OUT, AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC);
	int err = cucheck_open_file(CUCHECK_ERR, AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC);

	sys_lseek(c.in_fd, 0, 0);
	if (out < 0 || err < 0 || sys_dup2(c.in_fd, 0) < 0 || sys_dup2(out, 1) < 0 || sys_dup2(err, 2) < 0)
		sys_exit(CUCHECK_EXIT_EXEC);
	if (sys_chdir(c.dir) < 0) {
		uio_printf(2, "cucheck: cannot enter %s\n", c.dir);
		sys_exit(CUCHECK_EXIT_EXEC);
	}
	const char *exe = c.argv[0];
	if (!strchr(exe, '/')) {
		if (strlen(exe) + sizeof("/bin/") > sizeof(c.exe))
			sys_exit(CUCHECK_EXIT_EXEC);
		strcpy(c.exe, "/bin/");
		strcat(c.exe, exe);
		exe = c.exe;
	}
	long r = sys_execve(exe, c.argv, cucheck_env);
	uio_printf(2, "cucheck: cannot run %s: error %ld\n", exe, -r);
	sys_exit(CUCHECK_EXIT_EXEC);
}

/* Wait for pid up to CUCHECK_TIMEOUT_MS, then kill it; returns its wait status. */
static int cucheck_wait(long pid)
{
	const aegis_timespec_t tick = { 0, CUCHECK_POLL_MS * CUCHECK_NS_PER_MS };
	int status = 0;

	for (unsigned waited = 0;; waited += CUCHECK_POLL_MS) {
		long r = sys_wait4((int)pid, &status, AEGIS_WNOHANG, NULL);
		if (r == pid || r < 0)
			return r < 0 ? SIGKILL : status;
		if (waited >= CUCHECK_TIMEOUT_MS) {
			sys_kill((int)pid, SIGKILL);
			sys_wait4((int)pid, &status, 0, NULL);
			return status;
		}
		sys_nanosleep(&tick, NULL);
	}
}

static void cucheck_case_run(unsigned n)
{
	char status_text[CUCHECK_PATH_MAX];
	if (c.broken || c.argc == 0) {
		uio_printf(STDOUT_FD, "@@ %u status=broken out= err=\n", n);
		return;
	}
	c.argv[c.argc] = NULL;
	long pid = sys_fork();
	if (pid == 0)
		cucheck_child();
	if (pid < 0) {
		uio_printf(STDOUT_FD, "@@ %u status=fork:%ld out= err=\n", n, -pid);
		return;
	}
	int status = cucheck_wait(pid);
	if (CUCHECK_STATUS_EXITED(status))
		snprintf(status_text, sizeof(status_text), "%d", CUCHECK_STATUS_CODE(status));
	else
		snprintf(status_text, sizeof(status_text), "sig:%d", CUCHECK_STATUS_SIGNAL(status));
	uio_printf(STDOUT_FD, "@@ %u status=%s out=", n, status_text);
	uio_write_str(STDOUT_FD, cucheck_hex_of(CUCHECK_OUT));
	uio_write_str(STDOUT_FD, " err=");
	uio_write_str(STDOUT_FD, cucheck_hex_of(CUCHECK_ERR));
	uio_write_str(STDOUT_FD, "\n");
}

int main(void)
{
	int fd = (int)sys_open(CUCHECK_CASES, AEGIS_O_RDONLY, 0);
	long len = 0, r;

	if (fd < 0) {
		uio_printf(STDOUT_FD, "cucheck: cannot open %s: error %d\n", CUCHECK_CASES, -fd);
		return 1;
	}
	while (len < CUCHECK_CASES_MAX && (r = sys_read(fd, cases + len, CUCHECK_CASES_MAX - (size_t)len)) > 0)
		len += r;
	sys_close(fd);
	sys_umask(CUCHECK_UMASK);
	sys_mkdir(CUCHECK_WORK, CUCHECK_DIR_MODE);
	c.in_fd = -1;
	unsigned n = 0;
	for (char *line = cases; line < cases + len;) {
		char *end = memchr(line, '\n', (size_t)(cases + len - line));
		if (!end)
			end = cases + len;
		if (end - line >= 1) {
			const char *value = line + (end - line >= 2 ? 2 : 1);
			size_t vlen = (size_t)(end - value);
			if (line[0] == 'C')
				cucheck_case_start();
			else if (line[0] == 'E')
				cucheck_case_run(n++);
			else
				cucheck_case_item(line[0], value, vlen);
		}
		line = end + 1;
	}
	uio_printf(STDOUT_FD, "cucheck: %u cases run\n", n);
	return 0;
}
