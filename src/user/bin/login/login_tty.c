/*
 * login's two prompts' input.  The name is one canonical line; the password
 * is read byte by byte with ICANON and ECHO off (its prompt printed only
 * then), echoing '*' per accepted character and erasing with "\b \b" on
 * DEL or BS.  The terminal mode is restored on every path.
 */
#include <aegis/errno.h>
#include <aegis/termios.h>

#include "glue/glue.h"
#include "login.h"
#include "uio/uio.h"

#define LOGIN_DEL 0x7f
#define LOGIN_BS 0x08
#define LOGIN_FIRST_PRINTABLE 0x20
#define LOGIN_ERASE "\b \b"

static long login_read_byte(unsigned char *c)
{
	long n;

	do
		n = sys_read(LOGIN_IN, c, 1);
	while (n == -EINTR);
	return n;
}

login_read_t login_read_name(char *name, size_t cap)
{
	size_t len = 0;
	int too_long = 0;

	for (;;) {
		unsigned char c;
		if (login_read_byte(&c) <= 0)
			return LOGIN_READ_EOF;
		if (c == '\n' || c == '\r')
			break;
		if (len + 1 < cap)
			name[len++] = (char)c;
		else
			too_long = 1;
	}
	/* No valid name is that long: it goes on as a name no account has, like an unknown user. */
	name[too_long ? 0 : len] = '\0';
	return len == 0 ? LOGIN_READ_EMPTY : LOGIN_READ_OK;
}

static login_read_t login_read_raw(char *password, size_t cap)
{
	size_t len = 0;
	size_t max = cap - 1 < LOGIN_PASSWORD_MAX ? cap - 1 : LOGIN_PASSWORD_MAX;

	for (;;) {
		unsigned char c;
		if (login_read_byte(&c) <= 0) {
			password[len] = '\0';
			return LOGIN_READ_EOF;
		}
		if (c == '\n' || c == '\r')
			break;
		if (c == LOGIN_DEL || c == LOGIN_BS) {
			if (len > 0) {
				len--;
				(void)uio_write_str(LOGIN_OUT, LOGIN_ERASE);
			}
			continue;
		}
		if (c < LOGIN_FIRST_PRINTABLE || len >= max)
			continue;
		password[len++] = (char)c;
		(void)uio_write_str(LOGIN_OUT, "*");
	}
	password[len] = '\0';
	return LOGIN_READ_OK;
}

login_read_t login_read_password(const char *prompt, char *password, size_t cap)
{
	aegis_termios_t cooked, raw;
	int have_mode = sys_ioctl(LOGIN_IN, TCGETS, (unsigned long)&cooked) == 0;
	login_read_t r;

	if (have_mode) {
		raw = cooked;
		raw.c_lflag &= ~(uint32_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		(void)sys_ioctl(LOGIN_IN, TCSETS, (unsigned long)&raw);
	}
	/* The prompt only once echo is off, so a password typed at once is never shown. */
	(void)uio_write_str(LOGIN_OUT, prompt);
	r = login_read_raw(password, cap);
	if (have_mode)
		(void)sys_ioctl(LOGIN_IN, TCSETS, (unsigned long)&cooked);
	(void)uio_write_str(LOGIN_OUT, "\n");
	return r;
}
