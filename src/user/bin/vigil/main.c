/*
 * Vigil's entry (spec/vigil.md VIG-100..107): PID 1 of a normal boot.  It
 * takes SIGCHLD before anything can exit, reads the boot mode, loads the
 * services (or the built-in getty when there are none), orders them with
 * the library and supervises them forever.
 */
#include "glue/glue.h"
#include "vigil.h"

static vigil_t vigil;

int main(void)
{
	vigil_log("starting (pid %ld)", sys_getpid());
	vigil_signals_init();
	vigil_boot_read(&vigil.boot);
	vigil_control_open(&vigil);
	vigil_load_all(&vigil);
	if (vigil.count == 0)
		vigil_add_getty(&vigil);
	(void)vigil_order_start(vigil.services, vigil.count, &vigil.order, vigil_log_report, NULL);
	vigil_supervise(&vigil);
}
