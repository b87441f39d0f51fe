/*
 * Vigil library: the control protocol between vigictl and Vigil
 * (spec/vigil.md VIG-110..). vigictl makes a reply FIFO
 * /run/vigil/reply.<pid>, writes one request line "COMMAND SERVICE REPLY\n"
 * (SERVICE is "-" when none) into the request FIFO /run/vigil/control, and
 * reads answer lines from its reply FIFO until a final "ok ..." or
 * "error ..." line.  This file parses a request; like the rest of the
 * library it makes no system call.
 */
#ifndef AEGIS_VIGIL_CTL_H
#define AEGIS_VIGIL_CTL_H

#include <stddef.h>

#include "vigil/vigil_limits.h"

#define VIGIL_CTL_DIR "/run/vigil"
#define VIGIL_CTL_REQUEST "/run/vigil/control"
#define VIGIL_CTL_REPLY_PREFIX "/run/vigil/reply."
#define VIGIL_CTL_NO_SERVICE "-"
#define VIGIL_CTL_GROUP "wheel" /* besides root, its members may control Vigil (VIG-119) */
#define VIGIL_CTL_LINE_MAX 256     /* a request or answer line with its newline; below PIPE_BUF */
#define VIGIL_CTL_PATH_MAX 64      /* a reply path with its NUL */
#define VIGIL_CTL_PID_DIGITS_MAX 10 /* the digits after the reply prefix */

typedef enum {
	VIGIL_CTL_STATUS,
	VIGIL_CTL_START,
	VIGIL_CTL_STOP,
	VIGIL_CTL_RESTART,
	VIGIL_CTL_SHUTDOWN,
	VIGIL_CTL_REBOOT,
} vigil_ctl_cmd_t;

typedef struct {
	vigil_ctl_cmd_t cmd;
	char service[VIGIL_NAME_MAX + 1]; /* "" when none */
	char reply[VIGIL_CTL_PATH_MAX];
} vigil_ctl_request_t;

/* The command named word (NUL-terminated): 0 and *cmd, or -EINVAL. */
int vigil_ctl_command(const char *word, vigil_ctl_cmd_t *cmd);

/* The command's name ("status", ...). */
const char *vigil_ctl_command_name(vigil_ctl_cmd_t cmd);

/*
 * Parse one request line of len bytes (its newline optional): three words
 * separated by single spaces, a known command, a valid service name or "-"
 * (start, stop and restart need a name; shutdown and reboot take none), and
 * a reply path of VIGIL_CTL_REPLY_PREFIX and 1 to 10 digits.  0 and *out,
 * or -EINVAL with nothing in *out that looks valid.
 */
int vigil_ctl_parse(const char *line, size_t len, vigil_ctl_request_t *out);

#endif
