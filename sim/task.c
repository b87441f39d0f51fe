/*
 * Kernel tasks in the sim: one host thread per task, one baton.
 *
 * Every task is a host thread with a semaphore.  platform_task_switch posts
 * the next task's semaphore and waits on its own, so exactly one thread runs
 * kernel code at any time and the order of execution is the scheduler's,
 * never the host's: a run is as deterministic as with one CPU.  Each thread
 * gets its own alternate signal stack so a fault in it is still reported by
 * sim/faults.c.  A task that exits posts the next task and ends its thread;
 * platform_task_destroy joins it.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>

#include "platform.h"
#include "sim.h"
#include "sim_internal.h"

/* Host stack of a task thread: kernel code with ASan needs more than a real kernel stack. */
#define SIM_TASK_STACK_BYTES (1024u * 1024u)
#define SIM_TASK_SIGNAL_STACK_BYTES (64u * 1024u)

struct platform_task {
	pthread_t thread;
	sem_t baton;
	void (*entry)(void *arg);
	void *arg;
	int is_boot;
	unsigned char *signal_stack;
};

static platform_task_t boot_task;
static int boot_task_ready;

platform_task_t *platform_task_boot(void)
{
	if (!boot_task_ready) {
		if (sem_init(&boot_task.baton, 0, 0) != 0)
			sim_die("sem_init for the boot task");
		boot_task.thread = pthread_self();
		boot_task.is_boot = 1;
		boot_task_ready = 1;
	}
	return &boot_task;
}

static void sim_task_wait_baton(platform_task_t *task)
{
	while (sem_wait(&task->baton) != 0)
		; /* EINTR: a host signal arrived; keep waiting for our turn */
}

static void *sim_task_thread(void *arg)
{
	platform_task_t *task = arg;
	sim_faults_thread_stack(task->signal_stack, SIM_TASK_SIGNAL_STACK_BYTES);
	sim_task_wait_baton(task);
	task->entry(task->arg);
	sim_die("a kernel task returned from its entry function");
	return NULL;
}

platform_task_t *platform_task_create(void (*entry)(void *arg), void *arg)
{
	platform_task_t *task = calloc(1, sizeof(*task));
	if (!task)
		return NULL;
	task->signal_stack = malloc(SIM_TASK_SIGNAL_STACK_BYTES);
	if (!task->signal_stack || sem_init(&task->baton, 0, 0) != 0) {
		free(task->signal_stack);
		free(task);
		return NULL;
	}
	task->entry = entry;
	task->arg = arg;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, SIM_TASK_STACK_BYTES);
	int rc = pthread_create(&task->thread, &attr, sim_task_thread, task);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		sem_destroy(&task->baton);
		free(task->signal_stack);
		free(task);
		return NULL;
	}
	return task;
}

void platform_task_switch(platform_task_t *from, platform_task_t *to)
{
	if (from == to)
		return;
	sem_post(&to->baton);
	sim_task_wait_baton(from);
}

void platform_task_exit_to(platform_task_t *from, platform_task_t *to)
{
	if (from->is_boot)
		sim_die("the boot task cannot exit");
	/* Our signal stack is ours to free (platform_task_destroy): ASan must not unmap it at thread exit. */
	sim_faults_thread_stack(NULL, 0);
	sem_post(&to->baton);
	pthread_exit(NULL);
}

void platform_task_destroy(platform_task_t *task)
{
	if (!task || task->is_boot)
		return;
	pthread_join(task->thread, NULL);
	sem_destroy(&task->baton);
	free(task->signal_stack);
	free(task);
}
