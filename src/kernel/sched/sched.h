/*
 * The scheduler: kernel tasks, a round-robin run queue, wait queues and
 * timed sleeps (spec/processes.md, PROC-0xx scheduler requirements).
 *
 * One CPU.  A task is a platform_task_t plus scheduling state; a process's
 * task runs its user program and handles its system calls.  The kernel is
 * not preempted: a task gives up the CPU when it blocks, yields, exits, or
 * returns towards user mode after its time slice ran out (sched_should_yield).
 * The boot context becomes the idle task, which waits for interrupts when no
 * task is runnable.  Wake-ups may come from interrupt context (the timer), so
 * every queue operation runs with interrupts masked.
 */
#ifndef AEGIS_KERNEL_SCHED_H
#define AEGIS_KERNEL_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "platform.h"

/* Timer ticks a task may run before it should yield (10 ms each). */
#define SCHED_SLICE_TICKS 5u
#define SCHED_NO_DEADLINE UINT64_MAX

typedef enum {
	TASK_RUNNABLE, /* on the run queue or running */
	TASK_BLOCKED,  /* on a wait queue and/or the sleep list */
	TASK_DEAD,     /* exited; its context is destroyed by the idle task */
} task_state_t;

struct waitq;

typedef struct task {
	platform_task_t *ctx;
	task_state_t state;
	const char *name;
	void *owner;              /* the process this task runs, NULL for kernel tasks */
	struct task *run_next;    /* run queue link */
	struct waitq *waiting_on; /* the queue it sleeps on, if any */
	struct task *wait_next;   /* wait queue link */
	uint64_t deadline_ns;     /* timed sleep: wake at this time; SCHED_NO_DEADLINE otherwise */
	struct task *sleep_next;  /* sleep list link */
	bool woken_by_timeout;
	bool interrupted;         /* woken by sched_interrupt (a signal) */
	uint32_t slice_left;
	uint64_t space_root;      /* page-table root of its process's user memory, 0: none (kernel task, sim) */
} task_t;

typedef struct waitq {
	task_t *head;
	task_t *tail;
} waitq_t;

#define WAITQ_INIT { NULL, NULL }

/* The boot context becomes the idle task. */
void sched_init(void);

/* A new runnable task that runs entry(arg); NULL when memory is short. */
task_t *sched_task_create(const char *name, void (*entry)(void *arg), void *arg, void *owner);

/* First thing a new task's entry calls: interrupts on. */
void sched_task_begin(void);

/* The running task (the idle task before any other runs). */
task_t *sched_current(void);

/* Number of tasks alive (idle included). */
unsigned sched_task_count(void);

/* Print "[SCHED] OK: scheduler started, N tasks" and turn the boot context into the idle loop. */
__attribute__((noreturn)) void sched_start(void);

/* Give the CPU to the next runnable task, if any. */
void sched_yield_cpu(void);

/* The running task used up its slice: it should yield before returning to user mode. */
bool sched_should_yield(void);

/*
 * Sleep on wq (may be NULL: a pure timed sleep) until woken, until the
 * platform time deadline_ns (SCHED_NO_DEADLINE: none) or until
 * sched_interrupt.  The kernel is not preempted, so a condition checked by
 * the caller cannot change before the sleep starts unless an interrupt
 * handler changes it: such conditions must be checked with interrupts
 * masked.  Returns 0 (woken), -ETIMEDOUT or -EINTR.
 */
int sched_sleep(waitq_t *wq, uint64_t deadline_ns);

/* Wake every task sleeping on wq (IRQ context ok). */
void waitq_wake_all(waitq_t *wq);

/* Wake a blocked task because a signal arrived for it (its sleep returns -EINTR). */
void sched_interrupt(task_t *task);

/* End the running task for good; the idle task frees its context. */
__attribute__((noreturn)) void sched_exit_current(void);

/* Free the contexts of exited tasks (the idle loop does it; never from an exiting task). */
void sched_reap_exited(void);

/* Called from the timer interrupt: wake expired sleepers, count the slice. */
void sched_timer_tick(void);

#endif
