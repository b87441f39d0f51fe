/*
 * Processes: the table, the tree, and what a process owns
 * (spec/processes.md).
 *
 * A process has one task (its kernel stack, which runs proc_task_main) and
 * one user context (platform_user_t).  Where the platform pages user memory
 * the process also owns an address space (uvm_t).  PIDs start at 1 and are
 * not reused while a process with that PID exists (zombie or alive).  Every
 * process but PID 1 has a parent; when a parent exits its children go to
 * PID 1, which reaps them.  An exited process stays a zombie, keeping only
 * its exit status, until its parent waits for it.
 */
#ifndef AEGIS_KERNEL_PROC_PROCESS_H
#define AEGIS_KERNEL_PROC_PROCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "cap/cap_proc.h"
#include "platform.h"
#include "proc/cred.h"
#include "proc/fdtable.h"
#include "proc/rlimit.h"
#include "proc/signal_action.h"
#include "proc/signal_altstack.h"
#include "proc/signal_queue.h"
#include "sched/sched.h"

#define PROC_MAX 256u          /* processes alive or zombie at once */
#define PROC_PID_MAX 32768     /* PIDs wrap here (skipping those in use) */
#define PROC_NAME_MAX 16u      /* comm: last path component, cut */
#define PROC_INIT_PID 1
#define PROC_UMASK_DEFAULT 0022u /* PID 1's file mode creation mask */
#define PROC_EXE_PATH_MAX 256u /* the program's canonical path (/proc/self/exe) */

typedef enum {
	PROC_ALIVE,
	PROC_ZOMBIE,
} proc_state_t;

struct uvm;
struct proc_cmdline;

typedef struct process {
	int pid;
	proc_state_t state;
	char name[PROC_NAME_MAX];
	struct process *parent;
	struct process *first_child;
	struct process *next_sibling;
	task_t *task;
	platform_user_t *user;
	struct uvm *uvm;           /* user_paged platforms only */
	int exit_status;           /* wait status (proc/wait_status.h encoding) once a zombie */
	waitq_t child_waiters;     /* this process's tasks waiting in wait4 */
	uint64_t clear_child_tid;  /* set_tid_address */
	uint64_t robust_list;      /* set_robust_list (kept for threads; no futex cleanup yet) */
	int pgid;                  /* process group */
	int sid;                   /* session */
	bool ctty_dropped;         /* gave its session's controlling terminal up (TIOCNOTTY, tty/ctty.h) */
	signal_queue_t sig_queue;   /* pending signals (.set: bit n-1 for signal n) with their siginfo */
	aegis_sigset_t sig_blocked;
	aegis_sigset_t sig_saved_mask; /* rt_sigsuspend: the mask to restore once a signal came */
	bool sig_restore_saved;        /* sig_saved_mask is set */
	signal_altstack_t sig_altstack;
	signal_actions_t sig_actions;
	char init_exec_path[128];  /* PID 1 only: the program its task executes first */
	cred_t cred;
	cap_proc_t caps;
	rlimit_table_t rlimits;
	fdtable_t fds;
	struct dentry *cwd;        /* working directory (held); NULL means the root */
	uint32_t umask;            /* file mode creation mask (umask(2)) */
	uint64_t syscall_nr;       /* the last system call, for restarts after a signal */
	bool syscall_restartable;  /* its result in rax is a SIGNAL_ERESTART* value */
	char exe_path[PROC_EXE_PATH_MAX];
	struct proc_cmdline *cmdline; /* argv of the last execve (proc/proc_cmdline.h), shared with forks */
	uint64_t start_ns;             /* platform time at creation (/proc/<pid>/stat's starttime) */
} process_t;

/* Set up the table (no processes yet). */
void proc_table_init(void);

/* The process whose task is running, or NULL in a kernel task. */
process_t *proc_current(void);

/* Look up a live or zombie process by PID. */
process_t *proc_find(int pid);

/* The process in table slot i (0 .. PROC_MAX-1), or NULL: for walks over every process. */
process_t *proc_slot(unsigned i);

/* Number of processes in the table (alive and zombie). */
unsigned proc_count(void);

/*
 * A new process record with a fresh PID, child of parent (NULL for PID 1),
 * not yet runnable (no task).  NULL with *err = -EAGAIN (table full) or
 * -ENOMEM.
 */
process_t *proc_alloc(process_t *parent, int *err);

/* Undo proc_alloc for a process that never ran. */
void proc_free_unstarted(process_t *p);

/* Create the process's task (it starts in proc_task_main).  0 or -ENOMEM. */
int proc_start_task(process_t *p);

/* The task body of every process: run user mode, handle what comes back. */
void proc_task_main(void *arg);

/*
 * End the running process with wait status status: release what it owns,
 * reparent its children to PID 1, wake its parent, become a zombie, end the
 * task.  Never returns.
 */
__attribute__((noreturn)) void proc_exit_current(int status);

/* Free a zombie's record (after wait4 collected its status). */
void proc_reap(process_t *zombie);

/* Record the program's path (/proc/self/exe) and the name shown in reports, its last component. */
void proc_set_name(process_t *p, const char *path);

#endif
