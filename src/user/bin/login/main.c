/*
 * /bin/login: the console login (spec/auth-flow.md AUTH-070..079).  Prints
 * /etc/banner, then up to three attempts of "login: " and "password: ".
 * Every way of failing (unknown user, wrong password, locked account, a
 * broken file, end of input) looks the same: a 3 second wait and
 * "Login incorrect".  After the third, login exits 1 and Vigil's getty
 * starts a new one.  On success the session starts (login_session.c).
 * Each failure's reason goes to the system log, never to the terminal
 * (AUTH-077).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "authflow/authflow.h"
#include "crypto/wipe.h"
#include "glue/glue.h"
#include "login.h"
#include "slog/slog.h"
#include "uio/uio.h"

#define LOGIN_BANNER_CHUNK 512
#define LOGIN_EXIT_FAILED 1
#define LOGIN_TTY_MAX 64
#define LOGIN_STDIN_LINK "/proc/self/fd/0"
#define LOGIN_UNKNOWN_REASON "unknown user" /* libauth's reason when no passwd entry matches (AUTH-041) */

void login_log(const char *fmt, ...)
{
	char line[UIO_PRINTF_MAX + 1];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	(void)uio_printf(LOGIN_ERR, "login: %s\n", line);
}

static void login_banner(void)
{
	char chunk[LOGIN_BANNER_CHUNK];
	long fd = sys_open(LOGIN_BANNER_PATH, AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
	long n;

	if (fd < 0)
		return;
	while ((n = sys_read((int)fd, chunk, sizeof(chunk))) > 0)
		(void)uio_write_all(LOGIN_OUT, chunk, (size_t)n);
	(void)sys_close((int)fd);
}

const char *login_tty_name(void)
{
	static char tty[LOGIN_TTY_MAX];
	long n = sys_readlink(LOGIN_STDIN_LINK, tty, sizeof(tty) - 1);

	tty[n > 0 ? n : 0] = '\0';
	return n > 0 ? tty : "an unknown terminal";
}

/*
 * The log line of failed attempt number n.  A name with no account is logged
 * as UNKNOWN: what was typed there may be a password typed one prompt early.
 */
static void login_log_failure(int n, const char *name, login_read_t got, auth_result_t r, const auth_reason_t *why)
{
	if (got != LOGIN_READ_OK) {
		(void)slog_append(SLOG_AUTH, "login", "FAILED LOGIN %d on %s: end of input", n, login_tty_name());
		return;
	}
	bool unknown = strcmp(why->text, LOGIN_UNKNOWN_REASON) == 0;
	(void)slog_append(SLOG_AUTH, "login", "FAILED LOGIN %d on %s for %s%s%s: %s", n, login_tty_name(),
			  unknown ? "" : "'", unknown ? "UNKNOWN" : name, unknown ? "" : "'",
			  why->text[0] ? why->text : auth_result_name(r));
}

static void login_fail_delay(void)
{
	aegis_timespec_t left = { LOGIN_FAIL_DELAY_SEC, 0 };

	/* A signal does not shorten the wait: sleep again for what was left. */
	while (sys_nanosleep(&left, &left) == -EINTR && (left.tv_sec > 0 || left.tv_nsec > 0))
		;
}

/*
 * Attempt number n: 1 when the user authenticated (account filled), 0 when
 * it failed (and was logged), -1 for an empty name.
 */
static int login_attempt(int n, auth_passwd_t *account)
{
	char name[LOGIN_NAME_MAX];
	char password[LOGIN_PASSWORD_MAX + 1];
	auth_reason_t why = { "" }; /* for the system log; never shown on the terminal */
	auth_result_t r = AUTH_DENY;
	login_read_t got;

	(void)uio_write_str(LOGIN_OUT, "\nlogin: ");
	got = login_read_name(name, sizeof(name));
	if (got == LOGIN_READ_EMPTY)
		return -1;
	if (got == LOGIN_READ_OK) {
		if (login_read_password("password: ", password, sizeof(password)) == LOGIN_READ_OK)
			r = auth_check(name, password, account, &why);
		else
			got = LOGIN_READ_EOF;
		crypto_wipe(password, sizeof(password));
	}
	if (r != AUTH_OK)
		login_log_failure(n, name, got, r, &why);
	return r == AUTH_OK;
}

int main(void)
{
	static auth_passwd_t account;
	int failures = 0;

	login_banner();
	while (failures < LOGIN_ATTEMPTS_MAX) {
		int ok = login_attempt(failures + 1, &account);
		if (ok < 0)
			continue;
		if (ok > 0) {
			(void)login_start_session(&account);
			return LOGIN_EXIT_FAILED;
		}
		failures++;
		login_fail_delay();
		(void)uio_write_str(LOGIN_OUT, "Login incorrect\n");
	}
	(void)uio_write_str(LOGIN_OUT, "Maximum login attempts exceeded.\n");
	return LOGIN_EXIT_FAILED;
}
