/*
 * Vigil, PID 1 and the service manager (spec/vigil.md VIG-100..): the state
 * the program's parts share.  The decisions (parsing, order, restart policy,
 * boot mode) come from the pure library in src/user/lib/vigil/; these files
 * do the I/O around it: reading the service files, resolving users, forking
 * and exec'ing services, reaping, and sleeping until a child exits or the
 * next restart is due.
 */
#ifndef VIGIL_PROGRAM_H
#define VIGIL_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/linux_abi.h>
#include <aegis/unix_socket.h>

#include "libauth/group.h"
#include "vigil/vigil_ctl.h"
#include "vigil/vigil_boot.h"
#include "vigil/vigil_order.h"
#include "vigil/vigil_restart.h"
#include "vigil/vigil_service.h"

#define VIGIL_SERVICES_DIR "/etc/vigil/services"
#define VIGIL_GETTY_NAME "getty"
#define VIGIL_GETTY_PROGRAM "/bin/login"
#define VIGIL_PATH_MAX 256 /* any path Vigil builds: the directory, a name and a file */

/* Where a service is in its life. */
typedef enum {
	UNIT_IDLE,      /* loaded, not started (other boot mode, or waiting its turn) */
	UNIT_RUNNING,   /* its process is alive */
	UNIT_WAITING,   /* respawn: start again at restart_at_ms */
	UNIT_DONE,      /* oneshot: finished */
	UNIT_GAVE_UP,   /* respawn: max_restarts reached */
	UNIT_STOPPED,   /* stopped by vigictl stop (VIG-113) */
} unit_state_t;

/* The identity a service runs as (VIG-104); keep false means Vigil's own. */
typedef struct {
	bool change;
	uint32_t uid;
	uint32_t gid;
	uint32_t groups[AUTH_GROUPS_MAX];
	size_t ngroups;
} vigil_ident_t;

/* The run-time state of the loaded service it points to. */
typedef struct {
	vigil_service_t *svc;
	vigil_ident_t ident;
	unit_state_t state;
	long pid;
	vigil_history_t history;
	uint64_t restart_at_ms;
	int last_status;
	bool ever_ended;   /* last_status holds a real wait status */
	bool stopping;     /* SIGTERM sent by stop or shutdown: its end is not a crash */
	bool restart_now;  /* restart: start again as soon as it has ended */
} vigil_unit_t;

/* One accepted control connection (VIG-111, VIG-150..152); fd -1 marks a free slot. */
typedef struct {
	int fd;
	uint64_t deadline_ms;          /* closed when no whole line has come by then (VIG-151) */
	char buf[VIGIL_CTL_LINE_MAX];  /* bytes read, not yet a whole line */
	size_t len;
	aegis_ucred_t cred;            /* the peer at connect (SO_PEERCRED) */
	aegis_peercaps_t caps;         /* the peer's capabilities at connect (SO_PEERCAPS) */
	bool caps_ok;                  /* caps could be read; otherwise the peer holds nothing */
	long lost;                     /* 0, or the error that lost part of the answer */
} vigil_conn_t;

/* services[i] is units[i].svc: the library orders the plain array. */
typedef struct {
	vigil_service_t services[VIGIL_SERVICES_MAX];
	vigil_unit_t units[VIGIL_SERVICES_MAX];
	size_t count;
	vigil_order_t order;
	vigil_boot_t boot;
	int ctl_fd; /* the listening control socket, or -1 (VIG-110) */
	vigil_conn_t conns[VIGIL_CTL_CONN_MAX];
} vigil_t;

/* Log one line with the "vigil: " prefix (VIG-101). */
void vigil_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A vigil_report_fn for the library's reports. */
void vigil_log_report(const char *line, void *ctx);

/*
 * Read at most cap bytes of path into buf; *len the bytes read.  0, or
 * -errno (-ENOENT for a missing file).  A file longer than cap arrives with
 * len == cap, so callers pass one byte more than their bound.
 */
int vigil_read_file(const char *path, char *buf, size_t cap, size_t *len);

/* The boot mode and quiet flag from /proc/cmdline (VIG-080, VIG-102). */
void vigil_boot_read(vigil_boot_t *boot);

/* Load every service of VIGIL_SERVICES_DIR into v (VIG-100, VIG-103). */
void vigil_load_all(vigil_t *v);

/* The built-in getty when no service was loaded (VIG-107). */
void vigil_add_getty(vigil_t *v);

/* Resolve a service's user into *out; 0 or -errno with msg filled (VIG-104). */
int vigil_ident_resolve(const char *user, vigil_ident_t *out, char *msg, size_t msg_len);

/* Fork and exec a unit now (VIG-104, VIG-105); the unit's state is updated. */
void vigil_spawn(vigil_t *v, vigil_unit_t *u, uint64_t now_ms);

/* A wait status as wait4 reports it (spec/signals.md): exit code or terminating signal. */
#define VIGIL_WAIT_EXIT_SHIFT 8
#define VIGIL_WAIT_BYTE 0xff
#define VIGIL_WAIT_SIG_MASK 0x7f

/* A unit's process ended with wait status `status` at now_ms: log it and decide (VIG-105). */
void vigil_unit_ended(vigil_t *v, vigil_unit_t *u, int status, uint64_t now_ms);

/* Now, in milliseconds of CLOCK_MONOTONIC. */
uint64_t vigil_now_ms(void);

/* Block SIGCHLD, SIGTERM and SIGINT and install their handlers (VIG-106, VIG-118). */
void vigil_signals_init(void);

/* Collect every child that has ended (VIG-106). */
void vigil_reap_all(vigil_t *v);
/*
 * Sleep until a child ends, the control socket or a connection is readable,
 * or deadline (ms, UINT64_MAX: none) or a connection's deadline passes
 * (VIG-106, VIG-110, VIG-151).
 */
void vigil_wait_event(const vigil_t *v, uint64_t deadline);

/* Make /run/vigil and the listening socket (v->ctl_fd; -1 and a log line on failure). */
void vigil_control_open(vigil_t *v);
/* Close the listening socket and every connection (shutdown); vigictl then finds no Vigil. */
void vigil_control_close(vigil_t *v);
/* Accept connections, read their lines, answer whole ones, drop idle ones (VIG-111..119, VIG-150..152). */
void vigil_control_serve(vigil_t *v);

/* The descriptors to poll for control (at most 1 + VIGIL_CTL_CONN_MAX): their count. */
size_t vigil_conn_pollfds(const vigil_t *v, aegis_pollfd_t *pfds, size_t cap);
/* The earliest connection deadline, or UINT64_MAX. */
uint64_t vigil_conn_deadline(const vigil_t *v);
/* Accept every queued connection; one beyond VIGIL_CTL_CONN_MAX is answered busy and closed (VIG-150). */
void vigil_conn_accept_all(vigil_t *v);
/* Read what c has sent: 1 and *len when a whole line (newline included) is in c->buf, else 0. */
int vigil_conn_read(vigil_conn_t *c, uint64_t now_ms, size_t *len);
/* Send one answer line without blocking (VIG-152). */
void vigil_conn_reply(vigil_conn_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Close c (logging a lost answer) and free its slot. */
void vigil_conn_close(vigil_conn_t *c);
/* Answer one request line of c and close it; true when Vigil shut down meanwhile (VIG-116). */
bool vigil_control_request(vigil_t *v, vigil_conn_t *c, const char *line, size_t len);

/* Start a unit again now with a fresh restart history (vigictl start and restart, VIG-113). */
void vigil_unit_restart(vigil_t *v, vigil_unit_t *u);

/*
 * Shut down (VIG-116): SIGTERM in stop order, wait up to
 * VIGIL_SHUTDOWN_WAIT_MS, SIGKILL what is left, reap, sync, reboot(2) with
 * power-off or restart.  Returns only when reboot(2) failed (logged).
 */
#define VIGIL_SHUTDOWN_WAIT_MS 5000u
void vigil_shutdown(vigil_t *v, bool restart);

/* Start the services in order, then supervise forever (VIG-106). */
__attribute__((noreturn)) void vigil_supervise(vigil_t *v);

#endif
