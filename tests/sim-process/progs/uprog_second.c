/*
 * The image uprog_exec becomes (SIMP-020, SIMP-021): checks the argv and envp
 * the kernel side gave it, asks getpid, writes argv[1] and exits
 * UPROG_OK_SECOND_BASE + argc (UPROG_FAIL_ARGS on a wrong argument).
 */
#include <string.h>

#include "uprog_lib.h"

int main(int argc, char **argv, char **envp)
{
	if (argc != 2 || strcmp(argv[1], UPROG_EXEC_ARG) != 0 || !envp[0] || strcmp(envp[0], UPROG_EXEC_ENV) != 0)
		uprog_exit(UPROG_FAIL_ARGS);
	if (uprog_call3(SYS_getpid, 0, 0, 0) != UPROG_FAKE_PID)
		uprog_exit(UPROG_FAIL_GETPID);
	if (uprog_call3(SYS_write, 1, (long)argv[1], (long)strlen(argv[1])) < 0)
		uprog_exit(UPROG_FAIL_WRITE);
	uprog_exit(UPROG_OK_SECOND_BASE + argc);
}
