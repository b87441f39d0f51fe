/*
 * The alternate signal stack of a thread: sigaltstack(2) and the stack
 * switch SA_ONSTACK asks for (spec/signals.md SIG-100..105).
 *
 * Design: signal_altstack_t is a plain value the thread embeds; fork copies
 * it, exec re-initialises it.  The frame builder reads it through
 * signal_frame_in_t.altstack; rt_sigreturn reinstalls the frame's uc_stack
 * through signal_altstack_restore, as Linux does.
 */
#ifndef AEGIS_KERNEL_PROC_SIGNAL_ALTSTACK_H
#define AEGIS_KERNEL_PROC_SIGNAL_ALTSTACK_H

#include <stdbool.h>
#include <stdint.h>

#include <aegis/signal.h>

typedef struct {
	uint64_t sp;    /* lowest address of the stack; 0 when disabled */
	uint64_t size;  /* bytes; 0 when disabled */
	int32_t flags;  /* as given: 0 or AEGIS_SS_ONSTACK, maybe | AEGIS_SS_AUTODISARM; AEGIS_SS_DISABLE */
} signal_altstack_t;

/* No alternate stack (a new thread, and after exec). */
void signal_altstack_init(signal_altstack_t *a);

/* True when sp lies on the alternate stack: sp in (a->sp, a->sp + size]; never with SS_AUTODISARM. */
bool signal_altstack_on(const signal_altstack_t *a, uint64_t sp);

/*
 * sigaltstack(ss, old_ss) for a thread whose user stack pointer is user_sp.
 * ss and old may be NULL.  *old gets the stack, with ss_flags SS_DISABLE,
 * SS_ONSTACK (user_sp is on it) or 0, plus SS_AUTODISARM when set.  A new
 * stack is refused with -EPERM while user_sp is on the current one, -EINVAL
 * for flags other than 0, SS_ONSTACK or SS_DISABLE (each with or without
 * SS_AUTODISARM) or a range that does not lie in the user half, -ENOMEM for
 * a size below AEGIS_MINSIGSTKSZ.  SS_DISABLE ignores ss_sp and ss_size.
 * A refused call changes nothing.
 */
int signal_altstack_set(signal_altstack_t *a, const aegis_stack_t *ss, aegis_stack_t *old, uint64_t user_sp);

/*
 * rt_sigreturn: reinstall the uc_stack a frame carries (a handler may have
 * changed it), with the rules of signal_altstack_set for user_sp (the
 * restored rsp).  As Linux, a refusal is ignored: the stack stays as it is.
 */
void signal_altstack_restore(signal_altstack_t *a, const aegis_stack_t *uc_stack, uint64_t user_sp);

#endif
