/*
 * Generating a signal: what arrives in the pending set and what the caller
 * must do about stopped processes and sleeping threads (spec/signals.md
 * SIG-025..028).
 *
 * Pending signals are a set: a signal already pending is not queued twice
 * (real-time signals too: Aegis does not queue several instances yet).
 */
#ifndef AEGIS_KERNEL_PROC_SIGNAL_PENDING_H
#define AEGIS_KERNEL_PROC_SIGNAL_PENDING_H

#include <aegis/signal.h>

#include "proc/signal_action.h"

/* Result bits of signal_generate. */
#define SIGNAL_GEN_QUEUED 0x1u    /* sig is now in the pending set */
#define SIGNAL_GEN_WAKE 0x2u      /* queued and not blocked: interrupt a sleep, deliver soon */
#define SIGNAL_GEN_RESUME 0x4u    /* a stopped process must run again (SIGCONT, SIGKILL) */
#define SIGNAL_GEN_CONTINUED 0x8u /* SIGCONT: tell the parent CLD_CONTINUED if it was stopped */

/*
 * sig arrives for a thread with the given disposition table and blocked set.
 * SIGCONT removes pending stop signals; a stop signal removes a pending
 * SIGCONT; a signal that is ignored (signal_action_ignores) and not blocked
 * is discarded.  SIGNAL_GEN_* bits (>= 0), or -EINVAL for a bad number.
 */
int signal_generate(const signal_actions_t *actions, aegis_sigset_t blocked, aegis_sigset_t *pending, int sig);

#endif
