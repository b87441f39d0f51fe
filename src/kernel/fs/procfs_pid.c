/*
 * What the /proc/<pid> generators share (see procfs_pid.h): the table of
 * text files, a process's state and memory figures, and the read rule of
 * FS-087.
 */
#include "fs/procfs_pid.h"

#include <aegis/cap.h>


#include "mm/uvm.h"
#include "proc/proc_cap.h"
#include "proc/signal_action.h"

static const procfs_pid_file_t procfs_pid_table[] = {
	{ "cmdline", procfs_pid_cmdline, false },
	{ "maps", procfs_pid_maps, true },
	{ "stat", procfs_pid_stat, false },
	{ "status", procfs_pid_status, false },
};

const procfs_pid_file_t *procfs_pid_files(size_t *count)
{
	*count = sizeof(procfs_pid_table) / sizeof(procfs_pid_table[0]);
	return procfs_pid_table;
}

char procfs_pid_state(const process_t *p, const char **name)
{
	if (p->state == PROC_ZOMBIE) {
		*name = "zombie";
		return 'Z';
	}
	if (p->task && p->task->state == TASK_BLOCKED) {
		*name = "sleeping";
		return 'S';
	}
	*name = "running";
	return 'R';
}

bool procfs_pid_memory(const process_t *p, uint64_t *vsize, uint64_t *rss_pages)
{
	*vsize = 0;
	*rss_pages = 0;
	if (p->state == PROC_ZOMBIE || !p->uvm)
		return false;
	uvm_stats_t s;
	uvm_stats(p->uvm, &s);
	*vsize = s.mapped_bytes;
	*rss_pages = s.resident_pages;
	return true;
}

void procfs_pid_sig_actions(const process_t *p, aegis_sigset_t *ignored, aegis_sigset_t *caught)
{
	*ignored = 0;
	*caught = 0;
	for (int sig = 1; sig <= AEGIS_NSIG; sig++) {
		const aegis_kernel_sigaction_t *a = signal_action_get(&p->sig_actions, sig);
		aegis_sigset_t bit = (aegis_sigset_t)1 << (sig - 1);
		if (a && a->handler == AEGIS_SIG_IGN)
			*ignored |= bit;
		else if (a && a->handler != AEGIS_SIG_DFL)
			*caught |= bit;
	}
}

/* spec/capability-model.md: reading another process's /proc entries takes PROC_READ(R). */
bool procfs_pid_cap_read(const process_t *viewer)
{
	return viewer && proc_cap_holds(viewer, CAP_KIND_PROC_READ, CAP_RIGHTS_READ);
}

/*
 * Linux's ptrace read check without the capability: the viewer's effective
 * IDs must be every one of the target's, so a set-ID program is not open to
 * the user who started it.
 */
bool procfs_pid_may_read(const process_t *viewer, const process_t *target)
{
	if (!viewer || !target)
		return false;
	if (viewer == target)
		return true;
	const cred_t *v = &viewer->cred;
	const cred_t *t = &target->cred;
	bool same_user = v->euid == t->ruid && v->euid == t->euid && v->euid == t->suid;
	bool same_group = v->egid == t->rgid && v->egid == t->egid && v->egid == t->sgid;
	return (same_user && same_group) || procfs_pid_cap_read(viewer);
}
