/*
 * The glue transport for the QEMU build: the x86_64 `syscall` instruction
 * with the Linux register convention (rax = number, then rdi, rsi, rdx, r10,
 * r8, r9; rcx and r11 are clobbered by the CPU).
 */
#include "glue/glue_call.h"

long glue_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;
	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
	                 : "rcx", "r11", "memory");
	return ret;
}

/*
 * The signal restorer: a handler returns here with the kernel's signal frame
 * at the stack pointer, and rt_sigreturn (15) restores what the signal
 * interrupted.  Plain assembly: no prologue may move the stack.
 */
__asm__(".text\n"
        ".global glue_signal_restorer\n"
        ".type glue_signal_restorer,@function\n"
        "glue_signal_restorer:\n"
        "\tmovl $15, %eax\n"
        "\tsyscall\n"
        "\thlt\n"
        ".size glue_signal_restorer, .-glue_signal_restorer\n");
