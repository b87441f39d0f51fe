/*
 * cttycheck: controlling terminals and sessions as programs see them
 * (spec/tty.md TTY-120..TTY-130), run as PID 1 on both builds
 * ("init=/bin/cttycheck test=init").  PID 1 holds the console; each check
 * runs in child processes that make sessions, acquire, steal and give up
 * terminals and exit, and report the first step that went wrong as their
 * exit status.  This header shares the helpers of its files: main.c (the
 * helpers, the console, exec), ct_pty.c (acquiring pseudo-terminals and
 * stealing them) and ct_hangup.c (giving up, the leader's exit, hang-up).
 */
#ifndef AEGIS_CTTYCHECK_H
#define AEGIS_CTTYCHECK_H

#include <stdbool.h>

#define CT_PATH 32          /* bytes of a /dev/pts/N path */
#define CT_CONSOLE_TTY_NR 1281 /* 5,1 in Linux's encoding */
#define CT_PTS_TTY_NR 34816    /* 136,0: /dev/pts/N is this + N */
#define CT_NO_GROUP 30000      /* a process group nobody has */
#define CT_STEAL 1             /* TIOCSCTTY's argument that steals */
#define CT_SIGNALED 0x100      /* ct_wait: added to the signal that ended a child */
#define CT_PROBE_ARG "probe"   /* argv[1] of the exec check: report /dev/tty */
#define CT_NOSTEAL_ARG "nosteal" /* argv[1] of the capability check, argv[2] the terminal */

/*
 * One step of a check in a child: count it, and end the check with the
 * step's number when cond is false.  Each check function has `int step = 0`.
 */
#define CT_STEP(cond)                      \
	do {                               \
		step++;                    \
		if (!(cond))               \
			return step;       \
	} while (0)

/* A pseudo-terminal pair opened by PID 1: the master, unlocked; the slave's index and path. */
typedef struct {
	int master;
	unsigned index;
	char path[CT_PATH];
} ct_pair_t;

/* Open a pair (the master with O_NOCTTY) and unlock its slave: 0 or -errno. */
long ct_pair_open(ct_pair_t *pp);

/* One check: a new pair, fn(the ct_pair_t) in a child, "ok - id text" when it ends with 0; the master is closed after. */
void ct_pair_check(int (*fn)(void *pp), const char *id, const char *text);

/* Run fn in a child and wait for it: its exit code, or CT_SIGNALED + the signal that ended it. */
int ct_run(int (*fn)(void *arg), void *arg);
/* Wait for pid: as ct_run. */
int ct_wait(long pid);

/* Open /dev/tty read-write: the descriptor or -errno. */
long ct_open_tty(void);
/* Does /dev/tty open, and does it reach the terminal whose session is sid? */
bool ct_tty_is(long sid);
/* The session the terminal on fd controls (TIOCGSID), or -errno. */
long ct_sid(int fd);
/* The foreground group of the terminal on fd (TIOCGPGRP), or -errno. */
long ct_pgrp(int fd);
/* TIOCSPGRP: 0 or -errno. */
long ct_set_pgrp(int fd, long pgrp);
/* tty_nr and tpgid of /proc/<pid>/stat (pid 0: self): 0 or -1 when it cannot be read. */
int ct_stat(long pid, long *tty_nr, long *tpgid);

/*
 * In a child: execute cttycheck as a new session (exec leaves only the
 * baseline PROC_READ(READ)) that must be refused the terminal at path
 * (char *) with EPERM, and ENOCAP when stealing: its exit code, 0 when so.
 */
int ct_nosteal(void *path);

/* Catch SIGHUP and SIGCONT, counting them. */
void ct_catch_hangup(void);
/*
 * Wait (2 s at most) for SIGHUP and SIGCONT: true when each came once.  Sent
 * in that order, both may be pending together, and then the handler of the
 * later one can run first (as on Linux), so the order is not checked here.
 */
bool ct_await_hangup(void);
/* Did any SIGHUP arrive? */
bool ct_hup_seen(void);
/* Wait (2 s at most) for a SIGHUP: true when one came. */
bool ct_await_hup(void);
/* Sleep a little (10 ms): for loops that wait for another process. */
void ct_nap(void);

/* Pipes between a check's processes: one byte each way. */
void ct_signal_fd(int fd);
void ct_await_fd(int fd);

void ct_pty_checks(void);
void ct_hangup_checks(void);

#endif
