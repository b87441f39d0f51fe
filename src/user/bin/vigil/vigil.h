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

#include "libauth/group.h"
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

/* services[i] is units[i].svc: the library orders the plain array. */
typedef struct {
	vigil_service_t services[VIGIL_SERVICES_MAX];
	vigil_unit_t units[VIGIL_SERVICES_MAX];
	size_t count;
	vigil_order_t order;
	vigil_boot_t boot;
	int ctl_fd;      /* the request FIFO's read end, or -1 (VIG-110) */
	int ctl_keep_fd; /* Vigil's own write end of it, or -1 */
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

/* The gid of group name in /etc/group; 0 or -errno with msg filled (VIG-119). */
int vigil_group_gid(const char *name, uint32_t *gid, char *msg, size_t msg_len);

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
 * Sleep until a child ends, the control FIFO has a request or deadline
 * (ms, UINT64_MAX: none) passes (VIG-106, VIG-110).
 */
void vigil_wait_event(const vigil_t *v, uint64_t deadline);

/* Make /run/vigil and the request FIFO and open it (v->ctl_fd; -1 and a log line on failure). */
void vigil_control_open(vigil_t *v);
/* Close the request FIFO (shutdown); vigictl then finds no Vigil. */
void vigil_control_close(vigil_t *v);
/* Answer every complete request waiting in the FIFO (VIG-111..115). */
void vigil_control_serve(vigil_t *v);

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
