/*
 * Running a signal handler and returning from it (rt_sigreturn), with the
 * Linux x86_64 frame that proc/signal_frame.c lays out.
 *
 * Where the platform pages user memory the frame goes on the user stack and
 * the registers are redirected to the handler.  In the sim a user program
 * is a host process whose registers the kernel cannot change: the platform
 * makes the program call its handler itself (platform_user_signal_call), and
 * the program's rt_sigreturn carries the mask to restore and the
 * interrupted call's result back.
 */
#include <aegis/errno.h>

#include "core/kstring.h"
#include "core/log.h"
#include "mm/kheap.h"
#include "proc/proc_internal.h"
#include "proc/signal_frame.h"
#include "proc/signal_info.h"
#include "proc/signal_mask.h"
#include "proc/signal_restart.h"
#include "proc/signal_set.h"
#include "proc/usercopy.h"
#include "proc/wait_status.h"
#include "syscall/handlers.h"

/*
 * A handler is about to run after a system call that a signal interrupted:
 * -EINTR, or run the call again after the handler (SA_RESTART, SIG-080).
 * Where user_paged the registers are rewound (the frame saves them); in the
 * sim the program's glue makes the call again after rt_sigreturn.
 */
static bool proc_signal_restart_decide(process_t *p, const aegis_kernel_sigaction_t *used)
{
	if (!p->syscall_restartable)
		return false;
	p->syscall_restartable = false;
	platform_uregs_t *regs = platform_user_regs(p->user);
	if (platform_layout()->user_paged)
		return signal_syscall_restart(regs, p->syscall_nr, true, used->flags);
	platform_uregs_t probe = *regs;
	probe.rip = SIGNAL_SYSCALL_INSN_LEN; /* the sim has no rip; only the decision is wanted */
	bool restart = signal_syscall_restart(&probe, p->syscall_nr, true, used->flags);
	/* Restarting, the glue sends the call again and drops this value: never a restart code. */
	regs->rax = restart ? (uint64_t)-EINTR : probe.rax;
	return restart;
}

int proc_signal_run_handler(process_t *p, const aegis_siginfo_t *info)
{
	int sig = info->si_signo;
	/* After rt_sigsuspend the handler's frame carries the mask from before the call. */
	aegis_sigset_t old_mask = p->sig_restore_saved ? p->sig_saved_mask : p->sig_blocked;
	p->sig_restore_saved = false;
	aegis_kernel_sigaction_t used;
	if (signal_action_enter(&p->sig_actions, sig, &p->sig_blocked, &used) != 0)
		return -EINVAL;
	bool restart = proc_signal_restart_decide(p, &used);
	if (!platform_layout()->user_paged) {
		platform_signal_call_t call = {
			.sig = sig,
			.handler = used.handler,
			.flags = used.flags,
			.old_mask = old_mask,
			.code = info->si_code,
			.pid = info->u.kill.pid,
			.uid = info->u.kill.uid,
			.status = info->si_signo == SIGCHLD ? info->u.chld.status : 0,
			.restart = restart,
		};
		return platform_user_signal_call(p->user, &call);
	}
	signal_frame_in_t in = {
		.regs = platform_user_regs(p->user),
		.fxsave = platform_user_fpu(p->user),
		.old_mask = old_mask,
		.info = info,
		.action = &used,
		.altstack = &p->sig_altstack,
	};
	uint8_t *buf = kmalloc(SIGNAL_FRAME_MAX_BYTES);
	if (!buf)
		return -ENOMEM;
	signal_frame_out_t out;
	int r = signal_frame_build(&in, buf, SIGNAL_FRAME_MAX_BYTES, &out);
	if (r == 0)
		r = copy_to_user(p, out.user_addr, buf, out.size);
	kfree(buf);
	if (r != 0)
		return r;
	*platform_user_regs(p->user) = out.regs;
	/* The handler starts with a clean FPU, as on Linux; the old state is in the frame. */
	uint8_t *fx = platform_user_fpu(p->user);
	if (fx)
		signal_fxsave_init(fx);
	return 0;
}

/* The sim's rt_sigreturn: the program hands back the mask and the interrupted call's result. */
static int64_t proc_sigreturn_in_program(process_t *p, const syscall_args_t *args)
{
	p->sig_blocked = signal_set_sanitize_mask(args->a[0]);
	return (int64_t)args->a[1];
}

SYSCALL_HANDLER(rt_sigreturn)
{
	if (!platform_layout()->user_paged)
		return proc_sigreturn_in_program(p, args);
	platform_uregs_t *regs = platform_user_regs(p->user);
	uint64_t frame_addr;
	signal_rt_frame_t frame;
	if (signal_frame_locate(regs->rsp, &frame_addr) != 0 || copy_from_user(p, &frame, frame_addr, sizeof(frame)) != 0)
		goto bad;
	uint8_t *fx = platform_user_fpu(p->user);
	uint64_t fx_addr = 0;
	if (signal_frame_fpstate(&frame, &fx_addr) != 0)
		goto bad;
	/*
	 * The FPU image is checked in a scratch copy and installed only when the
	 * whole frame is good, so a bad frame leaves the live state untouched.
	 */
	uint8_t *scratch = NULL;
	if (fx) {
		scratch = kmalloc(PLATFORM_FXSAVE_SIZE);
		if (!scratch)
			return -ENOMEM;
		if (fx_addr && copy_from_user(p, scratch, fx_addr, PLATFORM_FXSAVE_SIZE) != 0) {
			kfree(scratch);
			goto bad;
		}
	}
	aegis_sigset_t mask;
	platform_uregs_t restored = *regs;
	if (signal_frame_restore(&frame, fx_addr ? scratch : NULL, &restored, &mask) != 0) {
		kfree(scratch);
		goto bad;
	}
	if (fx) {
		if (fx_addr)
			kmemcpy(fx, scratch, PLATFORM_FXSAVE_SIZE);
		else
			signal_fxsave_init(fx);
		kfree(scratch);
	}
	*regs = restored;
	p->sig_blocked = mask;
	signal_altstack_restore(&p->sig_altstack, &frame.uc.uc_stack, regs->rsp);
	return (int64_t)regs->rax; /* the interrupted rax, not a result */
bad:
	printk("[PROC] pid %d (%s): bad signal frame at rt_sigreturn: SIGSEGV\n", p->pid, p->name);
	aegis_siginfo_t info;
	(void)signal_info_kernel(&info, SIGSEGV);
	proc_signal_force(p, &info);
	return (int64_t)regs->rax;
}

SYSCALL_HANDLER(rt_sigaction)
{
	int sig = (int)args->a[0];
	aegis_kernel_sigaction_t act, old;
	const aegis_kernel_sigaction_t *actp = NULL;
	if (args->a[1]) {
		if (copy_from_user(p, &act, args->a[1], sizeof(act)) != 0)
			return -EFAULT;
		actp = &act;
	}
	int r = signal_action_set(&p->sig_actions, sig, actp, &old, (size_t)args->a[3], &p->sig_queue.set);
	if (r != 0)
		return r;
	if (args->a[2] && copy_to_user(p, args->a[2], &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

SYSCALL_HANDLER(rt_sigprocmask)
{
	aegis_sigset_t set, old;
	const aegis_sigset_t *setp = NULL;
	if (args->a[1]) {
		if (args->a[3] != AEGIS_SIGSET_SIZE)
			return -EINVAL;
		if (copy_from_user(p, &set, args->a[1], sizeof(set)) != 0)
			return -EFAULT;
		setp = &set;
	}
	aegis_sigset_t blocked = p->sig_blocked;
	int r = signal_mask_change(&blocked, (int)args->a[0], setp, &old, (size_t)args->a[3]);
	if (r != 0)
		return r;
	if (args->a[2] && copy_to_user(p, args->a[2], &old, sizeof(old)) != 0)
		return -EFAULT;
	p->sig_blocked = blocked;
	return 0;
}

SYSCALL_HANDLER(tkill)
{
	int sig = (int)args->a[1];
	if (sig < 0 || sig > AEGIS_NSIG)
		return -EINVAL;
	return proc_kill_thread(p, -1, (int)args->a[0], sig);
}

SYSCALL_HANDLER(tgkill)
{
	int sig = (int)args->a[2];
	if (sig < 0 || sig > AEGIS_NSIG || (int)args->a[0] <= 0)
		return -EINVAL;
	return proc_kill_thread(p, (int)args->a[0], (int)args->a[1], sig);
}

SYSCALL_HANDLER(kill)
{
	int pid = (int)args->a[0];
	int sig = (int)args->a[1];
	if (sig < 0 || sig > AEGIS_NSIG)
		return -EINVAL;
	return proc_kill(p, pid, sig);
}
