/*
 * CPU faults in the simulator: the host delivers them as signals (SIGSEGV,
 * SIGBUS, SIGILL, SIGFPE).  The handler runs on its own stack, copies the
 * interrupted registers from the ucontext into a platform_fault_t with the
 * x86 vector Linux recorded (trapno), and hands it to kernel_fault(), which
 * prints the same panic report as on real hardware.
 */
#include <signal.h>
#include <string.h>
#include <ucontext.h>

#include "platform.h"
#include "sim.h"
#include "sim_internal.h"

#define FAULT_STACK_BYTES (64u * 1024u)

static void sim_fault_handler(int sig, siginfo_t *info, void *ctx_void)
{
	const ucontext_t *uc = ctx_void;
	const greg_t *g = uc->uc_mcontext.gregs;
	platform_fault_t f;
	memset(&f, 0, sizeof(f));
	f.vector = (uint64_t)g[REG_TRAPNO];
	f.error_code = (uint64_t)g[REG_ERR];
	f.rip = (uint64_t)g[REG_RIP];
	f.rsp = (uint64_t)g[REG_RSP];
	f.rflags = (uint64_t)g[REG_EFL];
	f.cr2 = (sig == SIGSEGV || sig == SIGBUS) ? (uint64_t)(uintptr_t)info->si_addr : 0;
	f.cs = (uint64_t)g[REG_CSGSFS] & 0xffff;
	f.rax = (uint64_t)g[REG_RAX];
	f.rbx = (uint64_t)g[REG_RBX];
	f.rcx = (uint64_t)g[REG_RCX];
	f.rdx = (uint64_t)g[REG_RDX];
	f.rsi = (uint64_t)g[REG_RSI];
	f.rdi = (uint64_t)g[REG_RDI];
	f.rbp = (uint64_t)g[REG_RBP];
	f.r8 = (uint64_t)g[REG_R8];
	f.r9 = (uint64_t)g[REG_R9];
	f.r10 = (uint64_t)g[REG_R10];
	f.r11 = (uint64_t)g[REG_R11];
	f.r12 = (uint64_t)g[REG_R12];
	f.r13 = (uint64_t)g[REG_R13];
	f.r14 = (uint64_t)g[REG_R14];
	f.r15 = (uint64_t)g[REG_R15];
	kernel_fault(&f);
}

/* Signal stacks are per thread: each kernel task thread (sim/task.c) needs its own.  NULL disables it. */
void sim_faults_thread_stack(void *stack, size_t size)
{
	stack_t ss = {.ss_sp = stack, .ss_size = size, .ss_flags = stack ? 0 : SS_DISABLE};
	sigaltstack(&ss, NULL);
}

void sim_faults_install(void)
{
	static int installed;
	if (installed)
		return;
	installed = 1;
	static unsigned char fault_stack[FAULT_STACK_BYTES];
	sim_faults_thread_stack(fault_stack, sizeof(fault_stack));
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sim_fault_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}
