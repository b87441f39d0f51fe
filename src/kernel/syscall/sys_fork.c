/*
 * fork, vfork and the fork-like uses of clone: a copy of the calling process
 * with copy-on-write memory (where the platform pages it), shared open
 * files, the same credentials, capabilities, limits and signal dispositions,
 * and no pending signals.  The child returns 0; the parent gets its PID.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/signal.h>

#include "core/kstring.h"
#include "mm/uvm.h"
#include "proc/proc_cap.h"
#include "proc/proc_cmdline.h"
#include "proc/proc_internal.h"
#include "proc/signal_action.h"
#include "fs/vfs.h"
#include "syscall/handlers.h"

/* clone flags a plain fork may carry (the exit signal is the low byte). */
#define CLONE_EXIT_SIGNAL_MASK 0xffull
#define CLONE_VM 0x00000100ull
#define CLONE_VFORK 0x00004000ull
#define CLONE_SETTLS 0x00080000ull
#define CLONE_PARENT_SETTID 0x00100000ull
#define CLONE_CHILD_CLEARTID 0x00200000ull
#define CLONE_CHILD_SETTID 0x01000000ull
/* What Aegis accepts: fork semantics (musl's fork uses SIGCHLD only; posix_spawn adds VM|VFORK). */
#define CLONE_SUPPORTED (CLONE_EXIT_SIGNAL_MASK | CLONE_VFORK | CLONE_VM | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID)

static unsigned proc_count_of_user(cred_id_t ruid)
{
	unsigned n = 0;
	for (unsigned i = 0; i < PROC_MAX; i++) {
		process_t *q = proc_slot(i);
		if (q && q->state == PROC_ALIVE && q->cred.ruid == ruid)
			n++;
	}
	return n;
}

static int64_t proc_fork(process_t *p, uint64_t child_tid_addr)
{
	if (rlimit_check_fork(&p->rlimits, proc_count_of_user(p->cred.ruid)) != 0)
		return -EAGAIN;
	int err = 0;
	process_t *child = proc_alloc(p, &err);
	if (!child)
		return err;
	for (unsigned i = 0; i < PROC_NAME_MAX; i++)
		child->name[i] = p->name[i];
	cred_copy(&child->cred, &p->cred);
	kmemcpy(child->exe_path, p->exe_path, sizeof(child->exe_path));
	proc_cmdline_share(child, p);
	child->cwd = vfs_cwd(p);
	rlimit_table_copy(&child->rlimits, &p->rlimits);
	signal_actions_fork(&child->sig_actions, &p->sig_actions);
	child->sig_blocked = p->sig_blocked;
	child->sig_altstack = p->sig_altstack;
	child->pgid = p->pgid;
	child->sid = p->sid;
	child->ctty_dropped = p->ctty_dropped;
	child->clear_child_tid = child_tid_addr;
	if (cap_proc_fork(&child->caps, &p->caps) != 0) {
		proc_free_unstarted(child);
		return -ENOMEM;
	}
	if (p->uvm) {
		int r = uvm_fork(p->uvm, &child->uvm);
		if (r != 0) {
			proc_free_unstarted(child);
			return r;
		}
	}
	int r = platform_user_fork(p->user, &child->user);
	if (r != 0) {
		if (child->uvm)
			uvm_destroy(child->uvm);
		proc_free_unstarted(child);
		return r;
	}
	platform_user_regs(child->user)->rax = 0;
	fdtable_fork(&child->fds, &p->fds);
	if (proc_start_task(child) != 0) {
		platform_user_destroy(child->user, PLATFORM_USER_END_SIGNAL, SIGKILL);
		if (child->uvm)
			uvm_destroy(child->uvm);
		proc_free_unstarted(child);
		return -ENOMEM;
	}
	return child->pid;
}

SYSCALL_HANDLER(fork)
{
	(void)args;
	return proc_fork(p, 0);
}

SYSCALL_HANDLER(vfork)
{
	(void)args;
	return proc_fork(p, 0); /* a full copy: correct for every vfork user, only slower */
}

SYSCALL_HANDLER(clone)
{
	uint64_t flags = args->a[0];
	uint64_t stack = args->a[1];
	if (flags & ~CLONE_SUPPORTED)
		return -EINVAL; /* threads (CLONE_THREAD, CLONE_VM without VFORK) are not supported */
	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
		return -EINVAL;
	if ((flags & CLONE_EXIT_SIGNAL_MASK) != SIGCHLD && (flags & CLONE_EXIT_SIGNAL_MASK) != 0)
		return -EINVAL;
	if (stack != 0 && !(flags & CLONE_VFORK))
		return -EINVAL; /* a new stack only makes sense with shared memory */
	if (flags & CLONE_VM) {
		int gate = proc_cap_require(p, CAP_KIND_THREAD_CREATE, CAP_RIGHTS_READ); /* CAP-110 */
		if (gate != 0)
			return gate;
	}
	int64_t pid = proc_fork(p, (flags & CLONE_CHILD_CLEARTID) ? args->a[3] : 0);
	if (pid > 0 && stack != 0) {
		/* vfork-style clone with a stack (posix_spawn): the child starts on it in its own copy. */
		process_t *child = proc_find((int)pid);
		if (child)
			platform_user_regs(child->user)->rsp = stack;
	}
	return pid;
}
