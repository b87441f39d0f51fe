/*
 * A user program for SIMP-020: asks to execve UPROG_EXEC_PATH; the kernel
 * side answers with the bytes of uprog_second, so this image never returns
 * unless the exec is refused (then it exits UPROG_FAIL_EXEC).
 */
#include "uprog_lib.h"

int main(void)
{
	static char *const argv[] = {UPROG_EXEC_PATH, UPROG_EXEC_ARG, 0};
	static char *const envp[] = {UPROG_EXEC_ENV, 0};
	uprog_call3(SYS_execve, (long)UPROG_EXEC_PATH, (long)argv, (long)envp);
	uprog_exit(UPROG_FAIL_EXEC);
}
