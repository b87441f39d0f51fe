/*
 * /bin/login (spec/auth-flow.md AUTH-070..079): the console login run by
 * Vigil's getty.  Banner, at most LOGIN_ATTEMPTS_MAX attempts of name and
 * password, then the session: elevate, identity, home, environment, clear
 * screen, exec of the login shell.
 */
#ifndef LOGIN_H
#define LOGIN_H

#include <stddef.h>

#include "libauth/passwd.h"

#define LOGIN_ATTEMPTS_MAX 3
#define LOGIN_FAIL_DELAY_SEC 3
#define LOGIN_PASSWORD_MAX 127 /* characters accepted at the password prompt */
#define LOGIN_NAME_MAX 64      /* longer names are read and refused like unknown ones */
#define LOGIN_BANNER_PATH "/etc/banner"
#define LOGIN_IN 0
#define LOGIN_OUT 1
#define LOGIN_ERR 2

/* Outcome of reading one answer from the terminal. */
typedef enum {
	LOGIN_READ_OK,
	LOGIN_READ_EMPTY, /* just Enter at the name prompt: not an attempt */
	LOGIN_READ_EOF,   /* end of input or an error: counts as an attempt */
} login_read_t;

/* login_tty.c: the name in canonical mode, the password in raw mode echoing '*'. */
login_read_t login_read_name(char *name, size_t cap);
login_read_t login_read_password(const char *prompt, char *password, size_t cap);

/* login_session.c: after AUTH_OK; returns only when the session cannot start. */
int login_start_session(const auth_passwd_t *account);

/* The terminal on standard input, as /proc/self/fd/0 names it. */
const char *login_tty_name(void);

/* "login: " lines on standard error (never libauth's reasons: those stay off the terminal). */
void login_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
