; task_switch.asm - switching between kernel stacks (platform_task_switch).
;
; x86_task_switch(uint64_t *save_rsp, uint64_t next_rsp) pushes the
; callee-saved registers of the System V ABI, stores the stack pointer in
; *save_rsp, loads next_rsp and pops the next task's registers: the `ret`
; then continues wherever that task called x86_task_switch, or, for a new
; task, at x86_task_trampoline (task.c prepared its stack).
; x86_task_jump(next_rsp) does the second half only, for a task that exits.

section .text
default rel

global x86_task_switch
global x86_task_jump
global x86_task_trampoline
extern x86_task_first_run

x86_task_switch:
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, rsi
x86_task_resume:
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	ret

x86_task_jump:
	mov rsp, rdi
	jmp x86_task_resume

; A new task's first `ret` lands here with r12 = the task record: the stack
; is 16-byte aligned for the call, which never returns.
x86_task_trampoline:
	mov rdi, r12
	call x86_task_first_run
	ud2

section .note.GNU-stack noalloc noexec nowrite progbits
