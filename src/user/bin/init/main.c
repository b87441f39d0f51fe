/*
 * The early init (spec/processes.md PROC-005): PID 1 of a normal boot until
 * Vigil exists (the kernel tries /bin/vigil first, so Vigil takes over by
 * being installed).  It does what every init must: it says that it runs,
 * never exits, and reaps every child and every orphan handed to it.  It
 * starts nothing itself.
 */
#include <aegis/signal.h>

#include "glue/glue.h"
#include "glue/glue_call.h"
#include "uio/uio.h"

#define INIT_ECHILD 10

/* SIGCHLD must have a handler: PID 1 receives only the signals it handles, and pause needs one to end. */
static void init_on_child(int sig)
{
	(void)sig;
}

static void init_catch_children(void)
{
	aegis_sigaction_t act = { (uint64_t)(uintptr_t)init_on_child, SA_RESTORER,
				  (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
	if (sys_rt_sigaction(SIGCHLD, &act, NULL, sizeof(aegis_sigset_t)) != 0)
		uio_printf(2, "init: cannot install the SIGCHLD handler; orphans will wait for the next child\n");
}

int main(void)
{
	uio_printf(1, "init: Aegis early init running as pid %ld (Vigil replaces it once installed)\n", sys_getpid());
	init_catch_children();
	for (;;) {
		int status = 0;
		long r = sys_wait4(-1, &status, 0, NULL);
		if (r == -INIT_ECHILD)
			(void)sys_pause(); /* no children now: an orphan's SIGCHLD ends this */
	}
}
