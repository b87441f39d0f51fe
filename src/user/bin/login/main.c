/*
 * /bin/login: the console login (spec/auth-flow.md AUTH-070..079).  Prints
 * /etc/banner, then up to three attempts of "login: " and "password: ".
 * Every way of failing (unknown user, wrong password, locked account, a
 * broken file, end of input) looks the same: a 3 second wait and
 * "Login incorrect".  After the third, login exits 1 and Vigil's getty
 * starts a new one.  On success the session starts (login_session.c).
 */
#include <stdarg.h>
#include <stdio.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "authflow/authflow.h"
#include "crypto/wipe.h"
#include "glue/glue.h"
#include "login.h"
#include "uio/uio.h"

#define LOGIN_BANNER_CHUNK 512
#define LOGIN_EXIT_FAILED 1

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

static void login_fail_delay(void)
{
	aegis_timespec_t left = { LOGIN_FAIL_DELAY_SEC, 0 };

	/* A signal does not shorten the wait: sleep again for what was left. */
	while (sys_nanosleep(&left, &left) == -EINTR && (left.tv_sec > 0 || left.tv_nsec > 0))
		;
}

/* One attempt: 1 when the user authenticated (account filled), 0 when it failed, -1 for an empty name. */
static int login_attempt(auth_passwd_t *account)
{
	char name[LOGIN_NAME_MAX];
	char password[LOGIN_PASSWORD_MAX + 1];
	auth_reason_t why; /* for a system log once there is one; never shown on the terminal */
	auth_result_t r = AUTH_DENY;
	login_read_t got;

	(void)uio_write_str(LOGIN_OUT, "\nlogin: ");
	got = login_read_name(name, sizeof(name));
	if (got == LOGIN_READ_EMPTY)
		return -1;
	if (got == LOGIN_READ_OK) {
		if (login_read_password("password: ", password, sizeof(password)) == LOGIN_READ_OK)
			r = auth_check(name, password, account, &why);
		crypto_wipe(password, sizeof(password));
	}
	return r == AUTH_OK;
}

int main(void)
{
	static auth_passwd_t account;
	int failures = 0;

	login_banner();
	while (failures < LOGIN_ATTEMPTS_MAX) {
		int ok = login_attempt(&account);
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
