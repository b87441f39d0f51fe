/*
 * The process table and tree (see process.h).
 */
#include "fs/dentry.h"
#include "proc/process.h"

#include "mm/uvm.h"
#include "proc/proc_cmdline.h"
#include "proc/proc_internal.h"

#include <aegis/errno.h>

#include "core/kstring.h"
#include "mm/kheap.h"

static process_t *table[PROC_MAX];
static int next_pid = PROC_INIT_PID;
static unsigned count;

void proc_table_init(void)
{
	kmemset(table, 0, sizeof(table));
	next_pid = PROC_INIT_PID;
	count = 0;
}

process_t *proc_current(void)
{
	return (process_t *)sched_current()->owner;
}

process_t *proc_find(int pid)
{
	if (pid <= 0)
		return NULL;
	for (unsigned i = 0; i < PROC_MAX; i++)
		if (table[i] && table[i]->pid == pid)
			return table[i];
	return NULL;
}

process_t *proc_slot(unsigned i)
{
	return i < PROC_MAX ? table[i] : NULL;
}

unsigned proc_count(void)
{
	return count;
}

static int proc_next_free_pid(void)
{
	for (int tries = 0; tries < PROC_PID_MAX; tries++) {
		int pid = next_pid;
		next_pid = next_pid >= PROC_PID_MAX - 1 ? PROC_INIT_PID + 1 : next_pid + 1;
		if (!proc_find(pid))
			return pid;
	}
	return -EAGAIN;
}

static void proc_link_child(process_t *parent, process_t *child)
{
	child->parent = parent;
	child->next_sibling = parent->first_child;
	parent->first_child = child;
}

static void proc_unlink_child(process_t *child)
{
	process_t *parent = child->parent;
	if (!parent)
		return;
	for (process_t **link = &parent->first_child; *link; link = &(*link)->next_sibling) {
		if (*link == child) {
			*link = child->next_sibling;
			break;
		}
	}
	child->parent = NULL;
	child->next_sibling = NULL;
}

process_t *proc_alloc(process_t *parent, int *err)
{
	unsigned slot = PROC_MAX;
	for (unsigned i = 0; i < PROC_MAX; i++) {
		if (!table[i]) {
			slot = i;
			break;
		}
	}
	if (slot == PROC_MAX) {
		*err = -EAGAIN;
		return NULL;
	}
	int pid = proc_next_free_pid();
	if (pid < 0) {
		*err = pid;
		return NULL;
	}
	process_t *p = kcalloc(1, sizeof(*p));
	if (!p) {
		*err = -ENOMEM;
		return NULL;
	}
	p->pid = pid;
	p->state = PROC_ALIVE;
	p->pgid = parent ? parent->pgid : pid;
	p->sid = parent ? parent->sid : pid;
	p->umask = parent ? parent->umask : PROC_UMASK_DEFAULT;
	p->start_ns = platform_time_ns();
	fdtable_init(&p->fds);
	if (parent)
		proc_link_child(parent, p);
	table[slot] = p;
	count++;
	return p;
}

static void proc_remove(process_t *p)
{
	for (unsigned i = 0; i < PROC_MAX; i++) {
		if (table[i] == p) {
			table[i] = NULL;
			count--;
			break;
		}
	}
	proc_unlink_child(p);
	proc_cmdline_drop(p);
	kfree(p);
}

void proc_free_unstarted(process_t *p)
{
	fdtable_close_all(&p->fds);
	dentry_put(p->cwd);
	p->cwd = NULL;
	proc_remove(p);
}

void proc_reap(process_t *zombie)
{
	proc_remove(zombie);
}

int proc_start_task(process_t *p)
{
	p->task = sched_task_create(p->name, proc_task_main, p, p);
	if (!p->task)
		return -ENOMEM;
	p->task->space_root = p->uvm ? uvm_root(p->uvm) : 0;
	return 0;
}

void proc_set_name(process_t *p, const char *path)
{
	kstrlcpy(p->exe_path, path, sizeof(p->exe_path));
	const char *base = path;
	for (const char *c = path; *c; c++)
		if (*c == '/' && c[1])
			base = c + 1;
	size_t n = 0;
	while (base[n] && base[n] != '/' && n < PROC_NAME_MAX - 1) {
		p->name[n] = base[n];
		n++;
	}
	p->name[n] = '\0';
}

void proc_reparent_children(process_t *p)
{
	process_t *init = proc_find(PROC_INIT_PID);
	while (p->first_child) {
		process_t *child = p->first_child;
		proc_unlink_child(child);
		if (!init || init == p)
			continue;
		proc_link_child(init, child);
		/* An exited child is news to PID 1, as its own exit would have been (PROC-056). */
		if (child->state == PROC_ZOMBIE)
			proc_notify_parent(init, child);
	}
	if (init && init != p)
		waitq_wake_all(&init->child_waiters);
}

bool proc_group_exists(int pgid)
{
	for (unsigned i = 0; i < PROC_MAX; i++)
		if (table[i] && table[i]->state == PROC_ALIVE && table[i]->pgid == pgid)
			return true;
	return false;
}

bool proc_group_in_session(int pgid, int sid)
{
	for (unsigned i = 0; i < PROC_MAX; i++)
		if (table[i] && table[i]->state == PROC_ALIVE && table[i]->pgid == pgid && table[i]->sid == sid)
			return true;
	return false;
}
