/*
 * The simulator's user-process mechanism: the host side that the kernel's
 * process management drives (spec/sim-process.md).
 *
 * A user process is a host child of aegis-sim running a host build of an
 * Aegis program.  It talks to us only over its channel
 * (include/aegis/sim_channel.h) and is always stopped in its glue waiting for
 * a reply, except between a reply and its next request.  This module never
 * decides anything: it starts images, receives requests, sends replies,
 * copies user memory, and reports a process that died.  Host children are
 * always reaped and every descriptor is closed by uproc_release().
 *
 * Errors are negative errno values; no function aborts on bad input.
 */
#ifndef AEGIS_SIM_UPROC_H
#define AEGIS_SIM_UPROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <aegis/sim_channel.h>

#include "platform.h"

/*
 * How long (real milliseconds) a process whose channel closed may take to
 * become a zombie before we kill it.  Only used on the abnormal path: a
 * process that closed its channel but kept running would otherwise hang us.
 */
#define UPROC_EXIT_GRACE_MS 2000

typedef struct {
	pid_t host_pid;      /* 0 when the handle is empty */
	int chan_fd;         /* kernel end of the channel, -1 when closed */
	int pid_fd;          /* pidfd of the process (its death wakes us even if a stray holds the channel) */
	bool awaiting_reply; /* stopped in the glue: a reply may be sent */
	bool dead;           /* reaped; host_status is valid */
	int host_status;     /* waitpid status once dead */
	const char *why;     /* why the process was ended by us (protocol violation ...), or NULL */
} uproc_t;

typedef enum {
	UPROC_EV_SYSCALL, /* the process made a system call and waits for a reply */
	UPROC_EV_DIED,    /* the process is gone (reaped); see host_status and why */
} uproc_event_kind_t;

typedef struct {
	uproc_event_kind_t kind;
	long nr;
	long args[SIM_CHANNEL_NARGS];
	int host_status; /* UPROC_EV_DIED: the waitpid status */
	const char *why; /* UPROC_EV_DIED: NULL for an ordinary death, else what we saw */
} uproc_event_t;

/*
 * Start image (len bytes of a host executable) with argv and envp (NULL
 * terminated).  On success the process has said HELLO and waits for its first
 * reply (uproc_reply_return(p, 0) lets it run main).  -ENOEXEC when the image
 * does not start (the child is reaped), -E2BIG for too many or too long strings.
 */
int uproc_spawn(uproc_t *p, const void *image, size_t len, char *const argv[], char *const envp[]);

/* Wait for the next request of p (which must be running, not awaiting a reply). */
int uproc_next_event(uproc_t *p, uproc_event_t *ev);

/* Reply to a waiting process: its glue call returns ret. */
int uproc_reply_return(uproc_t *p, long ret);

/* Reply SIGNAL: the glue calls the handler, then rt_sigreturn(call->old_mask, ret). */
int uproc_reply_signal(uproc_t *p, long ret, const platform_signal_call_t *call);

/*
 * Reply EXIT: the glue calls _exit(status).  Waits for the process to end and
 * reaps it; returns 0 with p->dead and p->host_status set.
 */
int uproc_reply_exit(uproc_t *p, int status);

/*
 * Replace the waiting process's image: the glue runs image via fexecve with
 * argv and envp.  On success the new image has said HELLO from the same host
 * pid and waits for its first reply.  -ENOEXEC when the new image did not
 * start (the process is then dead and reaped).
 */
int uproc_exec(uproc_t *p, const void *image, size_t len, char *const argv[], char *const envp[]);

/*
 * Reply FORK to the waiting parent: the glue makes a host child with its own
 * channel.  On success child has said HELLO and waits for its first reply;
 * the parent also waits (reply to it with the child's Aegis pid).
 */
int uproc_fork(uproc_t *parent, uproc_t *child);

/* Copy user memory of a waiting process; -EFAULT on any failure or partial copy. */
int uproc_copy_from_user(const uproc_t *p, void *dst, uint64_t user_addr, size_t len);
int uproc_copy_to_user(const uproc_t *p, uint64_t user_addr, const void *src, size_t len);

/*
 * End the process with host signal sig (SIGKILL, SIGTERM: a signal whose
 * default action terminates) and reap it: p is dead afterwards, host_status
 * says how it ended.  If it survives UPROC_EXIT_GRACE_MS it gets SIGKILL.
 */
int uproc_kill(uproc_t *p, int sig);

/*
 * Forget p: kill it if it is still alive, reap it, close its channel.  The
 * handle is empty afterwards.  Returns the waitpid status (or 0 if none).
 */
int uproc_release(uproc_t *p);

/* Does a handle of the kernel own this host pid? */
typedef bool (*uproc_known_fn)(pid_t host_pid, void *ctx);

/*
 * Kill and reap every host child of ours that known() does not claim
 * (known NULL: all of them): processes left over when a parent died in the
 * middle of a fork, or forked behind the glue's back.  Returns how many.
 */
int uproc_reap_strays(uproc_known_fn known, void *ctx);

#endif
