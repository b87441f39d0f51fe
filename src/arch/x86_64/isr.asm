; isr.asm - entry stubs for all 256 interrupt vectors.
;
; Each stub makes the stack look the same whatever the vector: vectors
; without a CPU error code push a 0 in its place, then every stub pushes its
; vector number and jumps to isr_common, which saves the fifteen general
; registers (the layout of arch_frame_t in arch.h), calls
; arch_interrupt_dispatch(frame) with a 16-byte aligned stack, restores the
; registers and returns with iretq.  When dispatch returns a user event kind
; (>= 0) instead of -1, the interrupt left ring 3 and the kernel resumes in
; x86_user_leave with that kind.  isr_stub_table lists the 256 stub
; addresses for idt.c.  Stubs are padded to ISR_STUB_SIZE bytes each.

extern arch_interrupt_dispatch
extern x86_user_leave

ISR_STUB_SIZE equ 16

section .text
default rel

%macro ISR_STUB 1
	align ISR_STUB_SIZE
isr_stub_%1:
%if %1 = 8 || (%1 >= 10 && %1 <= 14) || %1 = 17 || %1 = 21 || %1 = 29 || %1 = 30
	; the CPU pushed an error code
%else
	push qword 0
%endif
	push qword %1
	jmp isr_common
%endmacro

isr_common:
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
	cld
	mov rdi, rsp
	call arch_interrupt_dispatch
	; a non-negative result: the interrupt came from ring 3 and the registers
	; are saved for the kernel, which resumes in platform_user_run (user.c)
	test eax, eax
	jns x86_user_leave
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
	add rsp, 16             ; vector and error code
	iretq

%assign vec 0
%rep 256
	ISR_STUB vec
%assign vec vec + 1
%endrep

section .rodata
align 8
global isr_stub_table
isr_stub_table:
%assign vec 0
%rep 256
	dq isr_stub_%[vec]
%assign vec vec + 1
%endrep

section .note.GNU-stack noalloc noexec nowrite progbits
