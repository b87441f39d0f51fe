/*
 * A user program for SIMP-030..SIMP-032: forks; the child writes "child" and
 * exits UPROG_OK_CHILD, the parent checks it was told UPROG_CHILD_PID, writes
 * "parent" and exits UPROG_OK_PARENT.
 */
#include "uprog_lib.h"

int main(void)
{
	long r = uprog_call3(SYS_fork, 0, 0, 0);
	if (r == 0) {
		uprog_call3(SYS_write, 1, (long)"child", 5);
		uprog_exit(UPROG_OK_CHILD);
	}
	if (r != UPROG_CHILD_PID)
		uprog_exit(UPROG_FAIL_FORK);
	uprog_call3(SYS_write, 1, (long)"parent", 6);
	uprog_exit(UPROG_OK_PARENT);
}
