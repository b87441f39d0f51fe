/*
 * Exit statuses (spec/shell.md SH-030..SH-033): a wait4 status word into the
 * number $? shows, and the statuses the shell itself gives.
 */
#ifndef AEGIS_SH_STATUS_H
#define AEGIS_SH_STATUS_H

#define SH_STATUS_OK 0
#define SH_STATUS_FAIL 1          /* a builtin failed */
#define SH_STATUS_SYNTAX 2        /* a syntax error or a bound exceeded */
#define SH_STATUS_NOEXEC 126      /* found but not runnable */
#define SH_STATUS_NOTFOUND 127    /* command not found */
#define SH_STATUS_SIGNAL_BASE 128 /* 128 + the signal that ended or stopped it */

/* The status a wait4 status word stands for: exit code, or 128 + signal. */
int sh_status_of_wait(int wstatus);
/* Whether the wait status says stopped (not ended). */
int sh_status_stopped(int wstatus);
/* The signal that ended the process, or 0 when it exited. */
int sh_status_signal(int wstatus);

#endif
