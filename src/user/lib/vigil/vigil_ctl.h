/*
 * Vigil library: the control protocol between vigictl and Vigil
 * (spec/vigil.md VIG-110..119).  vigictl connects to the AF_UNIX stream
 * socket /run/vigil/control, sends one request line "COMMAND [SERVICE]\n",
 * shuts its sending side down and reads answer lines ("svc ..." lines, then
 * one final "ok ..." or "error ...") to end of file.  This file parses a
 * request, builds the socket's address and decides, from the peer's
 * capabilities, whether a request is allowed; like the rest of the library
 * it makes no system call.
 */
#ifndef AEGIS_VIGIL_CTL_H
#define AEGIS_VIGIL_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/unix_socket.h>

#include "vigil/vigil_limits.h"

#define VIGIL_CTL_DIR "/run/vigil"
#define VIGIL_CTL_REQUEST "/run/vigil/control"
#define VIGIL_CTL_LINE_MAX 256 /* a request or answer line with its newline; below PIPE_BUF */
#define VIGIL_CTL_CONN_MAX 8   /* connections open at once (VIG-150) */
#define VIGIL_CTL_IDLE_MS 5000u /* time a connection has to send its line (VIG-151) */
#define VIGIL_CTL_REASON_MAX 64 /* a refusal's reason with its NUL */

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
} vigil_ctl_request_t;

/* The command named word (NUL-terminated): 0 and *cmd, or -EINVAL. */
int vigil_ctl_command(const char *word, vigil_ctl_cmd_t *cmd);

/* The command's name ("status", ...). */
const char *vigil_ctl_command_name(vigil_ctl_cmd_t cmd);

/* start, stop and restart need a service; status may name one; shutdown and reboot take none. */
bool vigil_ctl_needs_service(vigil_ctl_cmd_t cmd);
bool vigil_ctl_takes_service(vigil_ctl_cmd_t cmd);

/*
 * Parse one request line of len bytes (its newline optional): the command,
 * then, after a single space, a valid service name exactly as the command
 * allows (VIG-111).  0 and *out, or -EINVAL with out->service empty.
 */
int vigil_ctl_parse(const char *line, size_t len, vigil_ctl_request_t *out);

/*
 * Write the request line for cmd and service (NULL or "" for none) into
 * buf: its length, or -EINVAL when it would not parse (a bad name).
 */
int vigil_ctl_format(vigil_ctl_cmd_t cmd, const char *service, char *buf, size_t cap);

/* Fill *addr with VIGIL_CTL_REQUEST's address; its length for bind and connect. */
uint32_t vigil_ctl_address(aegis_sockaddr_un_t *addr);

/* What a command needs of the peer (VIG-119): kind 0 for nothing. */
typedef struct {
	uint32_t kind;
	uint32_t rights;
} vigil_ctl_need_t;

vigil_ctl_need_t vigil_ctl_need(vigil_ctl_cmd_t cmd);

/*
 * Whether a peer holding caps (NULL: nothing could be read) may send cmd
 * (VIG-119).  0, or -ENOCAP with reason filled: "COMMAND needs KIND(R|W)".
 */
int vigil_ctl_authorize(vigil_ctl_cmd_t cmd, const aegis_peercaps_t *caps, char *reason, size_t cap);

#endif
