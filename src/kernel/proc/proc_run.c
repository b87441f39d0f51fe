/*
 * The life of a process's task: run user mode, handle what brings it back
 * (system calls, interrupts, faults, a host process's death), deliver
 * signals, and exit.
 */
#include <aegis/errno.h>
#include <aegis/signal.h>

#include "core/log.h"
#include "mm/uvm.h"
#include "mm/vmm.h"
#include "proc/proc_internal.h"
#include "proc/signal_default.h"
#include "proc/signal_info.h"
#include "proc/signal_restart.h"
#include "proc/signal_set.h"
#include "proc/wait_status.h"
#include "syscall/syscall.h"

/* The exit code reported when PID 1's program cannot be started (as a shell's "cannot execute"). */
#define PROC_INIT_EXEC_FAILED 126
/* Host wait status (sim): low 7 bits are the signal, 0 for a normal exit. */
#define HOST_STATUS_SIG_MASK 0x7f

/* Run system call nr with the argument registers; the result goes to rax. */
static void proc_run_syscall(process_t *p, uint64_t nr)
{
	platform_uregs_t *r = platform_user_regs(p->user);
	syscall_args_t args = { { r->rdi, r->rsi, r->rdx, r->r10, r->r8, r->r9 } };
	int64_t result = syscall_dispatch(p, nr, &args);
	/* execve and rt_sigreturn replace the registers: they return the new rax themselves. */
	r = platform_user_regs(p->user);
	r->rax = (uint64_t)result;
	p->syscall_nr = nr;
	p->syscall_restartable = signal_is_restart_result((uint64_t)result);
}

static void proc_handle_syscall(process_t *p)
{
	proc_run_syscall(p, platform_user_regs(p->user)->rax);
}

static const char *ufault_name(platform_ufault_t kind)
{
	switch (kind) {
	case PLATFORM_UFAULT_PAGE:
		return "page fault";
	case PLATFORM_UFAULT_PROTECTION:
		return "general protection";
	case PLATFORM_UFAULT_ILLEGAL:
		return "invalid opcode";
	case PLATFORM_UFAULT_ARITH:
		return "arithmetic error";
	case PLATFORM_UFAULT_FPU:
		return "floating-point exception";
	case PLATFORM_UFAULT_TRAP:
		return "trap";
	case PLATFORM_UFAULT_ALIGN:
		return "alignment check";
	}
	return "fault";
}

/* The signal and si_code a fault gives, as Linux reports them. */
static int ufault_signal(const platform_user_event_t *ev, int *code)
{
	switch (ev->fault) {
	case PLATFORM_UFAULT_ILLEGAL:
		*code = AEGIS_ILL_ILLOPC;
		return SIGILL;
	case PLATFORM_UFAULT_ARITH:
		*code = AEGIS_FPE_INTDIV;
		return SIGFPE;
	case PLATFORM_UFAULT_FPU:
		*code = AEGIS_FPE_FLTINV;
		return SIGFPE;
	case PLATFORM_UFAULT_TRAP:
		*code = AEGIS_TRAP_BRKPT;
		return SIGTRAP;
	case PLATFORM_UFAULT_ALIGN:
		*code = AEGIS_BUS_ADRALN;
		return SIGBUS;
	case PLATFORM_UFAULT_PAGE:
		*code = ev->present ? AEGIS_SEGV_ACCERR : AEGIS_SEGV_MAPERR;
		return SIGSEGV;
	default:
		*code = AEGIS_SI_KERNEL; /* a general protection fault names no address */
		return SIGSEGV;
	}
}

static void proc_handle_fault(process_t *p, const platform_user_event_t *ev)
{
	if (ev->fault == PLATFORM_UFAULT_PAGE && p->uvm && uvm_fault(p->uvm, ev->addr, ev->access | (ev->present ? UVM_ACCESS_PRESENT : 0u)) == 0)
		return; /* demand paging, copy-on-write or stack growth: retry the instruction */
	const platform_uregs_t *r = platform_user_regs(p->user);
	int code = 0;
	int sig = ufault_signal(ev, &code);
	printk("[PROC] pid %d (%s): %s at 0x%lx, ip 0x%lx: signal %d\n", p->pid, p->name, ufault_name(ev->fault),
	       (unsigned long)ev->addr, (unsigned long)r->rip, sig);
	aegis_siginfo_t info;
	(void)signal_info_fault(&info, sig, code, ev->fault == PLATFORM_UFAULT_PAGE ? ev->addr : 0);
	proc_signal_force(p, &info);
}

static void proc_handle_death(process_t *p, const platform_user_event_t *ev)
{
	int host = ev->host_status;
	int sig = host & HOST_STATUS_SIG_MASK;
	if (ev->why)
		printk("[PROC] pid %d (%s) ended: %s\n", p->pid, p->name, ev->why);
	else if (sig)
		printk("[PROC] pid %d (%s): killed by host signal %d\n", p->pid, p->name, sig);
	int status = sig ? wait_status_killed(sig, false) : host;
	proc_exit_current(status);
}

void proc_task_main(void *arg)
{
	process_t *p = arg;
	sched_task_begin();
	if (p->init_exec_path[0]) {
		int r = proc_exec_initial(p, p->init_exec_path);
		if (r != 0) {
			printk("[INIT] FAIL: cannot run %s: error %d\n", p->init_exec_path, -r);
			proc_init_exited(wait_status_exited(PROC_INIT_EXEC_FAILED));
		}
		p->init_exec_path[0] = '\0';
	}
	for (;;) {
		/* Free tasks that exited since: under load the idle task may not run for a long time. */
		sched_reap_exited();
		proc_signal_deliver(p);
		if (p->syscall_restartable) {
			/*
			 * No handler ran: the interrupted call runs again (SIG-081) with
			 * the arguments still in the registers, as rewinding over the
			 * `syscall` instruction would do.
			 */
			proc_run_syscall(p, p->syscall_nr);
			continue;
		}
		if (sched_should_yield())
			sched_yield_cpu();
		platform_user_event_t ev; /* the scheduler activated p's address space when it switched to us */
		platform_user_run(p->user, &ev);
		switch (ev.kind) {
		case PLATFORM_USER_SYSCALL:
			proc_handle_syscall(p);
			break;
		case PLATFORM_USER_INTERRUPT:
			break;
		case PLATFORM_USER_FAULT:
			proc_handle_fault(p, &ev);
			break;
		case PLATFORM_USER_DIED:
			proc_handle_death(p, &ev);
			break;
		}
	}
}

bool kernel_user_access_fault(uint64_t addr, unsigned access)
{
	process_t *p = proc_current();
	return p && p->uvm && uvm_fault(p->uvm, addr, access) == 0;
}
