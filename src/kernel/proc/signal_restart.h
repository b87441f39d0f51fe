/*
 * Restarting a system call that a signal interrupted (spec/signals.md
 * SIG-080..083), as Linux's x86_64 handle_signal/arch_do_signal do it.
 *
 * A blocking system call that is woken by a signal returns one of the
 * SIGNAL_ERESTART* values below (kernel-internal, Linux's numbers; a program
 * never sees them).  Before delivering (or not delivering) a signal, the
 * caller passes the registers to signal_syscall_restart, which turns the
 * value into -EINTR or rewinds rip over the `syscall` instruction with the
 * original number in rax so the call runs again when the thread resumes.
 * With a handler, the rewound registers are the ones saved in the frame, so
 * the restart happens after the handler returns.
 */
#ifndef AEGIS_KERNEL_PROC_SIGNAL_RESTART_H
#define AEGIS_KERNEL_PROC_SIGNAL_RESTART_H

#include <stdbool.h>
#include <stdint.h>

#include "platform.h"

#define SIGNAL_ERESTARTSYS 512            /* restart unless a handler without SA_RESTART runs */
#define SIGNAL_ERESTARTNOINTR 513         /* always restart */
#define SIGNAL_ERESTARTNOHAND 514         /* restart only when no handler runs, else -EINTR */
#define SIGNAL_ERESTART_RESTARTBLOCK 516  /* no handler: run restart_syscall; handler: -EINTR */

/* Length of the x86_64 `syscall` instruction (0f 05). */
#define SIGNAL_SYSCALL_INSN_LEN 2u
/* Linux x86_64 number of restart_syscall(2). */
#define SIGNAL_NR_RESTART_SYSCALL 219u

/* True for the four SIGNAL_ERESTART* results (as the negative value in rax). */
bool signal_is_restart_result(uint64_t rax);

/*
 * regs are the user registers right after a system call numbered orig_nr
 * returned the value now in regs->rax.  handler: a handler is about to run,
 * with SA_* flags sa_flags; false when no handler runs (nothing deliverable,
 * ignored, or a stop that will later be continued).  Returns true when the
 * call was set up to restart (rip -= 2, rax = orig_nr or restart_syscall),
 * false when regs->rax is left alone or became -EINTR.  A result that is not
 * a restart value is never touched.
 */
bool signal_syscall_restart(platform_uregs_t *regs, uint64_t orig_nr, bool handler, uint64_t sa_flags);

#endif
