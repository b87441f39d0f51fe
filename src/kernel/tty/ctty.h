/*
 * Controlling terminals (spec/tty.md TTY-120..TTY-129): which session each
 * terminal controls, and the rules that tie them together.  A terminal that
 * can control a session (the console, each pseudo-terminal slave) embeds a
 * tty_ctty_t and registers it while it exists; a process's controlling
 * terminal is the registered terminal of its session, unless the process
 * gave it up with TIOCNOTTY (process_t.ctty_dropped).  The foreground group
 * lives in the terminal's line discipline (ld->fg_pgrp).
 */
#ifndef AEGIS_KERNEL_TTY_CTTY_H
#define AEGIS_KERNEL_TTY_CTTY_H

#include <stdbool.h>
#include <stdint.h>

#include "proc/fdtable.h"
#include "proc/process.h"
#include "tty/ldisc.h"

#define CTTY_NO_SESSION 0
#define CTTY_NO_PGRP (-1) /* tpgid without a controlling terminal or foreground group */

struct tty_ctty;
/* A new file on the terminal, as opening it by name gives: 0 or -errno. */
typedef int (*tty_ctty_open_fn)(struct tty_ctty *t, process_t *p, uint32_t flags, file_t **out);

typedef struct tty_ctty {
	int sid;               /* the session it controls, CTTY_NO_SESSION for none */
	tty_ldisc_t *ld;       /* its line discipline: the foreground group */
	uint32_t major, minor; /* its device number (/proc/<pid>/stat's tty_nr) */
	tty_ctty_open_fn open; /* what /dev/tty opens */
	void *owner;           /* the terminal's own object, for open */
	struct tty_ctty *next; /* the registry */
} tty_ctty_t;

/* Set up t for a terminal with line discipline ld (no session), and register it. */
void ctty_register(tty_ctty_t *t, tty_ldisc_t *ld, uint32_t major, uint32_t minor, tty_ctty_open_fn open,
		   void *owner);
/* The terminal goes away: it controls nothing and is never found again. */
void ctty_unregister(tty_ctty_t *t);

/* p's controlling terminal, or NULL. */
tty_ctty_t *ctty_of(const process_t *p);

/* An open of t by p with open flags (TTY-120): acquire it when the rules allow. */
void ctty_open_acquire(tty_ctty_t *t, process_t *p, uint32_t flags);

/* Make t the controlling terminal of p's session (p its leader), with p's group in the foreground. */
void ctty_attach(tty_ctty_t *t, process_t *p);

/* /dev/tty (TTY-124): a new file on p's controlling terminal, -ENXIO without one. */
int ctty_open_current(process_t *p, uint32_t flags, file_t **out);

/* t controls no session any more and has no foreground group (nobody is signalled). */
void ctty_disassociate(tty_ctty_t *t);

/* The leader gives t up (TTY-123, TTY-127): SIGHUP then SIGCONT to the foreground group, disassociate. */
void ctty_session_hangup(tty_ctty_t *t);

/* The session leader p exits (TTY-127): SIGHUP and SIGCONT to the foreground group, disassociate. */
void ctty_leader_exit(process_t *p);

/* /proc/<pid>/stat (TTY-129): tty_nr (0 without a controlling terminal) and tpgid (-1). */
uint32_t ctty_tty_nr(const process_t *p);
int ctty_tpgid(const process_t *p);

/* Which side of a terminal an ioctl came through. */
typedef enum {
	TTY_SIDE_TERMINAL, /* the console or a pseudo-terminal slave */
	TTY_SIDE_MASTER,   /* a pseudo-terminal master: its slave's terminal */
} tty_side_t;

/* Is t the caller's controlling terminal? */
bool ctty_is_callers(const tty_ctty_t *t, const process_t *p);

/*
 * The session ioctls (TTY-122, TTY-123, TTY-126): TIOCSCTTY, TIOCNOTTY and
 * TIOCGSID on t from p through side: 0, -EPERM, -ENOCAP, -ENOTTY, -EFAULT.
 * Any other command: -ENOTTY.
 */
int64_t ctty_ioctl(tty_ctty_t *t, tty_side_t side, process_t *p, uint32_t cmd, uint64_t arg);
#endif
