/*
 * Round-robin scheduling, wait queues and timed sleeps (see sched.h).
 *
 * The run queue holds runnable tasks other than the running one, in FIFO
 * order; the idle task is never on it and runs only when it is empty.
 * Sleepers with a deadline are also on a singly linked sleep list that the
 * timer tick scans; a task leaves every queue it is on when it wakes, for
 * whichever reason comes first.
 */
#include "sched/sched.h"

#include <aegis/errno.h>

#include "core/log.h"
#include "core/panic.h"
#include "core/timer.h"
#include "mm/kheap.h"
#include "mm/vmm.h"

static task_t idle_task;
static task_t *current;
static task_t *run_head;
static task_t *run_tail;
static task_t *sleep_head;
static task_t *dead_head; /* exited tasks whose contexts the idle task destroys */
static unsigned task_count;
static bool need_yield;

static void run_push(task_t *t)
{
	t->run_next = NULL;
	if (run_tail)
		run_tail->run_next = t;
	else
		run_head = t;
	run_tail = t;
}

static task_t *run_pop(void)
{
	task_t *t = run_head;
	if (t) {
		run_head = t->run_next;
		if (!run_head)
			run_tail = NULL;
		t->run_next = NULL;
	}
	return t;
}

void sched_init(void)
{
	idle_task.ctx = platform_task_boot();
	idle_task.state = TASK_RUNNABLE;
	idle_task.name = "idle";
	idle_task.deadline_ns = SCHED_NO_DEADLINE;
	current = &idle_task;
	task_count = 1;
}

task_t *sched_current(void)
{
	return current;
}

unsigned sched_task_count(void)
{
	return task_count;
}

task_t *sched_task_create(const char *name, void (*entry)(void *arg), void *arg, void *owner)
{
	task_t *t = kcalloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->ctx = platform_task_create(entry, arg);
	if (!t->ctx) {
		kfree(t);
		return NULL;
	}
	t->name = name;
	t->owner = owner;
	t->state = TASK_RUNNABLE;
	t->deadline_ns = SCHED_NO_DEADLINE;
	t->slice_left = SCHED_SLICE_TICKS;
	unsigned long irq = platform_irq_save();
	task_count++;
	run_push(t);
	platform_irq_restore(irq);
	return t;
}

void sched_task_begin(void)
{
	platform_irq_enable();
}

/* Switch to the next runnable task (interrupts masked by the caller). */
static void sched_switch_next(void)
{
	task_t *prev = current;
	task_t *next = run_pop();
	if (!next) {
		if (prev->state == TASK_RUNNABLE)
			return; /* nothing else to run: keep going */
		next = &idle_task;
	}
	if (prev->state == TASK_RUNNABLE && prev != &idle_task)
		run_push(prev);
	need_yield = false;
	next->slice_left = SCHED_SLICE_TICKS;
	current = next;
	/* Kernel code of the next task may copy from its process's memory: its space must be active. */
	if (next->space_root)
		vmm_activate(next->space_root);
	platform_task_switch(prev->ctx, next->ctx);
}

void sched_yield_cpu(void)
{
	unsigned long irq = platform_irq_save();
	sched_switch_next();
	platform_irq_restore(irq);
}

bool sched_should_yield(void)
{
	return need_yield && run_head != NULL;
}

static void waitq_remove(waitq_t *wq, task_t *t)
{
	task_t **link = &wq->head;
	task_t *prev = NULL;
	while (*link && *link != t) {
		prev = *link;
		link = &(*link)->wait_next;
	}
	if (!*link)
		return;
	*link = t->wait_next;
	if (wq->tail == t)
		wq->tail = prev;
	t->wait_next = NULL;
}

static void sleep_remove(task_t *t)
{
	for (task_t **link = &sleep_head; *link; link = &(*link)->sleep_next) {
		if (*link == t) {
			*link = t->sleep_next;
			t->sleep_next = NULL;
			return;
		}
	}
}

/* Make a blocked task runnable, taking it off every queue (interrupts masked). */
static void sched_make_runnable(task_t *t)
{
	if (t->state != TASK_BLOCKED)
		return;
	if (t->waiting_on) {
		waitq_remove(t->waiting_on, t);
		t->waiting_on = NULL;
	}
	if (t->deadline_ns != SCHED_NO_DEADLINE) {
		sleep_remove(t);
		t->deadline_ns = SCHED_NO_DEADLINE;
	}
	t->state = TASK_RUNNABLE;
	run_push(t);
}

int sched_sleep(waitq_t *wq, uint64_t deadline_ns)
{
	task_t *t = current;
	if (t == &idle_task)
		panic("the idle task tried to sleep");
	unsigned long irq = platform_irq_save();
	t->woken_by_timeout = false;
	t->interrupted = false;
	if (deadline_ns != SCHED_NO_DEADLINE && deadline_ns <= platform_time_ns()) {
		platform_irq_restore(irq);
		return -ETIMEDOUT;
	}
	t->state = TASK_BLOCKED;
	if (wq) {
		t->waiting_on = wq;
		t->wait_next = NULL;
		if (wq->tail)
			wq->tail->wait_next = t;
		else
			wq->head = t;
		wq->tail = t;
	}
	t->deadline_ns = deadline_ns;
	if (deadline_ns != SCHED_NO_DEADLINE) {
		t->sleep_next = sleep_head;
		sleep_head = t;
	}
	sched_switch_next();
	platform_irq_restore(irq);
	if (t->interrupted)
		return -EINTR;
	return t->woken_by_timeout ? -ETIMEDOUT : 0;
}

void waitq_wake_all(waitq_t *wq)
{
	unsigned long irq = platform_irq_save();
	while (wq->head)
		sched_make_runnable(wq->head);
	platform_irq_restore(irq);
}

void sched_interrupt(task_t *task)
{
	unsigned long irq = platform_irq_save();
	if (task->state == TASK_BLOCKED) {
		task->interrupted = true;
		sched_make_runnable(task);
	}
	platform_irq_restore(irq);
}

void sched_timer_tick(void)
{
	uint64_t now = platform_time_ns();
	task_t *t = sleep_head;
	while (t) {
		task_t *next = t->sleep_next;
		if (t->deadline_ns <= now) {
			t->woken_by_timeout = true;
			sched_make_runnable(t);
		}
		t = next;
	}
	if (current && current != &idle_task && current->slice_left > 0 && --current->slice_left == 0)
		need_yield = true;
}

/* The earliest sleep deadline, for the idle wait. */
static uint64_t sched_next_deadline(void)
{
	uint64_t earliest = SCHED_NO_DEADLINE;
	for (task_t *t = sleep_head; t; t = t->sleep_next)
		if (t->deadline_ns < earliest)
			earliest = t->deadline_ns;
	return earliest;
}

void sched_reap_exited(void)
{
	unsigned long irq = platform_irq_save();
	task_t *list = dead_head;
	dead_head = NULL;
	platform_irq_restore(irq);
	while (list) {
		task_t *next = list->run_next;
		platform_task_destroy(list->ctx);
		kfree(list);
		list = next;
	}
}

void sched_exit_current(void)
{
	platform_irq_save();
	task_t *t = current;
	if (t == &idle_task)
		panic("the idle task tried to exit");
	t->state = TASK_DEAD;
	t->run_next = dead_head;
	dead_head = t;
	task_count--;
	task_t *next = run_pop();
	if (!next)
		next = &idle_task;
	need_yield = false;
	next->slice_left = SCHED_SLICE_TICKS;
	current = next;
	if (next->space_root)
		vmm_activate(next->space_root);
	platform_task_exit_to(t->ctx, next->ctx);
}

void sched_start(void)
{
	boot_mark("SCHED", MARK_OK, "scheduler started, %u tasks", task_count);
	for (;;) {
		sched_reap_exited();
		unsigned long irq = platform_irq_save();
		if (run_head) {
			sched_switch_next();
			platform_irq_restore(irq);
			continue;
		}
		uint64_t deadline = sched_next_deadline();
		platform_irq_restore(irq);
		platform_wait_for_interrupt(deadline);
	}
}
