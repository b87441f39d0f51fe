/*
 * Shutdown and reboot (spec/vigil.md VIG-116): SIGTERM to every running
 * service in the stop order (the reverse of the start order), a wait of at
 * most VIGIL_SHUTDOWN_WAIT_MS while reaping, SIGKILL for every straggler,
 * a last reap, sync, then reboot(2) with power-off or restart.  The control
 * socket and its connections are closed meanwhile.
 */
#include <stdbool.h>

#include <aegis/linux_abi.h>
#include <aegis/signal.h>

#include "glue/glue.h"
#include "vigil.h"

static bool any_running(const vigil_t *v)
{
	for (size_t i = 0; i < v->count; i++)
		if (v->units[i].state == UNIT_RUNNING)
			return true;
	return false;
}

/* Reap and sleep until nothing runs or deadline (ms, UINT64_MAX: none) has passed. */
static void wait_all_ended(vigil_t *v, uint64_t deadline)
{
	for (;;) {
		vigil_reap_all(v);
		if (!any_running(v) || vigil_now_ms() >= deadline)
			return;
		vigil_wait_event(v, deadline);
	}
}

void vigil_shutdown(vigil_t *v, bool restart)
{
	vigil_log("shutting down");
	/* No more requests: a waiting one would wake every sleep below at once. */
	vigil_control_close(v);
	for (size_t k = v->order.count; k-- > 0;) {
		vigil_unit_t *u = &v->units[v->order.index[k]];
		u->restart_now = false;
		if (u->state == UNIT_WAITING)
			u->state = UNIT_STOPPED;
		if (u->state != UNIT_RUNNING)
			continue;
		vigil_log("stopping '%s' (pid %ld)", u->svc->name, u->pid);
		u->stopping = true;
		(void)sys_kill((int)u->pid, SIGTERM);
	}
	wait_all_ended(v, vigil_now_ms() + VIGIL_SHUTDOWN_WAIT_MS);
	for (size_t i = 0; i < v->count; i++) {
		vigil_unit_t *u = &v->units[i];
		if (u->state != UNIT_RUNNING)
			continue;
		vigil_log("service '%s' (pid %ld) did not stop within %u ms; killing it", u->svc->name, u->pid,
			  VIGIL_SHUTDOWN_WAIT_MS);
		(void)sys_kill((int)u->pid, SIGKILL);
	}
	wait_all_ended(v, UINT64_MAX);
	(void)sys_sync();
	vigil_log("%s", restart ? "restarting" : "powering off");
	long r = sys_reboot(AEGIS_REBOOT_MAGIC1, AEGIS_REBOOT_MAGIC2,
			    restart ? AEGIS_REBOOT_CMD_RESTART : AEGIS_REBOOT_CMD_POWER_OFF, NULL);
	vigil_log("reboot failed (error %ld); still supervising", r);
	vigil_control_open(v);
}
