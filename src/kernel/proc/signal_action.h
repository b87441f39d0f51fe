/*
 * The per-process disposition table and the rules of rt_sigaction, fork,
 * exec and handler entry (spec/signals.md SIG-010..019).
 *
 * Design: signal_actions_t is a plain array of the ABI's kernel sigaction,
 * embedded in the process, so fork is a copy.  The system-call layer copies
 * the program's struct in (32 bytes) and the old one out; everything between
 * is here.  A refused call changes nothing.
 */
#ifndef AEGIS_KERNEL_PROC_SIGNAL_ACTION_H
#define AEGIS_KERNEL_PROC_SIGNAL_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include <aegis/signal.h>

/* The SA_* bits Aegis keeps; any other bit a program passes is dropped. */
#define SIGNAL_SA_KNOWN                                                                     \
	((uint64_t)SA_NOCLDSTOP | (uint64_t)SA_NOCLDWAIT | (uint64_t)SA_SIGINFO |           \
	 (uint64_t)SA_RESTORER | (uint64_t)SA_ONSTACK | (uint64_t)SA_RESTART |              \
	 (uint64_t)SA_NODEFER | (uint64_t)SA_RESETHAND)

typedef struct {
	aegis_kernel_sigaction_t act[AEGIS_NSIG]; /* act[n - 1] for signal n */
} signal_actions_t;

/* Every signal SIG_DFL with no flags and an empty mask (the first process). */
void signal_actions_init(signal_actions_t *actions);

/* Fork: dst becomes a copy of src. */
void signal_actions_fork(signal_actions_t *dst, const signal_actions_t *src);

/*
 * Exec: caught signals go back to SIG_DFL, ignored ones stay ignored; every
 * entry loses its flags, restorer and mask (the blocked mask and pending set
 * of the thread are kept by the caller).
 */
void signal_actions_exec(signal_actions_t *actions);

/*
 * rt_sigaction(sig, act, oldact, sigsetsize).  act and oldact may be NULL.
 * 0, or -EINVAL for a bad number, a sigsetsize other than AEGIS_SIGSET_SIZE,
 * or a new action for SIGKILL/SIGSTOP.  The stored action has SIGKILL and
 * SIGSTOP removed from its mask and unknown flags dropped.  When the new
 * action ignores sig (SIG_IGN, or SIG_DFL for a signal ignored by default),
 * sig is removed from *pending (pending may be NULL).
 */
int signal_action_set(signal_actions_t *actions, int sig, const aegis_kernel_sigaction_t *act,
                      aegis_kernel_sigaction_t *oldact, size_t sigsetsize, aegis_sigset_t *pending);

/* The action of sig (NULL for an invalid number). */
const aegis_kernel_sigaction_t *signal_action_get(const signal_actions_t *actions, int sig);

/* True when sig would be discarded on arrival: SIG_IGN, or SIG_DFL and ignored by default. */
bool signal_action_ignores(const signal_actions_t *actions, int sig);

/*
 * A handler is about to run for sig: *used receives the action to build the
 * frame with; *blocked gains the action's mask and sig itself (unless
 * SA_NODEFER); SA_RESETHAND puts the disposition back to SIG_DFL.
 * 0, or -EINVAL when sig has no handler.
 */
int signal_action_enter(signal_actions_t *actions, int sig, aegis_sigset_t *blocked,
                        aegis_kernel_sigaction_t *used);

/*
 * SIGCHLD rules of the parent: should a child's stop or continue (cld_code
 * AEGIS_CLD_STOPPED / AEGIS_CLD_CONTINUED) raise SIGCHLD?  False with
 * SA_NOCLDSTOP; always true for the other codes.
 */
bool signal_chld_wanted(const signal_actions_t *parent, int cld_code);
/* Children reap themselves (no zombie): SIGCHLD is SIG_IGN or has SA_NOCLDWAIT. */
bool signal_chld_autoreap(const signal_actions_t *parent);

#endif
