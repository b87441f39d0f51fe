/*
 * The console terminal (spec/tty.md TTY-100..): the line discipline of
 * tty/ldisc.c between the console's input (serial, through
 * kernel_console_input) and its output (serial and screen), with blocking
 * reads, the terminal ioctls and a foreground process group that Ctrl-C and
 * friends signal.
 *
 * Input bytes arrive in interrupt context and only go into a ring; the
 * console task (a kernel task started by console_tty_start) feeds them to the
 * line discipline in task context, where echo, signals and reader wake-ups
 * happen, so a Ctrl-C reaches the foreground group even when nobody reads.
 */
#ifndef AEGIS_KERNEL_TTY_CONSOLE_TTY_H
#define AEGIS_KERNEL_TTY_CONSOLE_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proc/process.h"

#define CONSOLE_INPUT_RING 1024u /* bytes queued between the interrupt and the console task */
#define CONSOLE_MAJOR 5u         /* /dev/console is 5,1 */
#define CONSOLE_MINOR 1u

/* Set up the line discipline and start console input ([CONSOLE] marker); before the scheduler starts. */
void console_tty_start(void);

/*
 * A read of up to len bytes into a kernel buffer: the count, -EAGAIN when
 * nonblock and nothing is ready, or -ERESTARTSYS when a signal came first.
 */
int64_t console_tty_read(process_t *p, void *buf, size_t len, bool nonblock);

/* Program output through the line discipline's output processing. */
int64_t console_tty_write(const void *buf, size_t len);

/* A terminal ioctl from p with a user argument: 0 (or a count), -EFAULT, -EINVAL, -EPERM, -ENOTTY. */
int64_t console_tty_ioctl(process_t *p, uint32_t cmd, uint64_t arg);

/*
 * p opened the console with open flags (PID 1's descriptors, /dev/console):
 * it becomes p's controlling terminal when spec/tty.md TTY-120 allows.
 */
void console_tty_opened(process_t *p, uint32_t flags);

/* poll readiness: always writable, readable when a read would return bytes now. */
uint32_t console_tty_poll(void);

/* Input bytes the ring had to drop because the console task was behind. */
uint64_t console_tty_dropped(void);

#endif
