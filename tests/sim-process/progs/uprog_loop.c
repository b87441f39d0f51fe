/*
 * A user program for SIMP-033: makes argv[1] getpid calls in a row and
 * expects the i-th to return i (the test numbers its replies), then exits
 * UPROG_OK_BASIC, or UPROG_FAIL_GETPID at the first wrong answer.
 */
#include <stdlib.h>

#include "uprog_lib.h"

int main(int argc, char **argv)
{
	long count = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	for (long i = 0; i < count; i++)
		if (uprog_call3(SYS_getpid, 0, 0, 0) != i)
			uprog_exit(UPROG_FAIL_GETPID);
	uprog_exit(UPROG_OK_BASIC);
}
