/*
 * Tiny system-call wrappers for the sim-process test programs, all through
 * glue_syscall6 (the programs make no host system call of their own unless a
 * test is about exactly that).
 */
#ifndef UPROG_LIB_H
#define UPROG_LIB_H

#include <aegis/syscall_nr.h>

#include "glue/glue_call.h"
#include "uprog.h"

static inline long uprog_call3(long nr, long a1, long a2, long a3)
{
	return glue_syscall6(nr, a1, a2, a3, 0, 0, 0);
}

static inline __attribute__((noreturn)) void uprog_exit(int status)
{
	uprog_call3(SYS_exit_group, status, 0, 0);
	__builtin_trap(); /* the kernel answers exit_group with EXIT: never here */
}

#endif
