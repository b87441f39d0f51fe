; usercopy.asm - the one instruction that touches user memory.
;
; x86_user_copy(dst, src, len) copies with `rep movsb` and returns 0.  If the
; copy faults, idt.c sees the fault at x86_user_copy_insn: it first asks the
; kernel to make the page present (demand paging, copy-on-write) and retries
; the instruction, which resumes where it stopped (rcx, rsi and rdi count
; down); if the kernel cannot, the fault handler continues at
; x86_user_copy_fixup, which returns -EFAULT.  The caller opens and closes the
; SMAP window (cpu_user_access_begin/end).

section .text
default rel

EFAULT equ 14

global x86_user_copy
global x86_user_copy_insn
global x86_user_copy_fixup

x86_user_copy:
	mov rcx, rdx
x86_user_copy_insn:
	rep movsb
	xor eax, eax
	ret

x86_user_copy_fixup:
	mov eax, -EFAULT
	ret

section .note.GNU-stack noalloc noexec nowrite progbits
