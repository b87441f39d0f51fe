/*
 * shpause: a test helper for the shell's system tests (tests/shell).
 *   shpause          says "shpause: waiting" and waits for a signal with no
 *                    deadline, so the sim types the next --input line (a
 *                    Ctrl-C or Ctrl-Z) while it runs in the foreground; it
 *                    sets no handler, so SIGINT ends it and SIGTSTP stops it.
 *   shpause N        exits N right away (exit statuses).
 *   shpause signals  prints how it found the job-control signals
 *                    ("INT=default ..."): what the shell left its command.
 *   shpause parent   sends its parent each job-control signal, then says
 *                    "shpause: signalled PID" (an interactive shell ignores them).
 */
#include <stdlib.h>
#include <string.h>

#include <aegis/signal.h>

#include "glue/glue.h"
#include "uio/uio.h"

typedef struct {
	int sig;
	const char *name;
} shpause_signal_t;

static const shpause_signal_t shpause_signals[] = {
	{ SIGINT, "INT" }, { SIGQUIT, "QUIT" }, { SIGTSTP, "TSTP" }, { SIGTTIN, "TTIN" }, { SIGTTOU, "TTOU" },
};

#define SHPAUSE_NSIGNALS (sizeof(shpause_signals) / sizeof(shpause_signals[0]))

static const char *shpause_disposition(int sig)
{
	aegis_sigaction_t old = { 0 };

	if (sys_rt_sigaction(sig, NULL, &old, AEGIS_SIGSET_SIZE) < 0)
		return "unknown";
	return old.handler == AEGIS_SIG_DFL ? "default" : old.handler == AEGIS_SIG_IGN ? "ignored" : "caught";
}

static int shpause_show_signals(void)
{
	for (size_t i = 0; i < SHPAUSE_NSIGNALS; i++)
		uio_printf(1, "%s=%s%s", shpause_signals[i].name, shpause_disposition(shpause_signals[i].sig),
			   i + 1 < SHPAUSE_NSIGNALS ? " " : "\n");
	return 0;
}

static int shpause_signal_parent(void)
{
	int parent = (int)sys_getppid();

	for (size_t i = 0; i < SHPAUSE_NSIGNALS; i++)
		if (sys_kill(parent, shpause_signals[i].sig) < 0)
			return 1;
	uio_printf(1, "shpause: signalled %d\n", parent);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "signals") == 0)
		return shpause_show_signals();
	if (argc > 1 && strcmp(argv[1], "parent") == 0)
		return shpause_signal_parent();
	if (argc > 1)
		return atoi(argv[1]);
	uio_write_str(1, "shpause: waiting\n");
	for (;;)
		sys_pause();
}
