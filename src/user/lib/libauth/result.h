/*
 * Results and reasons shared by every libauth function.
 *
 * Every function returns an auth_result_t and, when it did not succeed, may
 * fill an auth_reason_t with one line of text for the log: "line 3: uid
 * field is not a decimal number".  Reasons never quote bytes from the input
 * (a credential file or a password could carry control characters or escape
 * sequences into a log); they name lines, fields and schemes only.  A NULL
 * reason pointer is allowed everywhere and means "caller does not care".
 */
#ifndef LIBAUTH_RESULT_H
#define LIBAUTH_RESULT_H

#define AUTH_REASON_MAX 160

typedef enum {
	AUTH_OK = 0,      /* success: entry found, password matches */
	AUTH_DENY,        /* the password does not authenticate (wrong, locked, disabled, empty) */
	AUTH_NOT_FOUND,   /* no such entry, or end of file while iterating */
	AUTH_MALFORMED,   /* input breaks a format rule; the reason says which */
	AUTH_UNSUPPORTED, /* a hash scheme this library does not implement */
	AUTH_LIMIT,       /* a documented bound would be exceeded (output buffer, group count) */
} auth_result_t;

typedef struct {
	char text[AUTH_REASON_MAX];
} auth_reason_t;

/* printf-style; line_no 0 means "not about a file line", otherwise "line N: " is prefixed. */
void auth_reason_set(auth_reason_t *why, unsigned line_no, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void auth_reason_clear(auth_reason_t *why);

/* A stable lower-case name for logs and tests: "ok", "deny", "malformed" ... */
const char *auth_result_name(auth_result_t result);

#endif
