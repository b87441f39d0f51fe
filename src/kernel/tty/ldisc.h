/*
 * The TTY line discipline (spec/tty.md): a pure state machine between a terminal
 * device and its readers.
 *
 * Design: one ring of TTY_QUEUE_MAX entries holds the input, split by three
 * running counters: [head, commit) is readable, [commit, tail) is the line being
 * edited (canonical mode; empty otherwise).  A parallel byte per entry records
 * whether it ends a line, whether it is a VEOF mark (which a read consumes but
 * never copies) and how many columns its echo took (for erase).  The edges are
 * callbacks: output bytes (echo and program output, already post-processed),
 * "signal this process group", and "a waiting reader may progress".  Reads never
 * block here: tty_ldisc_read either copies bytes or says how long to wait.
 */
#ifndef AEGIS_KERNEL_TTY_LDISC_H
#define AEGIS_KERNEL_TTY_LDISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/termios.h>

/* Longest line being edited in canonical mode, in bytes (as Linux). */
#define TTY_LINE_MAX 4095
/* Input queue entries: completed lines, the line being edited, VEOF marks. */
#define TTY_QUEUE_MAX 4096

/* Signals the line discipline sends (Linux x86_64 numbers). */
#define TTY_SIGINT 2
#define TTY_SIGQUIT 3
#define TTY_SIGTSTP 20
#define TTY_SIGWINCH 28

typedef struct tty_ldisc_ops {
	/* Bytes for the screen or serial line; may be NULL (output discarded). */
	void (*output)(void *ctx, const uint8_t *bytes, size_t len);
	/* Send signal sig to process group pgrp; may be NULL. */
	void (*signal)(void *ctx, int32_t pgrp, int sig);
	/* A waiting reader may now progress; may be NULL. */
	void (*wake)(void *ctx);
	void *ctx;
} tty_ldisc_ops_t;

typedef struct tty_ldisc_stats {
	uint64_t dropped;        /* input bytes refused because a bound was reached */
	uint64_t signals_unsent; /* signals not sent: no foreground group */
} tty_ldisc_stats_t;

typedef struct tty_ldisc {
	aegis_termios_t termios;
	aegis_winsize_t winsize;
	int32_t fg_pgrp;
	tty_ldisc_ops_t ops;
	tty_ldisc_stats_t stats;
	size_t head;   /* first unread entry */
	size_t commit; /* end of the readable entries */
	size_t tail;   /* end of the line being edited */
	size_t column; /* output column, for tabs and ONOCR */
	uint64_t last_input_ns; /* when the last byte was queued (VTIME) */
	uint8_t data[TTY_QUEUE_MAX];
	uint8_t meta[TTY_QUEUE_MAX];
} tty_ldisc_t;

typedef enum {
	TTY_READ_DONE, /* the return value is the byte count (0 = end of file or nothing) */
	TTY_READ_WAIT, /* nothing to return yet: wait for wake or the deadline */
} tty_read_status_t;

typedef struct tty_read_result {
	tty_read_status_t status;
	bool has_deadline;    /* TTY_READ_WAIT: false = wait for input only */
	uint64_t deadline_ns; /* TTY_READ_WAIT: call again at this time at the latest */
} tty_read_result_t;

/* Reset ld to the defaults of TTY-002 with these callbacks (ops may be NULL). */
void tty_ldisc_init(tty_ldisc_t *ld, const tty_ldisc_ops_t *ops);

/* Feed bytes from the device at time now_ns (input processing, echo, signals). */
void tty_ldisc_receive(tty_ldisc_t *ld, const uint8_t *bytes, size_t len, uint64_t now_ns);

/*
 * Try a read of up to cap bytes at now_ns, for a read that started at
 * start_ns.  Returns the byte count copied into buf with status TTY_READ_DONE,
 * or 0 with TTY_READ_WAIT and the deadline in res.
 */
size_t tty_ldisc_read(tty_ldisc_t *ld, uint8_t *buf, size_t cap, uint64_t start_ns, uint64_t now_ns,
		      tty_read_result_t *res);

/* Program output through output processing; returns len. */
size_t tty_ldisc_write(tty_ldisc_t *ld, const uint8_t *bytes, size_t len);

/*
 * The terminal ioctls of spec/tty.md section 7.  arg points to a kernel copy of
 * the argument: aegis_termios_t (TCGETS, TCSETS*), aegis_winsize_t (TIOC[GS]WINSZ)
 * or int32_t (TCFLSH, TIOC[GS]PGRP, FIONREAD; TCFLSH's value is passed by the
 * caller through this int32_t too).  Returns 0, -EINVAL, -EFAULT or -ENOTTY.
 */
int tty_ldisc_ioctl(tty_ldisc_t *ld, uint32_t cmd, void *arg);

/* Entries queued (readable + being edited + VEOF marks), and the edit line's length. */
size_t tty_ldisc_queued(const tty_ldisc_t *ld);
size_t tty_ldisc_edit_len(const tty_ldisc_t *ld);

#endif
