/*
 * Signals between processes: generation, the check before every return to
 * user mode, and default actions (spec/signals.md for the rules,
 * spec/processes.md for their use).
 *
 * Handlers run through signal frames where the platform pages user memory
 * (proc_signal_frame.c); a stop signal's default action is not supported
 * yet (job control arrives with the TTY), so it is treated as ignored and
 * said so once.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>

#include "core/log.h"
#include "proc/proc_cap.h"
#include "proc/proc_internal.h"
#include "proc/signal_default.h"
#include "proc/signal_info.h"
#include "proc/signal_mask.h"
#include "proc/signal_pending.h"
#include "proc/signal_set.h"
#include "proc/usercopy.h"
#include "proc/wait_status.h"

void proc_signal_post(process_t *p, const aegis_siginfo_t *info)
{
	if (!p || p->state != PROC_ALIVE)
		return;
	int r = signal_queue_post(&p->sig_queue, &p->sig_actions, p->sig_blocked, info);
	if (r > 0 && (r & SIGNAL_GEN_WAKE) && p->task)
		sched_interrupt(p->task);
}

void proc_signal_send(process_t *p, int sig)
{
	aegis_siginfo_t info;
	if (signal_info_kernel(&info, sig) == 0)
		proc_signal_post(p, &info);
}

void proc_signal_force(process_t *p, const aegis_siginfo_t *info)
{
	(void)signal_queue_force(&p->sig_queue, &p->sig_actions, &p->sig_blocked, info);
}

bool proc_signal_pending(const process_t *p)
{
	return signal_pick(p->sig_queue.set, p->sig_blocked) != 0;
}

void proc_signal_deliver(process_t *p)
{
	for (;;) {
		int sig = signal_pick(p->sig_queue.set, p->sig_blocked);
		if (sig == 0) {
			if (p->sig_restore_saved) {
				/* rt_sigsuspend and no handler ran: its temporary mask goes. */
				p->sig_blocked = p->sig_saved_mask;
				p->sig_restore_saved = false;
			}
			return;
		}
		aegis_siginfo_t info;
		(void)signal_queue_take(&p->sig_queue, sig, &info);
		switch (signal_decide(&p->sig_actions, sig)) {
		case SIGNAL_DELIVER_TERMINATE:
		case SIGNAL_DELIVER_CORE:
			/* No core files: the status never claims one was written. */
			proc_exit_current(wait_status_killed(sig, false));
		case SIGNAL_DELIVER_HANDLER:
			if (proc_signal_run_handler(p, &info) < 0) {
				printk("[PROC] pid %d (%s): cannot deliver signal %d (bad stack): SIGSEGV\n", p->pid, p->name,
				       sig);
				proc_exit_current(wait_status_killed(SIGSEGV, false));
			}
			return; /* one frame at a time: the rest after the handler's sigreturn or next entry */
		case SIGNAL_DELIVER_STOP:
			printk("[PROC] pid %d (%s): stop signal %d ignored (no job control yet)\n", p->pid, p->name, sig);
			break;
		case SIGNAL_DELIVER_IGNORE:
		case SIGNAL_DELIVER_CONTINUE:
		case SIGNAL_DELIVER_NONE:
			break;
		}
	}
}

/*
 * Who may signal whom (spec/capability-model.md CAP-112): PID 1 only with
 * POWER(R) (unless it signals itself); then the sender itself, its children
 * and its process group freely; then the POSIX credential rule (the
 * sender's real or effective user ID matches the target's real or saved
 * one; uid 0 is not special, CRED-047); anyone else with PROC_READ(W).
 * 0 or -ENOCAP.
 */
static int proc_may_signal(const process_t *sender, const process_t *target)
{
	if (target->pid == PROC_INIT_PID && target != sender)
		return proc_cap_require(sender, CAP_KIND_POWER, CAP_RIGHTS_READ);
	if (target == sender || target->parent == sender || target->pgid == sender->pgid)
		return 0;
	const cred_t *s = &sender->cred;
	const cred_t *t = &target->cred;
	if (s->ruid == t->ruid || s->ruid == t->suid || s->euid == t->ruid || s->euid == t->suid)
		return 0;
	return proc_cap_require(sender, CAP_KIND_PROC_READ, CAP_RIGHTS_WRITE);
}

/* PID 1 only receives signals it has a handler for (or SIGCHLD-like ignores): it cannot be killed. */
static bool proc_init_refuses(const process_t *target, int sig)
{
	if (target->pid != PROC_INIT_PID || sig == 0)
		return false;
	const aegis_kernel_sigaction_t *act = signal_action_get(&target->sig_actions, sig);
	return !act || act->handler == AEGIS_SIG_DFL || act->handler == AEGIS_SIG_IGN;
}

static int proc_kill_one(process_t *sender, process_t *target, int sig, int si_code)
{
	int allowed = proc_may_signal(sender, target);
	if (allowed != 0)
		return allowed;
	if (sig != 0 && !proc_init_refuses(target, sig)) {
		aegis_siginfo_t info;
		if (signal_info_kill(&info, sig, sender->pid, sender->cred.ruid) == 0) {
			info.si_code = si_code;
			proc_signal_post(target, &info);
		}
	}
	return 0;
}

int proc_kill_thread(process_t *sender, int tgid, int tid, int sig)
{
	if (tid <= 0 || tgid == 0 || tgid < -1)
		return -EINVAL;
	process_t *target = proc_find(tid);
	/* One thread per process: a thread ID is its process's ID. */
	if (!target || target->state != PROC_ALIVE || (tgid > 0 && target->pid != tgid))
		return -ESRCH;
	return proc_kill_one(sender, target, sig, AEGIS_SI_TKILL);
}

int proc_kill(process_t *sender, int pid, int sig)
{
	if (pid > 0) {
		process_t *target = proc_find(pid);
		if (!target || target->state != PROC_ALIVE)
			return -ESRCH;
		return proc_kill_one(sender, target, sig, AEGIS_SI_USER);
	}
	int group = pid == 0 ? sender->pgid : -pid;
	bool found = false, allowed = false;
	for (unsigned slot = 0; slot < PROC_MAX; slot++) {
		process_t *target = proc_slot(slot);
		if (!target || target->state != PROC_ALIVE)
			continue;
		if (pid == -1 ? (target->pid == PROC_INIT_PID || target == sender) : target->pgid != group)
			continue;
		found = true;
		if (proc_kill_one(sender, target, sig, AEGIS_SI_USER) == 0)
			allowed = true;
	}
	if (!found)
		return -ESRCH;
	return allowed ? 0 : -ENOCAP;
}

void proc_signal_group(int pgid, int sig)
{
	for (unsigned slot = 0; slot < PROC_MAX; slot++) {
		process_t *target = proc_slot(slot);
		if (target && target->state == PROC_ALIVE && target->pgid == pgid && !proc_init_refuses(target, sig))
			proc_signal_send(target, sig);
	}
}

int proc_signal_mask_swap(process_t *p, uint64_t umask, size_t size)
{
	aegis_sigset_t mask, saved;
	if (size != AEGIS_SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(p, &mask, umask, sizeof(mask)) != 0)
		return -EFAULT;
	int r = signal_mask_suspend(&p->sig_blocked, &mask, &saved, size);
	if (r != 0)
		return r;
	p->sig_saved_mask = saved;
	p->sig_restore_saved = true;
	return 0;
}
