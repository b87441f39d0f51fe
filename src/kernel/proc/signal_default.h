/*
 * Default actions and the choice of the next signal to deliver
 * (spec/signals.md SIG-020..024).
 *
 * signal_default_action is the table of signal(7); signal_pick chooses which
 * pending signal a thread takes next; signal_decide says what taking it means
 * under a disposition table (run the handler, terminate, dump core, stop,
 * continue, or nothing).  All pure.
 */
#ifndef AEGIS_KERNEL_PROC_SIGNAL_DEFAULT_H
#define AEGIS_KERNEL_PROC_SIGNAL_DEFAULT_H

#include <stdbool.h>

#include <aegis/signal.h>

#include "proc/signal_action.h"

/* What SIG_DFL does for a signal (signal(7) "Action"). */
typedef enum {
	SIGNAL_DEFAULT_TERM = 1, /* terminate */
	SIGNAL_DEFAULT_CORE,     /* terminate and dump core */
	SIGNAL_DEFAULT_IGN,      /* ignore */
	SIGNAL_DEFAULT_STOP,     /* stop the process */
	SIGNAL_DEFAULT_CONT,     /* continue a stopped process */
} signal_default_t;

/* What delivering a signal means for the thread that takes it. */
typedef enum {
	SIGNAL_DELIVER_NONE = 0,  /* nothing pending and deliverable */
	SIGNAL_DELIVER_IGNORE,    /* discard it */
	SIGNAL_DELIVER_HANDLER,   /* build a frame and run the handler */
	SIGNAL_DELIVER_TERMINATE, /* end the process, killed by the signal */
	SIGNAL_DELIVER_CORE,      /* end the process, killed, "core dumped" */
	SIGNAL_DELIVER_STOP,      /* stop the process */
	SIGNAL_DELIVER_CONTINUE,  /* continue (already done at generation): nothing more */
} signal_delivery_t;

/* The default action of sig; 0 for an invalid number. */
signal_default_t signal_default_action(int sig);

/* True when sig's default action is to ignore it (SIGCHLD, SIGURG, SIGWINCH, SIGCONT's). */
bool signal_default_ignores(int sig);
/* True for SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU. */
bool signal_is_stop(int sig);

/*
 * The signal a thread takes next from pending, skipping those in blocked
 * (SIGKILL and SIGSTOP are never blocked): SIGKILL when pending, else the
 * lowest-numbered one, so standard signals precede real-time ones.  0 when
 * none is deliverable.
 */
int signal_pick(aegis_sigset_t pending, aegis_sigset_t blocked);

/* What taking sig means under the disposition table. */
signal_delivery_t signal_decide(const signal_actions_t *actions, int sig);

#endif
