/*
 * Process exit: release what the process owns, hand its children to PID 1,
 * tell the parent (and PID 1 of each zombie it inherits), and become a zombie (or vanish when the parent asked for
 * no zombies).  PID 1's exit ends the machine: the test verdict in a
 * test=init run, a panic otherwise (as Linux: init must not exit).
 */
#include <aegis/signal.h>
#include <aegis/test_exit.h>

#include "core/cmdline.h"
#include "core/log.h"
#include "core/panic.h"
#include "mm/uvm.h"
#include "mm/vmm.h"
#include "fs/dentry.h"
#include "fs/mount.h"
#include "proc/proc_internal.h"
#include "proc/signal_action.h"
#include "proc/signal_info.h"
#include "proc/wait_status.h"
#include "tty/ctty.h"

void proc_init_exited(int status)
{
	printk("[INIT] PID 1 exited with status 0x%x\n", (unsigned)status);
	if (cmdline_get()->test == TEST_ACTION_INIT) {
		/* A test run ends as a clean power-off: what the programs wrote reaches the disks. */
		int synced = vfs_sync_all();
		if (synced != 0)
			printk("[VFS] WARN: sync before power-off failed (error %d)\n", synced);
		platform_test_exit(status == 0 ? TEST_EXIT_CODE_PASS : TEST_EXIT_CODE_FAIL);
	}
	panic("PID 1 exited (status 0x%x)", (unsigned)status);
}

/* SIGCHLD for the parent, with the child's pid, real uid and how it ended. */
static void proc_signal_post_child(process_t *parent, const process_t *child, int status)
{
	bool killed = wait_status_is_signaled(status);
	aegis_siginfo_t info;
	if (signal_info_chld(&info, killed ? AEGIS_CLD_KILLED : AEGIS_CLD_EXITED, child->pid, child->cred.ruid,
	                     killed ? wait_status_term_sig(status) : wait_status_exit_code(status), 0, 0) == 0)
		proc_signal_post(parent, &info);
}

void proc_notify_parent(process_t *parent, process_t *child)
{
	if (signal_chld_autoreap(&parent->sig_actions)) {
		proc_reap(child);
		return;
	}
	proc_signal_post_child(parent, child, child->exit_status);
	waitq_wake_all(&parent->child_waiters);
}

void proc_exit_current(int status)
{
	process_t *p = proc_current();
	if (!p)
		panic("proc_exit_current outside a process");
	fdtable_close_all(&p->fds);
	dentry_put(p->cwd);
	p->cwd = NULL;
	bool killed = wait_status_is_signaled(status);
	platform_user_destroy(p->user, killed ? PLATFORM_USER_END_SIGNAL : PLATFORM_USER_END_EXIT,
	                      killed ? wait_status_term_sig(status) : wait_status_exit_code(status));
	p->user = NULL;
	if (p->uvm) {
		vmm_activate(vmm_kernel_root());
		uvm_destroy(p->uvm);
		p->uvm = NULL;
	}
	if (p->pid == PROC_INIT_PID)
		proc_init_exited(status);
	proc_reparent_children(p);
	p->exit_status = status;
	p->state = PROC_ZOMBIE;
	p->task = NULL;
	ctty_leader_exit(p); /* a session leader's terminal: SIGHUP, SIGCONT, disassociated (spec/tty.md TTY-127) */
	if (p->parent)
		proc_notify_parent(p->parent, p);
	sched_exit_current();
}
