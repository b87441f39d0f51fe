/*
 * System-call restart after a signal (spec/signals.md SIG-080..083): the
 * ERESTART* results become -EINTR or a rewind over the syscall instruction.
 */
#include <stdbool.h>
#include <stdint.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "proc/signal_restart.h"

static uint64_t signal_neg(int64_t err)
{
	return (uint64_t)(-err);
}

bool signal_is_restart_result(uint64_t rax)
{
	return rax == signal_neg(SIGNAL_ERESTARTSYS) || rax == signal_neg(SIGNAL_ERESTARTNOINTR) ||
	       rax == signal_neg(SIGNAL_ERESTARTNOHAND) || rax == signal_neg(SIGNAL_ERESTART_RESTARTBLOCK);
}

static bool signal_rewind(platform_uregs_t *regs, uint64_t nr)
{
	if (regs->rip < SIGNAL_SYSCALL_INSN_LEN) {
		regs->rax = signal_neg(EINTR); /* cannot happen after a real syscall; stay safe */
		return false;
	}
	regs->rip -= SIGNAL_SYSCALL_INSN_LEN;
	regs->rax = nr;
	return true;
}

bool signal_syscall_restart(platform_uregs_t *regs, uint64_t orig_nr, bool handler, uint64_t sa_flags)
{
	uint64_t rax = regs->rax;
	if (!signal_is_restart_result(rax))
		return false;
	if (!handler) {
		if (rax == signal_neg(SIGNAL_ERESTART_RESTARTBLOCK))
			return signal_rewind(regs, SIGNAL_NR_RESTART_SYSCALL);
		return signal_rewind(regs, orig_nr);
	}
	if (rax == signal_neg(SIGNAL_ERESTARTNOINTR) ||
	    (rax == signal_neg(SIGNAL_ERESTARTSYS) && (sa_flags & SA_RESTART) != 0))
		return signal_rewind(regs, orig_nr);
	regs->rax = signal_neg(EINTR);
	return false;
}
