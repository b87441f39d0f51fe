/*
 * The one transport entry of the userland glue: every system call an Aegis
 * program makes goes through glue_syscall6 with a number from
 * <aegis/syscall_nr.h>.  It returns what the kernel returned: a result >= 0,
 * or -errno.  Two implementations, chosen by the build: glue_call.x86_64.c
 * executes the `syscall` instruction (QEMU, musl), glue_call.sim.c sends the
 * call to aegis-sim over the process channel (host build; spec/sim-process.md).
 */
#ifndef AEGIS_GLUE_CALL_H
#define AEGIS_GLUE_CALL_H

long glue_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/*
 * The address a signal action's restorer field must hold (SA_RESTORER):
 * returning from a handler lands here and calls rt_sigreturn.
 */
void glue_signal_restorer(void);

#endif
