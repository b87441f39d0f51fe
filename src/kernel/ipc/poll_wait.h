/*
 * The one wait queue poll sleeps on (spec/filesystems.md FS-060..): every
 * file kind whose readiness can change (pipes, the console) calls
 * poll_notify when it does, and poll callers re-check all their
 * descriptors.  Spurious wake-ups cost a re-check; a missed one cannot
 * happen, since a change always notifies.
 */
#ifndef AEGIS_KERNEL_IPC_POLL_WAIT_H
#define AEGIS_KERNEL_IPC_POLL_WAIT_H

#include "sched/sched.h"

/* poll(2) event bits, Linux values. */
#define POLL_IN 0x001u
#define POLL_PRI 0x002u
#define POLL_OUT 0x004u
#define POLL_ERR 0x008u
#define POLL_HUP 0x010u
#define POLL_NVAL 0x020u
#define POLL_RDNORM 0x040u
#define POLL_WRNORM 0x100u

/* The queue poll sleeps on. */
waitq_t *poll_waitq(void);

/* Readiness of something changed: wake every poller. */
void poll_notify(void);

#endif
