/*
 * Waiting for signals and the signal stack: rt_sigsuspend, pause,
 * rt_sigpending and sigaltstack (spec/processes.md PROC-094, spec/signals.md
 * for the rules behind them).
 *
 * rt_sigsuspend swaps in the caller's mask and sleeps until a signal is
 * deliverable; it answers -ERESTARTNOHAND, so it ends with -EINTR when a
 * handler runs and goes back to sleep when none does.  The mask from before
 * the call is kept in the process: a handler's frame carries it (so
 * rt_sigreturn restores it), and proc_signal_deliver puts it back when no
 * handler runs.
 */
#include <aegis/errno.h>
#include <aegis/signal.h>

#include "proc/proc_internal.h"
#include "proc/signal_altstack.h"
#include "proc/signal_mask.h"
#include "proc/signal_restart.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

/* Sleep until a signal is deliverable (nothing wakes this queue but the signal). */
static int64_t signal_wait_any(process_t *p)
{
	waitq_t nobody = WAITQ_INIT;
	while (!proc_signal_pending(p))
		(void)sched_sleep(&nobody, SCHED_NO_DEADLINE);
	return -SIGNAL_ERESTARTNOHAND;
}

SYSCALL_HANDLER(rt_sigsuspend)
{
	int r = proc_signal_mask_swap(p, args->a[0], (size_t)args->a[1]);
	return r != 0 ? r : signal_wait_any(p);
}

SYSCALL_HANDLER(pause)
{
	(void)args;
	return signal_wait_any(p);
}

SYSCALL_HANDLER(rt_sigpending)
{
	aegis_sigset_t out;
	int r = signal_mask_pending(p->sig_queue.set, p->sig_blocked, &out, (size_t)args->a[1]);
	if (r != 0)
		return r;
	return copy_to_user(p, args->a[0], &out, sizeof(out)) != 0 ? -EFAULT : 0;
}

/* In the sim a handler runs on the program's own stack (its glue calls it): the setting is kept all the same. */
SYSCALL_HANDLER(sigaltstack)
{
	aegis_stack_t ss, old;
	const aegis_stack_t *ssp = NULL;
	if (args->a[0]) {
		if (copy_from_user(p, &ss, args->a[0], sizeof(ss)) != 0)
			return -EFAULT;
		ssp = &ss;
	}
	signal_altstack_t next = p->sig_altstack;
	int r = signal_altstack_set(&next, ssp, &old, platform_user_regs(p->user)->rsp);
	if (r != 0)
		return r;
	if (args->a[1] && copy_to_user(p, args->a[1], &old, sizeof(old)) != 0)
		return -EFAULT;
	p->sig_altstack = next;
	return 0;
}
