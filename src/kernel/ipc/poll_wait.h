/*
 * The one wait queue poll sleeps on (spec/filesystems.md FS-060..): every
 * file kind whose readiness can change (pipes, the console) calls
 * poll_notify when it does (interrupt handlers too), and poll callers
 * re-check all their descriptors.  Spurious wake-ups cost a re-check; a
 * missed one cannot happen: a change always notifies, and a notification
 * after a caller's scan is seen through the generation count.
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

struct file;
struct process;

/* What a file is ready for now (POLL_* bits): its poll op, or readable and writable. */
uint32_t poll_file_events(struct file *f);

/*
 * The count of notifications so far.  A poller reads it before it scans its
 * descriptors and hands it to poll_wait_once, so a notification that comes
 * between the scan and the sleep (an interrupt's, FS-065) is never lost.
 */
uint64_t poll_generation(void);

/*
 * Sleep until something notifies, the deadline passes or a signal is pending
 * for p: 0 (look again), -ETIMEDOUT (the deadline has passed) or -EINTR.
 * When anything notified since generation seen, returns 0 at once.
 */
int poll_wait_once(struct process *p, uint64_t deadline_ns, uint64_t seen);

/* The deadline of a millisecond timeout (negative: none) from now. */
uint64_t poll_deadline_ms(int timeout_ms);

/* The deadline of the user timespec at uts from now: 0, -EFAULT or -EINVAL (a bad timespec). */
int poll_deadline_timespec(struct process *p, uint64_t uts, uint64_t *deadline_ns);

/* The queue poll sleeps on. */
waitq_t *poll_waitq(void);

/* Readiness of something changed: wake every poller. */
void poll_notify(void);

#endif
