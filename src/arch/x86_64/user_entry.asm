; user_entry.asm - entering and leaving user mode (platform_user_run).
;
; The kernel runs a user thread by calling x86_user_enter(regs) on the
; thread's kernel stack.  It saves the callee-saved registers, records that
; stack pointer as the "continuation", points TSS.RSP0 at it and enters ring
; 3 with iretq.  Whatever brings the CPU back (SYSCALL, an interrupt, an
; exception) stores the user registers into *regs and resumes the
; continuation through x86_user_leave, so x86_user_enter returns the event
; kind.  The kernel below the continuation is never disturbed: interrupts
; from ring 3 push their frame below it.
;
; platform_uregs_t offsets (platform.h): r15 0, r14 8, r13 16, r12 24,
; r11 32, r10 40, r9 48, r8 56, rbp 64, rdi 72, rsi 80, rdx 88, rcx 96,
; rbx 104, rax 112, rip 120, rflags 128, rsp 136.

section .text
default rel

UREG_R15    equ 0
UREG_R14    equ 8
UREG_R13    equ 16
UREG_R12    equ 24
UREG_R11    equ 32
UREG_R10    equ 40
UREG_R9     equ 48
UREG_R8     equ 56
UREG_RBP    equ 64
UREG_RDI    equ 72
UREG_RSI    equ 80
UREG_RDX    equ 88
UREG_RCX    equ 96
UREG_RBX    equ 104
UREG_RAX    equ 112
UREG_RIP    equ 120
UREG_RFLAGS equ 128
UREG_RSP    equ 136

USER_CS     equ 0x20 | 3
USER_DS     equ 0x18 | 3
KERNEL_RFLAGS equ 0x2      ; interrupts masked, AC and DF clear
EVENT_SYSCALL equ 0        ; PLATFORM_USER_SYSCALL

global x86_user_enter
global x86_user_leave
global x86_syscall_entry
global x86_user_cont_rsp
global x86_user_regs
extern x86_tss_rsp0

; int x86_user_enter(platform_uregs_t *regs)
x86_user_enter:
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	mov [x86_user_cont_rsp], rsp
	mov [x86_user_regs], rdi
	mov rax, [x86_tss_rsp0]
	mov [rax], rsp
	push USER_DS
	push qword [rdi + UREG_RSP]
	push qword [rdi + UREG_RFLAGS]
	push USER_CS
	push qword [rdi + UREG_RIP]
	mov r15, [rdi + UREG_R15]
	mov r14, [rdi + UREG_R14]
	mov r13, [rdi + UREG_R13]
	mov r12, [rdi + UREG_R12]
	mov r11, [rdi + UREG_R11]
	mov r10, [rdi + UREG_R10]
	mov r9, [rdi + UREG_R9]
	mov r8, [rdi + UREG_R8]
	mov rbp, [rdi + UREG_RBP]
	mov rsi, [rdi + UREG_RSI]
	mov rdx, [rdi + UREG_RDX]
	mov rcx, [rdi + UREG_RCX]
	mov rbx, [rdi + UREG_RBX]
	mov rax, [rdi + UREG_RAX]
	mov rdi, [rdi + UREG_RDI]
	iretq

; Resume the continuation with eax = event kind.
x86_user_leave:
	mov rsp, [x86_user_cont_rsp]
	push KERNEL_RFLAGS
	popfq
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	ret

; SYSCALL from ring 3: rcx = user rip, r11 = user rflags, rsp = user rsp,
; IF/AC/DF/TF already cleared by IA32_FMASK.
x86_syscall_entry:
	mov [x86_syscall_user_rsp], rsp
	mov rsp, [x86_user_cont_rsp]
	push rax
	mov rax, [x86_user_regs]
	mov [rax + UREG_R15], r15
	mov [rax + UREG_R14], r14
	mov [rax + UREG_R13], r13
	mov [rax + UREG_R12], r12
	mov [rax + UREG_R11], r11
	mov [rax + UREG_R10], r10
	mov [rax + UREG_R9], r9
	mov [rax + UREG_R8], r8
	mov [rax + UREG_RBP], rbp
	mov [rax + UREG_RDI], rdi
	mov [rax + UREG_RSI], rsi
	mov [rax + UREG_RDX], rdx
	mov [rax + UREG_RCX], rcx
	mov [rax + UREG_RBX], rbx
	mov [rax + UREG_RIP], rcx
	mov [rax + UREG_RFLAGS], r11
	mov rcx, [x86_syscall_user_rsp]
	mov [rax + UREG_RSP], rcx
	pop rcx
	mov [rax + UREG_RAX], rcx
	mov eax, EVENT_SYSCALL
	jmp x86_user_leave

section .bss
align 8
x86_user_cont_rsp: resq 1
x86_user_regs: resq 1
x86_syscall_user_rsp: resq 1

section .note.GNU-stack noalloc noexec nowrite progbits
