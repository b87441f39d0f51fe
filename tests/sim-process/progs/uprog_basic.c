/*
 * A user program for spec/sim-process.md SIMP-010..SIMP-014: write from its
 * own memory, getpid, a write from a bad pointer (expects -EFAULT) and a read
 * into a buffer the kernel side fills; exits UPROG_OK_BASIC when every answer
 * was the expected one, or the UPROG_FAIL_* code of the first that was not.
 */
#include <errno.h>
#include <string.h>

#include "uprog_lib.h"

int main(void)
{
	static const char hi[] = "hi";
	char box[UPROG_BOX_SIZE];
	if (uprog_call3(SYS_write, 1, (long)hi, 2) != 2)
		uprog_exit(UPROG_FAIL_WRITE);
	if (uprog_call3(SYS_getpid, 0, 0, 0) != UPROG_FAKE_PID)
		uprog_exit(UPROG_FAIL_GETPID);
	if (uprog_call3(SYS_write, 1, UPROG_BAD_ADDR, 4) != -EFAULT)
		uprog_exit(UPROG_FAIL_EFAULT);
	memset(box, 0, sizeof(box));
	long n = uprog_call3(SYS_read, 0, (long)box, sizeof(box));
	if (n != (long)strlen(UPROG_KERNEL_TEXT) || memcmp(box, UPROG_KERNEL_TEXT, (size_t)n) != 0)
		uprog_exit(UPROG_FAIL_READ);
	uprog_exit(UPROG_OK_BASIC);
}
