/*
 * Kernel tasks on x86_64 (the platform_task_* calls): a kernel stack with a
 * guard page below it and a saved stack pointer per task.
 *
 * A switch saves the callee-saved registers on the old stack and pops the
 * new task's (task_switch.asm).  TSS.RSP0 is not per task: user mode is
 * entered from platform_user_run, which points it at its own frame
 * (user.c).  A new task starts in
 * x86_task_trampoline, which calls its entry with interrupts still masked.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "platform.h"

#define TASK_STACK_PAGES 4u /* 16 KiB kernel stack per task */
#define TASK_STACK_BYTES (TASK_STACK_PAGES * PLATFORM_PAGE_SIZE)
#define TASK_INITIAL_REGS 6u /* popped as r15 r14 r13 r12 rbp rbx by x86_task_switch */
#define TASK_SLOT_R12 3u

struct platform_task {
	uint64_t saved_rsp;
	uint8_t *stack; /* lowest byte of the stack (NULL for the boot task) */
	void (*entry)(void *arg);
	void *arg;
};

void x86_task_switch(uint64_t *save_rsp, uint64_t next_rsp);
__attribute__((noreturn)) void x86_task_jump(uint64_t next_rsp);
void x86_task_trampoline(void);
__attribute__((noreturn)) void x86_task_first_run(platform_task_t *task);

static platform_task_t boot_task;

platform_task_t *platform_task_boot(void)
{
	return &boot_task;
}

void x86_task_first_run(platform_task_t *task)
{
	task->entry(task->arg);
	platform_halt(); /* entry must end with platform_task_exit_to */
}

platform_task_t *platform_task_create(void (*entry)(void *arg), void *arg)
{
	platform_task_t *task = kernel_pages_alloc(1, false);
	if (!task)
		return NULL;
	task->stack = kernel_pages_alloc(TASK_STACK_PAGES, true);
	if (!task->stack) {
		kernel_pages_free(task, 1, false);
		return NULL;
	}
	task->entry = entry;
	task->arg = arg;
	/*
	 * The first switch pops six registers and returns into the trampoline
	 * with the stack pointer at the (page-aligned) top, so the trampoline's
	 * call enters x86_task_first_run with the ABI's alignment.
	 */
	uint64_t *top = (uint64_t *)(void *)(task->stack + TASK_STACK_BYTES);
	uint64_t *sp = top - 1;
	sp[0] = (uint64_t)(uintptr_t)x86_task_trampoline;
	sp -= TASK_INITIAL_REGS;
	for (unsigned i = 0; i < TASK_INITIAL_REGS; i++)
		sp[i] = 0;
	sp[TASK_SLOT_R12] = (uint64_t)(uintptr_t)task;
	task->saved_rsp = (uint64_t)(uintptr_t)sp;
	return task;
}

void platform_task_switch(platform_task_t *from, platform_task_t *to)
{
	if (from == to)
		return;
	x86_task_switch(&from->saved_rsp, to->saved_rsp);
}

void platform_task_exit_to(platform_task_t *from, platform_task_t *to)
{
	(void)from;
	x86_task_jump(to->saved_rsp);
}

void platform_task_destroy(platform_task_t *task)
{
	if (!task || task == &boot_task)
		return;
	kernel_pages_free(task->stack, TASK_STACK_PAGES, true);
	kernel_pages_free(task, 1, false);
}
