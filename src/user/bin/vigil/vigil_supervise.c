/*
 * Supervision (spec/vigil.md VIG-105, VIG-106): start the services in the
 * library's order, reap every child (services and orphans alike), apply the
 * library's restart decision to each service exit, and sleep in ppoll with
 * SIGCHLD unblocked only there, the control socket and its connections
 * (VIG-110) as its descriptors and the next restart or connection deadline
 * as timeout (none when nothing is due), so a child's exit or a request
 * wakes Vigil at once and nothing polls.  SIGTERM and SIGINT wake it the same way and start the shutdown
 * (VIG-118).  Vigil never exits.
 */
#include <aegis/errno.h>
#include <aegis/linux_abi.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "glue/glue_call.h"
#include "vigil.h"

#define VIGIL_MS_PER_SEC 1000u
#define VIGIL_NS_PER_MS 1000000u
#define VIGIL_POLLFDS (1u + VIGIL_CTL_CONN_MAX)

/* The signals Vigil handles; blocked except while it sleeps in ppoll. */
static aegis_sigset_t wake_set(void)
{
	return (aegis_sigset_t)1 << (SIGCHLD - 1) | (aegis_sigset_t)1 << (SIGTERM - 1) |
	       (aegis_sigset_t)1 << (SIGINT - 1);
}

static volatile int vigil_term_signal;

/* PID 1 receives only the signals it handles: SIGCHLD needs a handler to end ppoll. */
static void vigil_on_signal(int sig)
{
	if (sig != SIGCHLD)
		vigil_term_signal = sig;
}

static void vigil_handle(int sig)
{
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)vigil_on_signal, SA_RESTORER,
				  (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
	long r = sys_rt_sigaction(sig, &act, NULL, AEGIS_SIGSET_SIZE);
	if (r != 0)
		vigil_log("cannot install the handler for signal %d (error %ld)", sig, r);
}

void vigil_signals_init(void)
{
	vigil_handle(SIGCHLD);
	vigil_handle(SIGTERM);
	vigil_handle(SIGINT);
	/* A vigictl that leaves before its answer must not end PID 1 (VIG-111); services get SIGPIPE back. */
	aegis_sigaction_t ignore = { AEGIS_SIG_IGN, 0, 0, 0 };
	long r = sys_rt_sigaction(SIGPIPE, &ignore, NULL, AEGIS_SIGSET_SIZE);
	if (r != 0)
		vigil_log("cannot ignore SIGPIPE (error %ld)", r);
	aegis_sigset_t block = wake_set();
	r = sys_rt_sigprocmask(SIG_BLOCK, &block, NULL, AEGIS_SIGSET_SIZE);
	if (r != 0)
		vigil_log("cannot block SIGCHLD, SIGTERM and SIGINT (error %ld)", r);
}

static void log_exit(const vigil_unit_t *u, int status)
{
	int sig = status & VIGIL_WAIT_SIG_MASK;
	if (sig == 0)
		vigil_log("service '%s' (pid %ld) exited with status %d", u->svc->name, u->pid,
			  (status >> VIGIL_WAIT_EXIT_SHIFT) & VIGIL_WAIT_BYTE);
	else
		vigil_log("service '%s' (pid %ld) was killed by signal %d", u->svc->name, u->pid, sig);
}

void vigil_unit_ended(vigil_t *v, vigil_unit_t *u, int status, uint64_t now_ms)
{
	log_exit(u, status);
	u->last_status = status;
	u->ever_ended = true;
	u->pid = 0;
	if (u->restart_now) {
		vigil_unit_restart(v, u);
		return;
	}
	if (u->stopping) {
		u->stopping = false;
		u->state = UNIT_STOPPED;
		vigil_log("service '%s' stopped", u->svc->name);
		return;
	}
	vigil_decision_t d = vigil_restart_decide(&u->svc->policy, &u->history, now_ms);
	u->history = d.history;
	switch (d.action) {
	case VIGIL_DECIDE_DONE:
		u->state = UNIT_DONE;
		vigil_log("service '%s' finished (oneshot)", u->svc->name);
		break;
	case VIGIL_DECIDE_RESTART:
		u->state = UNIT_WAITING;
		u->restart_at_ms = d.restart_at_ms;
		vigil_log("service '%s' restarts in %llu ms (restart %u of %u)", u->svc->name,
			  (unsigned long long)(d.restart_at_ms - now_ms), d.history.restarts,
			  u->svc->policy.max_restarts);
		break;
	case VIGIL_DECIDE_GIVE_UP:
		u->state = UNIT_GAVE_UP;
		vigil_log("service '%s' gave up after %u restarts", u->svc->name, d.history.restarts);
		break;
	}
}

static vigil_unit_t *unit_by_pid(vigil_t *v, long pid)
{
	for (size_t i = 0; i < v->count; i++)
		if (v->units[i].state == UNIT_RUNNING && v->units[i].pid == pid)
			return &v->units[i];
	return NULL;
}

/* Collect every child that has ended; services get their decision, orphans a log line. */
void vigil_reap_all(vigil_t *v)
{
	for (;;) {
		int status = 0;
		long pid = sys_wait4(-1, &status, AEGIS_WNOHANG, NULL);
		if (pid == -EINTR)
			continue;
		if (pid <= 0)
			return;
		vigil_unit_t *u = unit_by_pid(v, pid);
		if (u)
			vigil_unit_ended(v, u, status, vigil_now_ms());
		else
			vigil_log("reaped orphan pid %ld (wait status %#x)", pid, (unsigned)status);
	}
}

/* Start, in start order, every waiting service whose time has come. */
static void start_due(vigil_t *v)
{
	for (size_t k = 0; k < v->order.count; k++) {
		vigil_unit_t *u = &v->units[v->order.index[k]];
		uint64_t now = vigil_now_ms();
		if (u->state == UNIT_WAITING && u->restart_at_ms <= now)
			vigil_spawn(v, u, now);
	}
}

/* The earliest restart still to come, or UINT64_MAX. */
static uint64_t next_deadline(const vigil_t *v)
{
	uint64_t next = UINT64_MAX;
	for (size_t i = 0; i < v->count; i++)
		if (v->units[i].state == UNIT_WAITING && v->units[i].restart_at_ms < next)
			next = v->units[i].restart_at_ms;
	return next;
}

void vigil_unit_restart(vigil_t *v, vigil_unit_t *u)
{
	u->restart_now = false;
	u->stopping = false;
	u->history.restarts = 0;
	vigil_spawn(v, u, vigil_now_ms());
}

void vigil_wait_event(const vigil_t *v, uint64_t deadline)
{
	aegis_sigset_t mask = 0;
	long r = sys_rt_sigprocmask(SIG_BLOCK, NULL, &mask, AEGIS_SIGSET_SIZE);
	if (r != 0)
		mask = wake_set();
	mask &= ~wake_set();
	aegis_pollfd_t pfds[VIGIL_POLLFDS];
	size_t nfds = vigil_conn_pollfds(v, pfds, VIGIL_POLLFDS);
	uint64_t conn_deadline = vigil_conn_deadline(v);
	if (conn_deadline < deadline)
		deadline = conn_deadline;
	if (deadline == UINT64_MAX) {
		(void)sys_ppoll(nfds ? pfds : NULL, nfds, NULL, &mask, AEGIS_SIGSET_SIZE);
		return;
	}
	uint64_t now = vigil_now_ms();
	uint64_t wait_ms = deadline > now ? deadline - now : 0;
	aegis_timespec_t ts = { (int64_t)(wait_ms / VIGIL_MS_PER_SEC), (int64_t)(wait_ms % VIGIL_MS_PER_SEC) * VIGIL_NS_PER_MS };
	(void)sys_ppoll(nfds ? pfds : NULL, nfds, &ts, &mask, AEGIS_SIGSET_SIZE);
}

static void start_all(vigil_t *v)
{
	for (size_t k = 0; k < v->order.count; k++) {
		vigil_unit_t *u = &v->units[v->order.index[k]];
		if (!vigil_boot_runs(&v->boot, u->svc->mode)) {
			vigil_log("service '%s' not started: it runs in %s mode only", u->svc->name,
				  u->svc->mode == VIGIL_MODE_TEXT ? "text" : "graphical");
			continue;
		}
		vigil_spawn(v, u, vigil_now_ms());
	}
}

void vigil_supervise(vigil_t *v)
{
	start_all(v);
	for (;;) {
		vigil_reap_all(v);
		int sig = vigil_term_signal;
		if (sig != 0) {
			vigil_term_signal = 0;
			vigil_log("signal %d received", sig);
			vigil_shutdown(v, false);
		}
		start_due(v);
		vigil_control_serve(v);
		vigil_wait_event(v, next_deadline(v));
	}
}
