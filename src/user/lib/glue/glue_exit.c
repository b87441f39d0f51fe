/*
 * The system-call glue for ending a process: the two calls that never return.
 * Should the kernel ever return from one, the call is made again: the caller
 * was promised that control does not come back.
 */
#include "glue/glue_internal.h"

void sys_exit(int status)
{
	for (;;)
		(void)glue_syscall6(SYS_exit, (long)status, 0, 0, 0, 0, 0);
}

void sys_exit_group(int status)
{
	for (;;)
		(void)glue_syscall6(SYS_exit_group, (long)status, 0, 0, 0, 0, 0);
}
